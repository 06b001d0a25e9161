import { describe, expect, it } from 'vitest';
import { AnnualReportState } from '$lib/state/annual-report.svelte';
import { openCampaign } from './harness';

const NEW = 'requests.new.natural';
const CARRIED_IN = 'requests.carried-in.natural';

async function open() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	const state = new AnnualReportState(h.deps, h.cs, target.id);
	await state.load();
	return { ...h, target, state };
}

describe('AnnualReportState', () => {
	it('shows last year by default, creates the report on the first edit and saves each edit', async () => {
		const { state, deps, cs, target } = await open();
		expect(state.year).toBe(2025);
		expect(state.report).toBeNull();
		state.setCells({ [NEW]: 40 });
		state.setCells({ [CARRIED_IN]: 2 });
		await state.saves.idle();
		const [stored] = await deps.repos.annualReports.listByTarget(cs.id, target.id);
		expect(stored).toMatchObject({ year: 2025, format: '2021', cells: { [NEW]: 40, [CARRIED_IN]: 2 } });
		state.setCells({ [NEW]: null });
		await state.saves.idle();
		expect((await deps.repos.annualReports.get(stored!.id))?.cells).toEqual({ [CARRIED_IN]: 2 });
	});

	it('checks the rules live, with last year’s report and the publisher kind', async () => {
		const { state } = await open();
		state.showYear(2024);
		state.setCells({ 'requests.carried-out.natural': 5 });
		state.showYear(2025);
		state.setCells({ [CARRIED_IN]: 4 });
		const yoy = () => state.results.find((r) => r.kind === 'yearOverYear' && r.reads.includes(CARRIED_IN));
		expect(yoy()?.status).toBe('fail');
		state.setCells({ [CARRIED_IN]: 5 });
		expect(yoy()?.status).toBe('pass');
		const deadline = () => state.results.find((r) => r.kind === 'deadline')!;
		state.setPublishedOn('2026-03-01');
		expect(deadline().missing).toEqual(['publisherKind']);
		state.setPublisherKind('department');
		expect(deadline().status).toBe('fail');
		state.setPublisherKind('government');
		expect(deadline().status).toBe('pass');
	});

	it('uses the pre-2019 template for a report on 2018 and none for 2019–2020', async () => {
		const { state } = await open();
		state.showYear(2018);
		expect(state.format).toBe('pre2019');
		expect(state.template?.tables).toEqual([]);
		state.showYear(2020);
		expect(state.format).toBeNull();
		state.setCells({ [NEW]: 1 });
		expect(state.report).toBeNull();
	});

	it('keeps another tab’s cells when both wrote the report: each side’s edits are merged', async () => {
		const { state, deps, cs, target } = await open();
		state.setCells({ [NEW]: 40 });
		await state.saves.idle();
		const other = new AnnualReportState(deps, cs, target.id);
		await other.load();
		other.setCells({ [CARRIED_IN]: 3 });
		await other.saves.idle();
		state.setCells({ 'requests.carried-out.natural': 1 });
		await state.saves.idle();
		expect(state.saves.failure).toBeNull();
		const [stored] = await deps.repos.annualReports.listByTarget(cs.id, target.id);
		expect(stored!.cells).toEqual({ [NEW]: 40, [CARRIED_IN]: 3, 'requests.carried-out.natural': 1 });
	});

	it('a new report of a year another tab created first joins theirs', async () => {
		const { state, deps, cs, target } = await open();
		const other = new AnnualReportState(deps, cs, target.id);
		await other.load();
		other.setCells({ [CARRIED_IN]: 3 });
		await other.saves.idle();
		state.setCells({ [NEW]: 40 });
		await state.saves.idle();
		expect(state.saves.failure).toBeNull();
		const reports = await deps.repos.annualReports.listByTarget(cs.id, target.id);
		expect(reports.map((r) => r.cells)).toEqual([{ [NEW]: 40, [CARRIED_IN]: 3 }]);
		expect(state.report?.id).toBe(reports[0]!.id);
	});

	it('previews a pasted table and a whole text without writing; applies what is confirmed', async () => {
		const { state, deps, cs, target } = await open();
		const paste = state.previewTable('review', '3\t0\t0\t0\t3\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0');
		expect(paste?.placements.find((p) => p.cell === 'review.reconsideration.upheld')?.value).toBe(3);
		const proposal = state.previewText('2025年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n本年共收到政府信息公开申请12件。');
		expect(proposal?.format).toBe('2021');
		expect(await deps.repos.annualReports.listByTarget(cs.id, target.id)).toEqual([]);
		state.applyProposal(proposal!);
		await state.saves.idle();
		expect((await deps.repos.annualReports.listByTarget(cs.id, target.id))[0]?.parts.requests).toBe(true);
	});
});
