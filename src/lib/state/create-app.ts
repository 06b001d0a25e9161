import { randomId, systemClock, type Clock, type NewId } from '$lib/domain/clock';
import { initI18n } from '$lib/i18n/index.svelte';
import { createIdbRepositories, getDb, onVersionChange } from '$lib/storage';
import { broadcastWrites, ChangeBroadcast } from '$lib/storage/broadcast';
import type { Repositories } from '$lib/storage/repositories';
import { AppState } from './app.svelte';
import { AppUpdateState } from './app-update.svelte';
import { BackupState } from './backup.svelte';
import type { StateDeps } from './deps';
import { watchDrafts } from './drafts';
import { FrameworkLibraryState } from './framework-library.svelte';
import { PendingWrites } from './pending-writes.svelte';

export interface AppOptions {
	/** The service worker's URL and module type (in dev, Vite serves it as an ES module). */
	worker: { script: string; type: WorkerType };
	/** Defaults: IndexedDB, the system clock and random UUIDs; tests pass their own. */
	repos?: Repositories;
	clock?: Clock;
	newId?: NewId;
}

export interface AppEvents {
	/** A newer tab upgrading the database, or this tab waiting for an older one to let go. */
	onConnection(kind: 'blocking' | 'blocked'): void;
	/** Opening the database is instant, except the first time after an update moves a large one to a new layout. */
	onSlowOpen(): void;
}

/**
 * The composition root: builds the repositories (every write counted until it settles, so an app update never
 * reloads over one, and announced to other tabs) and hands them, with the clock and the id generator, to the
 * app-wide state classes. Nothing runs until `start`.
 */
export function createApp(options: AppOptions) {
	initI18n();
	const broadcast = new ChangeBroadcast();
	const writes = new PendingWrites();
	const deps: StateDeps = {
		repos: writes.track(broadcastWrites(options.repos ?? createIdbRepositories(getDb), broadcast)),
		clock: options.clock ?? systemClock,
		newId: options.newId ?? randomId
	};
	let drafts: ReturnType<typeof watchDrafts> | null = null;
	const hasDrafts = () => drafts?.hasDrafts() ?? false;
	const app = new AppState(deps, broadcast, writes, undefined, hasDrafts);
	const library = new FrameworkLibraryState(deps, app);
	const backup = new BackupState(deps, app);
	const update = new AppUpdateState({
		container: 'serviceWorker' in navigator ? navigator.serviceWorker : null,
		script: options.worker.script,
		options: { type: options.worker.type },
		writes,
		hasDrafts,
		reload: () => location.reload()
	});

	/** Loads settings and the last backup date and starts watching other tabs and updates; returns the stop function. */
	function start(doc: Document, events: AppEvents): () => void {
		const slow = setTimeout(events.onSlowOpen, 800);
		void app.load().finally(() => clearTimeout(slow));
		void backup.load();
		const stopVersion = onVersionChange((e) => {
			if (e.kind === 'blocking' || e.kind === 'blocked') events.onConnection(e.kind);
			// The browser closed the database, e.g. because it cleared our storage: see whether the data is still there.
			else void app.checkInstall().catch(() => {});
		});
		const stopRemote = app.onRemoteChange((c) => {
			if (c.store === 'settings' || c.store === 'backup') void app.load();
			if (c.store === 'meta' || c.store === 'backup') void backup.load();
		});
		drafts = watchDrafts(doc);
		void update.start();
		// The browser looks for a new worker only on navigations, which a single-page app barely makes: look
		// whenever the tab comes back into view, and hourly for a tab left open all day.
		const checkWhenVisible = () => {
			if (doc.visibilityState === 'visible') void update.check();
		};
		doc.addEventListener('visibilitychange', checkWhenVisible);
		const hourly = setInterval(() => void update.check(), 60 * 60 * 1000);
		return () => {
			clearTimeout(slow);
			stopVersion();
			stopRemote();
			update.stop();
			drafts?.stop();
			doc.removeEventListener('visibilitychange', checkWhenVisible);
			clearInterval(hourly);
		};
	}

	return { deps, app, library, backup, update, start };
}
