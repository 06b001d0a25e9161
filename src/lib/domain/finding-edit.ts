import { stamp, touch, type Context } from './common';
import type { Finding, Outcome } from './finding';

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

/** Choosing the outcome already set clears it, so a mistaken key press can be undone with the same key. */
export function withOutcome(f: Finding, outcome: Outcome, ctx: Context): Finding {
	return touch({ ...f, outcome: f.outcome === outcome ? null : outcome }, ctx);
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
