import { describe, expect, it, vi } from 'vitest';
import { Framework } from '$lib/domain/framework';
import { AppState } from '$lib/state/app.svelte';
import { AssessState } from '$lib/state/assess.svelte';
import { CampaignState } from '$lib/state/campaign.svelte';
import { FrameworkLibraryState } from '$lib/state/framework-library.svelte';
import type { Target } from '$lib/domain/target';
import type { PasteRow } from '$lib/domain/target-paste';
import { miniFrameworkInput } from '../fixtures/mini-framework';
import { openCampaign, row } from './harness';

/*
 * Two tabs on one database, each with its own app state (and so its own conflict dialog). The second tab writes
 * from a copy it read before the first tab's change, as a tab that has not heard of it yet (a frozen background
 * tab, a late message) does: storage refuses the write as stale, and the change is merged into what is stored.
 */
async function twoTabs() {
	const h = await openCampaign();
	const open = async () => {
		const app = new AppState(h.deps);
		await app.load();
		const cs = new CampaignState(h.deps, app, h.cs.id);
		await cs.load();
		return { app, cs };
	};
	return { ...h, open, one: await open(), two: await open() };
}

/** The question the tab's dialog shows, once its write has got that far. */
async function asked(app: AppState) {
	await vi.waitFor(() => expect(app.conflicts.current).not.toBeNull());
	return app.conflicts.current!;
}

describe('campaign details changed in two tabs', () => {
	it('keeps another tab’s change of another field: the stale write is merged and retried', async () => {
		const { deps, cs, one, two } = await twoTabs();
		expect(await one.cs.updateDetails({ assessor: '李四' })).toBe(true);
		expect(await two.cs.updateDetails({ title: '第二轮评估' })).toBe(true);
		expect(two.cs.failure).toBeNull();
		expect(two.app.conflicts.current).toBeNull();
		expect(await deps.repos.campaigns.get(cs.id)).toMatchObject({ title: '第二轮评估', assessor: '李四' });
		expect(two.cs.campaign).toMatchObject({ title: '第二轮评估', assessor: '李四' });
		// The next write is based on what it stored: no refusal.
		expect(await two.cs.updateDetails({ rectificationDays: 15 })).toBe(true);
		expect(await deps.repos.campaigns.get(cs.id)).toMatchObject({ title: '第二轮评估', assessor: '李四', rectificationDays: 15 });
	});

	it('asks about the same field changed in both, showing both values, and keeps the one chosen', async () => {
		const { deps, cs, one, two } = await twoTabs();
		expect(await one.cs.updateDetails({ title: '一季度评估', assessor: '李四' })).toBe(true);
		const writing = two.cs.updateDetails({ title: '第一季度评估' });
		const q = await asked(two.app);
		expect(q).toMatchObject({ what: 'conflict.campaign', params: { name: '一季度评估' } });
		expect(q.rows).toEqual([{ field: 'title', label: 'campaign.title', mine: '第一季度评估', theirs: '一季度评估' }]);
		two.app.conflicts.settle(true);
		expect(await writing).toBe(true);
		expect(await deps.repos.campaigns.get(cs.id)).toMatchObject({ title: '第一季度评估', assessor: '李四' });

		await one.cs.load(); // the first tab hears of it
		expect(await one.cs.updateDetails({ title: '甲' })).toBe(true);
		const again = two.cs.updateDetails({ title: '乙' });
		expect((await asked(two.app)).rows.map((r) => [r.mine, r.theirs])).toEqual([['乙', '甲']]);
		two.app.conflicts.settle(false);
		expect(await again).toBe(true);
		expect((await deps.repos.campaigns.get(cs.id))?.title).toBe('甲');
		expect(two.cs.campaign?.title).toBe('甲');
	});

	it('merges report settings field by field with the details', async () => {
		const { deps, cs, one, two } = await twoTabs();
		const empty = { title: '', issuer: '', intro: '', demand: '', closing: '' };
		expect(await one.cs.updateReport(empty, { ...empty, issuer: '市政务公开办' })).toBe(true);
		expect(await two.cs.updateReport(empty, { ...empty, intro: '根据……' })).toBe(true);
		expect((await deps.repos.campaigns.get(cs.id))?.report).toMatchObject({ issuer: '市政务公开办', intro: '根据……' });
	});
});

