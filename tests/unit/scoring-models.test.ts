import { describe, expect, it } from 'vitest';
import { scoreTarget, type TargetScore, whatIf } from '$lib/domain/scoring';
import { Framework } from '$lib/domain/framework';
import { TARGET, finding, miniFramework, miniFrameworkInput } from './fixtures/mini-framework';
import { cassFramework, checklistFramework } from './fixtures/other-models';

const zh = (s: string) => ({ zh: s });

const city = { id: TARGET, categoryId: 'city' };
const ratio = (id: string, met: number, of = 10000) => ({ ...finding(id, met === of ? 'pass' : 'partial'), ratio: { met, of } });
const stepOf = (s: TargetScore, key: string) => s.trace.find((t) => t.key === key)?.params;

describe('weighted model (CASS-style)', () => {
	// Shenzhen 2021 (criteria §5.1): 87.80 / 81.70 / 81.15 / 95.00 / 87.50 → published 84.97.
	const shenzhen = () => [
		ratio('decision-r', 8780),
		ratio('service-r', 8170),
		ratio('result-r', 8115),
		{ ...finding('platform-levels', 'pass'), level: 'full' },
		{ ...finding('platform-binary', 'pass') },
		ratio('apply-r', 8750)
	];

	it('a binary indicator judged 部分符合 earns half, levels earn their points', () => {
		const findings = shenzhen().map((f) => (f.indicatorId === 'platform-binary' ? { ...f, outcome: 'partial' as const } : f));
		const s = scoreTarget(cassFramework(), city, findings);
		// platform: (4 + 0.5 × 6) / 10 = 70% of weight 10
		expect(s.sections.find((x) => x.sectionId === 'platform')?.score).toBeCloseTo(7, 10);
		// 0.2×87.8 + 0.3×81.7 + 0.25×81.15 + 7 + 0.15×87.5
		expect(s.rawTotal).toBeCloseTo(17.56 + 24.51 + 20.2875 + 7 + 13.125, 10);
		expect(s.total).toBe(82.48);
	});

	it('reproduces 84.98 exactly when 平台 is 95.00', () => {
		const fw = Framework.parse({
			...cassFramework(),
			sections: cassFramework().sections.map((s) =>
				s.id === 'platform'
					? { ...s, indicators: [{ ...s.indicators[1]!, id: 'platform-r', code: '4.1', method: 'ratio' as const, ratioOf: 10000, max: 10 }] }
					: s
			)
		});
		const findings = [ratio('decision-r', 8780), ratio('service-r', 8170), ratio('result-r', 8115), ratio('platform-r', 9500), ratio('apply-r', 8750)];
		const s = scoreTarget(fw, city, findings);
		expect(s.rawTotal).toBeCloseTo(84.9825, 10);
		// Published at the framework's two decimals, 四舍五入: 84.98, and the trace ends with that rounding.
		expect(s.total).toBe(84.98);
		expect(s.trace.at(-2)).toEqual({ key: 'trace.rounded.halfUp', params: { raw: '84.9825', decimals: 2, score: '84.98' } });
		expect(s.gradeId).toBe('good');
		expect(s.trace.filter((t) => t.key === 'trace.weightedSection').map((t) => t.params.weight)).toEqual([20, 30, 25, 10, 15]);
	});

	it('scores levels by their points and binary by the outcome', () => {
		const fw = cassFramework();
		const s = scoreTarget(fw, city, [{ ...finding('platform-levels', 'partial'), level: 'basic' }, finding('platform-binary', 'fail')]);
		// platform: (2 + 0) / 10 = 20% of weight 10 → 2 points
		expect(s.sections.find((x) => x.sectionId === 'platform')?.score).toBeCloseTo(2, 10);
	});

	it('drops N/A indicators and renormalises the section; a wholly N/A section renormalises the weights', () => {
		const fw = cassFramework();
		const s = scoreTarget(fw, city, [finding('platform-levels', 'na'), finding('platform-binary', 'pass')]);
		// platform: only the binary (6) applies and is met → 100% → full 10 points
		expect(s.sections.find((x) => x.sectionId === 'platform')?.score).toBeCloseTo(10, 10);

		const noApply = scoreTarget(fw, { id: TARGET, categoryId: 'noapply' }, [ratio('decision-r', 10000), ratio('service-r', 10000), ratio('result-r', 10000), finding('platform-binary', 'pass'), { ...finding('platform-levels', 'pass'), level: 'full' }]);
		expect(noApply.total).toBeCloseTo(100, 10);
		expect(stepOf(noApply, 'trace.weightedRenormalised')).toEqual({ applicable: 85, full: 100 });
		expect(noApply.sections.find((x) => x.sectionId === 'apply')).toMatchObject({ applicable: false, score: null });
	});

	it('counts ungraded indicators as not yet earned', () => {
		const s = scoreTarget(cassFramework(), city, []);
		expect(s.total).toBe(0);
		expect(s.passed).toBe(false);
		expect(stepOf(s, 'trace.ungradedZero')).toEqual({ count: 6 });
	});
});

