import { describe, expect, it } from 'vitest';
import { storageRisk, type StorageSignals } from '$lib/domain/storage-risk';

const GB = 1024 ** 3;
/** A Chromium normal window on an office PC: a share of a 256 GB disk, 4 GB heap limit. */
const normal: StorageSignals = { quota: 150 * GB, persisted: true, heapLimit: 4 * GB, serviceWorker: true, secureContext: true };

describe('storageRisk', () => {
	it('sees nothing wrong in a normal, persisted window', () => {
		expect(storageRisk(normal)).toBeNull();
	});

	it('flags storage the browser may evict', () => {
		expect(storageRisk({ ...normal, persisted: false })).toBe('evictable');
	});

	it('flags a Chromium incognito window by its in-memory quota', () => {
		expect(storageRisk({ ...normal, quota: 100 * 1024 ** 2, persisted: false })).toBe('private');
		expect(storageRisk({ ...normal, quota: 8 * GB - 1 })).toBe('private');
		expect(storageRisk({ ...normal, quota: 8 * GB })).toBeNull();
	});

	it('flags a Firefox private window by its missing service workers, but not a plain-http intranet page', () => {
		const firefox = { ...normal, heapLimit: null, serviceWorker: false };
		expect(storageRisk(firefox)).toBe('private');
		expect(storageRisk({ ...firefox, secureContext: false, persisted: null })).toBeNull();
	});

	it('does not guess from a quota the browser did not report', () => {
		expect(storageRisk({ ...normal, quota: 0 })).toBeNull();
	});
});
