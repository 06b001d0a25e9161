import { describe, expect, it } from 'vitest';
import { problemsByIndicator } from '$lib/domain/results';
import { scoreTarget } from '$lib/domain/scoring';
import { finding, miniFramework } from '../fixtures/mini-framework';
import { cassFramework } from '../fixtures/other-models';
import { target } from './helpers';

const fw = miniFramework();
const A = target('A', '甲', 'dept');
const B = target('B', '乙', 'dept');
const C = target('C', '丙', 'dept');
const D = target('D', '丁', 'nosvc');
const E = target('E', '戊', 'portal');
const findings = [
	finding('a1', 'fail', { link: 3 }, 'A'),
	finding('d1', 'fail', {}, 'A'),
	finding('v2', 'fail', {}, 'A'),
	{ ...finding('a1', 'partial', { stale: 2 }, 'B'), note: '首页动态停更' },
	finding('a1', 'pass', {}, 'C'),
	finding('d1', 'fail', { err: 1 }, 'C'),
	finding('s1', 'fail', {}, 'D'), // 办事 is N/A for nosvc: ignored, as in scoring
	finding('a2', 'fail', {}, 'D'),
	finding('b1', 'fail', {}, 'E'), // a bonus not earned is no problem
	finding('a2', 'na', {}, 'E'),
	finding('a1', 'fail', { link: 1 }, 'stranger') // not one of the targets
];

describe('problemsByIndicator', () => {
	const problems = problemsByIndicator(fw, [A, B, C, D, E], findings);

	it('lists indicators with problems, most common first, then by code', () => {
		expect(problems.map((p) => [p.code, p.targets.length])).toEqual([
			['2.1', 2],
			['4.1', 2],
			['1.2', 1],
			['2.2', 1]
		]);
		expect(problems[0]).toMatchObject({ indicatorId: 'a1', title: { zh: '动态' }, sectionTitle: { zh: '发布' } });
	});

	it('gives each target with its deduction-model loss (null outside the deduct part) and note', () => {
		const of = (id: string) => problems.find((p) => p.indicatorId === id)!.targets;
		expect(of('a1')).toEqual([
			{ targetId: 'A', name: '甲', lost: 3, note: '' },
			{ targetId: 'B', name: '乙', lost: 5, note: '首页动态停更' }
		]);
		expect(of('d1').map((t) => [t.targetId, t.lost])).toEqual([
			['A', 35],
			['C', 5]
		]);
		expect(of('v2')).toEqual([{ targetId: 'A', name: '甲', lost: null, note: '' }]);
		// 折算后 points: 丁 (nosvc) skips 办事 (25 of 100), so what it lost counts 100/75 times.
		expect(of('a2').map((t) => [t.targetId, t.lost])).toEqual([['D', (20 * 100) / 75]]);
		expect(problems.some((p) => p.indicatorId === 's1' || p.indicatorId === 'b1')).toBe(false);
	});

	it('follows redistribution: a failed indicator loses its max plus its share of the skipped points', () => {
		const red = miniFramework((f) => void (f.scoring.naPolicy = 'redistribute'));
		const fs = [finding('a2', 'fail', {}, 'D')];
		const p = problemsByIndicator(red, [D], fs);
		expect(p[0]!.targets[0]!.lost).toBe(20 + 25 / 3); // 25 skipped points over a1, a2, d1
		const score = scoreTarget(red, D, fs);
		expect(score.sections.find((s) => s.sectionId === 'A')!.lost).toBe(p[0]!.targets[0]!.lost);
	});

	it('shares a capped section’s loss over its indicators, as the score counts it', () => {
		const capped = miniFramework((f) => void (f.sections[1]!.cap = 10));
		// 发布 loses 5 (a1) + 20 (a2) = 25, capped at 10: a1 2, a2 8.
		const fs = [finding('a1', 'partial', { stale: 1 }, 'A'), finding('a2', 'fail', {}, 'A')];
		const p = problemsByIndicator(capped, [A], fs);
		expect(p.map((x) => [x.indicatorId, x.targets[0]!.lost])).toEqual([
			['a1', 2],
			['a2', 8]
		]);
		expect(scoreTarget(capped, A, fs).deductScore).toBe(100 - 2 - 8);
	});

	it('sorts codes naturally (2.9 before 2.10)', () => {
		const f2 = miniFramework((f) => {
			f.sections[1]!.indicators![0]!.code = '2.10';
			f.sections[1]!.indicators![1]!.code = '2.9';
		});
		const p = problemsByIndicator(f2, [A], [finding('a1', 'fail', {}, 'A'), finding('a2', 'fail', {}, 'A')]);
		expect(p.map((x) => x.code)).toEqual(['2.9', '2.10']);
	});

	it('weighted model: partial and below-full ratios are problems with lost null', () => {
		const cass = cassFramework();
		const t = target('c', '甲市', 'city');
		const fs = [
			{ ...finding('decision-r', 'partial', {}, 'c'), ratio: { met: 8000, of: 10000 } },
			{ ...finding('service-r', 'pass', {}, 'c'), ratio: { met: 10000, of: 10000 } },
			{ ...finding('platform-levels', 'pass', {}, 'c'), level: 'basic' }
		];
		const p = problemsByIndicator(cass, [t], fs);
		expect(p.map((x) => [x.indicatorId, x.targets[0]!.lost])).toEqual([
			['decision-r', null],
			['platform-levels', null]
		]);
	});

	it('returns [] without findings or targets', () => {
		expect(problemsByIndicator(fw, [A], [])).toEqual([]);
		expect(problemsByIndicator(fw, [], findings)).toEqual([]);
	});
});
