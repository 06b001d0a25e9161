import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeFinding, makeImageEvidence, makeTarget, PNG_1X1, storeRecords } from './fixtures';
import { createIdbRepositories, getDb, type Repositories } from '$lib/storage';
import { FILE_BATCH } from '$lib/storage/idb-backup';
import type { WriteProgress } from '$lib/storage/repositories';

let repos: Repositories;

beforeEach(async () => {
	await resetDatabase();
	repos = createIdbRepositories(getDb);
});
afterEach(() => vi.restoreAllMocks());


/** A campaign with `files` screenshots, one per finding, spread over targets of at most 40 findings each. */
async function withScreenshots(files: number) {
	const campaign = makeCampaign();
	const targets = Array.from({ length: Math.ceil(files / 40) }, (_, i) => makeTarget(campaign.id, { order: i }));
	const findings = Array.from({ length: files }, (_, i) => makeFinding(targets[Math.floor(i / 40)]!, { indicatorId: `ind-${i % 40}` }));
	const shots = await Promise.all(findings.map((f) => makeImageEvidence(f)));
	return storeRecords({ campaigns: [campaign], targets, findings, evidence: shots.map((s) => s.evidence), evidenceFiles: shots.map((s) => s.file) });
}

/** How many screenshot files each transaction wrote. */
function countFilePuts(): number[] {
	const perTx = new Map<IDBTransaction, number>();
	const put = IDBObjectStore.prototype.put;
	vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
		if (this.name === 'evidenceFiles') perTx.set(this.transaction, (perTx.get(this.transaction) ?? 0) + 1);
		return put.apply(this, args);
	});
	return new Proxy([], { get: (_, key) => Reflect.get([...perTx.values()], key) });
}

async function storedFiles() {
	return (await getDb()).count('evidenceFiles');
}

// Chromium writes each Blob of a transaction as a file at commit; one commit of 70,000 failed on disk.
describe('restore writes screenshot files in transactions of their own', () => {
	it(`writes at most ${FILE_BATCH} files per transaction, all of them, and reports its progress`, async () => {
		const data = await withScreenshots(FILE_BATCH * 2 + 3);
		const perTx = countFilePuts();
		const progress: WriteProgress[] = [];
		const result = await repos.backup.restore(data, 'skip', (p) => progress.push(p));

		expect(result.ok && result.report.files).toBe(FILE_BATCH * 2 + 3);
		expect(await storedFiles()).toBe(FILE_BATCH * 2 + 3);
		expect([...perTx]).toEqual([FILE_BATCH, FILE_BATCH, 3]);
		expect(progress).toEqual([
			{ done: FILE_BATCH, total: FILE_BATCH * 2 + 3 },
			{ done: FILE_BATCH * 2, total: FILE_BATCH * 2 + 3 },
			{ done: FILE_BATCH * 2 + 3, total: FILE_BATCH * 2 + 3 }
		]);
		const evidence = data.evidence[FILE_BATCH + 7]!;
		expect((await repos.evidence.getFiles([evidence.id])).get(evidence.id)?.size).toBe(PNG_1X1.length);
	});

	it('deletes the files written ahead when the records cannot be written', async () => {
		const data = await withScreenshots(FILE_BATCH + 10);
		// Two findings for one target and indicator: the unique index refuses the records' transaction.
		data.findings.push(makeFinding(data.targets[0]!, { indicatorId: 'ind-0' }));
		await expect(repos.backup.restore(data, 'skip')).rejects.toThrow();
		expect(await storedFiles()).toBe(0);
		expect(await repos.campaigns.get(data.campaigns[0]!.id)).toBeUndefined();
	});

	it('deletes the files written ahead when another tab makes the records clash before they are written', async () => {
		const data = await withScreenshots(FILE_BATCH + 1);
		const other = await repos.campaigns.put(makeCampaign({ title: '另一个任务' }));
		const clash = makeTarget(other.id, { id: data.targets[0]!.id });
		let written: Promise<unknown> = Promise.resolve();
		const result = await repos.backup.restore(data, 'skip', ({ done }) => {
			// Between the file batches and the records: another tab stores a target of another campaign under the file's target id.
			if (done === FILE_BATCH) written = repos.targets.put(clash);
		});
		await written;
		expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['backup.error.idCollision']);
		expect(await storedFiles()).toBe(0);
		expect(await repos.campaigns.get(data.campaigns[0]!.id)).toBeUndefined();
		expect((await repos.targets.listByCampaign(other.id)).map((t) => t.id)).toEqual([clash.id]);
	});

	it('writes nothing ahead when the plan refuses the file', async () => {
		const data = await withScreenshots(3);
		const other = await repos.campaigns.put(makeCampaign({ title: '另一个任务' }));
		await repos.targets.put(makeTarget(other.id, { id: data.targets[0]!.id }));
		const perTx = countFilePuts();
		const result = await repos.backup.restore(data, 'skip');
		expect(result.ok).toBe(false);
		expect([...perTx]).toEqual([]);
		expect(await storedFiles()).toBe(0);
	});
});