describe('checklist model', () => {
	it('scores met weight over applicable weight; N/A items drop out', () => {
		const fw = checklistFramework();
		const unit = { id: TARGET, categoryId: 'unit' };
		// t1 met (1), t2 N/A, t3 not met (2), t4 met (1) → 2 / 4 = 50%
		const s = scoreTarget(fw, unit, [finding('t1', 'pass'), finding('t2', 'na'), finding('t3', 'fail'), finding('t4', 'pass')]);
		expect(s.total).toBe(50);
		expect(s.passed).toBe(false);
		expect(stepOf(s, 'trace.checklistTotal')).toEqual({ met: 2, applicable: 4, total: 50 });
		const all = scoreTarget(fw, unit, [finding('t1', 'pass'), finding('t2', 'na'), finding('t3', 'pass'), finding('t4', 'pass')]);
		expect(all.total).toBe(100);
		expect(all.gradeId).toBe('good');
	});
	it('keeps deadlines and responsible units on items', () => {
		const t1 = checklistFramework().sections[0]!.indicators[0]!;
		expect(t1).toMatchObject({ deadline: '2021-09-30', responsibleUnits: ['市政府办公室'] });
	});
});

describe('deduction variants', () => {
	it('redistribute and rescale differ on the same findings', () => {
		const nosvc = { id: TARGET, categoryId: 'nosvc' };
		const findings = [finding('d1', 'partial', { err: 4 })]; // −20 on d1 (35)
		const rescale = scoreTarget(miniFramework(), nosvc, findings);
		const redistribute = scoreTarget(miniFramework((f) => (f.scoring.naPolicy = 'redistribute')), nosvc, findings);
		// rescale: (75 − 20) × 100 / 75 = 73.33…; redistribute: 100 − 20 = 80
		expect(rescale.rawTotal).toBeCloseTo(55 * 100 / 75, 10);
		expect(rescale.total).toBe(73.3);
		expect(redistribute.total).toBe(80);
	});
	it('bonus caps of 20 and 25 apply as data', () => {
		for (const cap of [20, 25]) {
			const s = scoreTarget(miniFramework((f) => (f.scoring.bonus!.cap = cap)), { id: TARGET, categoryId: 'portal' }, [finding('b1', 'pass'), finding('b2', 'pass')]);
			expect(s.bonusScore).toBe(cap);
		}
	});
	it('a bonus indicator with levels earns the chosen level’s points (解读形式 0/5/10)', () => {
		const fw = miniFramework((f) => {
			const b1 = f.sections.find((s) => s.id === 'B')!.indicators![0]!;
			Object.assign(b1, {
				max: 10,
				method: 'levels',
				levels: [
					{ id: 'none', title: zh('无'), points: 0 },
					{ id: 'some', title: zh('一种'), points: 5 },
					{ id: 'many', title: zh('多种'), points: 10 }
				]
			});
		});
		const portal = { id: TARGET, categoryId: 'portal' };
		const bonusFor = (level: string, outcome: 'pass' | 'partial' | 'fail') => scoreTarget(fw, portal, [{ ...finding('b1', outcome), level }]);
		expect(bonusFor('some', 'partial').bonusScore).toBe(5);
		expect(bonusFor('many', 'pass').bonusScore).toBe(10);
		expect(bonusFor('none', 'fail').bonusScore).toBe(0);
		expect(stepOf(bonusFor('some', 'partial'), 'trace.bonusIndicator')).toMatchObject({ points: 5 });
		// Fixing it means the top level: what-if counts the 5 points still to earn.
		expect(whatIf(fw, portal, [{ ...finding('b1', 'partial'), level: 'some' }])).toMatchObject([{ indicatorId: 'b1', gain: 5, bonus: true }]);
	});
	it('the veto part works in the other models too', () => {
		const base = checklistFramework();
		const veto = miniFrameworkInput().sections[0]!;
		veto.code = 'V';
		veto.indicators = veto.indicators!.map((i, n) => ({ ...i, code: `V.${n + 1}` }));
		const fw = Framework.parse({ ...base, scoring: { ...base.scoring, vetoScore: 59 }, sections: [veto, ...base.sections] });
		const s = scoreTarget(fw, { id: TARGET, categoryId: 'unit' }, [finding('v1', 'fail'), finding('t1', 'pass')]);
		expect(s).toMatchObject({ vetoed: true, total: 59, passed: false, gradeId: 'fail' });
	});
});

