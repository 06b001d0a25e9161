import type { BackupProblem, BackupScope, NewerLocally, RestoreMode } from '$lib/domain/backup';
import type { RestoreResult, StoreRecords } from '$lib/storage/repositories';
import type { AppState } from './app.svelte';
import { t, type MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';
import type { StateDeps } from './deps';

export const LAST_BACKUP_KEY = 'lastBackup';
/** Written into every file's manifest. */
export const APP_VERSION = '0.1.0';

export type Inspection =
	| { ok: true; data: StoreRecords; createdAt: string; scope: BackupScope; counts: Record<string, number> }
	| { ok: false; problems: BackupProblem[] };

/** A backup file written and read back: its name and how many files in it passed their CRC-32 check. */
export interface SavedBackup {
	name: string;
	files: number;
}

/** What the restore panel is doing: checking a file (entries read of all) or writing it (screenshot files written of all). */
export type BackupProgress = { step: 'check' | 'restore'; done: number; total: number };

/** One-file backup (.kaiming) and restore; file code loads only when used. */
export class BackupState {
	#app: AppState;
	#lastBackup = $state<string | null>(null);
	#saved = $state<SavedBackup | null>(null);
	#failure = $state<UserError | null>(null);
	#busy = $state(false);
	#progress = $state<BackupProgress | null>(null);

	readonly #repos: StateDeps['repos'];
	readonly #clock: StateDeps['clock'];

	constructor(deps: StateDeps, app: AppState) {
		this.#repos = deps.repos;
		this.#clock = deps.clock;
		this.#app = app;
	}

	get lastBackup() {
		return this.#lastBackup;
	}
	/** The last backup written in this page, once verified. */
	get saved() {
		return this.#saved;
	}
	/** The message key of the last failure; `failure` has its details, as the UI shows them. */
	get error(): MessageKey | null {
		return this.#failure?.key ?? null;
	}
	get failure() {
		return this.#failure;
	}
	/** A file is being read or restored. */
	get busy() {
		return this.#busy;
	}

	/** While a file is checked or restored; a big file takes minutes, and the page says how far it is. */
	get progress() {
		return this.#progress;
	}

	/** Runs a restore step with `busy` set, cleared however it ends. */
	async #busyWhile<T>(job: () => Promise<T>): Promise<T> {
		this.#busy = true;
		try {
			return await job();
		} finally {
			this.#busy = false;
			this.#progress = null;
		}
	}

	async load() {
		try {
			const v = await this.#repos.meta.get(LAST_BACKUP_KEY);
			this.#lastBackup = typeof v === 'string' ? v : null;
		} catch (e) {
			this.#failure = toUserError(e);
		}
	}

	/**
	 * Writes the backup file for everything or one campaign, reads it back to verify it, and records when.
	 * Call it straight from a click: where the browser can save to a picked file, the picker opens first (it
	 * needs the click), and the backup streams into that file; elsewhere it becomes a download. Null when the
	 * user closed the picker or it failed (see `error`).
	 */
	async backup(campaign?: { id: string; title: string }): Promise<SavedBackup | null> {
		this.#saved = null;
		try {
			const [{ writeBackup, verifyBackup }, { openSaveTarget }, { safeFileName }] = await Promise.all([
				import('$lib/io/backup'),
				import('$lib/io/save-file'),
				import('$lib/io/download')
			]);
			const createdAt = this.#clock.now().toISOString();
			const name = safeFileName(`kaiming-${campaign ? campaign.title : 'backup'}-${createdAt.slice(0, 10)}.kaiming`);
			const target = await openSaveTarget(name, { description: t('backup.fileType'), mime: 'application/zip', extension: '.kaiming' });
			if (!target) return null;
			const data = await this.#repos.backup.exportAll(campaign?.id);
			const meta = { appVersion: APP_VERSION, createdAt, scope: campaign ? { kind: 'campaign' as const, campaignId: campaign.id, title: campaign.title } : { kind: 'all' as const } };
			const written = await writeBackup(data, meta, target.writable);
			const files = await verifyBackup(await target.written(), written);
			await target.deliver();
			if (!campaign) {
				await this.#repos.meta.put(LAST_BACKUP_KEY, createdAt);
				this.#lastBackup = createdAt;
			}
			this.#failure = null;
			return (this.#saved = { name, files });
		} catch (e) {
			this.#failure = toUserError(e);
			return null;
		}
	}

	/** Reads and validates a backup file completely; nothing is written. Null when the file could not be read (see `error`). */
	inspect(file: File): Promise<Inspection | null> {
		return this.#busyWhile(() => this.#inspect(file));
	}

	async #inspect(file: File): Promise<Inspection | null> {
		try {
			const { readBackup } = await import('$lib/io/backup');
			this.#progress = { step: 'check', done: 0, total: 0 };
			const r = await readBackup(file, (p) => (this.#progress = { step: 'check', ...p }));
			this.#failure = null;
			if (!r.ok) return { ok: false, problems: r.problems };
			const refused = await this.#teamRefusal(r.manifest.scope, r.data);
			if (refused) return { ok: false, problems: [refused] };
			return { ok: true, data: r.data, createdAt: r.manifest.createdAt, scope: r.manifest.scope, counts: r.manifest.counts };
		} catch (e) {
			this.#failure = toUserError(e, { fallback: 'backup.error.unreadable', file: file.name });
			return null;
		}
	}

	/**
	 * Work packages are opened and returns merged, never restored; a campaign opened from a package here is replaced
	 * only by opening a package again (a restore would lose its base, so it could not be handed back); and a backup of
	 * a package copy does not replace the campaign it was issued from.
	 */
	async #teamRefusal(scope: BackupScope, data: StoreRecords): Promise<BackupProblem | null> {
		if (scope.kind === 'package' || scope.kind === 'return') return { code: `teamPackage.restore.${scope.kind}`, params: {} };
		for (const c of data.campaigns) {
			const here = await this.#repos.campaigns.get(c.id);
			if (here?.package) return { code: 'teamPackage.restore.packageMode', params: { title: here.title }, store: 'campaigns', id: c.id };
			// An assessor's copy over the lead's campaign would replace its issued packages with the copy's, and later returns would be refused.
			if (here && c.package) return { code: 'teamPackage.restore.packageCopy', params: { title: here.title }, store: 'campaigns', id: c.id };
		}
		return null;
	}

	/** Null when the write failed (see `error`); a refusal (nothing written) comes back with its reasons. */
	restore(data: StoreRecords, mode: RestoreMode): Promise<RestoreResult | null> {
		return this.#busyWhile(async () => {
			try {
				this.#progress = { step: 'restore', done: 0, total: 0 };
				const result = await this.#repos.backup.restore(data, mode, (p) => (this.#progress = { step: 'restore', ...p }));
				if (result.ok && result.report.settings === 'restored') await this.#app.load();
				this.#failure = null;
				return result;
			} catch (e) {
				this.#failure = toUserError(e);
				return null;
			}
		});
	}

	/** The stored records that replacing with `data` would take back to an older version; null when they could not be read (see `error`). */
	newerLocally(data: StoreRecords): Promise<NewerLocally[] | null> {
		return this.#busyWhile(async () => {
			try {
				const plan = await this.#repos.backup.plan(data, 'replace');
				this.#failure = null;
				return plan.newerLocally;
			} catch (e) {
				this.#failure = toUserError(e);
				return null;
			}
		});
	}
}
