/**
 * Whether the browser may throw the data away. Browsers do not say "this is a private window"; these are
 * the signals they give away (the same ones detectIncognito relies on).
 */
export interface StorageSignals {
	/** Bytes the origin may use (navigator.storage.estimate). */
	quota: number;
	persisted: boolean | null;
	/** Chromium's performance.memory.jsHeapSizeLimit; null elsewhere. */
	heapLimit: number | null;
	/** Whether navigator.serviceWorker exists. */
	serviceWorker: boolean;
	/** Service workers exist only in secure contexts: on a plain-http intranet address their absence means nothing. */
	secureContext: boolean;
}

/** 'private': everything is deleted when the window closes; 'evictable': may be cleared when the disk is short. */
export type StorageRisk = 'private' | 'evictable' | null;

export function storageRisk(s: StorageSignals): StorageRisk {
	// Chromium gives an incognito profile a quota in memory, capped near twice the JS heap limit; a normal
	// profile gets a share of the disk, far more on any office PC.
	const chromiumPrivate = s.heapLimit !== null && s.quota > 0 && s.quota < 2 * s.heapLimit;
	// Firefox private windows have no service workers.
	const firefoxPrivate = s.secureContext && !s.serviceWorker;
	if (chromiumPrivate || firefoxPrivate) return 'private';
	return s.persisted === false ? 'evictable' : null;
}
