import { describe, expect, it } from 'vitest';
import { packageContent, packageInfo, packagePlan, returnContent, hasChangesSinceBase, type PackageOrder } from '$lib/domain/team';
import type { BackupData } from '$lib/domain/backup';
import { makeCampaign, makeChange, makeEvidence, makeFinding, makeImageEvidence, makeIssuedPackage, makeReviewGrade, makeTarget, storeRecords } from '../storage/fixtures';

/* Work packages (issue 16, point 3): what a package and its return hold. */

async function campaignRecords() {
	const campaign = makeCampaign();
	const mine = makeTarget(campaign.id, { name: '市教育局', assessor: '张三', order: 1 });
	const theirs = makeTarget(campaign.id, { name: '市人民政府', assessor: '李四', order: 0 });
	const nobody = makeTarget(campaign.id, { name: '国家统计局', assessor: '', order: 2 });
	const f1 = makeFinding(mine, { rev: '2-a' });
	const f2 = makeFinding(mine, { indicatorId: 'veto-1', outcome: 'pass', deductionCounts: {}, rev: '1-b' });
	const f3 = makeFinding(theirs, { rev: '1-c' });
	const shot = await makeImageEvidence(f1);
	const url = makeEvidence(f3);
	const data: BackupData = storeRecords({
		campaigns: [campaign],
		targets: [theirs, mine, nobody],
		findings: [f1, f2, f3],
		evidence: [shot.evidence, url],
		evidenceFiles: [shot.file],
		findingChanges: [makeChange(f1), makeChange(f2), makeChange(f3)]
	});
	return { campaign, mine, theirs, nobody, f1, f2, f3, shot, url, data };
}

const order = (targetIds: string[], patch: Partial<PackageOrder> = {}): PackageOrder => ({
	packageId: crypto.randomUUID(),
	assessor: '张三',
	role: 'assessor',
	blind: false,
	targetIds,
	issuedAt: '2026-03-02T08:00:00.000Z',
	issuedBy: '组长',
	...patch
});

describe('packagePlan', () => {
	it('one package per assessor with assigned targets, in list order; unassigned targets listed, not packaged', async () => {
		const { data, mine, theirs, nobody } = await campaignRecords();
		const extra = makeTarget(mine.campaignId, { assessor: ' 张三 ', order: 5 });
		expect(packagePlan([...data.targets, extra])).toEqual({
			assessors: [
				{ assessor: '李四', targetIds: [theirs.id] },
				{ assessor: '张三', targetIds: [mine.id, extra.id] }
			],
			unassigned: [nobody]
		});
	});
});

describe('packageContent', () => {
	it('an assessor’s package holds only their targets, with findings, evidence, files and history; the base is the findings as written', async () => {
		const { campaign, mine, f1, f2, shot, data } = await campaignRecords();
		const info = packageInfo(campaign, order([mine.id]));
		expect(info).toMatchObject({ campaignId: campaign.id, campaignTitle: campaign.title, frameworkId: campaign.framework.id, frameworkVersion: campaign.framework.version, role: 'assessor', blind: false });
		const { data: pkg, base } = packageContent(data, info);
		expect(pkg.campaigns).toEqual([campaign]);
		expect(pkg.targets).toEqual([mine]);
		expect(pkg.findings).toEqual([f1, f2]);
		expect(pkg.evidence).toEqual([shot.evidence]);
		expect(pkg.evidenceFiles).toEqual([shot.file]);
		expect(pkg.findingChanges.map((c) => c.findingId)).toEqual([f1.id, f2.id]);
		expect(pkg.rectifications).toEqual([]);
		expect(pkg.frameworks).toEqual([]);
		expect(pkg.settings).toBeNull();
		expect(base).toEqual({ findings: [f1, f2], evidenceIds: [shot.evidence.id] });
		expect(base.findings.map((f) => f.rev)).toEqual(['2-a', '1-b']);
	});

	it('a reviewer’s package holds the chosen items; a blind one no grades, evidence or history and an empty base', async () => {
		const { campaign, mine, theirs, f1, f3, data } = await campaignRecords();
		const items = [
			{ targetId: mine.id, indicatorId: f1.indicatorId },
			{ targetId: theirs.id, indicatorId: f3.indicatorId }
		];
		const open = packageContent(data, packageInfo(campaign, order([mine.id, theirs.id], { role: 'reviewer', assessor: '王五', items })));
		expect(open.data.findings).toEqual([f1, f3]);
		expect(open.base.findings).toEqual([f1, f3]);

		const blindInfo = packageInfo(campaign, order([mine.id, theirs.id], { role: 'reviewer', blind: true, assessor: '王五', items }));
		expect(blindInfo.items).toEqual(items);
		// The campaign's export carries its team records (backup format 5); a package never does: 复核 items hold the first grades.
		const issued = makeIssuedPackage(campaign, [mine.id]);
		const blind = packageContent({ ...data, issuedPackages: [issued], reviewGrades: [makeReviewGrade(f1, issued.id)] }, blindInfo);
		expect(blind.data.issuedPackages).toEqual([]);
		expect(blind.data.reviewGrades).toEqual([]);
		expect(blind.data.targets.map((t) => t.id).sort()).toEqual([mine.id, theirs.id].sort());
		expect(blind.data.findings).toEqual([]);
		expect(blind.data.evidence).toEqual([]);
		expect(blind.data.evidenceFiles).toEqual([]);
		expect(blind.data.findingChanges).toEqual([]);
		expect(blind.base).toEqual({ findings: [], evidenceIds: [] });
	});
});

