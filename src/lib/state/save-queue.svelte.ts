import { systemClock, type Clock } from '$lib/domain/clock';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';

interface Op {
	/** Ops with the same key replace each other while queued: only the latest value of a field is written. */
	key: string;
	run: () => Promise<unknown>;
}

/** Told when a queue starts holding writes and when it has drained (the app's count of pending writes). */
export interface WriteTracker {
	begin(): () => void;
}

/**
 * Writes one at a time, in order, so an older value never lands after a newer one. `saved` turns true
 * only after the last queued transaction has committed; a failure is kept until the next success.
 */
export class SaveQueue {
	readonly #tracker: WriteTracker | null;
	// Held from the first push until the queue has drained, so the gaps between two queued writes count too.
	#settled: (() => void) | null = null;
	#queue: Op[] = [];
	#running = false;
	#pending = $state(0);
	#failure = $state<UserError | null>(null);
	#failedKeys = $state.raw<ReadonlySet<string>>(new Set());
	#lastSavedAt = $state<string | null>(null);
	#idle: (() => void)[] = [];

	readonly #clock: Clock;

	constructor(tracker: WriteTracker | null = null, clock: Clock = systemClock) {
		this.#tracker = tracker;
		this.#clock = clock;
	}

	get pending() {
		return this.#pending;
	}
	/** The message key of the last failure (see `failure` for its details); null once every failed key is written. */
	get error(): MessageKey | null {
		return this.#failure?.key ?? null;
	}
	/** The last failure, with its details (record, quota), as the UI shows it. */
	get failure() {
		return this.#failure;
	}
	get lastSavedAt() {
		return this.#lastSavedAt;
	}
	hasFailed(key: string) {
		return this.#failedKeys.has(key);
	}

	push(key: string, run: () => Promise<unknown>) {
		const i = this.#queue.findIndex((op) => op.key === key);
		if (i >= 0) this.#queue[i] = { key, run };
		else this.#queue.push({ key, run });
		this.#pending = this.#queue.length + (this.#running ? 1 : 0);
		this.#settled ??= this.#tracker?.begin() ?? null;
		if (!this.#running) void this.#drain();
	}

	/** Resolves when everything queued so far has been written or has failed. */
	idle(): Promise<void> {
		if (!this.#running && this.#queue.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	async #drain() {
		this.#running = true;
		while (this.#queue.length > 0) {
			const op = this.#queue.shift()!;
			try {
				await op.run();
				this.#lastSavedAt = this.#clock.now().toISOString();
				if (this.#failedKeys.has(op.key)) {
					const next = new Set(this.#failedKeys);
					next.delete(op.key);
					this.#failedKeys = next;
				}
				if (this.#failedKeys.size === 0) this.#failure = null;
			} catch (e) {
				this.#failure = toUserError(e);
				this.#failedKeys = new Set([...this.#failedKeys, op.key]);
			}
			this.#pending = this.#queue.length;
		}
		this.#running = false;
		this.#pending = 0;
		this.#settled?.();
		this.#settled = null;
		for (const resolve of this.#idle.splice(0)) resolve();
	}
}
