import { describe, expect, it } from 'vitest';
import { campaignReport, targetReport } from '$lib/domain/results';
import type { Evidence } from '$lib/domain/evidence';
import { completed, finding, miniFramework } from '../fixtures/mini-framework';
import { campaign, target, urlEvidence } from './helpers';

const fw = miniFramework((f) => void (f.source.docNo = '国办秘函〔2019〕19号'));
const A = target('A', '甲', 'dept', { assessor: '张三' });
const B = target('B', '乙', 'dept');
const P = target('P', '丙', 'portal');
const fa1 = { ...finding('a1', 'fail', { link: 3, stale: 2 }, 'A'), note: '错链 3 处' };
const fd1 = finding('d1', 'pass', {}, 'A');
const fv2 = finding('v2', 'fail', {}, 'A');
const fa2 = finding('a2', 'partial', {}, 'A');
const findings = [
	fd1,
	fa1, // given out of framework order on purpose
	fv2,
	fa2,
	finding('b1', 'fail', {}, 'A'), // bonus: not a problem (and dept cannot earn it)
	finding('a1', 'fail', { link: 1 }, 'B'),
	finding('b1', 'pass', {}, 'P')
];

describe('campaignReport', () => {
	it('gathers settings, summary, rankings, vetoed targets and problems', () => {
		// 乙 and 丙 are fully graded; 甲 is not (and its 部分符合 on a2 counts no problem), so it has no result yet.
		const r = campaignReport(campaign(fw), [A, B, P], completed(fw, [B, P], findings));
		expect(r.campaignTitle).toBe('2026年第一季度网站检查');
		expect(r.frameworkTitle).toEqual({ zh: '测试指标' });
		expect(r.frameworkDocNo).toBe('国办秘函〔2019〕19号');
		expect(r.monitoringPoint).toBe('2026-03-31');
		expect(r.settings).toEqual({ title: '', issuer: '', intro: '', demand: '', closing: '' });
		expect(r.summary.bands.map((b) => [b.id, b.count])).toEqual([
			['vetoed', 0],
			['excellent', 2],
			['pass', 0],
			['fail', 0]
		]);
		expect(r.summary).toMatchObject({ targets: 3, complete: 2, unfinished: 1, passed: 2, passRate: 1 });
		expect(r.rankings.map((x) => x.rows.map((y) => [y.name, y.rank]))).toEqual([[['丙', 1]], [['乙', 1]], []]);
		expect(r.unfinished.map((x) => [x.targetId, x.status])).toEqual([['A', 'inProgress']]);
		expect(r.vetoed).toEqual([]);
		// Once 甲 is complete its veto is a result.
		const done = campaignReport(campaign(fw), [A, B, P], completed(fw, [A, B, P], findings.map((f) => (f === fa2 ? { ...fa2, deductionCounts: {}, outcome: 'fail' as const } : f))));
		expect(done.vetoed.map((x) => x.targetId)).toEqual(['A']);
		expect(done.unfinished).toEqual([]);
		expect(r.problems.map((p) => [p.indicatorId, p.targets.map((t) => t.targetId)])).toEqual([
			['a1', ['A', 'B']],
			['v2', ['A']],
			['a2', ['A']]
		]);
	});

	it('keeps stored settings as they are', () => {
		const report = { title: '关于2026年第一季度政府网站检查情况的通报', issuer: '市政府办公室', intro: '', demand: '请于{deadline}前整改。', deadline: '2026-04-15', closing: '' };
		const r = campaignReport(campaign(miniFramework(), { report }), [], []);
		expect(r.settings).toEqual(report);
		expect('frameworkDocNo' in r).toBe(false);
		expect(r.summary.passRate).toBeNull();
	});
});

