import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeReport, makeTarget, REPOSITORY_KINDS, seedCampaignTarget } from './fixtures';
import { StorageError, type Repositories } from '$lib/storage';

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
	const error = await promise.then(
		() => {
			throw new Error('expected a rejection');
		},
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(StorageError);
	return error as StorageError;
}

describe.each(REPOSITORY_KINDS)('annual reports (%s)', (_name, create: () => Repositories) => {
	let repos: Repositories;
	beforeEach(async () => {
		await resetDatabase();
		repos = create();
	});

	it('stores a report with a revision, lists it by campaign and by target (oldest year first), gets it', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		const other = await repos.targets.put(makeTarget(campaign.id, { order: 1, name: '市教育局' }));
		const later = await repos.annualReports.put(makeReport(target, { year: 2024 }));
		const earlier = await repos.annualReports.put(makeReport(target, { year: 2022, cells: {} }));
		const theirs = await repos.annualReports.put(makeReport(other));
		expect(later.rev).toMatch(/^1-/);
		expect(await repos.annualReports.listByTarget(campaign.id, target.id)).toEqual([earlier, later]);
		expect((await repos.annualReports.listByCampaign(campaign.id)).map((r) => r.id).sort()).toEqual([earlier.id, later.id, theirs.id].sort());
		expect(await repos.annualReports.get(later.id)).toEqual(later);
		expect(await repos.annualReports.get(crypto.randomUUID())).toBeUndefined();
	});

	it('keeps the publisher kind the reviewer chose', async () => {
		const { target } = await seedCampaignTarget(repos);
		const stored = await repos.annualReports.put(makeReport(target, { publisherKind: 'department' }));
		expect((await repos.annualReports.get(stored.id))?.publisherKind).toBe('department');
	});

	it('refuses a write based on a replaced revision, and a second report of the same target and year', async () => {
		const { target } = await seedCampaignTarget(repos);
		const first = await repos.annualReports.put(makeReport(target));
		const second = await repos.annualReports.put({ ...first, cells: { 'requests.new.natural': 41 } });
		expect(second.rev).toMatch(/^2-/);
		expect((await rejection(repos.annualReports.put({ ...first, cells: { 'requests.new.natural': 39 } }))).code).toBe('stale');
		expect((await rejection(repos.annualReports.put(makeReport(target)))).code).toBe('conflict');
		expect(await repos.annualReports.listByTarget(target.campaignId, target.id)).toEqual([second]);
	});

	it('refuses a report of a target that is not in its campaign, and one whose format is not its year’s', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		expect((await rejection(repos.annualReports.put(makeReport({ id: crypto.randomUUID(), campaignId: campaign.id })))).code).toBe('not-found');
		expect((await rejection(repos.annualReports.put({ ...makeReport(target), year: 2018 }))).code).toBe('invalid');
	});

	it('deletes a report; deleting its target or its campaign deletes its reports', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		const other = await repos.targets.put(makeTarget(campaign.id, { order: 1 }));
		const gone = await repos.annualReports.put(makeReport(target, { year: 2023 }));
		await repos.annualReports.put(makeReport(target));
		const kept = await repos.annualReports.put(makeReport(other));
		await repos.annualReports.delete(gone.id);
		expect(await repos.annualReports.get(gone.id)).toBeUndefined();
		await repos.targets.delete(target.id);
		expect(await repos.annualReports.listByCampaign(campaign.id)).toEqual([kept]);
		await repos.campaigns.delete(campaign.id);
		expect(await repos.annualReports.listByCampaign(campaign.id)).toEqual([]);
	});

	it('a backup carries the reports; restoring one of the same target and year keeps the stored id', async () => {
		const { campaign, target } = await seedCampaignTarget(repos);
		const stored = await repos.annualReports.put(makeReport(target));
		const file = await repos.backup.exportAll(campaign.id);
		expect(file.annualReports).toEqual([stored]);
		const newer = makeReport(target, { cells: { 'requests.new.natural': 7 }, updatedAt: '2099-01-01T00:00:00.000Z' });
		const result = await repos.backup.restore({ ...file, annualReports: [newer] }, 'merge');
		expect(result.ok).toBe(true);
		expect(await repos.annualReports.listByTarget(campaign.id, target.id)).toEqual([{ ...newer, id: stored.id }]);
		await repos.campaigns.delete(campaign.id);
		expect((await repos.backup.restore(file, 'skip')).ok).toBe(true);
		expect(await repos.annualReports.listByCampaign(campaign.id)).toEqual([stored]);
	});
});
