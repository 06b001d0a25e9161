import { describe, expect, it } from 'vitest';
import type { Framework } from '$lib/domain/framework';
import type { Finding } from '$lib/domain/finding';
import type { Target } from '$lib/domain/target';
import { scoreCampaign } from '$lib/domain/scoring';
import { scoreBands, radarData, sectionHeatmap, problemsByIndicator, progressByAssessor, progressByTarget, rankCampaign, campaignReport, targetReport, resultsSheets } from '$lib/domain/results';
import { completed, finding, miniFramework } from '../fixtures/mini-framework';
import { cassFramework, checklistFramework } from '../fixtures/other-models';
import { badNumbers, campaign, target } from './helpers';

/** Runs every results function on a campaign and returns everything they produced. */
function everything(fw: Framework, targets: Target[], findings: Finding[]) {
	const scores = scoreCampaign(fw, targets, findings);
	const heatmap = sectionHeatmap(fw, targets, scores);
	const c = campaign(fw);
	return {
		rankings: rankCampaign(fw, targets, scores),
		bands: scoreBands(fw, scores),
		heatmap,
		radars: targets.map((t) => radarData(heatmap, t.id)),
		problems: problemsByIndicator(fw, targets, findings),
		byTarget: progressByTarget(targets, scores),
		byAssessor: progressByAssessor(targets, scores, findings),
		report: campaignReport(c, targets, findings),
		targetReports: targets.map((t) => targetReport(c, t, findings, [])),
		sheets: resultsSheets(fw, targets, scores, findings, [])
	};
}

const mini = miniFramework();

describe('bad input: nothing is NaN or infinite', () => {
	it('the deep check itself finds NaN and Infinity', () => {
		expect(badNumbers({ a: [1, { b: NaN }], c: 'x', d: null })).toEqual(['$.a[1].b = NaN']);
		expect(badNumbers([Infinity])).toEqual(['$[0] = Infinity']);
		expect(badNumbers({ a: 0, b: -1.5, c: [null, '1'] })).toEqual([]);
	});

	it('no targets at all', () => {
		const out = everything(mini, [], []);
		expect(badNumbers(out)).toEqual([]);
		expect(out.bands.passRate).toBeNull();
		expect(out.rankings.map((r) => r.rows.length)).toEqual([0, 0, 0]);
		expect(out.heatmap).toEqual({ sections: [{ sectionId: 'A', code: '2', title: { zh: '发布' } }, { sectionId: 'S', code: '3', title: { zh: '办事' } }, { sectionId: 'D', code: '4', title: { zh: '功能' } }], rows: [] });
		expect(out.sheets.map((s) => s.rows.length)).toEqual([1, 1]);
	});

	it('targets but no findings: everyone unstarted, nobody ranked, counted or shown as 100', () => {
		const ts = [target('a', '甲', 'dept'), target('b', '乙', 'portal'), target('c', '丙', 'dept')];
		const out = everything(mini, ts, []);
		expect(badNumbers(out)).toEqual([]);
		expect(out.rankings[1]!.rows).toEqual([]);
		expect(out.rankings[1]!.unfinished.map((r) => [r.rank, r.status])).toEqual([
			[null, 'unstarted'],
			[null, 'unstarted']
		]);
		expect(out.bands).toMatchObject({ targets: 3, complete: 0, unfinished: 3, passed: 0, passRate: null });
		expect(out.heatmap.rows).toEqual([]);
		// The scores sheet: no score, 等次 says 未开始.
		expect(out.sheets[0]!.rows.slice(1).map((r) => [r[5], r[6]])).toEqual([
			[null, '未开始'],
			[null, '未开始'],
			[null, '未开始']
		]);
		expect(out.problems).toEqual([]);
		expect(out.byAssessor).toEqual([{ key: '', label: '', graded: 0, applicable: 20, targets: 3, complete: 0 }]);
		expect(out.sheets[1]!.rows.length).toBe(1);
	});

	it('a single target in one category, the others empty', () => {
		const ts = [target('a', '甲', 'nosvc')];
		const out = everything(mini, ts, completed(mini, ts, [finding('a1', 'fail', { link: 2 }, 'a')]));
		expect(badNumbers(out)).toEqual([]);
		expect(out.rankings.map((r) => r.rows.length)).toEqual([0, 0, 1]);
		expect(out.radars[0]!.target).toEqual(out.radars[0]!.mean);
		expect(out.bands.passRate).toBe(1);
	});

	it('a vetoed target with no other findings', () => {
		const ts = [target('a', '甲', 'dept')];
		const early = everything(mini, ts, [finding('v1', 'fail', {}, 'a')]);
		// A veto found first does not finish the assessment: no result yet.
		expect(early.rankings[1]!.unfinished[0]).toMatchObject({ rank: null, vetoed: true, status: 'inProgress' });
		expect(early.bands.passRate).toBeNull();
		const out = everything(mini, ts, completed(mini, ts, [finding('v1', 'fail', {}, 'a')]));
		expect(badNumbers(out)).toEqual([]);
		expect(out.rankings[1]!.rows[0]).toMatchObject({ rank: null, total: null, vetoed: true });
		expect(out.heatmap.rows[0]!.cells).toEqual([null, null, null]);
		expect(out.radars[0]!.mean).toEqual([null, null, null]);
		expect(out.bands.bands[0]!.count).toBe(1);
		expect(out.bands.passRate).toBe(0);
		expect(out.targetReports[0]!.problems.map((p) => p.veto)).toEqual([true]);
	});

	it('every section judged not applicable', () => {
		const ts = [target('a', '甲', 'nosvc')];
		const out = everything(mini, ts, completed(mini, ts, ['a1', 'a2', 'd1'].map((id) => finding(id, 'na', {}, 'a'))));
		expect(badNumbers(out)).toEqual([]);
		expect(out.heatmap.rows[0]!.cells).toEqual([null, null, null]);
	});

	it('weighted and checklist models, empty and all N/A', () => {
		const cass = cassFramework();
		const ck = checklistFramework();
		expect(badNumbers(everything(cass, [target('a', '甲', 'noapply')], []))).toEqual([]);
		expect(badNumbers(everything(ck, [], []))).toEqual([]);
		const u = target('u', '单位', 'unit');
		const out = everything(ck, [u], ['t1', 't2', 't3', 't4'].map((id) => finding(id, 'na', {}, 'u')));
		expect(badNumbers(out)).toEqual([]);
		expect(out.heatmap.rows[0]!.cells).toEqual([null]);
	});
});
