import { describe, expect, it } from 'vitest';
import { AssessState } from '$lib/state/assess.svelte';
import { RectificationState } from '$lib/state/rectification.svelte';
import { openCampaign } from './harness';

/*
 * Two tabs on one 整改清单 (issue 14, point 2): both RectificationStates share one store, as two tabs share
 * IndexedDB. Tab A read the items before tab B changed them and did not reload: its write is refused as stale,
 * re-applied field by field on the stored item, and where both changed the same field the user is asked.
 */
async function twoTabs() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	const a = new AssessState(h.deps, h.cs, target.id);
	await a.load();
	a.setOutcome('a2', 'fail');
	await a.saves.idle();
	const tabA = new RectificationState(h.deps, h.cs);
	await tabA.load();
	await tabA.generate('2026-03-02');
	const tabB = new RectificationState(h.deps, h.cs);
	await tabB.load();
	return { ...h, tabA, tabB };
}

/** Waits until the tab asks, as the dialog would show it. */
async function asked(rect: RectificationState) {
	for (let i = 0; i < 100 && !rect.conflict; i++) await Promise.resolve();
	expect(rect.conflict).not.toBeNull();
	return rect.conflict!;
}

describe('an item changed in two tabs', () => {
	it('a status change with its comment in B and a bulk deadline in A (opened earlier) both survive', async () => {
		const { deps, cs, tabA, tabB } = await twoTabs();
		const item = tabB.items[0]!;
		expect(await tabB.changeStatus(item, 'inProgress', { comment: '已安排专人' })).toBeNull();
		expect(await tabA.bulk(new Set([item.id]), { deadline: '2026-03-31' })).toEqual([]);
		expect(tabA.error).toBeNull();
		const [stored] = await deps.repos.rectifications.listByCampaign(cs.id);
		expect(stored).toMatchObject({ status: 'inProgress', deadline: '2026-03-31' });
		expect(stored!.history).toMatchObject([{ from: 'open', to: 'inProgress', comment: '已安排专人' }]);
		expect(tabA.items[0]).toEqual(stored);
	});

	it('different deadlines in both: A is asked, and keeping its own writes it on top of B', async () => {
		const { deps, cs, tabA, tabB } = await twoTabs();
		const item = tabA.items[0]!;
		await tabB.setDeadline(tabB.items[0]!, { deadline: '2026-03-25' });
		const saving = tabA.setDeadline(item, { deadline: '2026-03-20' });
		const conflict = await asked(tabA);
		expect(conflict).toMatchObject([{ fields: ['deadline'], mine: { deadline: '2026-03-20' }, theirs: { deadline: '2026-03-25' } }]);
		tabA.settle(true);
		expect(await saving).toBeNull();
		expect(tabA.conflict).toBeNull();
		expect((await deps.repos.rectifications.listByCampaign(cs.id))[0]!.deadline).toBe('2026-03-20');
	});

	it('both change the status: choosing the other version keeps it as the other tab stored it', async () => {
		const { deps, cs, tabA, tabB } = await twoTabs();
		const item = tabA.items[0]!;
		await tabB.changeStatus(tabB.items[0]!, 'inProgress', { comment: '乙' });
		const saving = tabA.changeStatus(item, 'cannotFix', { reason: '系统已停用', comment: '甲' });
		expect((await asked(tabA))[0]!.fields).toEqual(['status', 'reason']);
		tabA.settle(false);
		await saving;
		const [stored] = await deps.repos.rectifications.listByCampaign(cs.id);
		expect(stored!.status).toBe('inProgress');
		expect(stored!.history.map((h) => h.comment)).toEqual(['乙']);
		expect(stored!.reason).toBe('');
	});

	it('my own edits made one after the other never ask, even on the same field', async () => {
		const { deps, cs, tabA } = await twoTabs();
		const item = tabA.items[0]!;
		await Promise.all([tabA.setDeadline(item, { deadline: '2026-03-20' }), tabA.setDeadline(item, { deadline: '2026-03-27' }), tabA.update(item, { remarks: '电话催办' })]);
		expect(tabA.conflict).toBeNull();
		expect(tabA.error).toBeNull();
		expect((await deps.repos.rectifications.listByCampaign(cs.id))[0]).toMatchObject({ deadline: '2026-03-27', remarks: '电话催办' });
	});

	it('a reload shows what another tab stored', async () => {
		const { tabA, tabB } = await twoTabs();
		await tabB.update(tabB.items[0]!, { responsibleUnit: '办公室' });
		await tabA.reload();
		expect(tabA.items[0]!.responsibleUnit).toBe('办公室');
	});
});

describe('the list generated in two tabs at once', () => {
	/** Tab A and tab B read the list (empty, or as it is) before either generates: both work from the same stale copy. */
	async function bothStale() {
		const h = await openCampaign();
		const [first, second] = h.cs.targets as [(typeof h.cs.targets)[0], (typeof h.cs.targets)[0]];
		const grade = async (targetId: string, indicatorId: string) => {
			const a = new AssessState(h.deps, h.cs, targetId);
			await a.load();
			a.setOutcome(indicatorId, 'fail');
			await a.saves.idle();
		};
		await grade(first.id, 'a2');
		const open = async () => {
			const tab = new RectificationState(h.deps, h.cs);
			await tab.load();
			return tab;
		};
		return { ...h, first, second, grade, open };
	}

	const seqs = (items: { seq: number }[]) => items.map((r) => r.seq);

	it('adds one item per problem, numbered once, and both tabs show the stored list', async () => {
		const { deps, cs, open } = await bothStale();
		const [tabA, tabB] = [await open(), await open()];
		const [a, b] = await Promise.all([tabA.generate('2026-03-02'), tabB.generate('2026-03-02')]);
		expect(tabA.error).toBeNull();
		expect(tabB.error).toBeNull();
		const stored = await deps.repos.rectifications.listByCampaign(cs.id);
		expect(stored).toHaveLength(1);
		expect(seqs(stored)).toEqual([1]);
		// One tab added the item; the other, refused, read the list again and found nothing left to add.
		expect([a?.created, b?.created].sort()).toEqual([0, 1]);
		expect(tabA.items).toEqual(stored);
		expect(tabB.items).toEqual(stored);
	});

	it('a new problem on a list both tabs hold: one item, with the next 序号', async () => {
		const { deps, cs, second, grade, open } = await bothStale();
		const tabA = await open();
		await tabA.generate('2026-03-02');
		const tabB = await open();
		await grade(second.id, 'a2');
		await Promise.all([tabA.generate(), tabB.generate()]);
		expect(tabA.error).toBeNull();
		expect(tabB.error).toBeNull();
		const stored = await deps.repos.rectifications.listByCampaign(cs.id);
		expect(stored.map((r) => [r.seq, r.targetId])).toEqual([
			[1, cs.targets[0]!.id],
			[2, second.id]
		]);
		expect(tabB.items).toEqual(stored);
	});
});
