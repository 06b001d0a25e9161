import { describe, expect, it } from 'vitest';
import { bandTones, scoreBands } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import { completed, finding, miniFramework } from '../fixtures/mini-framework';
import { fakeScore, target } from './helpers';

const fw = miniFramework(); // grades: 优秀 ≥ 90, 合格 ≥ 60, 不合格 ≥ 0

describe('scoreBands', () => {
	it('lists vetoed first, then each grade with [min, max) taken from the band above', () => {
		const s = scoreBands(fw, []);
		expect(s.bands.map((b) => [b.id, b.title?.zh ?? null, b.min, b.max, b.count])).toEqual([
			['vetoed', null, null, null, 0],
			['excellent', '优秀', 90, null, 0],
			['pass', '合格', 60, 90, 0],
			['fail', '不合格', 0, 60, 0]
		]);
		expect(s).toMatchObject({ targets: 0, passed: 0, passRate: null });
	});

	it('counts each target once, boundaries inclusive at min, vetoed ones only as vetoed', () => {
		const scores = [
			fakeScore('a', 120),
			fakeScore('b', 90),
			fakeScore('c', 90 - 1e-12), // float noise: still 90
			fakeScore('d', 89.999),
			fakeScore('e', 60),
			fakeScore('f', 59.5),
			fakeScore('g', null, { vetoed: true }),
			fakeScore('h', 59, { vetoed: true }) // a vetoScore of 59 is not a 不合格-band score
		];
		const s = scoreBands(fw, scores);
		expect(s.bands.map((b) => [b.id, b.count])).toEqual([
			['vetoed', 2],
			['excellent', 3],
			['pass', 2],
			['fail', 1]
		]);
		expect(s.bands.reduce((a, b) => a + b.count, 0)).toBe(8);
		expect(s.targets).toBe(8);
		expect(s.passed).toBe(5);
		expect(s.passRate).toBe(5 / 8);
	});

	it('works on real scores: veto, below pass mark, rescaled ×4/3', () => {
		const ts = [target('a', '甲', 'dept'), target('b', '乙', 'dept'), target('c', '丙', 'nosvc'), target('d', '丁', 'dept')];
		const findings = [
			finding('v1', 'fail', {}, 'a'),
			finding('a1', 'fail', {}, 'b'),
			finding('a2', 'fail', {}, 'b'),
			finding('d1', 'fail', {}, 'b'), // 100 − 75 = 25
			finding('a1', 'fail', { link: 6 }, 'c') // (75 − 6) × 100 / 75 = 92
		];
		const s = scoreBands(fw, scoreCampaign(fw, ts, completed(fw, ts, findings)));
		expect(s.bands.map((b) => b.count)).toEqual([1, 2, 0, 1]);
		expect(s.passed).toBe(2);
		expect(s.passRate).toBe(0.5);
		// Unfinished targets count in nothing but `unfinished`: not in bands, passes or the pass rate.
		const early = scoreBands(fw, scoreCampaign(fw, [...ts, target('e', '戊', 'dept')], completed(fw, ts, findings)));
		expect(early).toMatchObject({ targets: 5, complete: 4, unfinished: 1, passed: 2, passRate: 0.5 });
		expect(early.bands.map((b) => b.count)).toEqual([1, 2, 0, 1]);
	});

	it('bands by the total, not by the grade: below a pass mark set above a band line, the score still shows where it lies', () => {
		const strict = miniFramework((f) => void (f.scoring.passMark = 70));
		const s = scoreBands(strict, [fakeScore('a', 65, { passed: false, gradeId: 'fail' })]);
		expect(s.bands.map((b) => b.count)).toEqual([0, 0, 1, 0]);
		expect(s.passed).toBe(0);
	});
});

describe('bandTones', () => {
	const tones = (f: typeof fw) => [...bandTones(f)].map(([id, t]) => [id, t.tone === 'pass' ? `pass ${t.step}/${t.steps}` : t.tone]);

	it('colours by grade: vetoed and the worst band fail, the best band first among the passing ones', () => {
		expect(tones(fw)).toEqual([
			['vetoed', 'fail'],
			['excellent', 'pass 0/2'],
			['pass', 'pass 1/2'],
			['fail', 'fail']
		]);
	});

	it('marks a band under the pass mark other than the worst as below, whatever its position', () => {
		const five = miniFramework((f) => {
			f.scoring.passMark = 60;
			f.scoring.grades = [
				{ id: 'a', title: { zh: '优秀' }, min: 90 },
				{ id: 'b', title: { zh: '良好' }, min: 80 },
				{ id: 'c', title: { zh: '合格' }, min: 60 },
				{ id: 'd', title: { zh: '较差' }, min: 40 },
				{ id: 'e', title: { zh: '差' }, min: 0 }
			];
		});
		expect(tones(five)).toEqual([
			['vetoed', 'fail'],
			['a', 'pass 0/3'],
			['b', 'pass 1/3'],
			['c', 'pass 2/3'],
			['d', 'below'],
			['e', 'fail']
		]);
	});

	it('gives the only grade the fail tone: everything that fails lands there', () => {
		const one = miniFramework((f) => void (f.scoring.grades = [{ id: 'only', title: { zh: '已评' }, min: 0 }]));
		expect(tones(one)).toEqual([
			['vetoed', 'fail'],
			['only', 'fail']
		]);
	});
});