describe('whatIf', () => {
	const portal = { id: TARGET, categoryId: 'portal' };
	it('lists each problem with the gain of fixing it alone, largest first', () => {
		const fw = miniFramework();
		const findings = [finding('a1', 'partial', { link: 3 }), finding('d1', 'fail'), finding('a2', 'pass')];
		const impacts = whatIf(fw, portal, findings);
		expect(impacts.map((i) => [i.indicatorId, i.gain])).toEqual([
			['d1', 35],
			['a1', 3]
		]);
		// 62 → 97 (> 80 opens the bonus gate, but there are no bonus findings) crosses into 优秀.
		expect(impacts[0]!.newGrade?.id).toBe('excellent');
		expect(impacts[1]!.newGrade).toBeNull();
	});
	it('puts a veto first and says whether fixing it alone lifts the veto', () => {
		const fw = miniFramework();
		const one = whatIf(fw, portal, [finding('v1', 'fail'), finding('a1', 'fail')]);
		expect(one[0]).toMatchObject({ indicatorId: 'v1', liftsVeto: true, newTotal: 80 });
		expect(one).toHaveLength(1); // fixing a1 alone changes nothing while vetoed
		const two = whatIf(fw, portal, [finding('v1', 'fail'), finding('v2', 'fail')]);
		expect(two.map((i) => [i.indicatorId, i.liftsVeto, i.vetoShared])).toEqual([
			['v1', false, true],
			['v2', false, true]
		]);
	});
	it('counts a bonus opening as part of the gain', () => {
		const fw = miniFramework();
		// 79 (a1 partial −1 … ) with b1 passed: fixing a1 lifts part 2 above 80 and releases the bonus.
		const findings = [finding('a1', 'partial', { link: 1 }), finding('a2', 'fail'), finding('b1', 'pass')];
		const [impact] = whatIf(fw, portal, findings);
		expect(impact).toMatchObject({ indicatorId: 'a2', gain: 20 + 20 });
	});
	it('never shows a negative gain: lifting a veto under a veto score says the score it would have', () => {
		const fw = miniFramework((f) => (f.scoring.vetoScore = 59));
		// Vetoed at 59; without the veto a1, a2 and d1 failed leave 100 − 75 = 25, still below the pass mark.
		const findings = [finding('v1', 'fail'), finding('a1', 'fail'), finding('a2', 'fail'), finding('d1', 'fail')];
		expect(scoreTarget(fw, portal, findings).total).toBe(59);
		const [lift] = whatIf(fw, portal, findings);
		expect(lift).toMatchObject({ indicatorId: 'v1', liftsVeto: true, newTotal: 25, gain: 0, passes: false, newGrade: null });
		// Every subset of these problems, with and without the veto: no gain is ever below 0.
		const pool = [finding('v1', 'fail'), finding('a1', 'fail'), finding('a2', 'partial', { }), finding('d1', 'partial', { err: 2 }), finding('b1', 'fail'), finding('v2', 'fail')];
		for (let mask = 0; mask < 1 << pool.length; mask++) {
			const subset = pool.filter((_, i) => mask & (1 << i));
			for (const impact of whatIf(fw, portal, subset)) expect(impact.gain).toBeGreaterThanOrEqual(0);
		}
	});
	it('a lifted veto that passes says so', () => {
		const fw = miniFramework((f) => (f.scoring.vetoScore = 59));
		const [lift] = whatIf(fw, portal, [finding('v1', 'fail'), finding('a1', 'fail')]);
		expect(lift).toMatchObject({ liftsVeto: true, newTotal: 80, gain: 21, passes: true, newGrade: { id: 'pass' } });
	});
	it('lists deductions first and bonus opportunities after them, marked as bonus', () => {
		const fw = miniFramework();
		// Part 2 at 99 (a1 −1) opens the bonus gate: earning b1 would add 20, fixing a1 only 1.
		const impacts = whatIf(fw, portal, [finding('a1', 'partial', { link: 1 }), finding('b1', 'fail'), finding('b2', 'pass')]);
		expect(impacts.map((i) => [i.indicatorId, i.gain, i.bonus])).toEqual([
			['a1', 1, false],
			['b1', 10, true]
		]);
	});
	it('covers weighted levels and ratios', () => {
		const fw = cassFramework();
		const city = { id: TARGET, categoryId: 'city' };
		const impacts = whatIf(fw, city, [{ ...finding('platform-levels', 'partial'), level: 'basic' }, { ...finding('decision-r', 'partial'), ratio: { met: 5000, of: 10000 } }]);
		// decision 50% → 100% = +10 of 100; platform levels 2 → 4 of 10 = +2
		expect(impacts.map((i) => [i.indicatorId, Number(i.gain.toFixed(6))])).toEqual([
			['decision-r', 10],
			['platform-levels', 2]
		]);
	});
});
