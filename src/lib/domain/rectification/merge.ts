import type { Rectification } from './schema';

/*
 * Re-applying one's change to a record someone else changed meanwhile: a field-level three-way merge of the copy
 * the change was made from (base), the changed copy (mine) and the stored copy (theirs). A field changed on one
 * side only takes that side's value; the same value on both sides is no conflict; different values on both sides
 * are a conflict for the user to settle. Team merge (work packages) applies the same rule per finding.
 */

/** What says which record this is and who wrote it last: never merged field by field. */
const IDENTITY = ['id', 'campaignId', 'targetId', 'indicatorId', 'deductionId', 'seq', 'rev', 'createdAt', 'updatedAt', 'updatedBy', 'history'] as const;
type Identity = (typeof IDENTITY)[number];

/** A field of an item that two changes can collide on. */
export type MergeField = Exclude<keyof Rectification, Identity>;

export interface RectificationMerge {
	/** Theirs with every change of mine that does not collide; a colliding field keeps their value (see `keepMine`). */
	merged: Rectification;
	/** Fields both sides changed, to different values. */
	conflicts: MergeField[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * History is a log, not a value: both sides' new entries are kept, theirs first, so a status change made in another
 * tab keeps its comment whatever happens to mine.
 */
function mergedHistory(base: Rectification, mine: Rectification, theirs: Rectification): Rectification['history'] {
	const added = mine.history.slice(base.history.length).filter((h) => !theirs.history.some((t) => same(t, h)));
	return [...theirs.history, ...added];
}

export function mergeRectification(base: Rectification, mine: Rectification, theirs: Rectification): RectificationMerge {
	const merged: Record<string, unknown> = { ...theirs };
	const conflicts: MergeField[] = [];
	const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
	let changed = false;
	for (const key of fields) {
		if ((IDENTITY as readonly string[]).includes(key)) continue;
		const field = key as MergeField;
		if (same(mine[field], base[field])) continue;
		changed = true;
		if (same(theirs[field], base[field])) merged[field] = mine[field];
		else if (!same(theirs[field], mine[field])) conflicts.push(field);
	}
	const history = mergedHistory(base, mine, theirs);
	merged.history = history;
	if (changed || history.length > theirs.history.length) Object.assign(merged, { updatedAt: mine.updatedAt, updatedBy: mine.updatedBy });
	for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
	return { merged: merged as Rectification, conflicts };
}

/** The merge settled in favour of mine: my value for every colliding field. */
export function keepMine(merge: RectificationMerge, mine: Rectification): Rectification {
	const out: Record<string, unknown> = { ...merge.merged };
	for (const field of merge.conflicts) {
		if (mine[field] === undefined) delete out[field];
		else out[field] = mine[field];
	}
	return out as Rectification;
}
