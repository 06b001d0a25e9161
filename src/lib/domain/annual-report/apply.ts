import { touch, type Context } from '../common';
import type { Finding, Outcome } from '../finding';
import { newFinding } from '../finding-edit';

/**
 * Writing the checker's proposals into a target's findings (写入评估). A finding's note holds the checker's block
 * (its first line starts with `marks.block`, e.g. 【年报检查】, and it runs to a blank line) beside the assessor's own
 * text, which is kept; a re-run replaces the block. An outcome the assessor set otherwise is never replaced
 * silently: it is listed, and the assessor takes the proposal or keeps theirs with a reason, written as a line
 * starting with `marks.override` — found again on every re-run, so a kept outcome stays kept.
 */
export interface NoteMarks {
	block: string;
	override: string;
}

/** What to write for one indicator: the proposed outcome and the note block saying why (its first line the header). */
export interface ProposedFinding {
	indicatorId: string;
	outcome: 'pass' | 'fail';
	block: string[];
}

export type ApplyStep =
	/** A finding to store (new, or changed): `kept` when it keeps the assessor's outcome against the proposal. */
	| { kind: 'write'; indicatorId: string; finding: Finding; before?: Finding; kept: boolean }
	/** Already says this. */
	| { kind: 'same'; indicatorId: string }
	/** The assessor's outcome differs from the proposal and no decision is on record: nothing written, asked. */
	| { kind: 'differs'; indicatorId: string; finding: Finding; proposed: 'pass' | 'fail' };

export interface ApplyInput {
	campaignId: string;
	targetId: string;
	proposals: readonly ProposedFinding[];
	/** The target's findings as stored (one per indicator). */
	findings: readonly Finding[];
	marks: NoteMarks;
	/** The header line the checker writes for an outcome: an outcome under its own header was the checker's, not the assessor's. */
	header: (outcome: 'pass' | 'fail') => string;
	/** The assessor's decisions on the listed differences: take the proposal, or keep theirs with this override line. */
	take?: ReadonlySet<string>;
	keep?: ReadonlyMap<string, string>;
	ctx: Context;
}

interface NoteParts {
	own: string[];
	block: string[];
	overrides: string[];
}

export function splitNote(note: string, marks: NoteMarks): NoteParts {
	const parts: NoteParts = { own: [], block: [], overrides: [] };
	let inBlock = false;
	for (const line of note.split('\n')) {
		if (line.startsWith(marks.override)) {
			parts.overrides.push(line);
			inBlock = false;
		} else if (line.startsWith(marks.block)) {
			parts.block = [line];
			inBlock = true;
		} else if (inBlock && line.trim() !== '') parts.block.push(line);
		else {
			inBlock = false;
			parts.own.push(line);
		}
	}
	while (parts.own.length > 0 && parts.own.at(-1)!.trim() === '') parts.own.pop();
	return parts;
}

function joinNote({ own, block, overrides }: NoteParts): string {
	return [...own, ...(own.length > 0 ? [''] : []), ...block, ...overrides].join('\n');
}

function step(p: ProposedFinding, found: Finding | undefined, input: ApplyInput): ApplyStep {
	const { indicatorId } = p;
	const finding = found ?? newFinding(input.ctx, input.campaignId, input.targetId, indicatorId);
	const note = splitNote(finding.note, input.marks);
	const current: Outcome | null = finding.outcome;
	const checkers = (current === 'pass' || current === 'fail') && note.block[0] === input.header(current);
	let outcome: Outcome | null = p.outcome;
	let overrides = note.overrides;
	if (current !== null && current !== p.outcome && !checkers) {
		const keepLine = input.keep?.get(indicatorId);
		if (input.take?.has(indicatorId)) overrides = [];
		else if (keepLine !== undefined) [outcome, overrides] = [current, [...overrides, keepLine]];
		else if (overrides.length > 0) outcome = current;
		else return { kind: 'differs', indicatorId, finding, proposed: p.outcome };
	}
	const next = joinNote({ ...note, block: p.block, overrides });
	if (found && found.outcome === outcome && found.note === next) return { kind: 'same', indicatorId };
	return { kind: 'write', indicatorId, finding: touch({ ...finding, outcome, note: next }, input.ctx), ...(found ? { before: found } : {}), kept: outcome !== p.outcome };
}

/** One step per proposal, in its order. Pure: nothing is written here. */
export function planApply(input: ApplyInput): ApplyStep[] {
	const byIndicator = new Map(input.findings.map((f) => [f.indicatorId, f]));
	return input.proposals.map((p) => step(p, byIndicator.get(p.indicatorId), input));
}
