import { beforeEach, describe, expect, it } from 'vitest';
import { agreementReport, reviewedItems } from '$lib/domain/review';
import { PACKAGE_BASE_PATH, packageContent, packageInfo, planReturnMerge, resolveReturnMerge, type PackageInfo, type ReturnFile } from '$lib/domain/team';
import { readBackup } from '$lib/io/backup';
import { sha256Hex } from '$lib/io/hash';
import type { Repositories } from '$lib/storage';
import { backupBytes } from '../io/backup-bytes';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeChange, makeFinding, makeReviewGrade, makeTarget, REPOSITORY_KINDS } from './fixtures';

/*
 * A lead who restores a backup onto a new PC (issue 16) keeps the team records: the packages issued, so a return of a
 * package written before the backup still merges, and the 复核 items, so the second grades and the agreement stay.
 * Through the real backup file (writeBackup / readBackup), the restore and the merge's own functions.
 */

const ISSUED_AT = '2026-03-01T08:00:00.000Z';
const RETURNED_AT = '2026-03-03T08:00:00.000Z';
const MERGED_AT = '2026-03-04T08:00:00.000Z';
const stamp = { createdAt: ISSUED_AT, updatedAt: ISSUED_AT, updatedBy: '组长' };

describe.each(REPOSITORY_KINDS)('team records through a backup and a restore (%s)', (_name, create: () => Repositories) => {
	beforeEach(resetDatabase);

	/** The lead's PC: a target assigned to 张三 and graded, a package issued for it, and a 复核 item graded twice. */
	async function leadWithTeamWork(lead: Repositories) {
		const campaign = await lead.campaigns.put(makeCampaign());
		const target = await lead.targets.put(makeTarget(campaign.id, { assessor: '张三' }));
		const finding = await lead.findings.put(makeFinding(target, { outcome: 'pass', deductionCounts: {} }));
		const order = { assessor: '张三', role: 'assessor' as const, blind: false, targetIds: [target.id], issuedAt: ISSUED_AT, issuedBy: '组长' };
		const info = packageInfo(campaign, { ...order, packageId: crypto.randomUUID() });
		const { base } = packageContent(await lead.backup.exportAll(campaign.id), info);
		const baseSha256 = await sha256Hex(new TextEncoder().encode(JSON.stringify(base)));
		await lead.issuedPackages.put({ id: info.packageId, campaignId: campaign.id, info, baseSha256, mergedReturns: [], ...stamp });

		const review = packageInfo(campaign, { ...order, packageId: crypto.randomUUID(), assessor: '赵六', role: 'reviewer', blind: true });
		const grade = makeReviewGrade(finding, review.packageId, { second: { ...finding, outcome: 'fail' }, adjudication: { choice: 'first', reason: '', at: MERGED_AT, by: '组长' } });
		await lead.reviewGrades.putMany([grade], { id: review.packageId, campaignId: campaign.id, info: review, baseSha256: 'b'.repeat(64), mergedReturns: [], ...stamp });
		return { campaign, target, finding, info, base, baseSha256 };
	}

	/** 张三's return: the finding changed to 不符合 since the package was written. */
	function returnOf(s: Awaited<ReturnType<typeof leadWithTeamWork>>, info: PackageInfo = s.info): ReturnFile {
		const changed = { ...s.finding, outcome: 'fail' as const, rev: '9-assessor', updatedAt: RETURNED_AT, updatedBy: '张三' };
		return {
			name: '张三-交回.kaiming',
			sha256: 'e'.repeat(64),
			scope: { kind: 'return', package: info, return: { returnId: crypto.randomUUID(), returnedAt: RETURNED_AT, removedEvidenceIds: [] } },
			team: { [PACKAGE_BASE_PATH]: { value: s.base, sha256: s.baseSha256 } },
			findings: [changed],
			evidence: [],
			evidenceFiles: [],
			findingChanges: [makeChange(changed, { rev: changed.rev, baseRev: s.finding.rev, at: RETURNED_AT, by: '张三', changes: [{ field: 'outcome', from: 'pass', to: 'fail' }] })]
		};
	}

	/** Backs the lead's PC up to a file and restores that file onto an empty database. */
	async function restoredOnNewPc(lead: Repositories): Promise<Repositories> {
		const read = await readBackup(await backupBytes(await lead.backup.exportAll(), { appVersion: 'test', createdAt: MERGED_AT, scope: { kind: 'all' } }));
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		await resetDatabase();
		const fresh = create();
		const restored = await fresh.backup.restore(read.data, 'skip');
		expect(restored.ok).toBe(true);
		return fresh;
	}

	it('a restored lead merges a return of a package issued before the backup, and importing it again changes nothing', async () => {
		const source = create();
		const s = await leadWithTeamWork(source);
		const lead = await restoredOnNewPc(source);
		const file = returnOf(s);
		const readLocal = async () => ({ campaign: s.campaign, targets: [s.target], ...(await lead.teamMerge.readLocal(s.campaign.id, s.info.packageId, [s.target.id])) });

		const planned = planReturnMerge(file, await readLocal());
		expect(planned.kind).toBe('plan');
		if (planned.kind !== 'plan') return;
		expect(planned.plan.items.map((i) => [i.kind, i.indicatorId])).toEqual([['apply', s.finding.indicatorId]]);
		const resolved = resolveReturnMerge(planned.plan, new Map(), { at: MERGED_AT, by: '组长' });
		if (!resolved.ok) throw new Error('nothing to answer');
		await lead.teamMerge.apply(resolved.write);

		expect((await lead.findings.listByCampaign(s.campaign.id)).map((f) => f.outcome)).toEqual(['fail']);
		expect((await lead.issuedPackages.get(s.info.packageId))?.mergedReturns).toEqual([file.sha256]);
		expect(planReturnMerge(file, await readLocal())).toEqual({ kind: 'alreadyMerged', file: file.name });
	});

	it('a restored lead still refuses a return whose base was altered: the issued digest came with the backup', async () => {
		const source = create();
		const s = await leadWithTeamWork(source);
		const lead = await restoredOnNewPc(source);
		const altered = { ...returnOf(s), team: { [PACKAGE_BASE_PATH]: { value: s.base, sha256: 'f'.repeat(64) } } };
		const local = { campaign: s.campaign, targets: [s.target], ...(await lead.teamMerge.readLocal(s.campaign.id, s.info.packageId, [s.target.id])) };
		expect(planReturnMerge(altered, local)).toMatchObject({ kind: 'refused', refusal: { code: 'altered' } });
	});

	it('a restored lead still has the second grades, the ruling and the agreement', async () => {
		const source = create();
		const s = await leadWithTeamWork(source);
		const before = await source.reviewGrades.listByCampaign(s.campaign.id);
		const lead = await restoredOnNewPc(source);
		const grades = await lead.reviewGrades.listByCampaign(s.campaign.id);
		expect(grades).toEqual(before);
		expect(grades[0]).toMatchObject({ second: { outcome: 'fail' }, adjudication: { choice: 'first' } });
		const overall = agreementReport(s.campaign.framework, reviewedItems(grades)).overall;
		expect(overall).toMatchObject({ items: 1, identical: 0, observed: 0 });
	});

	it('a 复核 item whose id is stored under another campaign refuses the whole restore: nothing of the file is written', async () => {
		const source = create();
		const s = await leadWithTeamWork(source);
		const file = await source.backup.exportAll();
		await resetDatabase();
		const here = create();
		const other = await leadWithTeamWork(here);
		const [taken] = await here.reviewGrades.listByCampaign(other.campaign.id);
		const clashing = { ...file, reviewGrades: file.reviewGrades.map((g) => ({ ...g, id: taken!.id })) };
		const result = await here.backup.restore(clashing, 'replace');
		expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'backup.error.idCollision', store: 'reviewGrades', id: taken!.id })] });
		expect(await here.campaigns.get(s.campaign.id)).toBeUndefined();
		expect(await here.issuedPackages.listByCampaign(s.campaign.id)).toEqual([]);
		expect(await here.reviewGrades.listByCampaign(other.campaign.id)).toEqual([taken]);
	});
});
