import type { FieldConflict } from './field-merge';
import type { Finding } from './finding';

/** A field of a finding that a user edits: compared on its own, so edits of different fields never collide. */
export type FindingField = 'outcome' | 'level' | 'ratio' | 'note' | 'reviewState' | 'reviewComment' | `count:${string}`;

/** A field both sides changed, each to another value: a person has to choose. */
export type FindingConflict = FieldConflict<FindingField>;

export interface FindingMerge {
	/** `theirs` with every change of `mine` that collides with none of theirs; a colliding field keeps their value. */
	merged: Finding;
	/** Also `merged`, but with my value in every colliding field. */
	mine: Finding;
	conflicts: FindingConflict[];
}

type Fields = Partial<Record<FindingField, unknown>>;

/** A finding as its edited fields; a missing count is 0 and a missing finding is an empty one. */
function fieldsOf(f: Finding | undefined, counts: Iterable<string>): Fields {
	const out: Fields = {
		outcome: f?.outcome ?? null,
		level: f?.level,
		ratio: f?.ratio ? `${f.ratio.met}/${f.ratio.of}` : undefined,
		note: f?.note ?? '',
		reviewState: f?.reviewState ?? 'draft',
		reviewComment: f?.reviewComment
	};
	for (const id of counts) out[`count:${id}`] = f?.deductionCounts[id] ?? 0;
	return out;
}

function withField(f: Finding, field: FindingField, from: Finding): Finding {
	if (field.startsWith('count:')) {
		const id = field.slice('count:'.length);
		const counts = { ...f.deductionCounts };
		const n = from.deductionCounts[id] ?? 0;
		if (n === 0) delete counts[id];
		else counts[id] = n;
		return { ...f, deductionCounts: counts };
	}
	return { ...f, [field]: from[field as Exclude<FindingField, `count:${string}`>] };
}

/**
 * Three-way merge of one finding after a write was refused as stale: `base` is the stored copy my edits started
 * from (undefined: I created it), `mine` my current value, `theirs` what is stored now. A field I did not change
 * takes their value; a field they did not change (or changed to the same value) takes mine; a field both changed
 * differently is a conflict. The result keeps their identity and revision, so it can be written over theirs; it
 * is stamped as mine when any of my changes is in it.
 */
export function mergeFinding(base: Finding | undefined, mine: Finding, theirs: Finding): FindingMerge {
	const counts = new Set([...Object.keys(base?.deductionCounts ?? {}), ...Object.keys(mine.deductionCounts), ...Object.keys(theirs.deductionCounts)]);
	const [b, m, t] = [fieldsOf(base, counts), fieldsOf(mine, counts), fieldsOf(theirs, counts)];
	let merged: Finding = theirs;
	let mineFirst: Finding = theirs;
	const conflicts: FindingConflict[] = [];
	for (const field of Object.keys(b) as FindingField[]) {
		if (m[field] === b[field] || m[field] === t[field]) continue;
		mineFirst = withField(mineFirst, field, mine);
		if (t[field] === b[field]) merged = withField(merged, field, mine);
		else conflicts.push({ field, mine: m[field], theirs: t[field] });
	}
	const stamped = (f: Finding) => (f === theirs ? theirs : { ...f, updatedAt: mine.updatedAt, updatedBy: mine.updatedBy });
	return { merged: stamped(merged), mine: stamped(mineFirst), conflicts };
}
