import type { Context } from '$lib/domain/common';
import { calendarToList, type WorkCalendar } from '$lib/domain/calendar';
import { mergeFields } from '$lib/domain/field-merge';
import { checkInstall, DataLoss, InstallMarker } from '$lib/domain/install-marker';
import { Settings, type Locale } from '$lib/domain/settings';
import { i18n, loadLocale, type MessageKey } from '$lib/i18n/index.svelte';
import type { ChangeBroadcast, RemoteChange } from '$lib/storage/broadcast';
import { browserCopies, DATA_LOSS_KEY, INSTALL_KEY, type MarkerCopies } from '$lib/storage/install-marker';
import { estimateStorage, requestPersistence } from '$lib/storage/quota';
import { toUserError, type UserError } from './errors';
import { PendingWrites } from './pending-writes.svelte';
import { writeMerged } from './merge-write';
import { RecordConflicts } from './record-conflicts.svelte';
import type { StateDeps } from './deps';

/** The settings a user edits, with their names in the UI. */
const SETTINGS_FIELDS = {
	assessorName: 'settings.assessorName',
	locale: 'settings.language',
	calendar: 'settings.calendarTitle',
	advanceAfterOutcome: 'settings.advanceAfterOutcome'
} as const satisfies Partial<Record<keyof Settings, MessageKey>>;

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

function settingText(field: string, value: unknown): string | undefined {
	if (field === 'locale') return LOCALE_NAMES[value as Locale];
	if (field === 'calendar') return calendarToList(value as WorkCalendar);
	return undefined;
}

export class AppState {
	#settings = $state<Settings>(Settings.parse({}));
	/** The settings as last read or written: what the edits in `#settings` were made from. */
	#stored: Settings = Settings.parse({});
	#loaded = $state(false);
	#failure = $state<UserError | null>(null);
	/** The assessor of the campaign on screen, read when the top bar renders (so edits show at once). */
	#campaignAssessor = $state<(() => string) | null>(null);
	/** Settings writes, one at a time, each based on the revision the previous one stored. */
	#writes: Promise<unknown> = Promise.resolve();
	// A change made while the stored settings are still being read (a click on the first screen) is applied over them.
	#loading: Promise<void> = Promise.resolve();
	#dataLoss = $state<DataLoss | null>(null);
	readonly #copies: MarkerCopies;

	readonly #broadcast: ChangeBroadcast | null;
	/** Records changed here and in another tab on the same fields, waiting for the user (one dialog, app-wide). */
	readonly conflicts = new RecordConflicts();
	/** This tab's unsettled writes; `repos` should be wrapped with `writes.track` so direct writes count too. */
	readonly writes: PendingWrites;

	/** Whether a form on the page holds typing not submitted yet (`watchDrafts`), which leaving would lose. */
	readonly hasDrafts: () => boolean;

	readonly #deps: StateDeps;

	constructor(deps: StateDeps, broadcast: ChangeBroadcast | null = null, writes = new PendingWrites(), copies: MarkerCopies = browserCopies, hasDrafts: () => boolean = () => false) {
		this.#deps = deps;
		this.#copies = copies;
		this.#broadcast = broadcast;
		this.writes = writes;
		this.hasDrafts = hasDrafts;
	}

	/** Changes committed by other tabs; returns the unsubscribe function. */
	onRemoteChange(listener: (change: RemoteChange) => void): () => void {
		return this.#broadcast?.subscribe(listener) ?? (() => {});
	}

	get settings() {
		return this.#settings;
	}
	get loaded() {
		return this.#loaded;
	}
	/** The message key of the last failure; `failure` has its details, as the UI shows them. */
	get error(): MessageKey | null {
		return this.#failure?.key ?? null;
	}
	get failure() {
		return this.#failure;
	}

