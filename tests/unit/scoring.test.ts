import { describe, expect, it } from 'vitest';
import { scoreCampaign, scoreTarget, type TargetScore } from '$lib/domain/scoring';
import { TARGET, finding, miniFramework } from './fixtures/mini-framework';

const portal = { id: TARGET, categoryId: 'portal' };
const dept = { id: TARGET, categoryId: 'dept' };
const nosvc = { id: TARGET, categoryId: 'nosvc' };
const keys = (s: TargetScore) => s.trace.map((t) => t.key);
const stepOf = (s: TargetScore, key: string) => s.trace.find((t) => t.key === key)?.params;

describe('scoreTarget — deduction model', () => {
	it('scores a clean portal at 100 and grades it', () => {
		const s = scoreTarget(miniFramework(), dept, []);
		expect(s.total).toBe(100);
		expect(s.passed).toBe(true);
		expect(s.gradeId).toBe('excellent');
		expect(s.sections.map((x) => [x.sectionId, x.score])).toEqual([
			['A', 40],
			['S', 25],
			['D', 35],
			['B', null]
		]);
	});

	it('a failed veto indicator makes the target 不合格 and stops scoring (vetoScore null)', () => {
		const s = scoreTarget(miniFramework(), portal, [finding('v2', 'fail'), finding('a1', 'fail'), finding('b1', 'pass')]);
		expect(s.vetoed).toBe(true);
		expect(s.total).toBeNull();
		expect(s.deductScore).toBeNull();
		expect(s.passed).toBe(false);
		expect(s.gradeId).toBe('fail');
		expect(s.vetoReasons.map((r) => r.indicatorId)).toEqual(['v2']);
		expect(keys(s)).toContain('trace.veto');
		expect(keys(s)).toContain('trace.vetoNoScore');
		expect(s.sections.every((x) => x.score === null)).toBe(true);
		// No section scores, but the real maxima (the report's 满分 column), not 0.0 for every section.
		expect(s.sections.map((x) => [x.sectionId, x.max])).toEqual([
			['A', 40],
			['S', 25],
			['D', 35],
			['B', 30]
		]);
	});

	it('records vetoScore 59 when the scheme says so', () => {
		const fw = miniFramework((f) => {
			f.scoring.vetoScore = 59;
		});
		const s = scoreTarget(fw, dept, [finding('v1', 'fail')]);
		expect(s.total).toBe(59);
		expect(stepOf(s, 'trace.vetoScore')).toEqual({ score: 59 });
	});

	it('only 不符合 on a veto indicator vetoes; 部分符合 and 符合 do not', () => {
		const s = scoreTarget(miniFramework(), dept, [finding('v1', 'partial'), finding('v2', 'pass')]);
		expect(s.vetoed).toBe(false);
		expect(s.total).toBe(100);
	});

	it('caps an indicator’s deductions at its max (25 broken links × 1 on a 20-point item → −20)', () => {
		const s = scoreTarget(miniFramework(), dept, [finding('a1', 'partial', { link: 25 })]);
		expect(s.sections.find((x) => x.sectionId === 'A')?.score).toBe(20);
		expect(s.total).toBe(80);
		expect(stepOf(s, 'trace.indicatorCounted')).toMatchObject({ formula: '25×1', sum: 25, max: 20, lost: 20 });
	});

	it('sums count × points per problem type; a fixed (once) deduction counts once', () => {
		const s = scoreTarget(miniFramework(), dept, [finding('a1', 'partial', { link: 3, stale: 4 })]);
		// 3 × 1 + 5 (once) = 8
		expect(s.total).toBe(92);
		expect(stepOf(s, 'trace.indicatorCounted')).toMatchObject({ formula: '3×1 + 5', lost: 8 });
	});

	it('不符合 without counted problems loses the whole indicator; 部分符合 without counts loses nothing', () => {
		expect(scoreTarget(miniFramework(), dept, [finding('a2', 'fail')]).total).toBe(80);
		expect(scoreTarget(miniFramework(), dept, [finding('a2', 'partial')]).total).toBe(100);
	});

	it('applies a section cap on the sum of its deductions', () => {
		const fw = miniFramework((f) => {
			f.sections[1]!.cap = 10;
		});
		const s = scoreTarget(fw, dept, [finding('a1', 'partial', { link: 8 }), finding('a2', 'fail')]);
		// A loses 8 + 20 = 28, capped at 10 → 30
		expect(s.sections.find((x) => x.sectionId === 'A')?.score).toBe(30);
		expect(s.total).toBe(90);
		expect(keys(s)).toContain('trace.sectionCap');
	});

	it('rescales a unit without services ×100/75 (the national ×4/3 rule)', () => {
		const s = scoreTarget(miniFramework(), nosvc, [finding('d1', 'partial', { err: 3 })]);
		// applicable 75: 40 + (35 − 15) = 60 → 60 × 100 / 75 = 80
		expect(s.deductScore).toBe(80);
		expect(s.total).toBe(80);
		expect(s.sections.find((x) => x.sectionId === 'S')).toMatchObject({ applicable: false, score: null });
		expect(stepOf(s, 'trace.rescale')).toEqual({ raw: 60, total: 100, applicable: 75, score: 80 });
		expect(keys(s)).toContain('trace.naSection');
	});

	it('an indicator judged 不适用 drops out and the rest is rescaled', () => {
		const s = scoreTarget(miniFramework(), dept, [finding('a2', 'na'), finding('d1', 'partial', { err: 2 })]);
		// applicable 80, raw 70 → 70 × 100 / 80 = 87.5
		expect(s.total).toBe(87.5);
		expect(keys(s)).toContain('trace.naIndicator');
	});

	it('naPolicy exclude keeps the raw score out of the applicable max', () => {
		const fw = miniFramework((f) => {
			f.scoring.naPolicy = 'exclude';
		});
		expect(scoreTarget(fw, nosvc, []).total).toBe(75);
	});

	it('naPolicy redistribute spreads the skipped points evenly over the remaining indicators', () => {
		const fw = miniFramework((f) => {
			f.scoring.naPolicy = 'redistribute';
		});
		expect(scoreTarget(fw, nosvc, []).total).toBe(100);
		// d1 is worth 35 + 25/3; failing it entirely leaves 100 − 43.333…
		const s = scoreTarget(fw, nosvc, [finding('d1', 'fail')]);
		expect(s.rawTotal).toBeCloseTo(100 - 35 - 25 / 3, 12);
		expect(s.total).toBe(56.7);
		expect(stepOf(s, 'trace.redistribute')).toMatchObject({ points: 25, count: 3 });
	});

	it('a part-2 score of exactly 80 opens the bonus only when the gate is inclusive', () => {
		const findings = [finding('a1', 'fail'), finding('b1', 'pass')];
		const strict = scoreTarget(miniFramework(), portal, findings);
		expect(strict.deductScore).toBe(80);
		expect(strict.bonusScore).toBe(0);
		expect(strict.total).toBe(80);
		expect(keys(strict)).toContain('trace.bonusGateClosed');

		const inclusive = scoreTarget(
			miniFramework((f) => {
				f.scoring.bonus!.gateInclusive = true;
			}),
			portal,
			findings
		);
		expect(inclusive.bonusScore).toBe(20);
		expect(inclusive.total).toBe(100);
		expect(stepOf(inclusive, 'trace.bonusGateOpen')).toMatchObject({ op: '≥', gate: 80 });
	});

	it('80 reached by ×4/3 (60 of 75) is exactly 80, not 79.999…', () => {
		const fw = miniFramework((f) => {
			f.categories[2]!.bonus = true;
			f.scoring.bonus!.gateInclusive = true;
		});
		const s = scoreTarget(fw, nosvc, [finding('d1', 'partial', { err: 3 }), finding('b1', 'pass')]);
		expect(s.deductScore).toBe(80);
		expect(s.bonusScore).toBe(20);
	});

	it('a result below 60 is 不合格', () => {
		const s = scoreTarget(miniFramework(), dept, [finding('a1', 'fail'), finding('a2', 'fail'), finding('d1', 'partial', { err: 1 })]);
		expect(s.total).toBe(55);
		expect(s.passed).toBe(false);
		expect(s.gradeId).toBe('fail');
		expect(stepOf(s, 'trace.belowPassMark')).toEqual({ score: 55, passMark: 60 });
	});

	it('caps the bonus at 30 and adds it on top of 100', () => {
		const s = scoreTarget(miniFramework(), portal, [finding('b1', 'pass'), finding('b2', 'pass')]);
		expect(s.bonusScore).toBe(30);
		expect(s.total).toBe(130);
		expect(stepOf(s, 'trace.bonusCapped')).toEqual({ sum: 40, cap: 30, bonus: 30 });
	});

	it('counted bonus items earn count × points, capped at the indicator max', () => {
		const s = scoreTarget(miniFramework(), portal, [finding('b2', 'partial', { each: 4 })]);
		expect(s.bonusScore).toBe(8);
		const many = scoreTarget(miniFramework(), portal, [finding('b2', 'pass', { each: 15 })]);
		expect(many.bonusScore).toBe(20);
	});

	it('gives no bonus to categories without it', () => {
		const s = scoreTarget(miniFramework(), dept, [finding('b1', 'pass')]);
		expect(s.bonusScore).toBe(0);
		expect(keys(s)).toContain('trace.bonusNotEligible');
	});

	it('counts progress over the indicators the category must be judged on', () => {
		const s = scoreTarget(miniFramework(), nosvc, [finding('v1', 'pass'), finding('a2', 'na'), finding('d1', null)]);
		// nosvc: v1 v2 a1 a2 d1 (s1 not applicable, bonus not eligible) = 5; graded v1 + a2 = 2
		expect(s.applicable).toBe(5);
		expect(s.graded).toBe(2);
		expect(stepOf(s, 'trace.ungraded')).toEqual({ count: 3 });
	});

	it('the trace lets a reader recompute the total', () => {
		const s = scoreTarget(miniFramework(), portal, [finding('a1', 'partial', { link: 2 }), finding('d1', 'fail'), finding('b1', 'pass')]);
		const sections = s.trace.filter((t) => t.key === 'trace.section').map((t) => t.params.score as number);
		const sum = stepOf(s, 'trace.deductSum')!.score as number;
		expect(sections.reduce((a, b) => a + b, 0)).toBe(sum);
		const total = stepOf(s, 'trace.total')!;
		expect((total.deduct as number) + (total.bonus as number)).toBe(total.total);
		expect(s.total).toBe(63);
		expect(s.bonusScore).toBe(0); // 63 is not above 80
	});
});

describe('scoreCampaign', () => {
	it('scores each target from its own findings, in target order', () => {
		const t2 = '00000000-0000-4000-8000-0000000000aa';
		const scores = scoreCampaign(miniFramework(), [portal, { id: t2, categoryId: 'dept' }], [
			finding('a2', 'fail', {}, t2),
			finding('v1', 'fail')
		]);
		expect(scores.map((s) => [s.targetId, s.total])).toEqual([
			[TARGET, null],
			[t2, 80]
		]);
	});
});
