import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '$lib/domain/annual-report';
import { withOutcome } from '$lib/domain/finding-edit';
import { targetProblems } from '$lib/domain/rectification';
import { getBuiltInFramework } from '$lib/frameworks';
import { AnnualFindingsState } from '$lib/state/annual-findings.svelte';
import { AnnualReportsView } from '$lib/state/annual-reports-view.svelte';
import { CampaignListState } from '$lib/state/campaign-list.svelte';
import { CampaignState } from '$lib/state/campaign.svelte';
import { acceptProposal } from '../annual-report/helpers';
import { harness, row } from './harness';

const FENYANG = acceptProposal(extractReport(readFileSync(new URL('../fixtures/fenyang-2018-annual-report.txt', import.meta.url), 'utf8')));

async function annualCampaign() {
	const h = harness();
	await h.app.load();
	const list = new CampaignListState(h.deps, h.app);
	const framework = getBuiltInFramework('cn-annual-report-2021')!;
	const created = await list.create({ title: '年报检查', framework, monitoringPoint: '2026-03-01', assessor: '张三', reportYear: 2025 });
	if (!created) throw new Error(`campaign not created: ${list.error}`);
	const cs = new CampaignState(h.deps, h.app, created.id);
	await cs.load();
	expect(await cs.addTargets([row(1, '汾阳市人民政府', 'agency')])).toBe(true);
	const target = cs.targets[0]!;
	return { ...h, cs, target, state: new AnnualFindingsState(cs, target.id) };
}

const finding = (cs: CampaignState, targetId: string, indicatorId: string) => cs.findingsOf(targetId).find((f) => f.indicatorId === indicatorId);

describe('写入评估', () => {
	it('writes the failures into the findings through the save path: history by the assessor, score and 整改 problems follow', async () => {
		const { deps, cs, target, state } = await annualCampaign();
		await deps.repos.annualReports.put({ ...FENYANG, campaignId: cs.id, targetId: target.id, publisherKind: 'government' });
		expect(state.write({ report: FENYANG, publisherKind: 'government' })).toBe(2);
		await cs.settleWrites();
		const stored = await deps.repos.findings.listByTarget(cs.id, target.id);
		const litigation = stored.find((f) => f.indicatorId === 'part-review-litigation')!;
		expect(litigation.outcome).toBe('fail');
		expect(litigation.note).toContain('行政诉讼总数 = 10，维持+纠正+其他+尚未审结 = 11，相差 1');
		expect(litigation.note).toContain('未收到 = 0，行政复议+行政诉讼 = 10，相差 10');
		expect(stored.find((f) => f.indicatorId === 'published-by-jan-31')!.outcome).toBe('pass');
		const history = await deps.repos.findings.history(litigation.id);
		expect(history.map((h) => [h.kind, h.by])).toEqual([['edit', '张三']]);
		expect(state.undecided.map((p) => p.indicatorId)).toEqual(['part-overview']);

		const problems = [...targetProblems(cs.campaign!.framework, target, cs.findingsOf(target.id), [])].flatMap(([id, s]) => (s.kind === 'judged' ? s.problems.map((p) => [id, p.description]) : []));
		expect(problems.map(([id]) => id)).toEqual(['part-review-litigation']);
		expect(problems[0]![1]).toContain('相差 1');
		expect(cs.scoreOf(target).trace.length).toBeGreaterThan(0);

		// A second run changes nothing.
		expect(state.write({ report: FENYANG, publisherKind: 'government' })).toBe(0);

		// The campaign-level view reads the same report.
		const view = new AnnualReportsView(deps, cs);
		await view.load();
		expect(view.table.rows.map((r) => [r.name, r.year, r.failed])).toEqual([['汾阳市人民政府', '2018', 2]]);
		expect(view.failures.map((f) => f.ruleId)).toEqual(['litigation.total', 'stated-none']);
	});

	it('lists an outcome the assessor set otherwise; keeping it with a reason survives a re-run', async () => {
		const { cs, target, state } = await annualCampaign();
		state.write({ report: FENYANG, publisherKind: 'government' });
		await cs.settleWrites();
		cs.saveFinding(withOutcome(finding(cs, target.id, 'part-review-litigation')!, 'pass', cs.context()));
		await cs.settleWrites();

		expect(state.write({ report: FENYANG, publisherKind: 'government' })).toBe(0);
		expect(state.differences.map((d) => [d.indicatorId, d.finding.outcome, d.proposed])).toEqual([['part-review-litigation', 'pass', 'fail']]);
		expect(finding(cs, target.id, 'part-review-litigation')!.outcome).toBe('pass');

		state.decide('part-review-litigation', { keep: '诉讼案件为全市数，非政府信息公开案件' });
		await cs.settleWrites();
		expect(state.differences).toEqual([]);
		const kept = finding(cs, target.id, 'part-review-litigation')!;
		expect(kept.outcome).toBe('pass');
		expect(kept.note).toContain('【保留原结论】检查结论为“不符合”，评估人保留原结论。理由：诉讼案件为全市数，非政府信息公开案件');

		const again = new AnnualFindingsState(cs, target.id);
		expect(again.write({ report: FENYANG, publisherKind: 'government' })).toBe(0);
		expect(again.differences).toEqual([]);
		expect(finding(cs, target.id, 'part-review-litigation')!.outcome).toBe('pass');
	});

	it('takes the proposal when the assessor chooses it', async () => {
		const { cs, target, state } = await annualCampaign();
		const first = finding(cs, target.id, 'part-review-litigation');
		expect(first).toBeUndefined();
		state.write({ report: FENYANG, publisherKind: 'government' });
		await cs.settleWrites();
		cs.saveFinding(withOutcome(finding(cs, target.id, 'part-review-litigation')!, 'pass', cs.context()));
		state.write({ report: FENYANG, publisherKind: 'government' });
		state.decide('part-review-litigation', { take: true });
		await cs.settleWrites();
		expect(finding(cs, target.id, 'part-review-litigation')!.outcome).toBe('fail');
	});
});
