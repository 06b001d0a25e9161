import { z } from 'zod';
import { Timestamp } from './common';

/**
 * Written into IndexedDB the first time Kaiming opens in a browser, with copies of its id kept where storage
 * eviction does not reach together with the database (localStorage, a cookie). A database without its marker
 * while a copy survives means the data was there and is gone: evicted by the browser or cleared.
 */
export const InstallMarker = z.object({
	id: z.string().min(1).max(100),
	createdAt: Timestamp
});
export type InstallMarker = z.infer<typeof InstallMarker>;

/** A loss found and not yet acknowledged: kept until the user dismisses the notice, so a reload does not hide it. */
export const DataLoss = z.object({
	detectedAt: Timestamp
});
export type DataLoss = z.infer<typeof DataLoss>;

/** 'fresh': first use here; 'present': the data is where it was left; 'lost': it was here and is gone. */
export type InstallCheck = 'fresh' | 'present' | 'lost';

export function checkInstall(stored: unknown, remembered: readonly string[]): InstallCheck {
	if (InstallMarker.safeParse(stored).success) return 'present';
	return remembered.length > 0 ? 'lost' : 'fresh';
}
