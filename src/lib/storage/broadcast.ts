import type { Repositories } from './repositories';

/** What another tab changed: enough for a page to decide whether to reload. */
export interface RemoteChange {
	store: keyof Repositories;
	campaignId?: string;
}

const CHANNEL = 'kaiming-changes';

/**
 * Announces every committed write to the other tabs of this origin. A BroadcastChannel never delivers a
 * message to the object that sent it, so a tab does not react to its own writes.
 */
export class ChangeBroadcast {
	#channel: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
	#listeners = new Set<(change: RemoteChange) => void>();

	constructor() {
		this.#channel?.addEventListener('message', (e: MessageEvent<RemoteChange>) => {
			for (const listener of [...this.#listeners]) listener(e.data);
		});
	}

	post(change: RemoteChange) {
		this.#channel?.postMessage(change);
	}

	subscribe(listener: (change: RemoteChange) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

const WRITES = /^(put|putMany|putWith\w*|add\w*|delete|restore|apply)$/;

/** Whether a repository method writes: the one list shared by everything that wraps the repositories' writes. */
export function isWriteMethod(name: string): boolean {
	return WRITES.test(name);
}

/** The campaign a write belongs to, read from its first argument (a record, a list of records, or nothing). */
function campaignOf(store: keyof Repositories, args: unknown[]): string | undefined {
	const first = Array.isArray(args[0]) ? args[0][0] : args[0];
	if (first && typeof first === 'object') {
		const r = first as { campaignId?: unknown; id?: unknown };
		if (typeof r.campaignId === 'string') return r.campaignId;
		if (store === 'campaigns' && typeof r.id === 'string') return r.id;
	}
	if (store === 'campaigns' && typeof args[0] === 'string') return args[0];
	return undefined;
}

/** Wraps the repositories so every successful write is announced; reads are untouched. */
export function broadcastWrites(repos: Repositories, broadcast: ChangeBroadcast): Repositories {
	const wrapped = {} as Record<string, unknown>;
	for (const [store, repo] of Object.entries(repos) as [keyof Repositories, Record<string, unknown>][]) {
		const out: Record<string, unknown> = {};
		for (const [name, fn] of Object.entries(repo)) {
			if (typeof fn !== 'function') continue;
			out[name] = isWriteMethod(name)
				? async (...args: unknown[]) => {
						const result = await (fn as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
						broadcast.post({ store, campaignId: campaignOf(store, args) });
						return result;
					}
				: fn;
		}
		wrapped[store] = out;
	}
	return wrapped as unknown as Repositories;
}