describe('targetReport', () => {
	const evidence: Evidence[] = [
		urlEvidence(fa1.id, 'A', 'https://a.gov.cn/late', '2026-03-02T00:00:00.000Z'),
		urlEvidence(fa1.id, 'A', 'https://a.gov.cn/early', '2026-03-01T00:00:00.000Z'),
		urlEvidence(fa1.id, 'A', 'https://a.gov.cn/early', '2026-03-03T00:00:00.000Z'),
		{ ...urlEvidence(fa1.id, 'A', 'https://a.gov.cn/x'), kind: 'text', url: undefined, text: '截图说明' },
		urlEvidence(fv2.id, 'A', 'https://a.gov.cn/column')
	];
	const r = targetReport(campaign(fw), A, findings, evidence);

	it('describes the target and its score', () => {
		expect(r.target).toEqual({ id: 'A', name: '甲', url: 'https://A.gov.cn/', ownerUnit: '甲主管', categoryTitle: { zh: '部门' } });
		expect(r.assessor).toBe('张三');
		expect(r.score.vetoed).toBe(true);
		expect(r.campaignTitle).toBe('2026年第一季度网站检查');
	});

	it('lists problems in framework order with deduction lines, loss, note, URL evidence and the veto flag', () => {
		expect(r.problems.map((p) => [p.code, p.outcome, p.veto, p.lost])).toEqual([
			['1.2', 'fail', true, null],
			['2.1', 'fail', false, 8],
			['2.2', 'partial', false, 0]
		]);
		const a1 = r.problems[1]!;
		expect(a1.deductions).toEqual([
			{ title: { zh: '错链' }, count: 3, points: 3 },
			{ title: { zh: '未更新' }, count: 1, points: 5 }
		]);
		expect(a1.note).toBe('错链 3 处');
		expect(a1.sectionTitle).toEqual({ zh: '发布' });
		expect(a1.evidenceUrls).toEqual(['https://a.gov.cn/early', 'https://a.gov.cn/late']);
		expect(r.problems[0]!.evidenceUrls).toEqual(['https://a.gov.cn/column']);
		expect(r.problems[2]!.evidenceUrls).toEqual([]);
	});

	it('gives each problem what it cost the score: section caps shared, N/A rescaled', () => {
		// 发布 capped at 7: a1 8 and a2 20 lose 28 → 7 × 8/28 = 2 and 7 × 20/28 = 5; "nosvc" skips 办事, so × 100/75.
		const capped = miniFramework((f) => void (f.sections[1]!.cap = 7));
		const N = target('N', '丁', 'nosvc');
		const fs = [finding('a1', 'fail', { link: 3, stale: 1 }, 'N'), finding('a2', 'fail', {}, 'N'), finding('d1', 'partial', { err: 1 }, 'N')];
		const report = targetReport(campaign(capped), N, fs, []);
		expect(report.problems.map((p) => [p.code, p.lost])).toEqual([
			['2.1', (((7 * 8) / 28) * 100) / 75],
			['2.2', (((7 * 20) / 28) * 100) / 75],
			['4.1', (5 * 100) / 75]
		]);
		const lost = report.problems.reduce((a, p) => a + p.lost!, 0);
		expect(lost).toBeCloseTo(100 - report.score.deductScore!, 12);
		// The framework rescales N/A, so the report labels its losses 折算后; under exclude they are plain points.
		expect(report.lossesScaled).toBe(true);
		const exclude = miniFramework((f) => void (f.scoring.naPolicy = 'exclude'));
		expect(targetReport(campaign(exclude), N, fs, []).lossesScaled).toBe(false);
	});

	it('takes impacts from whatIf: fixing the only veto lifts it', () => {
		expect(r.impacts[0]).toMatchObject({ indicatorId: 'v2', liftsVeto: true });
		expect(r.impacts[0]!.newTotal).toBe(92); // 100 − 8 for a1; a2 partial without counts loses nothing
	});

	it('a clean target has no problems and no impacts; no assessor → who saved most', () => {
		const clean = targetReport(campaign(fw), P, findings, []);
		expect(clean.problems).toEqual([]);
		expect(clean.impacts).toEqual([]);
		expect(clean.assessor).toBe('test');
		expect(clean.score.total).toBe(120);
	});
});
