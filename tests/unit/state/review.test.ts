import { describe, expect, it } from 'vitest';
import type { Finding } from '$lib/domain/finding';
import type { ReviewGrade } from '$lib/domain/review';
import { planReviewReturn, type ReviewReturnFile } from '$lib/domain/review';
import { PACKAGE_BASE_PATH, type IssuedPackage } from '$lib/domain/team';
import { ReviewState } from '$lib/state/review.svelte';
import { NOW, openCampaign } from './harness';

/* 复核 on the lead's side (issue 16 point 5): a reviewer's return stores second grades only; a ruling writes the finding. */

const BASE_SHA = 'c'.repeat(64);

async function sampled() {
	const h = await openCampaign();
	const { cs, deps } = h;
	const [jia] = cs.targets;
	await deps.repos.targets.put({ ...jia!, assessor: '张三' });
	await cs.load();
	const target = cs.targets[0]!;
	const first: Finding = { id: deps.newId(), campaignId: cs.id, targetId: target.id, indicatorId: 'a2', outcome: 'fail', deductionCounts: {}, note: '政策未公开', reviewState: 'draft', createdAt: NOW, updatedAt: NOW, updatedBy: '张三' };
	const stored = await deps.repos.findings.put(first);
	await cs.load();
	const packageId = deps.newId();
	const campaign = cs.campaign!;
	const issued: IssuedPackage = {
		id: packageId,
		campaignId: cs.id,
		info: {
			packageId,
			campaignId: cs.id,
			campaignTitle: campaign.title,
			frameworkId: campaign.framework.id,
			frameworkVersion: campaign.framework.version,
			assessor: '赵六',
			role: 'reviewer',
			blind: true,
			targetIds: [target.id],
			items: [{ targetId: target.id, indicatorId: 'a2' }],
			issuedAt: NOW,
			issuedBy: '组长'
		},
		baseSha256: BASE_SHA,
		mergedReturns: [],
		createdAt: NOW,
		updatedAt: NOW,
		updatedBy: '组长'
	};
	const grade: ReviewGrade = { id: deps.newId(), campaignId: cs.id, targetId: target.id, indicatorId: 'a2', findingId: stored.id, packageId, reviewer: '赵六', assessor: '张三', reasons: ['random'], first: stored, createdAt: NOW, updatedAt: NOW, updatedBy: '组长' };
	await deps.repos.reviewGrades.putMany([grade], issued);
	// The reviewer graded a finding of their own (another id) in the blind package.
	const theirs: Finding = { ...first, id: '99999999-0000-4000-8000-000000000001', outcome: 'pass', note: '已公开', updatedBy: '赵六', rev: '2-abc' };
	const file: ReviewReturnFile = {
		name: '复核交回.kaiming',
		sha256: 'd'.repeat(64),
		scope: { kind: 'return', package: issued.info, return: { returnId: deps.newId(), returnedAt: NOW, removedEvidenceIds: [] } },
		team: { [PACKAGE_BASE_PATH]: { value: { findings: [], evidenceIds: [] }, sha256: BASE_SHA } },
		findings: [theirs]
	};
	return { ...h, target, stored, file };
}

async function importReturn(h: Awaited<ReturnType<typeof sampled>>, file: ReviewReturnFile) {
	const { repos } = h.deps;
	const [campaign, issued, grades] = await Promise.all([repos.campaigns.get(h.cs.id), repos.issuedPackages.get(file.scope.kind === 'return' ? file.scope.package.packageId : ''), repos.reviewGrades.listByCampaign(h.cs.id)]);
	const result = planReviewReturn(file, { campaign: campaign!, issued, grades }, { at: NOW, by: '组长' });
	if (result.kind === 'plan') await repos.reviewGrades.putMany(result.plan.grades, result.plan.issued);
	return result;
}

