import type { Repositories } from '$lib/storage/repositories';
import { isWriteMethod } from '$lib/storage/broadcast';

/**
 * Counts the writes of this tab that have not settled yet, so that a reload (an app update) can wait for them:
 * a reload aborts an IndexedDB transaction that has not committed.
 */
export class PendingWrites {
	#count = $state(0);
	#idle: (() => void)[] = [];

	get pending() {
		return this.#count;
	}

	/** Marks a write (or a queue of them) as started; call the returned function once when it has settled. */
	begin(): () => void {
		this.#count++;
		let settled = false;
		return () => {
			if (settled) return;
			settled = true;
			this.#count--;
			if (this.#count === 0) for (const resolve of this.#idle.splice(0)) resolve();
		};
	}

	/** Resolves when no write is pending (at once if none is). */
	idle(): Promise<void> {
		if (this.#count === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	/** Wraps the repositories so each write counts from its call until it has committed or failed. */
	track(repos: Repositories): Repositories {
		const wrapped = {} as Record<string, unknown>;
		for (const [store, repo] of Object.entries(repos) as [string, Record<string, unknown>][]) {
			const out: Record<string, unknown> = {};
			for (const [name, fn] of Object.entries(repo)) {
				if (typeof fn !== 'function') continue;
				out[name] = isWriteMethod(name)
					? async (...args: unknown[]) => {
							const done = this.begin();
							try {
								return await (fn as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
							} finally {
								done();
							}
						}
					: fn;
			}
			wrapped[store] = out;
		}
		return wrapped as unknown as Repositories;
	}
}
