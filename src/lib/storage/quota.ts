import { storageRisk, type StorageRisk } from '$lib/domain/storage-risk';

export interface StorageEstimate {
	usage: number;
	quota: number;
	persisted: boolean | null;
	risk: StorageRisk;
}

/** What the browser reports about our origin's storage; null where the API is missing. */
export async function estimateStorage(): Promise<StorageEstimate | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
	const { usage = 0, quota = 0 } = await navigator.storage.estimate();
	const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : null;
	const heapLimit = (performance as { memory?: { jsHeapSizeLimit?: number } }).memory?.jsHeapSizeLimit ?? null;
	const risk = storageRisk({ quota, persisted, heapLimit, serviceWorker: 'serviceWorker' in navigator, secureContext: globalThis.isSecureContext === true });
	return { usage, quota, persisted, risk };
}

/** Asks the browser not to evict our data under storage pressure; null where the API is missing. */
export async function requestPersistence(): Promise<boolean | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
	return navigator.storage.persist();
}
