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

/** Fields a status change records (workflow.ts#changeStatus). */
const WITH_STATUS = ['reason', 'fixedUrl', 'recheckResult', 'rechecker', 'recheckDate'] as const;

/** A field of an item that two changes can collide on. */
export type MergeField = Exclude<keyof Rectification, Identity>;

export interface RectificationMerge {
	/** Theirs with every change of mine that does not collide: a colliding field keeps their value. */
	merged: Rectification;
	/** Fields both sides changed, to different values. */
	conflicts: MergeField[];
	/** The merge settled in favour of mine: my value for every colliding field. */
	keepingMine: Rectification;
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

/** The record without its undefined fields (an optional field cleared), as a schema parse would give it. */
function defined(record: Record<string, unknown>): Rectification {
	for (const [key, value] of Object.entries(record)) if (value === undefined) delete record[key];
	return record as Rectification;
}

export function mergeRectification(base: Rectification, mine: Rectification, theirs: Rectification): RectificationMerge {
	const merged: Record<string, unknown> = { ...theirs };
	const conflicts: MergeField[] = [];
	const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
	for (const key of fields) {
		if ((IDENTITY as readonly string[]).includes(key)) continue;
		const field = key as MergeField;
		if (same(mine[field], base[field])) continue;
		if (same(theirs[field], base[field])) merged[field] = mine[field];
		else if (!same(theirs[field], mine[field])) conflicts.push(field);
	}
	// What my status change recorded with it goes with my status: kept together or not at all.
	if (conflicts.includes('status'))
		for (const field of WITH_STATUS)
			if (!same(mine[field], base[field]) && !conflicts.includes(field)) {
				merged[field] = theirs[field];
				conflicts.push(field);
			}
	const history = mergedHistory(base, mine, theirs);
	const stamps = { updatedAt: mine.updatedAt, updatedBy: mine.updatedBy };
	const keepingMine: Record<string, unknown> = { ...merged, ...stamps, history };
	for (const field of conflicts) keepingMine[field] = mine[field];
	// Their status kept: my status change did not happen, so its history entry is not kept either.
	const theirsKept = { ...merged, history: conflicts.includes('status') ? theirs.history : history };
	const changed = !same({ ...theirsKept, updatedAt: theirs.updatedAt, updatedBy: theirs.updatedBy }, theirs);
	return { merged: defined(changed ? { ...theirsKept, ...stamps } : theirsKept), conflicts, keepingMine: defined(keepingMine) };
}