describe('returnContent', () => {
	it('carries only changes since the base: changed and new findings, added evidence with files, removed evidence ids, history since', async () => {
		const { campaign, mine, f1, f2, shot, data } = await campaignRecords();
		const { data: pkg, base } = packageContent(data, packageInfo(campaign, order([mine.id])));
		const received = { base, packageChangeIds: pkg.findingChanges.map((c) => c.id) };
		expect(hasChangesSinceBase(pkg, received)).toBe(false);

		const changed = { ...f1, outcome: 'pass' as const, rev: '3-z' };
		const added = makeEvidence(f2, { text: '新截取' });
		const fresh = makeFinding(mine, { indicatorId: 'other-1', rev: '1-y' });
		const since = [makeChange(changed, { rev: '3-z', baseRev: '2-a' })];
		const local: BackupData = { ...pkg, findings: [changed, f2, fresh], evidence: [added], evidenceFiles: [], findingChanges: [...pkg.findingChanges, ...since] };
		const { data: ret, info } = returnContent(local, received, { returnId: 'r', returnedAt: '2026-03-03T08:00:00.000Z' });
		expect(ret.campaigns).toEqual([campaign]);
		expect(ret.targets).toEqual([mine]);
		// f2 did not change, but the evidence added to it needs its finding in the file.
		expect(ret.findings).toEqual([changed, f2, fresh]);
		expect(ret.evidence).toEqual([added]);
		expect(ret.evidenceFiles).toEqual([]);
		expect(ret.findingChanges).toEqual(since);
		expect(info).toEqual({ returnId: 'r', returnedAt: '2026-03-03T08:00:00.000Z', removedEvidenceIds: [shot.evidence.id] });
		expect(hasChangesSinceBase(local, received)).toBe(true);
	});

	it('an unchanged finding with unchanged evidence is not returned', async () => {
		const { campaign, mine, f1, shot, data } = await campaignRecords();
		const { data: pkg, base } = packageContent(data, packageInfo(campaign, order([mine.id])));
		const changed = { ...f1, note: '改', rev: '3-z' };
		const local = { ...pkg, findings: pkg.findings.map((f) => (f.id === f1.id ? changed : f)) };
		const { data: ret, info } = returnContent(local, { base, packageChangeIds: pkg.findingChanges.map((c) => c.id) }, { returnId: 'r', returnedAt: '2026-03-03T08:00:00.000Z' });
		expect(ret.findings).toEqual([changed]);
		expect(ret.evidence).toEqual([]);
		expect(info.removedEvidenceIds).toEqual([]);
		expect(shot.evidence.findingId).toBe(f1.id);
	});
});
