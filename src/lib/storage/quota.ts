export interface StorageEstimate {
	usage: number;
	quota: number;
	persisted: boolean | null;
}

/** What the browser reports about our origin's storage; null where the API is missing. */
export async function estimateStorage(): Promise<StorageEstimate | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
	const { usage = 0, quota = 0 } = await navigator.storage.estimate();
	const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : null;
	return { usage, quota, persisted };
}

/** Asks the browser not to evict our data under storage pressure; null where the API is missing. */
export async function requestPersistence(): Promise<boolean | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
	return navigator.storage.persist();
}
