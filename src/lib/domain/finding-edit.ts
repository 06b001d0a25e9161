import { offeredOutcomes } from './assess-keys';
import { stamp, touch, type Context } from './common';
import { deductionCount, type Finding, type Outcome } from './finding';
import type { Deduction, Indicator, ScoringRules, SectionPart } from './framework/schema';

export function newFinding(ctx: Context, campaignId: string, targetId: string, indicatorId: string): Finding {
	return {
		id: ctx.newId(),
		campaignId,
		targetId,
		indicatorId,
		outcome: null,
		deductionCounts: {},
		note: '',
		reviewState: 'draft',
		...stamp(ctx)
	};
}

/** Choosing the outcome already set keeps it: grading at speed, a repeated key must not undo the judgement. */
export function withOutcome(f: Finding, outcome: Outcome, ctx: Context): Finding {
	return touch({ ...f, outcome }, ctx);
}

/** Back to not judged: the outcome and the level or ratio that set it go; counts and the note stay. */
export function withoutOutcome(f: Finding, ctx: Context): Finding {
	return touch({ ...f, outcome: null, level: undefined, ratio: undefined }, ctx);
}

/** Whether there is a judgement to clear. */
export function isJudged(f: Finding | undefined): boolean {
	return f !== undefined && (f.outcome !== null || f.level !== undefined || f.ratio !== undefined);
}

/** Undoes `withoutOutcome`: the judgement of `before` on the finding as it is now (a note typed since stays). */
export function withJudgementOf(f: Finding, before: Finding, ctx: Context): Finding {
	return touch({ ...f, outcome: before.outcome, level: before.level, ratio: before.ratio }, ctx);
}

/** Counting a problem on an item marked 符合 or not yet judged makes it 部分符合: the two cannot disagree. */
export function withDeductionCount(f: Finding, deductionId: string, count: number, ctx: Context): Finding {
	const deductionCounts = { ...f.deductionCounts, [deductionId]: count };
	if (count === 0) delete deductionCounts[deductionId];
	const outcome = count > 0 && (f.outcome === null || f.outcome === 'pass') ? 'partial' : f.outcome;
	return touch({ ...f, deductionCounts, outcome }, ctx);
}

export function withNote(f: Finding, note: string, ctx: Context): Finding {
	return touch({ ...f, note }, ctx);
}

const COUNT_MAX = 9999;

export type CountParse = { ok: true; value: number } | { ok: false; code: 'countNotInteger' | 'countNegative' | 'countTooLarge' };

/** Deduction counts are typed by people: only whole numbers from 0 up are meaningful. */
export function parseCount(input: string): CountParse {
	const s = input.trim();
	if (s === '') return { ok: true, value: 0 };
	if (!/^-?\d+$/.test(s)) return { ok: false, code: 'countNotInteger' };
	const value = Number(s);
	if (value < 0) return { ok: false, code: 'countNegative' };
	if (value > COUNT_MAX) return { ok: false, code: 'countTooLarge' };
	return { ok: true, value };
}

/** The most a problem can be counted: a problem counted once is there or not. */
export function countLimit(deduction: Pick<Deduction, 'per'>): number {
	return deduction.per === 'once' ? 1 : COUNT_MAX;
}

/** How many of the required elements are present, as typed: a whole number from 0 to `of`; empty is no ratio yet. */
export function parseRatio(input: string, of: number): { ok: true; value: number | undefined } | { ok: false } {
	const s = input.trim();
	if (s === '') return { ok: true, value: undefined };
	const n = Number(s);
	return validMet(n, of) ? { ok: true, value: n } : { ok: false };
}
const validMet = (met: number, of: number) => Number.isInteger(met) && met >= 0 && met <= of;

/** Which grading controls an indicator has on the assess screen (`IndicatorGrading`). */
export function gradingControls(indicator: Indicator, part: SectionPart): { levels: boolean; ratioOf: number | null; counts: boolean } {
	return {
		levels: (part === 'weighted' || part === 'bonus') && indicator.method === 'levels',
		ratioOf: part === 'weighted' && indicator.method === 'ratio' && indicator.ratioOf ? indicator.ratioOf : null,
		counts: indicator.deductions.length > 0 && part !== 'veto'
	};
}

export type GradedValue = Pick<Finding, 'outcome' | 'deductionCounts' | 'level' | 'ratio'>;

/** A finding's graded value as the assess screen shows it for the indicator: counts, level or ratio it is not graded by are left out. */
export function shownValue(f: GradedValue, indicator: Indicator, part: SectionPart): GradedValue {
	const controls = gradingControls(indicator, part);
	const counts = controls.counts ? indicator.deductions.flatMap((d) => (deductionCount(f, d.id) > 0 ? [[d.id, deductionCount(f, d.id)] as const] : [])) : [];
	return {
		outcome: f.outcome,
		deductionCounts: Object.fromEntries(counts),
		level: controls.levels && indicator.levels.some((l) => l.id === f.level) ? f.level : undefined,
		ratio: controls.ratioOf !== null && f.ratio?.of === controls.ratioOf ? f.ratio : undefined
	};
}

/** Why a graded value could not have been entered on the assess screen for this indicator: the field (and problem type). */
export type ValueProblem = { code: 'outcome' | 'level' | 'ratio' | 'count'; deductionId?: string };

/**
 * The assess screen's rules over a whole graded value, for a value entered anywhere else (a merge's 另填): an
 * outcome the framework offers here, a level of the indicator, a ratio of its required elements, and a whole count
 * within its limit for each of its problem types, each only where the indicator is graded that way.
 */
export function valueProblems(value: GradedValue, indicator: Indicator, part: SectionPart, rules: Pick<ScoringRules, 'naJudgement'>): ValueProblem[] {
	const controls = gradingControls(indicator, part);
	const out: ValueProblem[] = [];
	if (value.outcome !== null && !offeredOutcomes(rules, indicator, part).includes(value.outcome)) out.push({ code: 'outcome' });
	if (value.level !== undefined && !(controls.levels && indicator.levels.some((l) => l.id === value.level))) out.push({ code: 'level' });
	const { ratio } = value;
	if (ratio !== undefined && !(controls.ratioOf === ratio.of && validMet(ratio.met, ratio.of))) out.push({ code: 'ratio' });
	for (const [deductionId, n] of Object.entries(value.deductionCounts)) {
		const deduction = controls.counts ? indicator.deductions.find((d) => d.id === deductionId) : undefined;
		if (n !== 0 && (!deduction || !Number.isInteger(n) || n < 0 || n > countLimit(deduction))) out.push({ code: 'count', deductionId });
	}
	return out;
}

/** The outcome that matches a share earned: all → 符合, none → 不符合, in between → 部分符合. */
function outcomeFor(fraction: number): Outcome {
	return fraction >= 1 ? 'pass' : fraction <= 0 ? 'fail' : 'partial';
}

/** Picking a level also sets the outcome it implies, so progress and filters stay consistent. */
export function withLevel(f: Finding, indicator: Indicator, levelId: string, ctx: Context): Finding {
	const level = indicator.levels.find((l) => l.id === levelId);
	if (!level) return f;
	if (f.level === levelId) return touch({ ...f, level: undefined, outcome: null }, ctx);
	return touch({ ...f, level: levelId, outcome: outcomeFor(indicator.max > 0 ? level.points / indicator.max : 0) }, ctx);
}

export function withRatio(f: Finding, met: number, of: number, ctx: Context): Finding {
	return touch({ ...f, ratio: { met, of }, outcome: outcomeFor(met / of) }, ctx);
}