describe('a reviewer’s return', () => {
	it('stores each item’s second grade on the lead’s finding id and merges nothing into the findings', async () => {
		const h = await sampled();
		const result = await importReturn(h, h.file);
		expect(result).toMatchObject({ kind: 'plan', plan: { ungraded: 0 } });
		const [grade] = await h.deps.repos.reviewGrades.listByCampaign(h.cs.id);
		expect(grade!.second).toMatchObject({ id: h.stored.id, outcome: 'pass', updatedBy: '赵六' });
		expect(grade!.second!.rev).toBeUndefined();
		expect(grade!.first.outcome).toBe('fail');
		expect(await h.deps.repos.findings.listByCampaign(h.cs.id)).toEqual([h.stored]);
		expect(await h.deps.repos.findings.history(h.stored.id)).toHaveLength(1);
	});

	it('changes nothing when the same file comes again', async () => {
		const h = await sampled();
		await importReturn(h, h.file);
		const before = await h.deps.repos.reviewGrades.listByCampaign(h.cs.id);
		expect((await importReturn(h, h.file)).kind).toBe('alreadyMerged');
		expect(await h.deps.repos.reviewGrades.listByCampaign(h.cs.id)).toEqual(before);
	});

	it('is refused when its base was altered or it belongs to another campaign', async () => {
		const h = await sampled();
		const altered = { ...h.file, team: { [PACKAGE_BASE_PATH]: { value: { findings: [], evidenceIds: [] }, sha256: 'e'.repeat(64) } } };
		expect(await importReturn(h, altered)).toMatchObject({ kind: 'refused', refusal: { code: 'altered' } });
		const scope = h.file.scope.kind === 'return' ? h.file.scope : null;
		const other = { ...h.file, scope: { ...scope!, package: { ...scope!.package, campaignId: h.deps.newId() } } };
		expect(await importReturn(h, other)).toMatchObject({ kind: 'refused', refusal: { code: 'otherCampaign' } });
		expect((await h.deps.repos.reviewGrades.listByCampaign(h.cs.id))[0]!.second).toBeUndefined();
	});
});

describe('a ruling', () => {
	it('writes the chosen grade to the finding with an adjudicate entry naming both grades, and keeps both on the item', async () => {
		const h = await sampled();
		await importReturn(h, h.file);
		const review = new ReviewState(h.deps, h.cs);
		await review.load();
		expect(review.disagreements).toHaveLength(1);
		expect(await review.adjudicate(review.disagreements[0]!, 'second', '')).toBe(true);

		const finding = (await h.deps.repos.findings.listByCampaign(h.cs.id))[0]!;
		expect(finding).toMatchObject({ id: h.stored.id, outcome: 'pass', note: '政策未公开' });
		expect(h.cs.findingsOf(h.target.id)[0]).toEqual(finding);
		const [entry] = await h.deps.repos.findings.history(h.stored.id);
		expect(entry).toMatchObject({ kind: 'adjudicate', reason: '复核裁定：首评 不符合（张三），复核 符合（赵六），采用复核', rev: finding.rev, baseRev: h.stored.rev });
		const [grade] = await h.deps.repos.reviewGrades.listByCampaign(h.cs.id);
		expect(grade!.adjudication).toMatchObject({ choice: 'second', at: NOW });
		expect([grade!.first.outcome, grade!.second!.outcome]).toEqual(['fail', 'pass']);
		expect(review.disagreements).toEqual([]);
		expect(review.report?.overall.items).toBe(1);
	});

	it('a value of the lead’s own carries the reason after both grades', async () => {
		const h = await sampled();
		await importReturn(h, h.file);
		const review = new ReviewState(h.deps, h.cs);
		await review.load();
		await review.adjudicate(review.disagreements[0]!, 'new', '部分政策已公开', { outcome: 'partial', deductionCounts: {} });
		const [entry] = await h.deps.repos.findings.history(h.stored.id);
		expect(entry!.reason).toBe('复核裁定：首评 不符合（张三），复核 符合（赵六），另定；理由：部分政策已公开');
		expect((await h.deps.repos.findings.listByCampaign(h.cs.id))[0]!.outcome).toBe('partial');
	});
});
