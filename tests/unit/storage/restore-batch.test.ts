import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeFinding, makeTarget, storeRecords } from './fixtures';
import { createIdbRepositories, getDb, type Repositories } from '$lib/storage';

let repos: Repositories;

beforeEach(async () => {
	await resetDatabase();
	repos = createIdbRepositories(getDb);
});


// Restore issues each store's puts together and awaits them once; one failing put must still undo them all.
describe('restore writes in batches, all or nothing', () => {
	it('writes many records of every store in one go', async () => {
		const campaign = makeCampaign();
		const targets = Array.from({ length: 20 }, (_, i) => makeTarget(campaign.id, { order: i }));
		const findings = targets.flatMap((t) => ['update-1', 'update-2', 'veto-1'].map((indicatorId) => makeFinding(t, { indicatorId })));
		const result = await repos.backup.restore(storeRecords({ campaigns: [campaign], targets, findings }), 'skip');
		if (!result.ok) throw new Error('refused');
		const report = result.report;
		expect([report.added.campaigns, report.added.targets, report.added.findings]).toEqual([1, 20, 60]);
		expect(await repos.findings.listByCampaign(campaign.id)).toHaveLength(60);
	});

	it('a put refused by the database mid-batch (two findings for the same target and indicator) leaves nothing written', async () => {
		const campaign = await repos.campaigns.put(makeCampaign());
		const target = await repos.targets.put(makeTarget(campaign.id));
		await repos.findings.put(makeFinding(target));

		// readBackup refuses such a file; this is the last line of defence, the unique index.
		const other = makeCampaign({ title: '另一个任务' });
		const otherTarget = makeTarget(other.id);
		const data = storeRecords({ campaigns: [other], targets: [otherTarget], findings: [makeFinding(otherTarget), makeFinding(otherTarget), makeFinding(otherTarget, { indicatorId: 'update-2' })] });
		await expect(repos.backup.restore(data, 'skip')).rejects.toThrow();
		expect(await repos.campaigns.get(other.id)).toBeUndefined();
		expect(await repos.targets.listByCampaign(other.id)).toEqual([]);
		expect(await repos.findings.listByCampaign(other.id)).toEqual([]);
		expect(await repos.findings.listByCampaign(campaign.id)).toHaveLength(1);
	});
});
