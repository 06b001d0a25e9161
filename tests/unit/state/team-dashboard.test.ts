import { describe, expect, it } from 'vitest';
import type { Finding } from '$lib/domain/finding';
import type { IssuedPackage, PackageInfo } from '$lib/domain/team';
import { TeamDashboardState } from '$lib/state/team-dashboard.svelte';
import { NOW, openCampaign } from './harness';

/* 团队进度 (issue 16 point 6): read from the stored packages and 复核 items; the lead's only. */

async function withPackages() {
	const h = await openCampaign();
	const { cs, deps } = h;
	const [jia, yi] = cs.targets;
	await deps.repos.targets.put({ ...jia!, assessor: '张三' });
	await deps.repos.targets.put({ ...yi!, assessor: '李四' });
	await cs.load();
	const campaign = cs.campaign!;
	const issued = (assessor: string, role: PackageInfo['role'], targetIds: string[], back: boolean): IssuedPackage => {
		const packageId = deps.newId();
		return {
			id: packageId,
			campaignId: cs.id,
			info: { packageId, campaignId: cs.id, campaignTitle: campaign.title, frameworkId: campaign.framework.id, frameworkVersion: campaign.framework.version, assessor, role, blind: role === 'reviewer', targetIds, issuedAt: NOW, issuedBy: '组长' },
			baseSha256: 'c'.repeat(64),
			mergedReturns: back ? ['d'.repeat(64)] : [],
			...(back ? { lastReturnAt: '2026-03-05T06:30:00.000Z' } : {}),
			createdAt: NOW,
			updatedAt: NOW,
			updatedBy: '组长'
		};
	};
	await deps.repos.issuedPackages.put(issued('张三', 'assessor', [jia!.id], true));
	await deps.repos.issuedPackages.put(issued('李四', 'assessor', [yi!.id], false));
	const first: Finding = await deps.repos.findings.put({ id: deps.newId(), campaignId: cs.id, targetId: jia!.id, indicatorId: 'a2', outcome: 'fail', deductionCounts: {}, note: '', reviewState: 'draft', createdAt: NOW, updatedAt: NOW, updatedBy: '张三' });
	const review = issued('赵六', 'reviewer', [jia!.id], true);
	await deps.repos.reviewGrades.putMany(
		[{ id: deps.newId(), campaignId: cs.id, targetId: jia!.id, indicatorId: 'a2', findingId: first.id, packageId: review.id, reviewer: '赵六', assessor: '张三', reasons: ['random'], first, second: { ...first, outcome: 'pass' }, createdAt: NOW, updatedAt: NOW, updatedBy: '组长' }],
		review
	);
	return h;
}

describe('TeamDashboardState', () => {
	it('sums up the stored packages and 复核 items of the campaign', async () => {
		const { deps, cs } = await withPackages();
		const dashboard = new TeamDashboardState(deps, cs);
		expect(dashboard.summary?.packagesOut).toBe(0);
		await dashboard.load();
		expect(dashboard.failure).toBeNull();
		expect(dashboard.summary).toMatchObject({ packagesOut: 3, packagesWithoutReturn: 1, openDisagreements: 1 });
		expect(dashboard.summary!.members.map((m) => [m.name, m.targetsAssigned, m.packagesBack, m.packagesOut, m.secondGradesBack, m.lastReturnAt])).toEqual([
			['李四', 1, 0, 1, 0, null],
			['张三', 1, 1, 1, 0, '2026-03-05T06:30:00.000Z'],
			['赵六', 0, 0, 0, 1, '2026-03-05T06:30:00.000Z']
		]);
	});

	it('has no summary in package mode: the figures are the lead’s', async () => {
		const { deps, cs } = await withPackages();
		const campaign = cs.campaign!;
		const pkg = (await deps.repos.issuedPackages.listByCampaign(cs.id))[0]!;
		await deps.repos.campaigns.put({ ...campaign, package: pkg.info });
		await cs.load();
		const dashboard = new TeamDashboardState(deps, cs);
		await dashboard.load();
		expect(cs.campaign!.package).toBeDefined();
		expect(dashboard.summary).toBeNull();
	});
});
