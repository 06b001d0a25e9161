import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '$lib/domain/calendar';
import { AssessState } from '$lib/state/assess.svelte';
import { RectificationState } from '$lib/state/rectification.svelte';
import { NOW, openCampaign } from './harness';

async function withProblems() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	const a = new AssessState(h.deps, h.cs, target.id);
	await a.load();
	a.setOutcome('a2', 'fail');
	a.setOutcome('a1', 'partial');
	a.setCount('a1', 'link', 2);
	await a.saves.idle();
	const rect = new RectificationState(h.deps, h.cs);
	await rect.load();
	return { ...h, target, rect };
}

describe('RectificationState on in-memory repositories', () => {
	it("takes today from the injected clock", async () => {
		const { rect } = await withProblems();
		expect(rect.today).toBe('2026-03-02');
	});

	it('generates one item per problem with its deadline in working days, and a fresh load reads them back', async () => {
		const { deps, app, cs, rect } = await withProblems();
		expect(await rect.generate('2026-03-02')).toEqual({ created: 2, updated: 0 });
		expect(rect.items.map((r) => r.indicatorId).sort()).toEqual(['a1', 'a2']);
		const deadline = addWorkingDays('2026-03-02', 10, app.settings.calendar);
		for (const item of rect.items) {
			expect(item.deadline).toBe(deadline);
			expect(item.status).toBe('open');
		}
		const again = new RectificationState(deps, cs);
		await again.load();
		expect(again.items).toEqual(rect.items);
		expect(await again.generate('2026-03-02')).toEqual({ created: 0, updated: 0 });
	});

	it('counts deadlines on the built-in State Council holidays, with the user\'s own days over them', async () => {
		const { app, rect } = await withProblems();
		await rect.generate('2026-03-02');
		const item = rect.items[0]!;
		// Sat 2/14 is a 调休 working day, 2/15–2/23 are 春节: 5 working days after Fri 2/13 is Fri 2/27.
		expect(await rect.setDeadline(item, { noticeDate: '2026-02-13', workingDays: 5 })).toBeNull();
		expect(rect.items.find((r) => r.id === item.id)!.deadline).toBe('2026-02-27');
		await app.update({ calendar: { holidays: ['2026-02-14'], workdays: [] } });
		expect(await rect.setDeadline(rect.items.find((r) => r.id === item.id)!, { noticeDate: '2026-02-13', workingDays: 5 })).toBeNull();
		expect(rect.items.find((r) => r.id === item.id)!.deadline).toBe('2026-02-28');
	});

	it('records a status change with who and when, and refuses a change the workflow does not allow', async () => {
		const { deps, cs, rect } = await withProblems();
		await rect.generate('2026-03-02');
		const item = rect.items[0]!;
		expect(await rect.changeStatus(item, 'inProgress', { comment: '已安排' })).toBeNull();
		const [saved] = (await deps.repos.rectifications.listByCampaign(cs.id)).filter((r) => r.id === item.id);
		expect(saved!.status).toBe('inProgress');
		expect(saved!.history.at(-1)).toMatchObject({ from: 'open', to: 'inProgress', at: NOW, by: '张三', comment: '已安排' });
		expect(await rect.changeStatus(saved!, 'passed', {})).not.toBeNull();
	});
});
