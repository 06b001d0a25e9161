import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeEvidence, makeFinding, makeImageEvidence, makeTarget, refused, REPOSITORY_KINDS, seedCampaignTarget } from './fixtures';
import { createIdbRepositories, getDb, StorageError, type Repositories } from '$lib/storage';

/*
 * Finding history (issue 16, point 2): every write that changes something graded appends one entry, in the
 * write's own transaction; evidence added or removed appends one too. Same contract for IndexedDB and memory.
 */

const at = (minute: number) => `2026-03-02T08:${String(minute).padStart(2, '0')}:00.000Z`;

describe.each(REPOSITORY_KINDS)('finding history (%s)', (_name, create: () => Repositories) => {
	let repos: Repositories;
	beforeEach(async () => {
		await resetDatabase();
		repos = create();
	});

	const seed = () => seedCampaignTarget(repos);

	it('two writes give two entries, newest first, each naming the revision it produced and the one before', async () => {
		const { target } = await seed();
		const first = await repos.findings.put(makeFinding(target, { outcome: 'pass', deductionCounts: {}, updatedAt: at(1), updatedBy: '张三' }));
		const second = await repos.findings.put({ ...first, outcome: 'fail', note: '首页无更新', updatedAt: at(2), updatedBy: '李四' });
		const history = await repos.findings.history(first.id);
		expect(history.map((c) => [c.kind, c.by, c.at, c.rev, c.baseRev])).toEqual([
			['edit', '李四', at(2), second.rev, first.rev],
			['edit', '张三', at(1), first.rev, undefined]
		]);
		expect(history[0]!.changes).toEqual([
			{ field: 'outcome', from: 'pass', to: 'fail' },
			{ field: 'note', from: '', to: '首页无更新' }
		]);
		expect(history[1]!.changes).toEqual([{ field: 'outcome', from: null, to: 'pass' }]);
		expect(await repos.findings.campaignHistory(target.campaignId)).toEqual(history);
	});

	it('a write that changes nothing graded adds no entry', async () => {
		const { target } = await seed();
		const first = await repos.findings.put(makeFinding(target, { updatedAt: at(1) }));
		await repos.findings.put({ ...first, updatedAt: at(3), reviewState: 'confirmed' });
		expect(await repos.findings.history(first.id)).toHaveLength(1);
	});

	it('a stale write is refused and leaves no entry', async () => {
		const { target } = await seed();
		const first = await repos.findings.put(makeFinding(target, { updatedAt: at(1) }));
		await repos.findings.put({ ...first, note: '甲窗口', updatedAt: at(2) });
		await refused(repos.findings.put({ ...first, note: '乙窗口', updatedAt: at(3) }), 'stale');
		expect((await repos.findings.history(first.id)).map((c) => c.at)).toEqual([at(2), at(1)]);
	});

	it('a failing finding write leaves no entry (a second finding for the indicator)', async () => {
		const { target } = await seed();
		await repos.findings.put(makeFinding(target, { updatedAt: at(1) }));
		const twin = makeFinding(target, { outcome: 'pass', note: '另一窗口', updatedAt: at(2) });
		await refused(repos.findings.put(twin), 'conflict');
		expect(await repos.findings.history(twin.id)).toEqual([]);
		expect(await repos.findings.campaignHistory(target.campaignId)).toHaveLength(1);
	});

	it('a finding written with its framework move or with new evidence has its entry too', async () => {
		const { campaign, target } = await seed();
		const first = await repos.findings.put(makeFinding(target, { updatedAt: at(1) }));
		const { findings } = await repos.campaigns.putWithFindings(campaign, [{ ...first, deductionCounts: {}, updatedAt: at(2) }]);
		const other = makeFinding(target, { indicatorId: 'update-2', outcome: 'na', deductionCounts: {}, updatedAt: at(3) });
		const url = makeEvidence(other, { updatedAt: at(3) });
		await repos.evidence.putWithFinding(other, url);
		expect((await repos.findings.history(first.id))[0]).toMatchObject({ rev: findings[0]!.rev, changes: [{ field: 'deductionCounts', deductionId: 'stale', from: 2, to: 0 }] });
		expect((await repos.findings.history(other.id)).flatMap((c) => c.changes)).toEqual(
			expect.arrayContaining([
				{ field: 'outcome', from: null, to: 'na' },
				{ field: 'evidence', added: { id: url.id, kind: 'url', caption: '', url: url.url } }
			])
		);
	});

	it('evidence added or removed appends an entry; a caption edit does not', async () => {
		const { target } = await seed();
		const finding = await repos.findings.put(makeFinding(target, { updatedAt: at(1) }));
		const text = await repos.evidence.put(makeEvidence(finding, { kind: 'text', url: undefined, text: '栏目空白', updatedAt: at(2), updatedBy: '张三' }));
		await repos.evidence.put({ ...text, text: '栏目空白（已复核）', updatedAt: at(3) });
		await repos.evidence.delete(text.id, { at: at(4), by: '李四' });
		const { evidence, file } = await makeImageEvidence(finding, undefined, { updatedAt: at(5), updatedBy: '王五' });
		await repos.evidence.addImage(finding, evidence, file.blob);
		const history = await repos.findings.history(finding.id);
		expect(history.map((c) => [c.kind, c.by, c.at, c.rev, c.changes])).toEqual([
			['evidence', '王五', at(5), finding.rev, [{ field: 'evidence', added: { id: evidence.id, kind: 'image', caption: '首页截图' } }]],
			['evidence', '李四', at(4), finding.rev, [{ field: 'evidence', removed: { id: text.id, kind: 'text', caption: '栏目空白（已复核）' } }]],
			['evidence', '张三', at(2), finding.rev, [{ field: 'evidence', added: { id: text.id, kind: 'text', caption: '栏目空白' } }]],
			['edit', finding.updatedBy, at(1), finding.rev, expect.any(Array)]
		]);
	});

	it('a screenshot that creates its finding adds only the evidence entry (nothing graded yet)', async () => {
		const { target } = await seed();
		const finding = makeFinding(target, { outcome: null, deductionCounts: {} });
		const { evidence, file } = await makeImageEvidence(finding);
		await repos.evidence.addImage(finding, evidence, file.blob);
		expect((await repos.findings.history(finding.id)).map((c) => c.kind)).toEqual(['evidence']);
	});

	it('a backup carries the history; restoring it adds the entries once, in any mode', async () => {
		const { target } = await seed();
		const first = await repos.findings.put(makeFinding(target, { updatedAt: at(1) }));
		await repos.findings.put({ ...first, outcome: 'pass', deductionCounts: {}, updatedAt: at(2) });
		const history = await repos.findings.history(first.id);
		const file = await repos.backup.exportAll(target.campaignId);
		expect(file.findingChanges).toEqual(expect.arrayContaining(history));

		await resetDatabase();
		repos = create();
		const restored = await repos.backup.restore(file, 'skip');
		expect(restored.ok && restored.report.added.findingChanges).toBe(2);
		expect(await repos.findings.history(first.id)).toEqual(history);
		const again = await repos.backup.restore(file, 'replace');
		expect(again.ok && [again.report.added.findingChanges, again.report.replaced.findingChanges, again.report.skipped.findingChanges]).toEqual([0, 0, 2]);
		expect(await repos.findings.history(first.id)).toEqual(history);
	});

	it('history goes with its target and campaign', async () => {
		const { campaign, target } = await seed();
		const other = await repos.targets.put(makeTarget(campaign.id, { name: '某某区政府' }));
		await repos.findings.put(makeFinding(target));
		await repos.findings.put(makeFinding(other));
		await repos.targets.delete(target.id);
		expect((await repos.findings.campaignHistory(campaign.id)).map((c) => c.targetId)).toEqual([other.id]);
		await repos.campaigns.delete(campaign.id);
		expect(await repos.findings.campaignHistory(campaign.id)).toEqual([]);
	});
});

describe('finding history in IndexedDB', () => {
	beforeEach(resetDatabase);

	it('a finding write whose entry cannot be stored writes nothing (one transaction)', async () => {
		// The same ids twice: the second write's entry takes an id already stored, and `add` refuses it.
		const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
		let n = 0;
		const repos = createIdbRepositories(getDb, () => ids[n++ % ids.length]!);
		const campaign = await repos.campaigns.put(makeCampaign());
		const target = await repos.targets.put(makeTarget(campaign.id));
		n = 0;
		const first = await repos.findings.put(makeFinding(target, { updatedAt: at(1) }));
		n = 0;
		await expect(repos.findings.put({ ...first, outcome: 'pass', updatedAt: at(2) })).rejects.toBeInstanceOf(StorageError);
		expect(await repos.findings.listByTarget(campaign.id, target.id)).toEqual([first]);
		expect(await repos.findings.history(first.id)).toHaveLength(1);
	});
});
