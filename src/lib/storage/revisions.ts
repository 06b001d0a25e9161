import { nextRev } from '$lib/domain/revision';
import { StorageError } from './errors';

type Revised = { rev?: string };

/**
 * Compare-and-set, run inside the writing transaction against the copy it just read: a write states the revision
 * it was based on, and is refused ('stale', nothing written) when another write came first — a stored record of
 * another revision, or none although the write was based on one (deleted elsewhere). Both absent counts as equal.
 */
export function checkBase(stored: Revised | undefined, record: Revised, name: string): void {
	if (stored === undefined ? record.rev === undefined : stored.rev === record.rev) return;
	throw new StorageError('stale', { record: name, text: `${name}: based on revision ${record.rev ?? 'none'}, stored ${stored === undefined ? 'none (deleted)' : (stored.rev ?? 'none')}` });
}

/** The record as a write stores it: with the next revision. */
export function revised<T extends Revised>(record: T, newId: () => string): T {
	return { ...record, rev: nextRev(record.rev, newId) };
}
