import { describe, expect, it, vi } from 'vitest';
import { broadcastWrites, ChangeBroadcast, isWriteMethod, type RemoteChange } from '$lib/storage/broadcast';
import { createIdbRepositories, getDb } from '$lib/storage';
import { makeCampaign, makeTarget } from './fixtures';
import { resetDatabase } from './db-utils';

describe('broadcastWrites', () => {
	it('tells other tabs about committed writes with their campaign, not about reads or failed writes', async () => {
		await resetDatabase();
		const sent: RemoteChange[] = [];
		const tab = new ChangeBroadcast();
		tab.post = (c) => void sent.push(c);
		const repos = broadcastWrites(createIdbRepositories(getDb), tab);
		const campaign = await repos.campaigns.put(makeCampaign());
		await repos.targets.putMany([makeTarget(campaign.id)]);
		await repos.campaigns.list();
		await expect(repos.targets.put({ ...makeTarget(campaign.id), name: '' })).rejects.toBeTruthy();
		await repos.campaigns.delete(campaign.id);
		expect(sent).toEqual([
			{ store: 'campaigns', campaignId: campaign.id },
			{ store: 'targets', campaignId: campaign.id },
			{ store: 'campaigns', campaignId: campaign.id }
		]);
	});

	it('classifies every repository method as a read or a write', () => {
		const repos = createIdbRepositories(getDb);
		const writes = Object.entries(repos).flatMap(([store, repo]) => Object.keys(repo).filter(isWriteMethod).map((m) => `${store}.${m}`));
		const reads = Object.entries(repos).flatMap(([store, repo]) => Object.keys(repo).filter((m) => !isWriteMethod(m)).map((m) => `${store}.${m}`));
		// A new method lands in one of these lists on purpose: a write missing here is neither announced nor awaited before an update.
		expect(writes.sort()).toEqual(
			[
				'annualReports.delete',
				'annualReports.put',
				'backup.restore',
				'campaigns.delete',
				'campaigns.put',
				'campaigns.putWithFindings',
				'campaigns.putWithTargets',
				'evidence.addImage',
				'evidence.delete',
				'evidence.put',
				'evidence.putWithFinding',
				'findings.put',
				'frameworks.delete',
				'frameworks.put',
				'meta.put',
				'rectifications.putMany',
				'settings.put',
				'targets.delete',
				'targets.put',
				'targets.putMany'
			].sort()
		);
		expect(reads.sort()).toEqual(
			[
				'annualReports.get',
				'annualReports.listByCampaign',
				'annualReports.listByTarget',
				'backup.exportAll',
				'backup.plan',
				'campaigns.get',
				'campaigns.list',
				'evidence.getFiles',
				'evidence.listByTarget',
				'findings.campaignHistory',
				'findings.history',
				'findings.listByCampaign',
				'findings.listByTarget',
				'findings.readCampaign',
				'frameworks.get',
				'frameworks.list',
				'frameworks.listVersions',
				'meta.get',
				'rectifications.listByCampaign',
				'settings.get',
				'targets.listByCampaign'
			].sort()
		);
	});

	it('delivers messages to other channel objects only', async () => {
		const a = new ChangeBroadcast();
		const b = new ChangeBroadcast();
		const gotA: RemoteChange[] = [];
		const gotB: RemoteChange[] = [];
		a.subscribe((c) => gotA.push(c));
		b.subscribe((c) => gotB.push(c));
		a.post({ store: 'findings', campaignId: 'x' });
		// Waits for the delivery, not for a time: a busy machine may take longer than any fixed pause.
		await vi.waitFor(() => expect(gotB).toEqual([{ store: 'findings', campaignId: 'x' }]));
		// A message to itself would have been queued before any later one: once a later one from c has reached a, a's
		// own would have too.
		new ChangeBroadcast().post({ store: 'targets', campaignId: 'y' });
		await vi.waitFor(() => expect(gotA.length).toBeGreaterThan(0));
		expect(gotA).toEqual([{ store: 'targets', campaignId: 'y' }]);
	});
});
