/**
 * A finding's history: one immutable entry per write that changed something graded (outcome, a deduction's count,
 * level, ratio, note) or added or removed evidence, saying who, when, from and to. Entries are only ever added,
 * never updated or deleted on their own (they go with their target or campaign): a record nobody edits cannot
 * conflict when two copies of the data meet (a restore, a team merge, CouchDB replication later), so every
 * device's entries simply add up. Merge and 复核 (issue 16) read the versions not chosen from here.
 */
import { z } from 'zod';
import { LocalText, RecordId, Slug, Timestamp } from './common';
import { deductionCount, Outcome, type Finding } from './finding';
import type { Evidence } from './evidence';
import type { Indicator } from './framework/schema';
import { Rev, revGeneration } from './revision';

export const FindingChangeKind = z.enum(['edit', 'evidence', 'restore', 'merge', 'adjudicate']);
export type FindingChangeKind = z.infer<typeof FindingChangeKind>;

const Ratio = z.object({ met: z.int().min(0), of: z.int().positive() });
/** Evidence text kept in an entry: enough to recognise it, without copying a whole excerpt into every entry. */
export const EVIDENCE_CAPTION_MAX = 200;

/** What an entry remembers of evidence added or removed: the record may be gone later. */
export const EvidenceRef = z.object({
	id: RecordId,
	kind: z.enum(['url', 'text', 'image']),
	caption: z.string().max(EVIDENCE_CAPTION_MAX).default(''),
	url: z.string().max(2_000).optional()
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

export const FieldChange = z.union([
	z.object({ field: z.literal('outcome'), from: Outcome.nullable(), to: Outcome.nullable() }),
	z.object({ field: z.literal('deductionCounts'), deductionId: Slug, from: z.int().min(0), to: z.int().min(0) }),
	z.object({ field: z.literal('level'), from: Slug.nullable(), to: Slug.nullable() }),
	z.object({ field: z.literal('ratio'), from: Ratio.nullable(), to: Ratio.nullable() }),
	z.object({ field: z.literal('note'), from: z.string().max(10_000), to: z.string().max(10_000) }),
	z.object({ field: z.literal('evidence'), added: EvidenceRef }),
	z.object({ field: z.literal('evidence'), removed: EvidenceRef })
]);
export type FieldChange = z.infer<typeof FieldChange>;

export const FindingChange = z.object({
	id: RecordId,
	campaignId: RecordId,
	targetId: RecordId,
	findingId: RecordId,
	indicatorId: Slug,
	at: Timestamp,
	/** The acting assessor (Settings → assessorName); may be empty when none is set. */
	by: z.string().max(100),
	kind: FindingChangeKind,
	/**
	 * The finding's revision this change produced; for evidence, the revision the evidence was added to or removed
	 * from (absent only for a finding stored before revisions existed and not written since).
	 */
	rev: Rev.optional(),
	/** The revision it was based on: absent for a finding's first write. */
	baseRev: Rev.optional(),
	/** Why (a merge's or an adjudication's choice). */
	reason: z.string().max(2_000).optional(),
	changes: z.array(FieldChange).min(1)
});
export type FindingChange = z.infer<typeof FindingChange>;

/** Who and when, for a change whose record does not say it (a removal). */
export interface ChangeStamp {
	at: string;
	by: string;
}

type Graded = Pick<Finding, 'outcome' | 'deductionCounts' | 'level' | 'ratio' | 'note'>;
const NOTHING: Graded = { outcome: null, deductionCounts: {}, note: '' };

const sameRatio = (a: Finding['ratio'], b: Finding['ratio']) => a?.met === b?.met && a?.of === b?.of;

/** The graded fields that differ between two versions of a finding, in a fixed order. */
export function gradedChanges(before: Graded | undefined, after: Graded): FieldChange[] {
	const from = before ?? NOTHING;
	const out: FieldChange[] = [];
	if (from.outcome !== after.outcome) out.push({ field: 'outcome', from: from.outcome, to: after.outcome });
	const ids = [...new Set([...Object.keys(from.deductionCounts), ...Object.keys(after.deductionCounts)])].sort();
	for (const deductionId of ids) {
		const [a, b] = [deductionCount(from, deductionId), deductionCount(after, deductionId)];
		if (a !== b) out.push({ field: 'deductionCounts', deductionId, from: a, to: b });
	}
	if (from.level !== after.level) out.push({ field: 'level', from: from.level ?? null, to: after.level ?? null });
	if (!sameRatio(from.ratio, after.ratio)) out.push({ field: 'ratio', from: from.ratio ?? null, to: after.ratio ?? null });
	if (from.note !== after.note) out.push({ field: 'note', from: from.note, to: after.note });
	return out;
}

/**
 * The entry for a finding write: `before` is the stored copy it replaces (undefined for a new finding), `after`
 * the finding as stored, with its new revision. Who and when are the writer's stamp on `after`. Null when
 * nothing graded changed (e.g. only `updatedAt`, or the review state).
 */
export function findingChange(before: Finding | undefined, after: Finding & { rev: string }, id: string, kind: FindingChangeKind = 'edit', reason?: string): FindingChange | null {
	const changes = gradedChanges(before, after);
	if (changes.length === 0) return null;
	return {
		...about(after, id, kind),
		at: after.updatedAt,
		by: after.updatedBy,
		rev: after.rev,
		...(before?.rev !== undefined ? { baseRev: before.rev } : {}),
		...(reason !== undefined ? { reason } : {}),
		changes
	};
}

/** What an entry keeps of an evidence record. */
export function evidenceRef(e: Evidence): EvidenceRef {
	const caption = e.text.trim() || (e.image?.fileName ?? '');
	return { id: e.id, kind: e.kind, caption: shorten(caption, EVIDENCE_CAPTION_MAX), ...(e.url !== undefined ? { url: e.url } : {}) };
}

/**
 * The entry for evidence added to or removed from a stored finding (`finding.rev`: evidence leaves the finding's
 * revision as it is, so `rev` and `baseRev` both name it).
 */
export function evidenceChange(finding: Finding, evidence: Evidence, change: 'added' | 'removed', stamp: ChangeStamp, id: string): FindingChange {
	const ref = evidenceRef(evidence);
	return {
		...about(finding, id, 'evidence'),
		at: stamp.at,
		by: stamp.by,
		...(finding.rev !== undefined ? { rev: finding.rev, baseRev: finding.rev } : {}),
		changes: [change === 'added' ? { field: 'evidence', added: ref } : { field: 'evidence', removed: ref }]
	};
}

function about(f: Finding, id: string, kind: FindingChangeKind) {
	return { id, campaignId: f.campaignId, targetId: f.targetId, findingId: f.id, indicatorId: f.indicatorId, kind };
}

/**
 * Newest first. Writes within one millisecond (keystrokes, a test's fixed clock) are told apart by the revision
 * generation they produced, then by id, so every list of the same entries has one order.
 */
export function newestFirst(a: FindingChange, b: FindingChange): number {
	return Date.parse(b.at) - Date.parse(a.at) || revGeneration(b.rev) - revGeneration(a.rev) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Text shortened to `max` characters (code points), with an ellipsis when cut; line breaks folded into spaces. */
export function shorten(text: string, max: number): string {
	const line = text.replace(/\s+/g, ' ').trim();
	const chars = [...line];
	return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

/** How long a note is shown in a history line. */
export const NOTE_SHOWN = 40;

/**
 * One readable line of an entry: an i18n key (`history.*`) with its parameters; `labels` are parameters that are
 * themselves message keys (an outcome's label, "none"), for the UI to translate before the line.
 */
export interface ChangeLine {
	key: string;
	params: Record<string, string | number | LocalText>;
	labels?: Record<string, string>;
}

const NONE = 'history.none';

/** The lines that describe an entry, e.g. 结果：符合 → 不符合; 扣分项「…」：1 → 2 次; 备注已修改; 添加截图「…」. */
export function describeChange(entry: FindingChange, indicator: Indicator | undefined): ChangeLine[] {
	return describeChanges(entry.changes, indicator);
}

/** The lines of changes that are no entry yet (a merge's preview). */
export function describeChanges(changes: readonly FieldChange[], indicator: Indicator | undefined): ChangeLine[] {
	return changes.map((c): ChangeLine => {
		switch (c.field) {
			case 'outcome':
				return { key: 'history.outcome', params: {}, labels: { from: c.from ? `outcome.${c.from}` : NONE, to: c.to ? `outcome.${c.to}` : NONE } };
			case 'deductionCounts': {
				const title = indicator?.deductions.find((d) => d.id === c.deductionId)?.title ?? { zh: c.deductionId };
				return { key: 'history.deduction', params: { title, from: c.from, to: c.to } };
			}
			case 'level': {
				const level = (id: string | null): ChangeLine['params'][string] | undefined => (id === null ? undefined : (indicator?.levels.find((l) => l.id === id)?.title ?? id));
				return valueLine('history.level', level(c.from), level(c.to));
			}
			case 'ratio': {
				const ratio = (r: { met: number; of: number } | null) => (r === null ? undefined : `${r.met}/${r.of}`);
				return valueLine('history.ratio', ratio(c.from), ratio(c.to));
			}
			case 'note':
				return c.to === '' ? { key: 'history.noteCleared', params: {} } : { key: c.from === '' ? 'history.noteAdded' : 'history.noteChanged', params: { text: shorten(c.to, NOTE_SHOWN) } };
			case 'evidence': {
				const [verb, ref] = 'added' in c ? (['added', c.added] as const) : (['removed', c.removed] as const);
				const what = ref.kind === 'url' ? (ref.url ?? ref.caption) : ref.caption;
				return { key: `history.evidence.${ref.kind}.${verb}${what === '' ? 'Plain' : ''}`, params: what === '' ? {} : { text: what } };
			}
		}
	});
}

function valueLine(key: string, from: ChangeLine['params'][string] | undefined, to: ChangeLine['params'][string] | undefined): ChangeLine {
	const params: ChangeLine['params'] = {};
	const labels: Record<string, string> = {};
	if (from === undefined) labels.from = NONE;
	else params.from = from;
	if (to === undefined) labels.to = NONE;
	else params.to = to;
	return { key, params, labels };
}
