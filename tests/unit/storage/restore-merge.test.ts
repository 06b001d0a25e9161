/**
 * Restore against what the browser holds, in IndexedDB and in the memory repositories alike: findings and
 * 整改 items that clash by target and indicator (and problem) whatever their ids, ids of another
 * campaign, and records changed here after the backup.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Rectification } from '$lib/domain/rectification';
import { createIdbRepositories, getDb, type Repositories } from '$lib/storage';
import { createMemoryRepositories } from '$lib/storage/memory';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeEvidence, makeFinding, makeTarget } from './fixtures';

const EARLY = '2026-03-01T08:00:00.000Z';
const LATE = '2026-03-05T08:00:00.000Z';

function item(target: { id: string; campaignId: string }, patch: Partial<Rectification> = {}): Rectification {
	return Rectification.parse({
		id: crypto.randomUUID(),
		campaignId: target.campaignId,
		targetId: target.id,
		indicatorId: 'update-1',
		deductionId: 'stale',
		seq: 1,
		description: '首页长期未更新',
		pointsLost: 4,
		veto: false,
		status: 'open',
		createdAt: EARLY,
		updatedAt: EARLY,
		updatedBy: 'tester',
		...patch
	});
}

const kinds: [string, () => Promise<Repositories>][] = [
	[
		'IndexedDB',
		async () => {
			await resetDatabase();
			return createIdbRepositories(getDb);
		}
	],
	['memory', async () => createMemoryRepositories()]
];

describe.each(kinds)('restore over stored records (%s)', (_, make) => {
	let repos: Repositories;
	beforeEach(async () => {
		repos = await make();
	});

	/** A campaign and target stored here, with a finding and an item for the same problem as the file's. */
	async function seed(local: { findingAt: string; itemAt: string }) {
		const campaign = await repos.campaigns.put(makeCampaign());
		const target = await repos.targets.put(makeTarget(campaign.id));
		const finding = await repos.findings.put(makeFinding(target, { note: '本机', createdAt: EARLY, updatedAt: local.findingAt }));
		const localEvidence = makeEvidence(finding);
		await repos.evidence.put(localEvidence);
		const [localItem] = await repos.rectifications.putMany([item(target, { remarks: '本机', updatedAt: local.itemAt })]);
		const data = await repos.backup.exportAll();
		// The file: the same campaign and target, but its own finding and item (other ids) for the same problems.
		const theirs = makeFinding(target, { note: '备份', createdAt: EARLY, updatedAt: MID });
		const theirEvidence = makeEvidence(theirs, { url: 'https://www.example.gov.cn/backup.html' });
		const file = { ...data, findings: [theirs], evidence: [theirEvidence], rectifications: [item(target, { remarks: '备份', updatedAt: MID }), item(target, { deductionId: 'other', seq: 1 })] };
		return { target, finding, localEvidence, localItem: localItem!, file, theirs, theirEvidence };
	}
	const MID = '2026-03-03T08:00:00.000Z';

	it("'merge' keeps the newer of two findings (and items) for one problem, under the stored id, and reports each clash", async () => {
		const s = await seed({ findingAt: EARLY, itemAt: LATE });
		const result = await repos.backup.restore(s.file, 'merge');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// The file's finding is newer: its values, under the stored id; both pieces of evidence point at it.
		expect(await repos.findings.listByTarget(s.target.campaignId, s.target.id)).toEqual([{ ...s.theirs, id: s.finding.id }]);
		const evidence = await repos.evidence.listByTarget(s.target.campaignId, s.target.id);
		expect(evidence.map((e) => [e.id, e.findingId]).sort()).toEqual([[s.localEvidence.id, s.finding.id], [s.theirEvidence.id, s.finding.id]].sort());
		// The stored item is newer: kept. The file's item for another problem is added with the next free 序号.
		const items = await repos.rectifications.listByCampaign(s.target.campaignId);
		expect(items.map((r) => [r.deductionId, r.seq, r.remarks])).toEqual([
			['stale', 1, '本机'],
			['other', 2, '']
		]);
		expect(result.report.conflicts).toEqual([
			expect.objectContaining({ store: 'findings', targetId: s.target.id, indicatorId: 'update-1', localId: s.finding.id, backupId: s.theirs.id, kept: 'backup', localUpdatedAt: EARLY, backupUpdatedAt: MID }),
			expect.objectContaining({ store: 'rectifications', deductionId: 'stale', localId: s.localItem.id, kept: 'local', localUpdatedAt: LATE, backupUpdatedAt: MID })
		]);
	});

	it("'skip' keeps the stored ones and 'replace' the file's; no mode refuses a clash any more", async () => {
		const s = await seed({ findingAt: LATE, itemAt: LATE });
		const kept = await repos.backup.restore(s.file, 'skip');
		expect(kept.ok && kept.report.conflicts.map((c) => c.kept)).toEqual(['local', 'local']);
		expect(await repos.findings.listByTarget(s.target.campaignId, s.target.id)).toEqual([s.finding]);
		const replaced = await repos.backup.restore(s.file, 'replace');
		expect(replaced.ok && replaced.report.conflicts.map((c) => c.kept)).toEqual(['backup', 'backup']);
		expect((await repos.findings.listByTarget(s.target.campaignId, s.target.id)).map((f) => [f.id, f.note])).toEqual([[s.finding.id, '备份']]);
		const items = await repos.rectifications.listByCampaign(s.target.campaignId);
		expect(items.map((r) => [r.id, r.deductionId, r.seq, r.remarks])).toEqual([
			[s.localItem.id, 'stale', 1, '备份'],
			[expect.any(String), 'other', 2, '']
		]);
	});

	it('a keep-mode restore of the same file three times leaves one item per problem, numbered apart', async () => {
		const s = await seed({ findingAt: EARLY, itemAt: EARLY });
		for (let i = 0; i < 3; i++) {
			const again = { ...s.file, rectifications: s.file.rectifications.map((r) => ({ ...r, id: crypto.randomUUID() })) };
			expect((await repos.backup.restore(again, 'skip')).ok).toBe(true);
		}
		const items = await repos.rectifications.listByCampaign(s.target.campaignId);
		expect(items.map((r) => [r.deductionId, r.seq])).toEqual([
			['stale', 1],
			['other', 2]
		]);
	});

	it('the plan names the records changed here after the backup, before replace writes anything', async () => {
		const s = await seed({ findingAt: LATE, itemAt: LATE });
		const plan = await repos.backup.plan(s.file, 'replace');
		expect(plan.newerLocally).toEqual([
			{ store: 'findings', key: s.theirs.id, campaignId: s.target.campaignId, targetId: s.target.id, indicatorId: 'update-1', localUpdatedAt: LATE, backupUpdatedAt: MID },
			expect.objectContaining({ store: 'rectifications', localUpdatedAt: LATE, backupUpdatedAt: MID })
		]);
		expect(await repos.findings.listByTarget(s.target.campaignId, s.target.id)).toEqual([s.finding]);
		expect((await repos.backup.plan(s.file, 'merge')).newerLocally).toEqual([]);
	});

	it('refuses a target whose id is stored under another campaign, writing nothing', async () => {
		const mine = await repos.campaigns.put(makeCampaign({ title: '本机任务' }));
		const target = await repos.targets.put(makeTarget(mine.id));
		const other = makeCampaign({ title: '别处任务' });
		const crafted = { ...makeTarget(other.id), id: target.id };
		const finding = makeFinding(crafted);
		const data = { ...(await repos.backup.exportAll()), frameworks: [], frameworkVersions: [], campaigns: [other], targets: [crafted], findings: [finding], evidence: [], rectifications: [] };
		for (const mode of ['skip', 'replace', 'merge'] as const) {
			const result = await repos.backup.restore(data, mode);
			expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'backup.error.idCollision', store: 'targets', id: target.id, params: expect.objectContaining({ campaignId: other.id, otherCampaignId: mine.id }) })] });
		}
		expect(await repos.campaigns.get(other.id)).toBeUndefined();
		expect(await repos.findings.listByTarget(other.id, target.id)).toEqual([]);
	});
});
