import { describe, expect, it } from 'vitest';
import { CampaignState } from '$lib/state/campaign.svelte';
import { openCampaign } from './harness';

async function twoTabs() {
	const h = await openCampaign();
	const other = new CampaignState(h.deps, h.app, h.cs.id);
	await other.load();
	const [jia, yi] = h.cs.targets;
	return { h, other, jia: jia!, yi: yi! };
}

const stored = async (h: Awaited<ReturnType<typeof openCampaign>>) =>
	Object.fromEntries((await h.deps.repos.targets.listByCampaign(h.cs.id)).map((t) => [t.name, { assessor: t.assessor, url: t.url }]));

describe('assigning targets to assessors', () => {
	it('assigns the ticked targets in one write and takes an assignment away', async () => {
		const { h, jia, yi } = await twoTabs();
		expect(await h.cs.assign({ kind: 'selected', ids: [jia.id, yi.id] }, ' 李四 ')).toEqual({ assigned: 2, kept: [] });
		expect(h.cs.targets.map((t) => t.assessor)).toEqual(['李四', '李四']);
		expect(await h.cs.assign({ kind: 'selected', ids: [yi.id] }, '')).toEqual({ assigned: 1, kept: [] });
		expect(await stored(h)).toMatchObject({ 甲局: { assessor: '李四' }, 乙局: { assessor: '' } });
		// Already assigned as asked: nothing is written.
		expect(await h.cs.assign({ kind: 'selected', ids: [jia.id] }, '李四')).toEqual({ assigned: 0, kept: [] });
	});

	it('keeps another tab’s change of other fields and still assigns', async () => {
		const { h, other, jia } = await twoTabs();
		const base = other.targets[0]!;
		expect(await other.updateTarget(base, { line: 1, name: base.name, categoryId: base.categoryId, categoryInput: '', url: 'https://new.example.gov.cn/', ownerUnit: '', issues: [] })).toBe(true);

		expect(await h.cs.assign({ kind: 'unassigned' }, '王五')).toEqual({ assigned: 2, kept: [] });
		expect(await stored(h)).toEqual({ 甲局: { assessor: '王五', url: 'https://new.example.gov.cn/' }, 乙局: { assessor: '王五', url: 'https://2.example.gov.cn/' } });
		expect(h.cs.targets.find((t) => t.id === jia.id)?.url).toBe('https://new.example.gov.cn/');
	});

	it('does not overwrite an assignment another tab made meanwhile, and says so', async () => {
		const { h, other, jia, yi } = await twoTabs();
		expect(await other.assign({ kind: 'selected', ids: [jia.id] }, '李四')).toEqual({ assigned: 1, kept: [] });

		const result = await h.cs.assign({ kind: 'all' }, '王五');
		expect(result?.assigned).toBe(1);
		expect(result?.kept.map((t) => [t.id, t.assessor])).toEqual([[jia.id, '李四']]);
		expect(await stored(h)).toMatchObject({ 甲局: { assessor: '李四' }, 乙局: { assessor: '王五' } });
		expect(h.cs.targets.map((t) => [t.id, t.assessor])).toEqual([
			[jia.id, '李四'],
			[yi.id, '王五']
		]);
	});
});
