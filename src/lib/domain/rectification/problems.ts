import { localText } from '../common';
import type { Evidence } from '../evidence';
import { deductionCount, type Finding } from '../finding';
import { listIndicators, type Deduction, type Framework, type Indicator, type SectionPart } from '../framework/schema';
import { rectificationKey, type Rectification } from './schema';
import { allocateLosses, problemLosses, type IndicatorLoss } from '../scoring/allocate';
import { requiredIndicators } from '../scoring/score';
import type { Target } from '../target';

/** The fields of a rectification item that come from the finding, the framework and the target. */
export type ProblemFields = Pick<
	Rectification,
	'targetId' | 'indicatorId' | 'deductionId' | 'description' | 'evidenceUrls' | 'basis' | 'pointsLost' | 'veto' | 'suggestion' | 'responsibleUnit'
> & {
	/** A 工作要点 task's own deadline; used when no notice date sets one. */
	taskDeadline?: string;
};

/** What a target's findings say about one indicator. */
export type IndicatorState =
	/** Judged: these are its problems now (possibly none). */
	| { kind: 'judged'; problems: ProblemFields[] }
	/** Not judged yet (no finding or no outcome): existing items are left as they are. */
	| { kind: 'unknown' }
	/** The target's category does not require it (or it is a bonus indicator): nothing to fix. */
	| { kind: 'notRequired' };

/**
 * The problems of one target, keyed by indicator, in framework order. One problem per
 * (indicator, problem type), the same definition the round comparison uses:
 * - veto part: 不符合 → one veto item (a veto is all or nothing; 部分符合 does not veto);
 * - deduct part: 不符合 / 部分符合 → one item per problem type counted at least once, in the
 *   indicator's deduction order, or one whole-indicator item when nothing was counted; its points lost are
 *   its share of what the indicator cost the score (`allocateLosses`), so one indicator's items add up;
 * - weighted and checklist parts: 不符合 / 部分符合 → one whole-indicator item;
 * - bonus indicators and indicators the category does not require never make items.
 */
export function targetProblems(framework: Framework, target: Pick<Target, 'id' | 'categoryId' | 'ownerUnit'>, findings: Finding[], evidence: Evidence[]): Map<string, IndicatorState> {
	const own = findings.filter((f) => f.targetId === target.id);
	const byIndicator = new Map(own.map((f) => [f.indicatorId, f]));
	const losses = allocateLosses(framework, target, own);
	const urls = urlsByFinding(evidence);
	const required = new Set(requiredIndicators(framework, target.categoryId).map((i) => i.id));
	const out = new Map<string, IndicatorState>();
	for (const { indicator, block } of listIndicators(framework)) {
		if (block.part === 'bonus' || !required.has(indicator.id)) {
			out.set(indicator.id, { kind: 'notRequired' });
			continue;
		}
		const finding = byIndicator.get(indicator.id);
		if (!finding || finding.outcome === null) {
			out.set(indicator.id, { kind: 'unknown' });
			continue;
		}
		out.set(indicator.id, { kind: 'judged', problems: indicatorProblems(indicator, block.part, finding, urls.get(finding.id) ?? [], target, losses.get(indicator.id)) });
	}
	return out;
}

/** Each finding's URL evidence, in the order given, without repeats. */
function urlsByFinding(evidence: Evidence[]): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const e of evidence) {
		if (e.kind !== 'url' || !e.url) continue;
		const list = out.get(e.findingId);
		if (!list) out.set(e.findingId, [e.url]);
		else if (!list.includes(e.url)) list.push(e.url);
	}
	return out;
}

/** `loss`: the indicator's allocated loss, present for every applicable deduct-part indicator (nothing lost: no share, 0). */
function indicatorProblems(
	indicator: Indicator,
	part: SectionPart,
	finding: Finding,
	evidenceUrls: string[],
	target: Pick<Target, 'id' | 'ownerUnit'>,
	loss: IndicatorLoss | undefined
): ProblemFields[] {
	const { outcome } = finding;
	const base = {
		targetId: target.id,
		indicatorId: indicator.id,
		evidenceUrls,
		basis: (indicator.basis ?? '').slice(0, 2_000),
		suggestion: localText(indicator.suggestion, 'zh').slice(0, 10_000),
		// A 工作要点 task names its own responsible units; other indicators fall to the target's owner unit.
		responsibleUnit: (indicator.responsibleUnits.length > 0 ? indicator.responsibleUnits.join('、') : target.ownerUnit).slice(0, 200),
		...(indicator.deadline ? { taskDeadline: indicator.deadline } : {})
	};
	const note = finding.note.trim();
	if (part === 'veto') {
		if (outcome !== 'fail') return [];
		return [{ ...base, deductionId: null, veto: true, pointsLost: null, description: describe(indicator, [], note) }];
	}
	if (outcome !== 'fail' && outcome !== 'partial') return [];
	if (part === 'deduct') {
		const counted = indicator.deductions.filter((d) => deductionCount(finding, d.id) > 0);
		const shares = loss ? problemLosses(loss) : [];
		const lost = (deductionId: string | null) => shares.find((p) => p.deductionId === deductionId)?.lost ?? 0;
		if (counted.length > 0)
			return counted.map((d) => ({ ...base, deductionId: d.id, veto: false, pointsLost: lost(d.id), description: describe(indicator, [[d, deductionCount(finding, d.id)]], note) }));
		return [{ ...base, deductionId: null, veto: false, pointsLost: lost(null), description: describe(indicator, [], note) }];
	}
	return [{ ...base, deductionId: null, veto: false, pointsLost: null, description: describe(indicator, [], note) }];
}

/**
 * 问题描述: the problem type with its count ("错链 3处"; a once-only problem by its name alone), then the
 * inspector's note, joined by "；". A whole-indicator problem with no note is named by its indicator.
 * Written in Chinese, the language of the framework and of the notice sent to the unit.
 */
function describe(indicator: Indicator, counted: [Deduction, number][], note: string): string {
	const parts = counted.map(([d, count]) => (d.per === 'once' ? localText(d.title, 'zh') : `${localText(d.title, 'zh')} ${count}处`));
	if (note !== '') parts.push(note);
	if (parts.length === 0) parts.push(localText(indicator.title, 'zh'));
	return parts.join('；').slice(0, 10_000);
}

/** Problems of a state keyed by `rectificationKey`. */
export function problemsByKey(state: IndicatorState): Map<string, ProblemFields> {
	return state.kind === 'judged' ? new Map(state.problems.map((p) => [rectificationKey(p), p])) : new Map();
}
