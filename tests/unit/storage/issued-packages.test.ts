import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeIssuedPackage, refused, REPOSITORY_KINDS, seedCampaignTarget } from './fixtures';
import type { Repositories } from '$lib/storage';

/* Work packages (issue 16, point 3): the record of every package written, same contract for IndexedDB and memory. */

describe.each(REPOSITORY_KINDS)('issued packages (%s)', (_name, create: () => Repositories) => {
	let repos: Repositories;
	beforeEach(async () => {
		await resetDatabase();
		repos = create();
	});

	it('stores with a revision, reads by id and lists by campaign, oldest first', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		const other = await repos.campaigns.put(makeCampaign());
		const later = await repos.issuedPackages.put(makeIssuedPackage(campaign, [target.id], { createdAt: '2026-03-02T09:00:00.000Z' }));
		const earlier = await repos.issuedPackages.put(makeIssuedPackage(campaign, [target.id], { createdAt: '2026-03-02T08:00:00.000Z' }));
		await repos.issuedPackages.put(makeIssuedPackage(other, [target.id]));
		expect(later.rev).toMatch(/^1-/);
		expect(await repos.issuedPackages.get(later.id)).toEqual(later);
		expect(await repos.issuedPackages.get(crypto.randomUUID())).toBeUndefined();
		expect(await repos.issuedPackages.listByCampaign(campaign.id)).toEqual([earlier, later]);
	});

	it('keeps the assessor’s base text verbatim', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		const baseJson = '{"evidenceIds":[],"findings":[]}';
		const stored = await repos.issuedPackages.put(makeIssuedPackage(campaign, [target.id], { baseJson }));
		expect((await repos.issuedPackages.get(stored.id))?.baseJson).toBe(baseJson);
	});

	it('the second of two writers based on the same revision is refused', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		const first = await repos.issuedPackages.put(makeIssuedPackage(campaign, [target.id]));
		const returned = await repos.issuedPackages.put({ ...first, lastReturnAt: '2026-03-03T08:00:00.000Z' });
		expect(returned.rev).toMatch(/^2-/);
		await refused(repos.issuedPackages.put({ ...first, mergedReturns: ['b'.repeat(64)] }), 'stale');
		expect(await repos.issuedPackages.get(first.id)).toEqual(returned);
	});

	it('refuses a record of a campaign not stored, and one whose id is not its package’s', async () => {
		const campaign = makeCampaign();
		await refused(repos.issuedPackages.put(makeIssuedPackage(campaign, [crypto.randomUUID()])), 'not-found');
		const { campaign: stored, target } = await seedCampaignTarget(repos);
		await refused(repos.issuedPackages.put({ ...makeIssuedPackage(stored, [target.id]), id: crypto.randomUUID() }), 'invalid');
		expect(await repos.issuedPackages.listByCampaign(stored.id)).toEqual([]);
	});

	it('goes with its campaign', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		const other = await seedCampaignTarget(repos);
		const kept = await repos.issuedPackages.put(makeIssuedPackage(other.campaign, [other.target.id]));
		const gone = await repos.issuedPackages.put(makeIssuedPackage(campaign, [target.id]));
		await repos.campaigns.delete(campaign.id);
		expect(await repos.issuedPackages.get(gone.id)).toBeUndefined();
		expect(await repos.issuedPackages.listByCampaign(other.campaign.id)).toEqual([kept]);
	});
});
