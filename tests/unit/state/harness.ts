import { expect } from 'vitest';
import { fixedClock } from '$lib/domain/clock';
import { Framework } from '$lib/domain/framework';
import type { PasteRow } from '$lib/domain/target-paste';
import { AppState } from '$lib/state/app.svelte';
import { AssessState } from '$lib/state/assess.svelte';
import { CampaignListState } from '$lib/state/campaign-list.svelte';
import { CampaignState } from '$lib/state/campaign.svelte';
import type { StateDeps } from '$lib/state/deps';
import { createMemoryRepositories } from '$lib/storage/memory';
import { miniFrameworkInput } from '../fixtures/mini-framework';

export const NOW = '2026-03-02T02:00:00.000Z';

/** State classes wired as `createApp` wires them, on in-memory repositories, a stopped clock and counted ids. */
export function harness() {
	let n = 0;
	const deps: StateDeps = { repos: createMemoryRepositories(), clock: fixedClock(NOW), newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
	const app = new AppState(deps);
	return { deps, app };
}

export const row = (line: number, name: string, categoryId = 'portal'): PasteRow => ({
	line,
	name,
	categoryId,
	categoryInput: categoryId,
	url: `https://${line}.example.gov.cn/`,
	ownerUnit: '',
	issues: []
});

/** A stored campaign on the mini framework with two targets, opened as the campaign layout opens it. */
export async function openCampaign() {
	const h = harness();
	await h.app.load();
	const list = new CampaignListState(h.deps, h.app);
	const created = await list.create({ title: '测试任务', framework: Framework.parse(miniFrameworkInput()), monitoringPoint: '2026-03-01', assessor: '张三' });
	if (!created) throw new Error(`campaign not created: ${list.error}`);
	const cs = new CampaignState(h.deps, h.app, created.id);
	await cs.load();
	expect(await cs.addTargets([row(1, '甲局'), row(2, '乙局')])).toBe(true);
	return { ...h, cs };
}

/** Another tab on the same database: its own campaign state and assess screen for one target. */
export async function openTab(h: Awaited<ReturnType<typeof openCampaign>>, targetId: string) {
	const cs = new CampaignState(h.deps, h.app, h.cs.id);
	await cs.load();
	const a = new AssessState(h.deps, cs, targetId);
	await a.load();
	return { cs, a };
}
