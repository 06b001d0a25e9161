import { describe, expect, it } from 'vitest';
import { broadcastWrites, ChangeBroadcast, type RemoteChange } from '$lib/storage/broadcast';
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

	it('delivers messages to other channel objects only', async () => {
		const a = new ChangeBroadcast();
		const b = new ChangeBroadcast();
		const gotA: RemoteChange[] = [];
		const gotB: RemoteChange[] = [];
		a.subscribe((c) => gotA.push(c));
		b.subscribe((c) => gotB.push(c));
		a.post({ store: 'findings', campaignId: 'x' });
		await new Promise((r) => setTimeout(r, 50));
		expect(gotB).toEqual([{ store: 'findings', campaignId: 'x' }]);
		expect(gotA).toEqual([]);
	});
});