	load() {
		return (this.#loading = this.#load());
	}

	async #load() {
		try {
			this.#settings = this.#stored = await this.#deps.repos.settings.get();
			await loadLocale(this.#settings.locale);
			i18n.locale = this.#settings.locale;
			await this.checkInstall();
		} catch (e) {
			this.#failure = toUserError(e);
		} finally {
			this.#loaded = true;
		}
	}

	/** Set when the data stored in this browser was found gone (evicted or cleared), until the user dismisses it. */
	get dataLoss() {
		return this.#dataLoss;
	}

	/**
	 * Compares the database's install marker with its copies outside it. A loss is recorded before a new marker is
	 * written, so the notice stays until dismissed even if the page is reloaded at once.
	 */
	async checkInstall() {
		const meta = this.#deps.repos.meta;
		const stored = await meta.get(INSTALL_KEY);
		const check = checkInstall(stored, this.#copies.read());
		if (check === 'lost') await meta.put(DATA_LOSS_KEY, { detectedAt: this.#deps.clock.now().toISOString() });
		if (check === 'present') {
			this.#copies.write(InstallMarker.parse(stored).id);
		} else {
			const marker = { id: this.#deps.newId(), createdAt: this.#deps.clock.now().toISOString() };
			await meta.put(INSTALL_KEY, marker);
			this.#copies.write(marker.id);
		}
		const loss = DataLoss.safeParse(await meta.get(DATA_LOSS_KEY));
		this.#dataLoss = loss.success ? loss.data : null;
	}

	async dismissDataLoss() {
		this.#dataLoss = null;
		try {
			await this.#deps.repos.meta.put(DATA_LOSS_KEY, null);
		} catch (e) {
			this.#failure = toUserError(e);
		}
	}

	async update(patch: Partial<Settings>) {
		await this.#loading;
		const next = { ...this.#settings, ...patch };
		if (patch.locale) {
			await loadLocale(patch.locale);
			i18n.locale = patch.locale;
		}
		this.#settings = next;
		const write = this.#writes.then(async () => {
			try {
				// Everything changed so far, over the copy last stored (loaded, or written by the previous update) or,
				// when another tab wrote meanwhile, merged into theirs.
				const mine = this.#settings;
				const settings = this.#deps.repos.settings;
				const saved = await writeMerged({
					base: this.#stored,
					mine,
					latest: this.#stored,
					fields: SETTINGS_FIELDS,
					read: () => settings.get(),
					put: (next) => settings.put(next),
					conflicts: this.conflicts,
					what: 'conflict.settings',
					params: () => ({}),
					show: settingText
				});
				this.#stored = saved;
				// What was changed here while the write ran stays over what it stored.
				this.#settings = mergeFields(mine, this.#settings, saved, Object.keys(SETTINGS_FIELDS)).keepingMine;
				const locale = this.#settings.locale;
				if (locale !== i18n.locale) {
					await loadLocale(locale);
					i18n.locale = locale;
				}
				this.#failure = null;
			} catch (e) {
				this.#failure = toUserError(e);
			}
		});
		this.#writes = write;
		await write;
	}

	setLocale(locale: Locale) {
		return this.update({ locale });
	}

	/** Asks for persistent storage (the browser then never evicts Kaiming's data on its own). */
	requestPersistence() {
		return requestPersistence();
	}

	/** Used and available space of this origin, for the storage line. */
	estimateStorage() {
		return estimateStorage();
	}

	/** Stamps records with the assessor named in settings, falling back to the campaign's assessor. */
	context(fallbackUser = ''): Context {
		return {
			now: () => this.#deps.clock.now().toISOString(),
			newId: this.#deps.newId,
			user: this.#user(fallbackUser)
		};
	}

	#user(campaignAssessor: string): string {
		return this.#settings.assessorName || campaignAssessor;
	}

	/**
	 * The campaign on screen says who grades it, so the top bar can name them; returns the function that
	 * takes it back when the campaign closes.
	 */
	showCampaign(assessor: () => string): () => void {
		this.#campaignAssessor = assessor;
		return () => {
			if (this.#campaignAssessor === assessor) this.#campaignAssessor = null;
		};
	}

	/** Who is grading, as the records being written will say (the rule of `context`). */
	get assessor(): string {
		return this.#user(this.#campaignAssessor?.() ?? '');
	}
}
