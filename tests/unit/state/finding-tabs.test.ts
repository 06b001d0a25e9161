import { describe, expect, it } from 'vitest';
import { findingKey } from '$lib/state/campaign.svelte';
import { openCampaign, openTab } from './harness';

/**
 * Two tabs on one database: each opens the campaign and the same target with its own state. `stale` is the
 * second tab as it is before it hears of the first one's change (a frozen background tab, a late message).
 */
async function twoTabs() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	const open = () => openTab(h, target.id);
	const stored = async (indicatorId: string) => (await h.deps.repos.findings.listByTarget(h.cs.id, target.id)).find((f) => f.indicatorId === indicatorId);
	return { ...h, target, open, stored };
}

describe('a finding graded in two tabs at once', () => {
	it('keeps a note written in one tab and an outcome set in the other', async () => {
		const { open, stored } = await twoTabs();
		const one = await open();
		one.a.setOutcome('a1', 'partial');
		await one.a.saves.idle();
		const two = await open();

		one.a.setNote('a1', '三处链接错误');
		await one.a.saves.idle();
		// Tab two has not heard of the note: its write is based on the older revision.
		two.a.setOutcome('a1', 'fail');
		await two.a.saves.idle();

		expect(await stored('a1')).toMatchObject({ outcome: 'fail', note: '三处链接错误' });
		expect(two.a.finding('a1')).toMatchObject({ outcome: 'fail', note: '三处链接错误' });
		expect(two.cs.unsavedCount()).toBe(0);
		expect(two.cs.conflicts).toEqual([]);
		// Its next keystroke is based on what it stored: no refusal.
		two.a.setCount('a1', 'link', 3);
		await two.a.saves.idle();
		expect(await stored('a1')).toMatchObject({ outcome: 'fail', note: '三处链接错误', deductionCounts: { link: 3 } });
		expect(two.a.saves.failure).toBeNull();
	});

	it('merges deduction counts one by one', async () => {
		const { open, stored } = await twoTabs();
		const one = await open();
		one.a.setOutcome('a1', 'partial');
		await one.a.saves.idle();
		const two = await open();
		one.a.setCount('a1', 'link', 2);
		await one.a.saves.idle();
		two.a.setCount('a1', 'stale', 1);
		await two.a.saves.idle();
		expect((await stored('a1'))?.deductionCounts).toEqual({ link: 2, stale: 1 });
	});

	it('merges two findings created at once for one indicator into the stored one', async () => {
		const { open, stored } = await twoTabs();
		const one = await open();
		const two = await open();
		one.a.setNote('a2', '政策解读缺失');
		await one.a.saves.idle();
		two.a.setOutcome('a2', 'fail');
		await two.a.saves.idle();
		expect(await stored('a2')).toMatchObject({ id: one.a.finding('a2')!.id, outcome: 'fail', note: '政策解读缺失' });
		expect(two.a.finding('a2')?.id).toBe(one.a.finding('a2')!.id);
	});

	it('asks when both changed the same field, keeping my value unsaved until I choose', async () => {
		const { open, stored, target } = await twoTabs();
		const one = await open();
		one.a.setOutcome('a2', 'fail');
		await one.a.saves.idle();
		const two = await open();
		one.a.setOutcome('a2', 'pass');
		one.a.setNote('a2', '已更新');
		await one.a.saves.idle();

		two.a.setOutcome('a2', 'na');
		await two.a.saves.idle();
		const key = findingKey({ targetId: target.id, indicatorId: 'a2' });
		expect(two.cs.conflicts.map((c) => [c.key, c.merge.conflicts])).toEqual([[key, [{ field: 'outcome', mine: 'na', theirs: 'pass' }]]]);
		expect(two.a.finding('a2')?.outcome).toBe('na');
		expect(two.a.findingFailed('a2')).toBe(true);
		expect(two.cs.unsavedCount()).toBe(1);
		expect(await stored('a2')).toMatchObject({ outcome: 'pass', note: '已更新' });

		two.cs.settle(key, true);
		await two.a.saves.idle();
		expect(await stored('a2')).toMatchObject({ outcome: 'na', note: '已更新' });
		expect(two.a.finding('a2')).toMatchObject({ outcome: 'na', note: '已更新' });
		expect(two.cs.conflicts).toEqual([]);
		expect(two.cs.unsavedCount()).toBe(0);
	});

	it('keeps theirs for the colliding field when I choose so, with my other changes', async () => {
		const { open, stored, target } = await twoTabs();
		const one = await open();
		one.a.setOutcome('a2', 'fail');
		await one.a.saves.idle();
		const two = await open();
		one.a.setOutcome('a2', 'pass');
		await one.a.saves.idle();
		two.a.setNote('a2', '栏目为空');
		two.a.setOutcome('a2', 'na');
		await two.a.saves.idle();

		two.cs.settle(findingKey({ targetId: target.id, indicatorId: 'a2' }), false);
		await two.a.saves.idle();
		expect(await stored('a2')).toMatchObject({ outcome: 'pass', note: '栏目为空' });
		expect(two.a.finding('a2')).toMatchObject({ outcome: 'pass', note: '栏目为空' });
		expect(two.cs.unsavedCount()).toBe(0);
	});
});
