import { describe, expect, it } from 'vitest';
import type { Finding, Outcome } from '$lib/domain/finding';
import { agreementReport, orderedGrade, orderedScale, type ReviewedItem } from '$lib/domain/review';
import { finding, miniFramework } from '../fixtures/mini-framework';
import { cassFramework } from '../fixtures/other-models';
import { listIndicators } from '$lib/domain/framework';

/** mini framework with a subsection under 2 发布 (a3 5 points, taken from a2), so sections nest. */
const framework = miniFramework((fw) => {
	fw.sections[1]!.indicators![1]!.max = 15;
	fw.sections[1]!.sections = [
		{ id: 'A-sub', code: '2.3', title: { zh: '子栏目' }, part: 'deduct', indicators: [{ id: 'a3', code: '2.3.1', title: { zh: '子项' }, max: 5 }] }
	];
});

let target = 0;
function item(indicatorId: string, first: Outcome | null, second: Outcome | null, assessor = '张三', counts: [Record<string, number>, Record<string, number>] = [{}, {}]): ReviewedItem {
	const targetId = `00000000-0000-4000-9000-${String(++target).padStart(12, '0')}`;
	return { targetId, indicatorId, assessor, first: finding(indicatorId, first, counts[0], targetId), second: finding(indicatorId, second, counts[1], targetId) };
}
const repeat = (n: number, make: () => ReviewedItem) => Array.from({ length: n }, make);

describe('agreementReport', () => {
	it('pools the issue case across indicators and assessors into κ 0.40 overall', () => {
		const items = [
			...repeat(20, () => item('a2', 'pass', 'pass', '张三')),
			...repeat(5, () => item('s1', 'pass', 'fail', '李四')),
			...repeat(10, () => item('a2', 'fail', 'pass', '李四')),
			...repeat(15, () => item('d1', 'fail', 'fail', '张三'))
		];
		const r = agreementReport(framework, items);
		expect(r.overall.items).toBe(50);
		expect(r.overall.kappa).toBeCloseTo(0.4, 12);
	});

	it('lists every indicator in framework order, each with its own figures and n', () => {
		const r = agreementReport(framework, [item('a2', 'pass', 'pass'), item('a2', 'pass', 'fail'), item('a3', 'fail', 'fail')]);
		expect(r.byIndicator.map((i) => i.indicatorId)).toEqual(listIndicators(framework).map((e) => e.indicator.id));
		const a2 = r.byIndicator.find((i) => i.indicatorId === 'a2')!;
		expect(a2.outcome).toMatchObject({ items: 2, identical: 1, observed: 0.5 });
		expect(a2.ordered).toBeNull();
		expect(r.byIndicator.find((i) => i.indicatorId === 'v1')!.outcome.noKappa).toBe('noItems');
	});

	it('gives weighted kappa on the problems counted where an indicator has deductions', () => {
		const r = agreementReport(framework, [
			item('a1', 'fail', 'fail', '张三', [{ link: 3 }, { link: 3 }]),
			item('a1', 'fail', 'fail', '张三', [{ link: 1, stale: 1 }, { link: 2 }]),
			item('a1', 'pass', 'fail', '张三', [{}, { link: 4 }]),
			item('a1', 'pass', 'pass')
		]);
		const a1 = r.byIndicator.find((i) => i.indicatorId === 'a1')!;
		expect(a1.ordered?.scale).toBe('count');
		expect(a1.ordered?.linear.items).toBe(4);
		// Grades 3/3, 2/2, 0/4, 0/0: the only disagreement is 0 against 4, the widest distance used.
		expect(a1.ordered?.linear.observed).toBeCloseTo(0.75, 12);
		expect(a1.ordered?.quadratic.kappa).not.toBeNull();
		expect(a1.outcome.identical).toBe(3);
	});

	it('rolls each section up over its indicators at any depth, parents before subsections', () => {
		const r = agreementReport(framework, [item('a2', 'pass', 'pass'), item('a3', 'fail', 'pass'), item('a3', 'fail', 'fail'), item('d1', 'pass', 'pass')]);
		expect(r.bySection.map((s) => [s.sectionId, s.depth])).toEqual([
			['veto', 0],
			['A', 0],
			['A-sub', 1],
			['S', 0],
			['D', 0],
			['B', 0]
		]);
		const of = (id: string) => r.bySection.find((s) => s.sectionId === id)!.outcome;
		expect(of('A').items).toBe(3);
		expect(of('A-sub').items).toBe(2);
		expect(of('D').items).toBe(1);
		expect(r.overall.items).toBe(4);
	});

	it('groups by the first grader, in collation order, the unassigned kept apart', () => {
		const r = agreementReport(framework, [item('a2', 'pass', 'pass', '张三'), item('a2', 'pass', 'fail', '李四'), item('d1', 'pass', 'pass', '李四'), item('d1', 'na', 'na', '')]);
		expect(r.byAssessor.map((a) => [a.assessor, a.outcome.items])).toEqual([
			['', 1],
			['李四', 2],
			['张三', 1]
		]);
	});

	it('counts a sampled item the reviewer has not graded yet as one-sided, and leaves out indicators the framework lacks', () => {
		const r = agreementReport(framework, [item('a2', 'pass', 'pass'), item('a2', 'pass', null), { ...item('a2', 'fail', 'fail'), indicatorId: 'gone' }]);
		expect(r.overall).toMatchObject({ items: 1, oneSided: 1 });
	});
});

