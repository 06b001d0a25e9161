import { describe, expect, it } from 'vitest';
import { radarData, scoredSections, sectionHeatmap } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import type { Finding } from '$lib/domain/finding';
import { completed, finding, miniFramework } from '../fixtures/mini-framework';
import { cassFramework, checklistFramework } from '../fixtures/other-models';
import { target } from './helpers';

const fw = miniFramework();
const P = target('P', '门户', 'portal');
const N = target('N', '无服务', 'nosvc');
const V = target('V', '否决', 'dept');
const findings = [
	finding('a1', 'fail', { link: 5 }, 'P'), // A 35 / 40
	finding('b1', 'pass', {}, 'P'), // deduct 95 > 80: bonus 20 of cap 30
	finding('a2', 'fail', {}, 'N'), // A 20 / 40; S N/A; total 55 × 100/75
	finding('v1', 'fail', {}, 'V'),
	finding('a1', 'fail', { link: 3 }, 'V')
];

describe('sectionHeatmap', () => {
	const targets = [P, N, V];
	const scores = scoreCampaign(fw, targets, completed(fw, targets, findings));
	const hm = sectionHeatmap(fw, targets, scores);

	it('has one column per scored top-level section (no veto; bonus because a portal can earn it)', () => {
		expect(hm.sections).toEqual([
			{ sectionId: 'A', code: '2', title: { zh: '发布' } },
			{ sectionId: 'S', code: '3', title: { zh: '办事' } },
			{ sectionId: 'D', code: '4', title: { zh: '功能' } },
			{ sectionId: 'B', code: '5', title: { zh: '加分' } }
		]);
		expect(scoredSections(fw, [N, V]).map((s) => s.id)).toEqual(['A', 'S', 'D']);
		expect(sectionHeatmap(fw, [N, V], scores).sections.map((s) => s.sectionId)).toEqual(['A', 'S', 'D']);
	});

	it('gives % of each section max; N/A and vetoed cells are null; a rescaled (×4/3) target stays % of its own section max', () => {
		expect(scores[1]!.rawTotal).toBeCloseTo(73.333333, 5);
		expect(hm.rows.map((r) => [r.targetId, r.name])).toEqual([
			['P', '门户'],
			['N', '无服务'],
			['V', '否决']
		]);
		expect(hm.rows[0]!.cells[0]).toBe(87.5);
		expect(hm.rows[0]!.cells[1]).toBe(100);
		expect(hm.rows[0]!.cells[2]).toBe(100);
		expect(hm.rows[0]!.cells[3]).toBeCloseTo(200 / 3, 10);
		expect(hm.rows[1]!.cells).toEqual([50, null, 100, null]);
		expect(hm.rows[2]!.cells).toEqual([null, null, null, null]);
	});

	it('radar: the target against the mean over scored cells', () => {
		const r = radarData(hm, 'N');
		expect(r.sections).toBe(hm.sections);
		expect(r.target).toEqual([50, null, 100, null]);
		expect(r.mean[0]).toBe(68.75);
		expect(r.mean[1]).toBe(100);
		expect(r.mean[2]).toBe(100);
		expect(r.mean[3]).toBeCloseTo(200 / 3, 10);
		// An unknown target: no values, the mean still there.
		expect(radarData(hm, 'nobody').target).toEqual([null, null, null, null]);
		// Nothing scored anywhere: null, not NaN.
		const vetoedOnly = sectionHeatmap(fw, [V], [scores[2]!]);
		expect(radarData(vetoedOnly, 'V').mean).toEqual([null, null, null]);
	});

	it('leaves unfinished targets out: no provisional row, nothing in the radar mean', () => {
		const U = target('U', '未完', 'dept');
		const all = [...targets, U];
		const sc = scoreCampaign(fw, all, [...completed(fw, targets, findings), finding('a1', 'fail', { link: 20 }, 'U')]);
		const h = sectionHeatmap(fw, all, sc);
		expect(h.rows.map((r) => r.targetId)).toEqual(['P', 'N', 'V']);
		expect(radarData(h, 'P').mean).toEqual(radarData(hm, 'P').mean);
	});

	it('weighted model: each cell is the section percentage; a wholly N/A section is null', () => {
		const cass = cassFramework();
		const ts = [target('c1', '甲市', 'city'), target('c2', '乙市', 'noapply')];
		const ratio = (ind: string, met: number, t: string): Finding => ({ ...finding(ind, 'partial', {}, t), ratio: { met, of: 10000 } });
		const fs = [ratio('decision-r', 5000, 'c1'), ratio('apply-r', 2500, 'c1'), ratio('decision-r', 8000, 'c2')];
		const h = sectionHeatmap(cass, ts, scoreCampaign(cass, ts, completed(cass, ts, fs, 'fail')));
		expect(h.sections.map((s) => s.sectionId)).toEqual(['decision', 'service', 'result', 'platform', 'apply']);
		expect(h.rows[0]!.cells.map((c) => (c === null ? null : Math.round(c * 1e6) / 1e6))).toEqual([50, 0, 0, 0, 25]);
		expect(h.rows[1]!.cells.map((c) => (c === null ? null : Math.round(c * 1e6) / 1e6))).toEqual([80, 0, 0, 0, null]);
	});

	it('checklist model: met weight over applicable weight', () => {
		const ck = checklistFramework();
		const t = target('u', '单位', 'unit');
		const fs = [finding('t1', 'pass', {}, 'u'), finding('t2', 'fail', {}, 'u'), finding('t3', 'partial', {}, 'u'), finding('t4', 'na', {}, 'u')];
		const h = sectionHeatmap(ck, [t], scoreCampaign(ck, [t], fs));
		expect(h.rows[0]!.cells).toEqual([50]);
		// All N/A: nothing applicable → null.
		const none = ['t1', 't2', 't3', 't4'].map((id) => finding(id, 'na', {}, 'u'));
		expect(sectionHeatmap(ck, [t], scoreCampaign(ck, [t], none)).rows[0]!.cells).toEqual([null]);
	});
});
