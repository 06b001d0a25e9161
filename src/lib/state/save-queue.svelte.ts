import { systemClock, type Clock } from '$lib/domain/clock';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';

/** One write: `value` is what it stores (shown on screen until it has committed), `target` whose it is. */
export interface Write<V> {
	/** Writes with the same key replace each other while queued: only the latest value of a field is written. */
	key: string;
	run: () => Promise<unknown>;
	target?: string;
	value?: V;
}

/** A write not committed yet: queued, running, or failed (kept until written again or discarded). */
export interface Unsaved<V> extends Write<V> {
	failed: boolean;
}

/** Told when a queue starts holding writes and when it has drained (the app's count of pending writes). */
export interface WriteTracker {
	begin(): () => void;
}

/**
 * Writes one at a time, in order, so an older value never lands after a newer one. `saved` turns true
 * only after the last queued transaction has committed. Every write not committed yet stays listed in
 * `unsaved` (with its value) — a failed one until it is written again (`retry`, or a newer value of its
 * key) or dropped (`discard`), so a failure never looks saved later.
 */
export class SaveQueue<V = unknown> {
	readonly #tracker: WriteTracker | null;
	// Held from the first push until the queue has drained, so the gaps between two queued writes count too.
	#settled: (() => void) | null = null;
	#queue: Write<V>[] = [];
	#running = false;
	#pending = $state(0);
	#failure = $state<UserError | null>(null);
	// The latest write of each key not committed yet, in the order keys first became unsaved (a finding
	// before the evidence that needs it), which is the order a retry writes them in.
	#unsaved = $state.raw<ReadonlyMap<string, Unsaved<V>>>(new Map());
	// Apart from `#unsaved`, which changes on every keystroke: cards read this and re-render only on a failure.
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
	/** The message key of the last failure (see `failure` for its details); null once no failed write is left. */
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
	/** How many failed writes wait for a retry or a discard. */
	get failed() {
		return this.#failedKeys.size;
	}
	/** Every write not committed yet (queued, running or failed), oldest key first. */
	get unsaved(): Iterable<Unsaved<V>> {
		return this.#unsaved.values();
	}
	/** The value of a key's write not committed yet. */
	unsavedValue(key: string): V | undefined {
		return this.#unsaved.get(key)?.value;
	}
	/** How many writes are not committed yet, of one target or of all. */
	unsavedCount(target?: string): number {
		if (target === undefined) return this.#unsaved.size;
		let n = 0;
		for (const w of this.#unsaved.values()) if (w.target === target) n++;
		return n;
	}

	push(key: string, run: () => Promise<unknown>, about: { target?: string; value?: V } = {}) {
		const write: Write<V> = { key, run, ...about };
		const i = this.#queue.findIndex((op) => op.key === key);
		if (i >= 0) this.#queue[i] = write;
		else this.#queue.push(write);
		this.#setUnsaved(key, { ...write, failed: false });
		this.#pending = this.#queue.length + (this.#running ? 1 : 0);
		this.#settled ??= this.#tracker?.begin() ?? null;
		if (!this.#running) void this.#drain();
	}

	/** Writes every failed value again, in the order they were first changed. */
	retry() {
		for (const w of [...this.#unsaved.values()]) if (w.failed) this.push(w.key, w.run, { target: w.target, value: w.value });
	}

	/** Drops every failed write, or that of one key (queued and running ones go on); returns them, so their owner can show what is stored. */
	discard(key?: string): Unsaved<V>[] {
		const dropped = [...this.#unsaved.values()].filter((w) => w.failed && (key === undefined || w.key === key));
		for (const w of dropped) this.#setUnsaved(w.key, null);
		return dropped;
	}

	/** Resolves when everything queued so far has been written or has failed. */
	idle(): Promise<void> {
		if (!this.#running && this.#queue.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	#setUnsaved(key: string, entry: Unsaved<V> | null) {
		const next = new Map(this.#unsaved);
		if (entry) next.set(key, entry);
		else next.delete(key);
		this.#unsaved = next;
		const failed = entry?.failed ?? false;
		if (failed !== this.#failedKeys.has(key)) {
			const keys = new Set(this.#failedKeys);
			if (failed) keys.add(key);
			else keys.delete(key);
			this.#failedKeys = keys;
		}
		if (this.#failedKeys.size === 0) this.#failure = null;
	}

	async #drain() {
		this.#running = true;
		while (this.#queue.length > 0) {
			const op = this.#queue.shift()!;
			// A newer value of the key queued while this one ran stays unsaved: only this very write is settled here.
			const current = () => this.#unsaved.get(op.key)?.run === op.run;
			try {
				await op.run();
				this.#lastSavedAt = this.#clock.now().toISOString();
				if (current()) this.#setUnsaved(op.key, null);
			} catch (e) {
				this.#failure = toUserError(e);
				if (current()) this.#setUnsaved(op.key, { ...op, failed: true });
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
