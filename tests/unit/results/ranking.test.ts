import { describe, expect, it } from 'vitest';
import { rankCampaign, rankedTarget } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import { completed, finding, miniFramework } from '../fixtures/mini-framework';
import { fakeScore, target } from './helpers';

const fw = miniFramework();
// dept: 100 points, no bonus. a1 "link" costs 1 each (cap 20), d1 "err" 5 each, a2 20 when failed.
const jia = target('jia', '甲', 'dept');
const yi = target('yi', '乙', 'dept');
const ding = target('ding', '丁', 'dept');
const bing = target('bing', '丙', 'dept');
const wu = target('wu', '戊', 'dept');
const ji = target('ji', '己', 'dept');
const geng = target('geng', '庚', 'portal');
const targets = [jia, yi, ding, bing, wu, ji, geng];
const findings = [
	finding('a1', 'fail', { link: 5 }, jia.id), // 95
	finding('a1', 'fail', { link: 10 }, yi.id), // 90
	finding('d1', 'fail', { err: 2 }, ding.id), // 90
	finding('a2', 'fail', {}, bing.id), // 80
	finding('v1', 'fail', {}, wu.id),
	finding('v2', 'fail', {}, ji.id),
	finding('a1', 'fail', { link: 30 }, ji.id)
];

describe('rankCampaign', () => {
	const scores = scoreCampaign(fw, targets, completed(fw, targets, findings));
	const rankings = rankCampaign(fw, targets, scores);

	it('gives one ranking per framework category, in framework order, empty ones included', () => {
		expect(rankings.map((r) => r.categoryId)).toEqual(['portal', 'dept', 'nosvc']);
		expect(rankings.map((r) => r.title.zh)).toEqual(['门户', '部门', '无服务']);
		expect(rankings[2]!.rows).toEqual([]);
		expect(rankings[0]!.rows.map((r) => [r.name, r.rank, r.total])).toEqual([['庚', 1, 100]]);
	});

	it('uses competition ranking for ties (95, 90, 90, 80 → 1, 2, 2, 4) and puts vetoed targets last, by name, rank null', () => {
		const dept = rankings[1]!.rows;
		// 丁 (dīng) before 乙 (yǐ) on the tie; 己 (jǐ) before 戊 (wù) among the vetoed.
		expect(dept.map((r) => [r.name, r.rank, r.total])).toEqual([
			['甲', 1, 95],
			['丁', 2, 90],
			['乙', 2, 90],
			['丙', 4, 80],
			['己', null, null],
			['戊', null, null]
		]);
		const ji = dept[4]!;
		expect(ji.vetoed).toBe(true);
		expect(ji.passed).toBe(false);
		expect(ji.gradeId).toBe('fail');
		expect(ji.vetoReasons).toEqual([{ zh: '栏目不更新' }]);
	});

	it('copies target facts; ranks only complete targets, the unfinished follow apart by progress', () => {
		const first = rankings[1]!.rows[0]!;
		expect(first).toMatchObject({ targetId: 'jia', url: 'https://jia.gov.cn/', ownerUnit: '甲主管', categoryId: 'dept', gradeId: 'excellent', passed: true, complete: true, status: 'complete' });
		// 甲 graded 1 of 6 (a1 only), 乙 nothing: neither is ranked, nor shown with the 100 an empty sheet gives.
		const partial = rankCampaign(fw, [jia, yi], scoreCampaign(fw, [jia, yi], [finding('a1', 'fail', { link: 5 }, jia.id)]));
		expect(partial[1]!.rows).toEqual([]);
		expect(partial[1]!.unfinished.map((r) => [r.name, r.rank, r.status, r.graded, r.applicable])).toEqual([
			['甲', null, 'inProgress', 1, 6],
			['乙', null, 'unstarted', 0, 6]
		]);
	});

	it('部分符合 with nothing counted keeps a target unfinished', () => {
		const f = completed(fw, [jia], [finding('a1', 'partial', {}, jia.id)]);
		const [s] = scoreCampaign(fw, [jia], f);
		expect(s).toMatchObject({ graded: 6, applicable: 6, uncounted: 1, complete: false });
		expect(rankCampaign(fw, [jia], [s!])[1]!.unfinished.map((r) => r.targetId)).toEqual(['jia']);
		const counted = scoreCampaign(fw, [jia], completed(fw, [jia], [finding('a1', 'partial', { link: 2 }, jia.id)]))[0]!;
		expect(counted).toMatchObject({ uncounted: 0, complete: true, total: 98 });
	});

	it('ranks on the published score: equal published scores share a rank', () => {
		const ts = [target('p', '甲', 'dept'), target('q', '乙', 'dept'), target('r', '丙', 'dept')];
		const sc = [fakeScore('p', 90), fakeScore('q', 90), fakeScore('r', 89.9)];
		const one = rankCampaign(fw, ts, sc)[1]!.rows;
		expect(one.map((r) => [r.targetId, r.rank])).toEqual([
			['p', 1],
			['q', 1],
			['r', 3]
		]);
	});

	it('ranks real scores by what is published, never by hidden digits', () => {
		// Under rescale (nosvc: 75 of 100 apply) each lost point counts 4/3.
		const ts = [target('p', '甲', 'nosvc'), target('q', '乙', 'nosvc')];
		const fw1 = miniFramework((f) => void (f.scoring.decimals = 0));
		const f = completed(fw1, ts, [finding('a1', 'fail', { link: 8 }, 'p'), finding('a1', 'fail', { link: 7 }, 'q')]);
		const sc = scoreCampaign(fw1, ts, f);
		// 100 − 8 × 4/3 = 89.33 → 89; 100 − 7 × 4/3 = 90.67 → 91: distinct at 0 decimals.
		expect(sc.map((s) => s.total)).toEqual([89, 91]);
		expect(sc.map((s) => s.rawTotal)).not.toEqual(sc.map((s) => s.total));
		expect(rankCampaign(fw1, ts, sc)[2]!.rows.map((r) => [r.targetId, r.rank, r.total])).toEqual([
			['q', 1, 91],
			['p', 2, 89]
		]);
	});

	it('ranks nothing below a vetoed target even when the scheme records 59 for it', () => {
		const fw59 = miniFramework((f) => void (f.scoring.vetoScore = 59));
		const ts = [target('v', '甲', 'dept'), target('s', '乙', 'dept')];
		const rows = rankCampaign(fw59, ts, [fakeScore('v', 59, { vetoed: true }), fakeScore('s', 50)])[1]!.rows;
		expect(rows.map((r) => [r.targetId, r.rank, r.total])).toEqual([
			['s', 1, 50],
			['v', null, 59]
		]);
	});

	it('keeps the categories separate: ranks restart at 1 in each', () => {
		const ts = [target('a', '甲', 'dept'), target('b', '乙', 'portal'), target('c', '丙', 'dept')];
		const r = rankCampaign(fw, ts, [fakeScore('a', 70), fakeScore('b', 60), fakeScore('c', 80)]);
		expect(r[0]!.rows.map((x) => [x.targetId, x.rank])).toEqual([['b', 1]]);
		expect(r[1]!.rows.map((x) => [x.targetId, x.rank])).toEqual([
			['c', 1],
			['a', 2]
		]);
	});

	it('lists targets of a category the framework lacks in a ranking of their own at the end; skips targets without a score', () => {
		const ts = [target('a', '甲', 'gone'), target('b', '乙', 'dept')];
		const r = rankCampaign(fw, ts, [fakeScore('a', 70)]);
		expect(r.map((x) => x.categoryId)).toEqual(['portal', 'dept', 'nosvc', 'gone']);
		expect(r[3]!.title).toEqual({ zh: 'gone' });
		expect(r[3]!.rows.map((x) => x.rank)).toEqual([1]);
		expect(r[1]!.rows).toEqual([]);
	});

	it('rankedTarget carries the status and progress', () => {
		expect(rankedTarget(jia, fakeScore('jia', 77.3, { graded: 1, complete: false }), null)).toMatchObject({ targetId: 'jia', name: '甲', rank: null, total: 77.3, complete: false, status: 'inProgress', graded: 1, applicable: 2 });
	});
});
