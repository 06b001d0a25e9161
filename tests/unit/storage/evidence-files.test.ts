import { beforeEach, describe, expect, it } from 'vitest';
import { countFindings, resetDatabase } from './db-utils';
import { makeCampaign, makeFinding, makeImageEvidence, makeTarget, PNG_1X1 } from './fixtures';
import { createIdbRepositories, getDb, StorageError, type Repositories } from '$lib/storage';

let repos: Repositories;

beforeEach(async () => {
	await resetDatabase();
	repos = createIdbRepositories(getDb);
});

async function seedTarget() {
	const campaign = await repos.campaigns.put(makeCampaign());
	const target = await repos.targets.put(makeTarget(campaign.id));
	return { campaign, target };
}

const bytesOf = async (blob: Blob | undefined) => (blob ? new Uint8Array(await blob.arrayBuffer()) : undefined);

async function counts() {
	const db = await getDb();
	return { findings: await countFindings(db), evidence: await db.count('evidence'), files: await db.count('evidenceFiles') };
}

describe('screenshot evidence', () => {
	it('stores a new finding, the evidence and the original bytes together', async () => {
		const { target } = await seedTarget();
		const finding = makeFinding(target, { outcome: null, deductionCounts: {} });
		const { evidence, file } = await makeImageEvidence(finding);
		const stored = await repos.evidence.addImage(finding, evidence, file.blob);

		expect(stored.finding).toEqual({ ...finding, rev: expect.stringMatching(/^1-/) });
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([stored.finding]);
		expect(await repos.evidence.listByTarget(target.campaignId, target.id)).toEqual([stored.evidence]);
		const files = await repos.evidence.getFiles([evidence.id, crypto.randomUUID()]);
		expect([...files.keys()]).toEqual([evidence.id]);
		expect(await bytesOf(files.get(evidence.id))).toEqual(PNG_1X1);
	});

	it('never overwrites a stored finding with the copy it was given', async () => {
		const { target } = await seedTarget();
		const stored = await repos.findings.put(makeFinding(target, { outcome: 'fail', note: '较新的记录' }));
		const { evidence, file } = await makeImageEvidence(stored);
		expect((await repos.evidence.addImage({ ...stored, outcome: null, note: '' }, evidence, file.blob)).finding).toEqual(stored);
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([stored]);
		expect(await counts()).toEqual({ findings: 1, evidence: 1, files: 1 });
	});

	it('joins the finding another tab created first for the indicator, leaving it as stored', async () => {
		const { target } = await seedTarget();
		const theirs = await repos.findings.put(makeFinding(target, { note: '另一窗口先建' }));
		const mine = makeFinding(target, { outcome: null, deductionCounts: {} });
		const { evidence, file } = await makeImageEvidence(mine);
		const stored = await repos.evidence.addImage(mine, evidence, file.blob);
		expect(stored.finding).toEqual(theirs);
		expect(stored.evidence).toMatchObject({ id: evidence.id, findingId: theirs.id });
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([theirs]);
		expect(await repos.evidence.listByTarget(target.campaignId, target.id)).toEqual([stored.evidence]);
		expect([...(await repos.evidence.getFiles([evidence.id])).keys()]).toEqual([evidence.id]);
	});

	it('writes nothing when the target is gone, or the file does not match the record', async () => {
		const { target } = await seedTarget();
		const finding = makeFinding(target);
		const { evidence, file } = await makeImageEvidence(finding);

		const wrongSize = await repos.evidence.addImage(finding, evidence, new Blob([new Uint8Array(3)])).catch((e: unknown) => e);
		expect(wrongSize).toBeInstanceOf(StorageError);
		expect((wrongSize as StorageError).code).toBe('invalid');
		expect(await counts()).toEqual({ findings: 0, evidence: 0, files: 0 });

		await repos.targets.delete(target.id);
		const gone = await repos.evidence.addImage(finding, evidence, file.blob).catch((e: unknown) => e);
		expect((gone as StorageError).code).toBe('not-found');
		expect(await counts()).toEqual({ findings: 0, evidence: 0, files: 0 });
	});

	it('deleting the evidence, its target or its campaign deletes the file too', async () => {
		const { campaign, target } = await seedTarget();
		const other = await repos.targets.put(makeTarget(campaign.id, { order: 1 }));
		let n = 0;
		const add = async (t: typeof target) => {
			const finding = makeFinding(t, { indicatorId: `ind-${n++}` });
			const { evidence, file } = await makeImageEvidence(finding);
			await repos.evidence.addImage(finding, evidence, file.blob);
			return evidence;
		};
		const first = await add(target);
		await add(target);
		await add(other);
		expect((await counts()).files).toBe(3);

		await repos.evidence.delete(first.id, { at: '2026-03-02T08:00:00.000Z', by: '张三' });
		expect((await counts()).files).toBe(2);
		expect((await repos.evidence.getFiles([first.id])).size).toBe(0);
		await repos.targets.delete(target.id);
		expect((await counts()).files).toBe(1);
		await repos.campaigns.delete(campaign.id);
		expect(await counts()).toEqual({ findings: 0, evidence: 0, files: 0 });
	});

	it('exports the files with the records and restores them with their evidence', async () => {
		const { target } = await seedTarget();
		const finding = makeFinding(target);
		const { evidence, file } = await makeImageEvidence(finding);
		await repos.evidence.addImage(finding, evidence, file.blob);

		const all = await repos.backup.exportAll();
		const one = await repos.backup.exportAll(target.campaignId);
		for (const data of [all, one]) {
			expect(data.evidenceFiles.map((f) => f.id)).toEqual([evidence.id]);
			expect(await bytesOf(data.evidenceFiles[0]!.blob)).toEqual(PNG_1X1);
		}

		await resetDatabase();
		repos = createIdbRepositories(getDb);
		const result = await repos.backup.restore(all, 'skip');
		expect(result.ok && result.report.files).toBe(1);
		expect(await bytesOf((await repos.evidence.getFiles([evidence.id])).get(evidence.id))).toEqual(PNG_1X1);

		// Skipped evidence keeps its stored file; nothing else is touched.
		const again = await repos.backup.restore(all, 'skip');
		expect(again.ok && again.report.files).toBe(0);
	});
});
