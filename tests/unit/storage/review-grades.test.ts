import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeFinding, makeIssuedPackage, makeReviewGrade, makeTarget, refused, REPOSITORY_KINDS, seedCampaignTarget } from './fixtures';
import type { Repositories } from '$lib/storage';

/* 复核 items (issue 16 point 5): the same contract for IndexedDB and memory. */

const ruling = { choice: 'second' as const, reason: '', at: '2026-03-05T08:00:00.000Z', by: '组长' };

describe.each(REPOSITORY_KINDS)('review grades (%s)', (_name, create: () => Repositories) => {
	let repos: Repositories;
	beforeEach(async () => {
		await resetDatabase();
		repos = create();
	});

	async function seed() {
		const { campaign, target } = await seedCampaignTarget(repos);
		const finding = await repos.findings.put(makeFinding(target));
		const assessorPackage = makeIssuedPackage(campaign, [target.id]);
		const issued = { ...assessorPackage, info: { ...assessorPackage.info, assessor: '赵六', role: 'reviewer' as const, blind: true } };
		return { campaign, target, finding, issued };
	}

	it('stores the sample with its reviewer package in one write, and lists a campaign’s items by target and indicator', async () => {
		const { campaign, target, finding, issued } = await seed();
		const other = await repos.findings.put(makeFinding(target, { indicatorId: 'a-veto' }));
		const stored = await repos.reviewGrades.putMany([makeReviewGrade(finding, issued.id), makeReviewGrade(other, issued.id)], issued);
		expect(stored.map((g) => g.rev)).toEqual([expect.stringMatching(/^1-/), expect.stringMatching(/^1-/)]);
		expect((await repos.reviewGrades.listByCampaign(campaign.id)).map((g) => g.indicatorId)).toEqual(['a-veto', 'update-1']);
		expect((await repos.issuedPackages.get(issued.id))?.info.role).toBe('reviewer');
	});

	it('writes nothing when one grade is stale, or the package record is', async () => {
		const { campaign, finding, issued } = await seed();
		const [grade] = await repos.reviewGrades.putMany([makeReviewGrade(finding, issued.id)], issued);
		const storedIssued = (await repos.issuedPackages.get(issued.id))!;
		const second = { ...finding, outcome: 'pass' as const, deductionCounts: {} };
		const back = await repos.reviewGrades.putMany([{ ...grade!, second }], { ...storedIssued, mergedReturns: ['b'.repeat(64)] });
		await refused(repos.reviewGrades.putMany([{ ...grade!, second: finding }]), 'stale');
		await refused(repos.reviewGrades.putMany([{ ...back[0]!, reviewer: '钱七' }], storedIssued), 'stale');
		expect(await repos.reviewGrades.listByCampaign(campaign.id)).toEqual(back);
		expect((await repos.issuedPackages.get(issued.id))?.mergedReturns).toEqual(['b'.repeat(64)]);
	});

	it('refuses an item of a target not stored', async () => {
		const { campaign, finding, issued } = await seed();
		const gone = makeFinding(makeTarget(campaign.id));
		await refused(repos.reviewGrades.putMany([makeReviewGrade(finding, issued.id), makeReviewGrade(gone, issued.id)], issued), 'not-found');
		expect(await repos.reviewGrades.listByCampaign(campaign.id)).toEqual([]);
		expect(await repos.issuedPackages.get(issued.id)).toBeUndefined();
	});

	it('a ruling writes the grade and the finding with an adjudicate entry giving the reason, or nothing when stale', async () => {
		const { finding, issued } = await seed();
		const second = { ...finding, outcome: 'pass' as const, deductionCounts: {} };
		const [grade] = await repos.reviewGrades.putMany([makeReviewGrade(finding, issued.id, { second })], issued);
		const ruled = { ...grade!, adjudication: ruling };
		const adopted = { ...finding, outcome: 'pass' as const, deductionCounts: {}, updatedBy: '组长' };
		await refused(repos.reviewGrades.putWithFinding(ruled, { ...adopted, rev: '9-x' }, '采用复核'), 'stale');
		expect((await repos.reviewGrades.listByCampaign(finding.campaignId))[0]?.adjudication).toBeUndefined();

		const result = await repos.reviewGrades.putWithFinding(ruled, adopted, '复核裁定：采用复核');
		expect(result.finding).toMatchObject({ outcome: 'pass', rev: expect.stringMatching(/^2-/) });
		expect(result.grade.adjudication).toEqual(ruling);
		expect(result.grade.first.outcome).toBe('fail');
		const [entry] = await repos.findings.history(finding.id);
		expect(entry).toMatchObject({ kind: 'adjudicate', reason: '复核裁定：采用复核', by: '组长', baseRev: finding.rev, rev: result.finding!.rev });
		expect(entry!.changes).toContainEqual({ field: 'outcome', from: 'fail', to: 'pass' });
	});

	it('a ruling that changes nothing graded stores the grade alone', async () => {
		const { finding, issued } = await seed();
		const [grade] = await repos.reviewGrades.putMany([makeReviewGrade(finding, issued.id, { second: { ...finding, outcome: 'pass' } })], issued);
		const before = await repos.findings.history(finding.id);
		const result = await repos.reviewGrades.putWithFinding({ ...grade!, adjudication: { ...ruling, choice: 'first' } }, null, '采用首评');
		expect(result.finding).toBeNull();
		expect(result.grade.adjudication?.choice).toBe('first');
		expect(await repos.findings.history(finding.id)).toEqual(before);
	});

	it('goes with its target and with its campaign', async () => {
		const { campaign, target, finding, issued } = await seed();
		const second = await repos.targets.put(makeTarget(campaign.id));
		const kept = await repos.findings.put(makeFinding(second));
		await repos.reviewGrades.putMany([makeReviewGrade(finding, issued.id), makeReviewGrade(kept, issued.id)], issued);
		await repos.targets.delete(target.id);
		expect((await repos.reviewGrades.listByCampaign(campaign.id)).map((g) => g.targetId)).toEqual([second.id]);
		await repos.campaigns.delete(campaign.id);
		expect(await repos.reviewGrades.listByCampaign(campaign.id)).toEqual([]);
	});
});
