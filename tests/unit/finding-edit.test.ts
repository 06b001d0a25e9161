import { describe, expect, it } from 'vitest';
import { isJudged, newFinding, parseCount, withDeductionCount, withJudgementOf, withLevel, withOutcome, withoutOutcome, withRatio } from '$lib/domain/finding-edit';
import { Indicator } from '$lib/domain/framework/schema';
import { Finding } from '$lib/domain/finding';

let i = 0;
const ctx = {
	now: () => '2026-03-01T08:00:00.000Z',
	newId: () => `00000000-0000-4000-8000-${String(++i).padStart(12, '0')}`,
	user: '张三'
};
const C = '00000000-0000-4000-8000-00000000c000';
const T = '00000000-0000-4000-8000-00000000d000';

describe('finding edits', () => {
	it('creates a valid empty finding stamped with who and when', () => {
		const f = newFinding(ctx, C, T, 'a1');
		expect(Finding.parse(f)).toEqual(f);
		expect(f).toMatchObject({ outcome: null, updatedBy: '张三', reviewState: 'draft' });
	});
	it('keeps an outcome chosen twice: only an explicit clear removes it', () => {
		const f = withOutcome(newFinding(ctx, C, T, 'a1'), 'fail', ctx);
		expect(f.outcome).toBe('fail');
		expect(withOutcome(f, 'fail', ctx).outcome).toBe('fail');
		expect(withOutcome(f, 'pass', ctx).outcome).toBe('pass');
	});
	it('clears the judgement (outcome, level, ratio) but keeps counts and the note; undo puts the judgement back', () => {
		const levels = Indicator.parse({
			id: 'w1',
			code: '1',
			title: { zh: '解读' },
			max: 10,
			method: 'levels',
			levels: [
				{ id: 'l0', title: { zh: '无' }, points: 0 },
				{ id: 'l5', title: { zh: '部分' }, points: 5 }
			]
		});
		const counted = withDeductionCount(withOutcome(newFinding(ctx, C, T, 'a1'), 'fail', ctx), 'link', 2, ctx);
		const noted = { ...counted, note: '链接错误' };
		const cleared = withoutOutcome(noted, ctx);
		expect(cleared).toMatchObject({ outcome: null, deductionCounts: { link: 2 }, note: '链接错误' });
		expect(isJudged(cleared)).toBe(false);
		expect(isJudged(noted)).toBe(true);
		expect(isJudged(undefined)).toBe(false);
		expect(Finding.parse(cleared).outcome).toBeNull();
		// A note typed after the clear survives the undo.
		const undone = withJudgementOf({ ...cleared, note: '链接错误，已截图' }, noted, ctx);
		expect(undone).toMatchObject({ outcome: 'fail', deductionCounts: { link: 2 }, note: '链接错误，已截图' });

		const leveled = withLevel(newFinding(ctx, C, T, 'w1'), levels, 'l5', ctx);
		expect(leveled).toMatchObject({ level: 'l5', outcome: 'partial' });
		const levelCleared = withoutOutcome(leveled, ctx);
		expect(levelCleared.level).toBeUndefined();
		expect(isJudged(levelCleared)).toBe(false);
		expect(withJudgementOf(levelCleared, leveled, ctx)).toMatchObject({ level: 'l5', outcome: 'partial' });

		const ratio = withoutOutcome(withRatio(newFinding(ctx, C, T, 'w2'), 2, 4, ctx), ctx);
		expect(ratio.ratio).toBeUndefined();
		expect(isJudged(ratio)).toBe(false);
	});
	it('counting a problem turns 符合/unset into 部分符合 but leaves 不符合 alone; 0 removes the count', () => {
		const f = withDeductionCount(newFinding(ctx, C, T, 'a1'), 'link', 2, ctx);
		expect(f).toMatchObject({ outcome: 'partial', deductionCounts: { link: 2 } });
		const failed = withDeductionCount({ ...f, outcome: 'fail' }, 'link', 3, ctx);
		expect(failed.outcome).toBe('fail');
		expect(withDeductionCount(f, 'link', 0, ctx).deductionCounts).toEqual({});
	});
	it('parses counts: whole numbers from 0 only', () => {
		expect(parseCount(' 3 ')).toEqual({ ok: true, value: 3 });
		expect(parseCount('')).toEqual({ ok: true, value: 0 });
		expect(parseCount('1.5')).toEqual({ ok: false, code: 'countNotInteger' });
		expect(parseCount('abc')).toEqual({ ok: false, code: 'countNotInteger' });
		expect(parseCount('-1')).toEqual({ ok: false, code: 'countNegative' });
		expect(parseCount('100000')).toEqual({ ok: false, code: 'countTooLarge' });
	});
	it('rejects a negative or fractional count at the schema too', () => {
		const f = newFinding(ctx, C, T, 'a1');
		expect(Finding.safeParse({ ...f, deductionCounts: { link: -1 } }).success).toBe(false);
		expect(Finding.safeParse({ ...f, deductionCounts: { link: 1.5 } }).success).toBe(false);
	});
});
