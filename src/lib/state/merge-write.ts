import { mergeFields, mergeWhole, type FieldConflict } from '$lib/domain/field-merge';
import { t, type MessageKey, type MessageParams } from '$lib/i18n/index.svelte';
import { StorageError } from '$lib/storage/errors';
import type { ConflictRow, RecordConflicts } from './record-conflicts.svelte';

/** Rounds of read, merge and write against tabs that keep writing the record: then the 'stale' failure stands. */
const ATTEMPTS = 3;

/** A change of one record, as `writeMerged` writes it. */
export interface MergeWrite<T extends { rev?: string }> {
	/** The stored copy the change was made from. */
	base: T;
	/** `base` with the change. */
	mine: T;
	/** The newest stored copy this tab knows (`base`, or newer when another tab's change was heard meanwhile). */
	latest: T;
	/**
	 * The fields a user edits (dotted paths into nested objects) with their names in the UI; 'whole' for a record
	 * kept or replaced as a whole.
	 */
	fields: Readonly<Record<string, MessageKey>> | 'whole';
	/** The stored copy now; undefined when it is gone (deleted in another tab). */
	read: () => Promise<T | undefined>;
	/** Writes `next` (stamped as the caller stamps its records) over `theirs`, whose revision it carries. */
	put: (next: T, theirs: T) => Promise<T>;
	conflicts: RecordConflicts;
	/** Which record, as the conflict dialog names it (given the stored copy now). */
	what: MessageKey;
	params: (theirs: T) => MessageParams;
	/** A field's value as the dialog shows it; plain text, numbers and yes/no otherwise. */
	show?: (field: string, value: unknown) => string | undefined;
	/** Revisions this tab stored: a collision with one of them is with my own earlier change, and the newer one wins. */
	own?: ReadonlySet<string>;
}

function valueText(value: unknown): string {
	if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function rows<T extends { rev?: string }>(w: MergeWrite<T>, conflicts: FieldConflict[]): ConflictRow[] {
	if (w.fields === 'whole') return [];
	const labels = w.fields;
	const text = (field: string, v: unknown) => w.show?.(field, v) ?? valueText(v);
	return conflicts.map((c) => ({ field: c.field, label: labels[c.field]!, mine: text(c.field, c.mine), theirs: text(c.field, c.theirs) }));
}

/**
 * Writes my change of a record without overwriting another tab's. The change is merged field by field
 * (`mergeFields`) into the newest stored copy known; storage refuses a write based on a copy replaced meanwhile
 * ('stale'), and then the stored copy is read and the change merged into it again. Fields both sides changed
 * differently are asked (`RecordConflicts`), and the answer is written on top of theirs. Resolves with the record
 * as stored: theirs unchanged when nothing of mine was left to write.
 */
export async function writeMerged<T extends { rev?: string }>(w: MergeWrite<T>): Promise<T> {
	let { base, mine } = w;
	let theirs = w.latest;
	for (let attempt = 1; ; attempt++) {
		const merge = w.fields === 'whole' ? mergeWhole(base, mine, theirs) : mergeFields(base, mine, theirs, Object.keys(w.fields));
		let next = merge.merged;
		if (merge.conflicts.length > 0) {
			const keepMine = w.own?.has(theirs.rev ?? '') || (await w.conflicts.ask({ what: w.what, params: w.params(theirs), rows: rows(w, merge.conflicts) }));
			next = keepMine ? merge.keepingMine : merge.merged;
			// The answer is a change of theirs: a tab writing again meanwhile is merged with it, not asked about again.
			base = theirs;
			mine = next;
		}
		if (next === theirs) return theirs;
		try {
			return await w.put(next, theirs);
		} catch (e) {
			if (!(e instanceof StorageError && e.code === 'stale') || attempt === ATTEMPTS) throw e;
			const stored = await w.read();
			if (!stored) throw e;
			theirs = stored;
		}
	}
}
