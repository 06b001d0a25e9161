import { describe, expect, it } from 'vitest';
import { AssessState } from '$lib/state/assess.svelte';
import { openCampaign, row } from './harness';

/*
 * Every write states the revision it was based on (issue 14, point 2). The state classes keep the record each write
 * returns as the base of the next, so this tab's own writes never refuse each other, while a write based on a copy
 * another tab has replaced is refused.
 */
async function assess() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	const a = new AssessState(h.deps, h.cs, target.id);
	await a.load();
	return { ...h, target, a };
}

describe('writes based on the last stored revision', () => {
	it('grading keystrokes of one finding, each after the last has committed, all save', async () => {
		const { deps, cs, target, a } = await assess();
		a.setOutcome('a1', 'partial');
		await a.saves.idle();
		a.setCount('a1', 'link', 2);
		await a.saves.idle();
		a.setNote('a1', '两处链接错误');
		await a.saves.idle();
		expect(a.saves.error).toBeNull();
		const [stored] = await deps.repos.findings.listByTarget(cs.id, target.id);
		expect(stored).toMatchObject({ outcome: 'partial', deductionCounts: { link: 2 }, note: '两处链接错误' });
		expect(stored!.rev).toMatch(/^3-/);
	});

	it('a finding another tab changed meanwhile is not overwritten: the stale write is re-applied over theirs, and the next one is based on it', async () => {
		const { deps, cs, target, a } = await assess();
		a.setOutcome('a2', 'fail');
		await a.saves.idle();
		const [mine] = await deps.repos.findings.listByTarget(cs.id, target.id);
		await deps.repos.findings.put({ ...mine!, note: '另一个窗口' });

		a.setOutcome('a2', 'pass');
		await a.saves.idle();
		expect(a.saves.error).toBeNull();
		expect((await deps.repos.findings.listByTarget(cs.id, target.id))[0]).toMatchObject({ outcome: 'pass', note: '另一个窗口' });

		a.setOutcome('a2', 'na');
		await a.saves.idle();
		expect(a.saves.error).toBeNull();
		expect((await deps.repos.findings.listByTarget(cs.id, target.id))[0]).toMatchObject({ outcome: 'na', note: '另一个窗口' });
	});

	it('evidence edited twice saves twice', async () => {
		const { deps, cs, target, a } = await assess();
		a.addEvidenceUrl('a2', 'https://www.example.gov.cn/page');
		await a.saves.idle();
		const id = a.evidence[0]!.id;
		a.setCaption(id, '首页');
		await a.saves.idle();
		a.setCaption(id, '首页截图');
		await a.saves.idle();
		expect(a.saves.error).toBeNull();
		expect((await deps.repos.evidence.listByTarget(cs.id, target.id)).map((e) => e.text)).toEqual(['首页截图']);
	});

	it('settings, campaign and target changes made at once are written one after the other, none refused', async () => {
		const { deps, app, cs } = await assess();
		await Promise.all([app.update({ assessorName: '李四' }), app.update({ advanceAfterOutcome: false })]);
		expect(app.error).toBeNull();
		expect(await deps.repos.settings.get()).toMatchObject({ assessorName: '李四', advanceAfterOutcome: false });

		expect(await Promise.all([cs.updateDetails({ title: '新标题' }), cs.updateDetails({ rectificationDays: 15 })])).toEqual([true, true]);
		expect(await deps.repos.campaigns.get(cs.id)).toMatchObject({ title: '新标题', rectificationDays: 15 });

		const target = cs.targets[0]!;
		expect(await Promise.all([cs.updateTarget(target, row(1, '甲局一')), cs.updateTarget(target, row(1, '甲局二'))])).toEqual([true, true]);
		expect((await deps.repos.targets.listByCampaign(cs.id))[0]!.name).toBe('甲局二');
	});
});
