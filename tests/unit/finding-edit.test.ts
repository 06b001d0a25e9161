import { describe, expect, it } from 'vitest';
import { countLimit, isJudged, newFinding, parseCount, parseRatio, shownValue, valueProblems, withDeductionCount, withJudgementOf, withLevel, withOutcome, withoutOutcome, withRatio, type GradedValue } from '$lib/domain/finding-edit';
import { Indicator, listIndicators } from '$lib/domain/framework/schema';
import { cassFramework } from './fixtures/other-models';
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

describe('a whole graded value checked by the assess screen rules (a merge 另填)', () => {
	const fw = cassFramework();
	const entry = (id: string) => listIndicators(fw).find((e) => e.indicator.id === id)!;
	const check = (id: string, value: Partial<GradedValue>) => valueProblems({ outcome: null, deductionCounts: {}, ...value }, entry(id).indicator, entry(id).section.part, fw.scoring);
	const deduct = Indicator.parse({
		id: 'd1',
		code: '1',
		title: { zh: '首页更新' },
		max: 10,
		deductions: [
			{ id: 'each', title: { zh: '未更新' }, points: 1, per: 'each' },
			{ id: 'once', title: { zh: '无栏目' }, points: 5, per: 'once' }
		]
	});

	it('takes a ratio of the required elements and a level of the indicator, each only where the indicator is graded so', () => {
		expect(check('decision-r', { outcome: 'partial', ratio: { met: 8000, of: 10000 } })).toEqual([]);
		expect(check('decision-r', { ratio: { met: 10001, of: 10000 } })).toEqual([{ code: 'ratio' }]);
		expect(check('decision-r', { ratio: { met: 5, of: 10 } })).toEqual([{ code: 'ratio' }]);
		expect(check('decision-r', { level: 'full' })).toEqual([{ code: 'level' }]);
		expect(check('platform-levels', { outcome: 'pass', level: 'full' })).toEqual([]);
		expect(check('platform-levels', { level: 'half' })).toEqual([{ code: 'level' }]);
		expect(check('platform-binary', { ratio: { met: 1, of: 1 } })).toEqual([{ code: 'ratio' }]);
	});

	it('takes whole counts within each problem type’s limit; zero counts are no count', () => {
		const counts = (deductionCounts: Record<string, number>, part: 'deduct' | 'veto' = 'deduct') => valueProblems({ outcome: 'partial', deductionCounts }, deduct, part, { naJudgement: 'any' });
		expect(counts({ each: 12, once: 1 })).toEqual([]);
		expect(counts({ once: 2 })).toEqual([{ code: 'count', deductionId: 'once' }]);
		expect(counts({ each: 1.5, gone: 1, other: 0 })).toEqual([
			{ code: 'count', deductionId: 'each' },
			{ code: 'count', deductionId: 'gone' }
		]);
		expect(counts({ each: 1 }, 'veto')).toEqual([{ code: 'outcome' }, { code: 'count', deductionId: 'each' }]);
	});

	it('takes only an outcome the framework offers for the indicator', () => {
		expect(valueProblems({ outcome: 'na', deductionCounts: {} }, deduct, 'deduct', { naJudgement: 'listed' })).toEqual([{ code: 'outcome' }]);
		expect(valueProblems({ outcome: 'na', deductionCounts: {} }, deduct, 'deduct', { naJudgement: 'any' })).toEqual([]);
	});

	it('shows a value as the assess screen would for the indicator: what it is not graded by is left out', () => {
		const stray = { outcome: 'partial' as const, deductionCounts: { each: 2, gone: 1 }, level: 'full', ratio: { met: 3, of: 10000 } };
		const shown = (id: string) => shownValue(stray, entry(id).indicator, entry(id).section.part);
		expect(shown('decision-r')).toEqual({ outcome: 'partial', deductionCounts: {}, level: undefined, ratio: { met: 3, of: 10000 } });
		expect(shown('platform-levels')).toEqual({ outcome: 'partial', deductionCounts: {}, level: 'full', ratio: undefined });
		expect(shownValue(stray, deduct, 'deduct')).toEqual({ outcome: 'partial', deductionCounts: { each: 2 }, level: undefined, ratio: undefined });
	});

	it('parses a typed ratio as the assess screen does: empty is none, otherwise a whole number from 0 to n', () => {
		expect(parseRatio(' ', 10)).toEqual({ ok: true, value: undefined });
		expect(parseRatio('10', 10)).toEqual({ ok: true, value: 10 });
		for (const bad of ['11', '-1', '2.5', 'x']) expect(parseRatio(bad, 10)).toEqual({ ok: false });
		expect(countLimit({ per: 'once' })).toBe(1);
	});
});
