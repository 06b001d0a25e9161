import type { MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';

/** A failure another state class has already turned into what the user sees; a job passes it on as it is. */
export class ShownError extends Error {
	readonly error: UserError;
	constructor(error: UserError) {
		super(error.key);
		this.name = 'ShownError';
		this.error = error;
	}
}

/**
 * One export or import job behind a button: `busy` while it runs, `failure` after it threw — the specific
 * message with its details (file, row, record, quota) through `toUserError`, or `fallback` for the unexpected.
 */
export class Job {
	#busy = $state(false);
	#failure = $state.raw<UserError | null>(null);
	readonly #fallback: MessageKey;

	constructor(fallback: MessageKey = 'report.exportFailed') {
		this.#fallback = fallback;
	}

	get busy() {
		return this.#busy;
	}
	get failed() {
		return this.#failure !== null;
	}
	get failure() {
		return this.#failure;
	}

	/** Runs `work`; resolves to whether it succeeded (it never rejects). */
	async run(work: () => Promise<unknown>): Promise<boolean> {
		this.#busy = true;
		this.#failure = null;
		try {
			await work();
			return true;
		} catch (e) {
			this.#failure = e instanceof ShownError ? e.error : toUserError(e, { fallback: this.#fallback });
			return false;
		} finally {
			this.#busy = false;
		}
	}
}
