import { stamp } from '$lib/domain/common';
import { withoutRev } from '$lib/domain/revision';
import type { Framework } from '$lib/domain/framework/schema';
import type { AppState } from './app.svelte';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';
import { writeMerged } from './merge-write';
import type { StateDeps } from './deps';

/** Built-in frameworks (shipped with the code, read-only) and the user's own (IndexedDB, versioned). */
export class FrameworkLibraryState {
	#app: AppState;
	// Built-ins (270 KB of JSON) are loaded with the library, not with the app shell.
	#builtIns = $state.raw<Framework[]>([]);
	#mine = $state.raw<Framework[]>([]);
	#loaded = $state(false);
	#failure = $state<UserError | null>(null);
	/** The copy 复制并编辑 made, held in memory until its first save, so cancelling leaves nothing behind. */
	#draft = $state.raw<{ framework: Framework; sourceId: string } | null>(null);

	readonly #repos: StateDeps['repos'];

	constructor(deps: StateDeps, app: AppState) {
		this.#repos = deps.repos;
		this.#app = app;
	}

	get mine() {
		return this.#mine;
	}
	get all(): Framework[] {
		return [...this.#builtIns, ...this.#mine];
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

	find(id: string): Framework | undefined {
		return this.all.find((f) => f.id === id);
	}

	#loading: Promise<void> | null = null;

	/** Loads once, on first need (library pages, new campaign, framework moves), not at app start. */
	ensureLoaded(): Promise<void> {
		this.#loading ??= this.load();
		return this.#loading;
	}

	async load() {
		try {
			const [{ builtInFrameworks }, mine] = await Promise.all([import('$lib/frameworks'), this.#repos.frameworks.list()]);
			this.#builtIns = builtInFrameworks;
			this.#mine = mine;
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e);
		} finally {
			this.#loaded = true;
		}
	}

	#stored(saved: Framework) {
		this.#mine = [...this.#mine.filter((f) => f.id !== saved.id), saved].sort((a, b) => a.id.localeCompare(b.id));
		this.#failure = null;
	}

	async #put(fw: Framework): Promise<Framework | null> {
		try {
			const saved = await this.#repos.frameworks.put(fw);
			this.#stored(saved);
			return saved;
		} catch (e) {
			this.#failure = toUserError(e);
			return null;
		}
	}

	/** An unsaved copy (see `duplicate`) by id. */
	draft(id: string): { framework: Framework; sourceId: string } | undefined {
		return this.#draft?.framework.id === id ? this.#draft : undefined;
	}

	// Framework editing code is loaded when a framework is first edited, not with the home page.
	/** An editable copy of `fw`, kept in memory: it is stored only when the editor first saves it. */
	async duplicate(fw: Framework, copySuffix: string): Promise<Framework> {
		const { duplicateFramework } = await import('$lib/domain/framework');
		const copy = duplicateFramework(fw, this.#app.context(), copySuffix);
		this.#draft = { framework: copy, sourceId: fw.id };
		return copy;
	}

	/** Forgets an unsaved copy (the editor was cancelled). */
	discardDraft(id: string) {
		if (this.draft(id)) this.#draft = null;
	}

	/** Saves an edit of a user framework as its next version; an unsaved copy is stored as its version 1. */
	async saveEdit(fw: Framework): Promise<Framework | null> {
		const ctx = this.#app.context();
		if (this.draft(fw.id)) {
			const saved = await this.#put({ ...fw, ...stamp(ctx) });
			if (saved) this.#draft = null;
			return saved;
		}
		const { nextVersion } = await import('$lib/domain/framework');
		const repo = this.#repos.frameworks;
		try {
			// Saved in another tab meanwhile: a framework is kept or replaced whole (the user chooses), and mine
			// becomes the version after theirs, so theirs stays in the history.
			const saved = await writeMerged({
				base: fw,
				mine: fw,
				latest: this.#mine.find((f) => f.id === fw.id) ?? fw,
				fields: 'whole',
				read: () => repo.get(fw.id),
				put: (next, theirs) => repo.put(nextVersion({ ...next, version: theirs.version }, ctx)),
				conflicts: this.#app.conflicts,
				what: 'conflict.framework',
				params: (theirs) => ({ name: theirs.title, version: theirs.version })
			});
			this.#stored(saved);
			return saved;
		} catch (e) {
			this.#failure = toUserError(e);
			return null;
		}
	}

	/** Adds an imported framework; an id already in the library gets a fresh one so nothing is overwritten. */
	async importFramework(fw: Framework): Promise<{ framework: Framework; renamed: boolean } | null> {
		const { newSlug } = await import('$lib/domain/framework');
		const ctx = this.#app.context();
		const renamed = this.find(fw.id) !== undefined;
		const now = ctx.now();
		// A file's framework is a new record here, whatever revision it was exported with.
		const saved = await this.#put({ ...withoutRev(fw), id: renamed ? newSlug(ctx, fw.id.slice(0, 40)) : fw.id, builtIn: false, updatedAt: now, updatedBy: ctx.user });
		return saved ? { framework: saved, renamed } : null;
	}

	async remove(id: string) {
		try {
			await this.#repos.frameworks.delete(id);
			this.#mine = this.#mine.filter((f) => f.id !== id);
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e);
		}
	}

	/** Every saved version of a user framework (built-ins have just the one they ship with). */
	async versions(id: string): Promise<Framework[]> {
		const builtIn = this.#builtIns.find((f) => f.id === id);
		if (builtIn) return [builtIn];
		try {
			return await this.#repos.frameworks.listVersions(id);
		} catch (e) {
			this.#failure = toUserError(e);
			return [];
		}
	}
}
