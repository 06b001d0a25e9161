import { describe, expect, it } from 'vitest';
import { CampaignState } from '$lib/state/campaign.svelte';
import { StorageError } from '$lib/storage/errors';
import { harness, NOW, openCampaign, row } from './harness';

describe('CampaignState on in-memory repositories', () => {
	it('adds targets with ids and times from the injected generator and clock, and a fresh load reads them back', async () => {
		const { deps, app, cs } = await openCampaign();
		expect(cs.targets.map((t) => t.name)).toEqual(['甲局', '乙局']);
		expect(cs.targets.map((t) => t.order)).toEqual([0, 1]);
		for (const t of cs.targets) {
			expect(t.id).toMatch(/^00000000-0000-4000-8000-\d{12}$/);
			expect(t.createdAt).toBe(NOW);
			expect(t.updatedBy).toBe('张三');
		}
		const again = new CampaignState(deps, app, cs.id);
		await again.load();
		expect(again.campaign?.title).toBe('测试任务');
		expect(again.targets).toEqual(cs.targets);
	});

	it('names who grades the open campaign as its records are stamped: the settings name, else the campaign assessor', async () => {
		const { app, cs } = await openCampaign();
		expect(app.assessor).toBe('');
		const close = app.showCampaign(() => cs.campaign?.assessor ?? '');
		expect(app.assessor).toBe('张三');
		expect(app.assessor).toBe(cs.context().user);
		await cs.updateDetails({ assessor: '李四' });
		expect(app.assessor).toBe('李四');
		await app.update({ assessorName: '王五' });
		expect(app.assessor).toBe('王五');
		expect(app.assessor).toBe(cs.context().user);
		close();
		await app.update({ assessorName: '' });
		expect(app.assessor).toBe('');
	});

	it('scores every target from its findings: none graded yet means nothing applicable is graded', async () => {
		const { cs } = await openCampaign();
		expect(cs.scores).toHaveLength(2);
		for (const s of cs.scores) expect(s.graded).toBe(0);
	});

	it('says not found for a campaign that does not exist, without an error', async () => {
		const { deps, app } = harness();
		const cs = new CampaignState(deps, app, 'missing');
		await cs.load();
		expect(cs.notFound).toBe(true);
		expect(cs.error).toBeNull();
	});

	it('turns a failed write into the error message of its code, keeping what is stored', async () => {
		const { deps, app, cs } = await openCampaign();
		deps.repos.campaigns.put = () => Promise.reject(new StorageError('quota', 'campaigns'));
		expect(await cs.updateDetails({ title: '改名' })).toBe(false);
		expect(cs.error).toBe('error.storage.quota');
		const again = new CampaignState(deps, app, cs.id);
		await again.load();
		expect(again.campaign?.title).toBe('测试任务');
	});

	it('removes a target with its findings', async () => {
		const { deps, cs } = await openCampaign();
		const [first] = cs.targets;
		expect(await cs.removeTarget(first!.id)).toBe(true);
		expect(cs.targets.map((t) => t.name)).toEqual(['乙局']);
		expect((await deps.repos.targets.listByCampaign(cs.id)).map((t) => t.name)).toEqual(['乙局']);
	});

	it('appends pasted rows after the existing order', async () => {
		const { cs } = await openCampaign();
		expect(await cs.addTargets([row(3, '丙局', 'dept')])).toBe(true);
		expect(cs.targets.map((t) => [t.name, t.order])).toEqual([
			['甲局', 0],
			['乙局', 1],
			['丙局', 2]
		]);
	});
});
