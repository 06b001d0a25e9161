import { stamp, touch, type Context } from './common';
import type { Finding, Outcome } from './finding';
import type { Indicator } from './framework/schema';

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

export type CountParse = { ok: true; value: number } | { ok: false; code: 'countNotInteger' | 'countNegative' | 'countTooLarge' };

/** Deduction counts are typed by people: only whole numbers from 0 up are meaningful. */
export function parseCount(input: string): CountParse {
	const s = input.trim();
	if (s === '') return { ok: true, value: 0 };
	if (!/^-?\d+$/.test(s)) return { ok: false, code: 'countNotInteger' };
	const value = Number(s);
	if (value < 0) return { ok: false, code: 'countNegative' };
	if (value > 9999) return { ok: false, code: 'countTooLarge' };
	return { ok: true, value };
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
