/*
 * Re-applying one's change to a record another tab changed meanwhile, for records whose fields are plain values
 * (a campaign's details and report settings, a target, the settings, an evidence caption): a field-level three-way
 * merge of the stored copy the change was made from (base), the changed copy (mine) and the stored copy now
 * (theirs). The same rule as `finding-merge.ts` and `rectification/merge.ts`, which add what their records need
 * (deduction counts one by one; history kept from both sides).
 */

/** A field both sides changed, each to another value: a person has to choose. */
export interface FieldConflict<F extends string = string> {
	field: F;
	mine: unknown;
	theirs: unknown;
}

export interface FieldMerge<T> {
	/**
	 * Theirs with every change of mine that collides with none of theirs; a colliding field keeps their value. It is
	 * `theirs` itself when none of my changes is missing from it, so the caller knows there is nothing to write.
	 */
	merged: T;
	/** `merged` with my value in every colliding field. */
	keepingMine: T;
	conflicts: FieldConflict[];
}

/** Deep equality of stored values (JSON-like): a key whose value is undefined counts as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
	for (const k of keys) if (!sameValue(x[k], y[k])) return false;
	return true;
}

/** A value at a dotted path ("report.intro"); undefined where a step is missing. */
function read(record: unknown, path: string): unknown {
	let at: unknown = record;
	for (const step of path.split('.')) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[step] : undefined;
	return at;
}

/** A copy of `record` with the value at `path` (objects copied along the path; undefined removes the key). */
function write<T>(record: T, path: string, value: unknown): T {
	const [step, ...rest] = path.split('.') as [string, ...string[]];
	const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
	const next = rest.length === 0 ? value : write(copy[step] ?? {}, rest.join('.'), value);
	if (next === undefined) delete copy[step];
	else copy[step] = next;
	return copy as T;
}

/**
 * Three-way merge over the record's user-edited `fields` (dotted paths into nested objects; values compared deep).
 * A field I did not change takes their value; a field they did not change, or changed to my value, takes mine; a
 * field both changed differently is a conflict. Everything else (identity, revision, stamps) is theirs, so the
 * result carries their revision and can be written over their copy.
 */
export function mergeFields<T extends object>(base: T, mine: T, theirs: T, fields: readonly string[]): FieldMerge<T> {
	let merged = theirs;
	const conflicts: FieldConflict[] = [];
	for (const field of fields) {
		const [b, m, t] = [read(base, field), read(mine, field), read(theirs, field)];
		if (sameValue(m, b) || sameValue(m, t)) continue;
		if (sameValue(t, b)) merged = write(merged, field, m);
		else conflicts.push({ field, mine: m, theirs: t });
	}
	let keepingMine = merged;
	for (const c of conflicts) keepingMine = write(keepingMine, c.field, c.mine);
	return { merged, keepingMine, conflicts };
}

/**
 * For a record too big and nested to merge field by field (a framework): when theirs is the copy mine was made
 * from, mine is written over it; otherwise one side is kept whole (the conflict names no field).
 */
export function mergeWhole<T extends { rev?: string }>(base: T, mine: T, theirs: T): FieldMerge<T> {
	const keepingMine = { ...mine, rev: theirs.rev };
	if (theirs.rev === base.rev) return { merged: keepingMine, keepingMine, conflicts: [] };
	return { merged: theirs, keepingMine, conflicts: [{ field: '', mine, theirs }] };
}

/**
 * A form following the stored record while the user edits it (another tab's change, or this tab's own save): a
 * field the user has not changed since it was shown takes the stored value; a field being changed keeps the user's
 * value and the value it was changed from (`shown`, the base its save merges with, so a collision is asked, not
 * overwritten).
 */
export function followStored<T extends object>(shown: T, form: T, stored: T, fields: readonly string[]): { shown: T; form: T } {
	let [nextShown, nextForm] = [shown, form];
	for (const field of fields) {
		const [s, f, now] = [read(shown, field), read(form, field), read(stored, field)];
		if (sameValue(f, now)) nextShown = write(nextShown, field, now);
		else if (sameValue(f, s)) {
			nextShown = write(nextShown, field, now);
			nextForm = write(nextForm, field, now);
		}
	}
	return { shown: nextShown, form: nextForm };
}