describe('a target edited in two tabs', () => {
	/** The target form's row: the target's values with the user's changes. */
	const edit = (t: Target, patch: Partial<PasteRow>): PasteRow => ({ ...row(1, t.name, t.categoryId), url: t.url, ownerUnit: t.ownerUnit, ...patch });
	it('keeps a rename made in one tab and a new 主管单位 from the other; the same field is asked', async () => {
		const { deps, cs, one, two } = await twoTabs();
		const seen = two.cs.targets[0]!;
		expect(await one.cs.updateTarget(one.cs.targets[0]!, edit(one.cs.targets[0]!, { ownerUnit: '市政府办公厅' }))).toBe(true);
		expect(await two.cs.updateTarget(seen, edit(seen, { name: '市甲局' }))).toBe(true);
		const stored = async () => (await deps.repos.targets.listByCampaign(cs.id))[0];
		expect(await stored()).toMatchObject({ name: '市甲局', ownerUnit: '市政府办公厅' });
		expect(two.cs.targets[0]).toMatchObject({ name: '市甲局', ownerUnit: '市政府办公厅' });

		const before = one.cs.targets[0]!;
		expect(await two.cs.updateTarget(two.cs.targets[0]!, edit(two.cs.targets[0]!, { name: '甲市局' }))).toBe(true);
		const writing = one.cs.updateTarget(before, edit(before, { name: '甲局二', categoryId: 'dept' }));
		const q = await asked(one.app);
		expect(q.rows).toEqual([{ field: 'name', label: 'target.name', mine: '甲局二', theirs: '甲市局' }]);
		one.app.conflicts.settle(true);
		expect(await writing).toBe(true);
		expect(await stored()).toMatchObject({ name: '甲局二', categoryId: 'dept', ownerUnit: '市政府办公厅' });
	});
});

describe('settings changed in two tabs', () => {
	it('keeps both tabs’ changes of different settings, and asks about the same one', async () => {
		const { deps, one, two } = await twoTabs();
		await one.app.update({ assessorName: '李四' });
		await two.app.update({ advanceAfterOutcome: false });
		expect(two.app.error).toBeNull();
		expect(await deps.repos.settings.get()).toMatchObject({ assessorName: '李四', advanceAfterOutcome: false });
		expect(two.app.settings).toMatchObject({ assessorName: '李四', advanceAfterOutcome: false });

		await one.app.update({ assessorName: '赵六' });
		const writing = two.app.update({ advanceAfterOutcome: true, assessorName: '王五' });
		const q = await asked(two.app);
		expect(q.rows).toEqual([{ field: 'assessorName', label: 'settings.assessorName', mine: '王五', theirs: '赵六' }]);
		two.app.conflicts.settle(false);
		await writing;
		expect(await deps.repos.settings.get()).toMatchObject({ assessorName: '赵六', advanceAfterOutcome: true });
		expect(two.app.settings).toMatchObject({ assessorName: '赵六', advanceAfterOutcome: true });
	});
});

describe('a framework saved in two tabs', () => {
	it('is kept or replaced whole; mine becomes the version after theirs, theirs stays in the history', async () => {
		const { deps, one, two } = await twoTabs();
		const libOne = new FrameworkLibraryState(deps, one.app);
		const libTwo = new FrameworkLibraryState(deps, two.app);
		const first = await libOne.importFramework(Framework.parse(miniFrameworkInput()));
		await libTwo.load();
		const editing = libTwo.find(first!.framework.id)!;
		expect((await libOne.saveEdit({ ...first!.framework, title: { zh: '本市指标' } }))?.version).toBe('2');

		const saving = libTwo.saveEdit({ ...editing, title: { zh: '本区指标' } });
		const q = await asked(two.app);
		expect(q).toMatchObject({ what: 'conflict.framework', params: { version: '2' }, rows: [] });
		two.app.conflicts.settle(true);
		expect(await saving).toMatchObject({ version: '3', title: { zh: '本区指标' } });
		expect((await libTwo.versions(editing.id)).map((f) => [f.version, f.title.zh])).toEqual([
			['1', '测试指标'],
			['2', '本市指标'],
			['3', '本区指标']
		]);
	});
});

describe('an evidence caption changed in two tabs', () => {
	it('asks when both changed it, and keeps the one chosen', async () => {
		const { deps, cs, one, two } = await twoTabs();
		const target = cs.targets[0]!;
		const a1 = new AssessState(deps, one.cs, target.id);
		await a1.load();
		a1.addEvidenceUrl('a1', 'https://www.example.gov.cn/page');
		await a1.saves.idle();
		const a2 = new AssessState(deps, two.cs, target.id);
		await a2.load();
		const id = a1.evidence[0]!.id;

		a1.setCaption(id, '首页');
		await a1.saves.idle();
		a2.setCaption(id, '首页截图');
		const q = await asked(two.app);
		expect(q.rows).toEqual([{ field: 'text', label: 'evidence.viewer.caption', mine: '首页截图', theirs: '首页' }]);
		two.app.conflicts.settle(true);
		await a2.saves.idle();
		expect(a2.saves.failure).toBeNull();
		expect((await deps.repos.evidence.listByTarget(cs.id, target.id))[0]?.text).toBe('首页截图');
		// Its next change is based on what it stored.
		a2.setCaption(id, '首页截图（2026）');
		await a2.saves.idle();
		expect((await deps.repos.evidence.listByTarget(cs.id, target.id))[0]?.text).toBe('首页截图（2026）');
	});
});
