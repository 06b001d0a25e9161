/**
 * The two "not applicable" rules of issue 15 side by side in one framework: a target's category removes
 * indicators automatically, with the reason shown (`naIndicators`, `skippedByCategory`), and an inspector may judge
 * 不适用 only what the framework lists (`naJudgement: 'listed'`, `naTreatment`). Scoring applies both.
 */
import { describe, expect, it } from 'vitest';
import { offeredOutcomes } from '$lib/domain/assess-keys';
import { assessLayout } from '$lib/domain/assess-layout';
import { Framework, listIndicators } from '$lib/domain/framework';
import type { Outcome } from '$lib/domain/finding';
import { skippedByCategory } from '$lib/domain/not-applicable';
import { requiredIndicators, scoreTarget } from '$lib/domain/scoring';
import { getBuiltInFramework } from '$lib/frameworks';
import { finding, miniFramework, TARGET } from './fixtures/mini-framework';

const offered = (fw: Framework) =>
	listIndicators(fw)
		.filter((e) => offeredOutcomes(fw.scoring, e.indicator, e.block.part).includes('na'))
		.map((e) => e.indicator.id);

/** Every indicator the category requires judged 符合, with `over` instead where given (N/A on any indicator too). */
function score(fw: Framework, categoryId: string, over: Record<string, Outcome> = {}) {
	const ids = new Set(requiredIndicators(fw, categoryId).map((i) => i.id));
	const own = [...ids].map((id) => finding(id, over[id] ?? 'pass'));
	for (const [id, outcome] of Object.entries(over)) if (!ids.has(id)) own.push(finding(id, outcome));
	return scoreTarget(fw, { id: TARGET, categoryId }, own);
}

describe('category N/A and inspector N/A in one deduction framework', () => {
	// mini: deduct a1 20, a2 20, s1 25, d1 35 = 100. Category 部门 removes a1 (naPolicy: rescale); an inspector may
	// judge only a2 不适用, and its points are then left out (exclude).
	const fw = miniFramework((f) => {
		f.scoring = { ...f.scoring, naJudgement: 'listed' };
		f.categories[1]!.naIndicators = ['a1'];
		f.sections[1]!.indicators![1]!.naTreatment = 'exclude';
	});

	it('the category removes a1 with its reason; the inspector is offered 不适用 on a2 only', () => {
		expect(skippedByCategory(fw, 'dept').map((x) => [x.indicator.id, x.reason.category.zh])).toEqual([['a1', '部门']]);
		const group = assessLayout(fw, 'dept').find((g) => g.section.id === 'A')!;
		expect([group.entries.map((e) => e.indicator.id), group.skipped.map((x) => x.indicator.id)]).toEqual([['a2'], ['a1']]);
		expect(offered(fw)).toEqual(['a2']);
		expect(requiredIndicators(fw, 'dept').map((i) => i.id)).not.toContain('a1');
	});

	it('scores both: a1 rescaled away by the category, a2 left out by the judgement', () => {
		const s = score(fw, 'dept', { a2: 'na', d1: 'fail' });
		// Out of 100: a1's 20 rescaled, a2's 20 excluded, so s1 + d1 (60) count for 80; s1 25 kept → 25 × 80 / 60.
		expect(s.complete).toBe(true);
		expect(s.deductScore).toBeCloseTo((25 * 80) / 60, 10);
		expect(s.trace.map((x) => x.key)).toEqual(expect.arrayContaining(['trace.naIndicator', 'trace.rescale']));
		// Without the category, the same judgement only excludes a2: 60 of 80 (a1 20 + s1 25 kept, d1 lost).
		expect(score(fw, 'portal', { a2: 'na', d1: 'fail' }).deductScore).toBe(45);
	});

	it('a 不适用 the framework does not list is refused, even next to what the category removes', () => {
		const s = score(fw, 'dept', { d1: 'na' });
		expect([s.complete, s.graded, s.deductScore]).toEqual([false, s.applicable - 1, 100]);
		expect(s.trace.some((x) => x.key === 'trace.naRefused')).toBe(true);
	});
});

describe('category N/A and inspector N/A in one checklist (工作要点)', () => {
	// Tianshui 2021: a city department is not responsible for (十六); let an inspector judge only (十) 不适用.
	const base = getBuiltInFramework('tianshui-2021-key-points')!;
	const fw = Framework.parse({
		...base,
		scoring: { ...base.scoring, naJudgement: 'listed' },
		sections: base.sections.map((s) => ({ ...s, indicators: s.indicators.map((i) => (i.id === 'ts-10-info-management' ? { ...i, naTreatment: 'exclude' as const } : i)) }))
	});

	it('(十六) is N/A for a city department by its responsible units; (十) may be judged N/A and drops out', () => {
		const skipped = skippedByCategory(fw, 'city-department').find((x) => x.indicator.id === 'ts-16-participation')!;
		expect(skipped.reason.responsibleUnits).toEqual(skipped.indicator.responsibleUnits);
		expect(offered(fw)).toEqual(['ts-10-info-management']);

		const all = score(fw, 'city-department');
		const judged = score(fw, 'city-department', { 'ts-10-info-management': 'na', 'ts-09-concerns': 'fail' });
		expect(judged.complete).toBe(true);
		expect(judged.applicable).toBe(all.applicable);
		// One task not met of the applicable ones less (十) (and less (十六), which the category removes).
		const weights = requiredIndicators(fw, 'city-department').filter((i) => i.id !== 'ts-10-info-management');
		const total = weights.reduce((a, i) => a + i.max, 0);
		const lost = weights.find((i) => i.id === 'ts-09-concerns')!.max;
		expect(judged.rawTotal).toBeCloseTo(((total - lost) * 100) / total, 10);
	});

	it('a 不适用 on a task the framework does not list leaves the target unfinished', () => {
		const s = score(fw, 'city-department', { 'ts-09-concerns': 'na' });
		expect([s.complete, s.graded]).toEqual([false, s.applicable - 1]);
	});
});
