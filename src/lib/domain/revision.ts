import { z } from 'zod';

/**
 * A stored record's revision, in CouchDB's `_rev` shape `"<generation>-<id>"`: the generation counts the writes
 * of the record, the id tells two writes of the same generation apart. Absent: never stored (or stored before
 * revisions existed). A write states the revision it was based on; storage refuses it when the stored one
 * differs (compare-and-set), so no tab overwrites a change it has not seen. PouchDB sync can adopt these as they are.
 */
export const Rev = z.string().regex(/^[1-9][0-9]*-[A-Za-z0-9]+$/, '<generation>-<id>');
export type Rev = z.infer<typeof Rev>;

/** The generation of a revision; 0 when absent. */
export function revGeneration(rev?: string): number {
	if (rev === undefined) return 0;
	const n = Number.parseInt(rev, 10);
	return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** The revision a write based on `rev` stores: the next generation with a fresh id (dashes of a UUID dropped). */
export function nextRev(rev: string | undefined, newId: () => string): string {
	return `${revGeneration(rev) + 1}-${newId().replace(/[^A-Za-z0-9]/g, '')}`;
}

/** A copy of a record as a new one (another id, a duplicate, an import): it was never stored, so it has no revision. */
export function withoutRev<T extends { rev?: string }>(record: T): Omit<T, 'rev'> {
	const { rev: _rev, ...rest } = record;
	return rest;
}