describe('agreementReport on a whole campaign', () => {
	it('reports 2,000 targets × 120 indicators reviewed in full (240,000 items) without running out of stack', () => {
		const graded = finding('a2', 'pass');
		const items = Array.from({ length: 240_000 }, (_, i) => ({ targetId: String(i), indicatorId: 'a2', assessor: '张三', first: graded, second: graded }));
		const r = agreementReport(framework, items);
		expect(r.overall.items).toBe(240_000);
		expect(r.bySection.find((s) => s.sectionId === 'A')!.outcome.items).toBe(240_000);
	});
});

describe('ordered grades', () => {
	const cass = cassFramework();
	const levels = listIndicators(cass).find((e) => e.indicator.method === 'levels')!.indicator;
	const ratio = listIndicators(cass).find((e) => e.indicator.method === 'ratio')!.indicator;
	const with_ = (more: Partial<Finding>): Finding => ({ ...finding('x', 'partial'), ...more });

	it('ranks levels by their points, lowest first, whatever the order the framework lists them in', () => {
		// The fixture lists 完整 4, 基本完整 2, 缺失 0.
		expect(orderedScale(levels)).toBe('level');
		expect(['none', 'basic', 'full'].map((level) => orderedGrade(levels, with_({ level })))).toEqual([0, 1, 2]);
		expect(orderedGrade(levels, with_({ level: undefined }))).toBeNull();
		expect(orderedGrade(levels, with_({ level: 'unknown' }))).toBeNull();
	});

	it('reads elements met on a ratio indicator, and no ordered grade for 不适用 or no outcome', () => {
		expect(orderedScale(ratio)).toBe('ratio');
		expect(orderedGrade(ratio, with_({ ratio: { met: 7, of: 10000 } }))).toBe(7);
		expect(orderedGrade(ratio, with_({ outcome: 'na', ratio: { met: 7, of: 10000 } }))).toBeNull();
		expect(orderedGrade(ratio, with_({ outcome: null, ratio: { met: 7, of: 10000 } }))).toBeNull();
		expect(orderedGrade(ratio, undefined)).toBeNull();
	});

	it('sums the counts of the indicator\'s own deductions only', () => {
		const a1 = listIndicators(framework).find((e) => e.indicator.id === 'a1')!.indicator;
		expect(orderedGrade(a1, with_({ outcome: 'fail', deductionCounts: { link: 2, stale: 1, other: 9 } }))).toBe(3);
		expect(orderedGrade(a1, with_({ outcome: 'pass', deductionCounts: {} }))).toBe(0);
	});
});
