/**
 * The 报告年度 of a campaign on an annual-report framework, after creation: changed through the campaign-details
 * write path (merged with another tab's change), refused with the reason when outside the framework's years.
 */
import { describe, expect, it } from 'vitest';
import { AppState } from '$lib/state/app.svelte';
import { CampaignListState } from '$lib/state/campaign-list.svelte';
import { CampaignState } from '$lib/state/campaign.svelte';
import { getBuiltInFramework } from '$lib/frameworks';
import { harness } from './harness';

async function annualReportCampaign() {
	const h = harness();
	await h.app.load();
	const list = new CampaignListState(h.deps, h.app);
	const framework = getBuiltInFramework('cn-annual-report-2021')!;
	const created = await list.create({ title: '2025年度报告检查', framework, monitoringPoint: '2026-03-01', assessor: '张三', reportYear: 2025 });
	if (!created) throw new Error(`campaign not created: ${list.error}`);
	const open = async () => {
		const app = new AppState(h.deps);
		await app.load();
		const cs = new CampaignState(h.deps, app, created.id);
		await cs.load();
		return { app, cs };
	};
	return { ...h, id: created.id, open };
}

describe('the report year of a campaign, after creation', () => {
	it('is changed and stored with the campaign details', async () => {
		const { deps, id, open } = await annualReportCampaign();
		const { cs } = await open();
		expect(cs.campaign!.reportYear).toBe(2025);
		expect(await cs.updateDetails({ reportYear: 2024 })).toBe(true);
		expect((await deps.repos.campaigns.get(id))!.reportYear).toBe(2024);
		expect(cs.campaign!.reportYear).toBe(2024);
	});

	it('outside the framework’s report years (2021 onwards) is refused with the reason, and nothing is written', async () => {
		const { deps, id, open } = await annualReportCampaign();
		const { cs } = await open();
		const before = await deps.repos.campaigns.get(id);
		expect(await cs.updateDetails({ reportYear: 2020 })).toBe(false);
		expect(cs.failure).toMatchObject({ key: 'campaign.error.reportYearOutside', params: { year: '2020', years: '2021年度及以后' } });
		expect(await deps.repos.campaigns.get(id)).toEqual(before);
		expect(cs.campaign!.reportYear).toBe(2025);
	});

	it('is merged with another tab’s change of another field (the stale write retried)', async () => {
		const { deps, id, open } = await annualReportCampaign();
		const one = await open();
		const two = await open();
		expect(await one.cs.updateDetails({ title: '2024年度报告检查' })).toBe(true);
		expect(await two.cs.updateDetails({ reportYear: 2024 })).toBe(true);
		expect(two.app.conflicts.current).toBeNull();
		expect(await deps.repos.campaigns.get(id)).toMatchObject({ title: '2024年度报告检查', reportYear: 2024 });
	});
});
