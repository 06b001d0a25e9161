/**
 * The merge scenario of `npm run bench` (issue 16): the lead merges one return file per assessor, which together
 * hold every target of the campaign with every finding changed, through the campaign page's 导入交回文件 (pick →
 * preview → 确认合并 → report), against a raw write of the same records measured in the same page.
 *
 * Everything the files hold is made with the app's own functions, as 分发工作包 and 交回工作包 make it
 * (`packageContent`, `returnContent`, `writeBackup`); each assessor's change is `withOutcome` with its history entry.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { BackupData } from '$lib/domain/backup';
import { withOutcome } from '$lib/domain/finding-edit';
import { findingChange, type FindingChange } from '$lib/domain/finding-history';
import { nextRev } from '$lib/domain/revision';
import { PACKAGE_BASE_PATH, packageContent, packageInfo, packagePlan, returnContent, type IssuedPackage } from '$lib/domain/team';
import { writeBackup } from '$lib/io/backup';
import { backupBytes, type GeneratedCampaign } from './generate';
import { newProfile, restoreThroughSettings, type BenchInput, type FloorSchema } from './harness';
import { BUDGETS, metric, ratioCheck, type Entry } from './report';

export interface MergeInput {
	/** The lead's campaign (its targets assigned to the assessors), restored before anything is timed. */
	leadFile: string;
	/** The lead's records of the packages issued, stored before anything is timed. */
	issued: IssuedPackage[];
	/** One return file per package. */
	returnFiles: string[];
	targets: number;
	/** Findings the returns change (every finding of the campaign). */
	findings: number;
	/** History entries the merge stores: the returns' own and one 'merge' entry per finding written. */
	historyEntries: number;
}

const ISSUED_AT = '2026-11-23T01:00:00.000Z';
const RETURNED_AT = (i: number) => `2026-11-27T0${1 + (i % 8)}:${String(i % 60).padStart(2, '0')}:00.000Z`;

async function zipBytes(write: (w: WritableStream<Uint8Array>) => Promise<unknown>): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	await write(new WritableStream({ write: (c) => void chunks.push(c) }));
	return Buffer.concat(chunks);
}

/**
 * The campaign's targets shared out to `returns` assessors in list order (about 100 each at 2,000 targets), the
 * lead's packages and each assessor's return with every finding of their targets changed once (符合 ↔ 不符合).
 * Files go to `dir`.
 */
export async function mergeInput(generated: GeneratedCampaign, dir: string, returns: number): Promise<MergeInput> {
	mkdirSync(dir, { recursive: true });
	const { campaign } = generated;
	const per = Math.ceil(generated.data.targets.length / returns);
	const assessor = (i: number) => `评估员${String(Math.floor(i / per) + 1).padStart(2, '0')}`;
	const targets = generated.data.targets.map((t) => ({ ...t, assessor: assessor(t.order) }));
	const lead: BackupData = { ...generated.data, targets };
	const leadFile = join(dir, 'merge-lead.kaiming');
	writeFileSync(leadFile, backupBytes(lead, { kind: 'campaign', campaignId: campaign.id, title: campaign.title }));

	const issued: IssuedPackage[] = [];
	const returnFiles: string[] = [];
	let findings = 0;
	let historyEntries = 0;
	for (const [i, { assessor: who, targetIds }] of packagePlan(targets).assessors.entries()) {
		const info = packageInfo(campaign, { packageId: randomUUID(), assessor: who, role: 'assessor', blind: false, targetIds, issuedAt: ISSUED_AT, issuedBy: campaign.assessor });
		const { data, base } = packageContent(lead, info);
		const baseBytes = new TextEncoder().encode(JSON.stringify(base));
		issued.push({ id: info.packageId, campaignId: campaign.id, info, baseSha256: createHash('sha256').update(baseBytes).digest('hex'), mergedReturns: [], createdAt: ISSUED_AT, updatedAt: ISSUED_AT, updatedBy: campaign.assessor });

		const returnedAt = RETURNED_AT(i);
		const ctx = { now: () => returnedAt, newId: randomUUID, user: who };
		const changes: FindingChange[] = [];
		const changed = data.findings.map((f) => {
			const after = { ...withOutcome(f, f.outcome === 'pass' ? 'fail' : 'pass', ctx), rev: nextRev(f.rev, randomUUID) };
			changes.push(findingChange(f, after, randomUUID())!);
			return after;
		});
		const ret = returnContent({ ...data, findings: changed, findingChanges: [...data.findingChanges, ...changes] }, { base, packageChangeIds: data.findingChanges.map((c) => c.id) }, { returnId: randomUUID(), returnedAt });
		const scope = { kind: 'return' as const, package: info, return: ret.info };
		const bytes = await zipBytes((w) => writeBackup(ret.data, { appVersion: 'bench', createdAt: returnedAt, scope, team: { [PACKAGE_BASE_PATH]: baseBytes } }, w));
		const file = join(dir, `${who}-交回.kaiming`);
		writeFileSync(file, bytes);
		returnFiles.push(file);
		findings += changed.length;
		historyEntries += ret.data.findingChanges.length + changed.length;
	}
	return { leadFile, issued, returnFiles, targets: targets.length, findings, historyEntries };
}

/** The lead's package records, stored as 分发工作包 stores them (one write each, so each has a revision). */
async function storeIssued(issued: IssuedPackage[]) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const db = await req(indexedDB.open('kaiming'));
	const tx = db.transaction('issuedPackages', 'readwrite');
	issued.forEach((p, i) => tx.objectStore('issuedPackages').put({ ...p, rev: `1-benchissued${i}` }));
	await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onabort = () => reject(tx.error))));
	db.close();
}

/** What the merge stored: findings changed from the seed, history entries, files listed as merged. */
async function countMerged(args: { campaignId: string }) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const db = await req(indexedDB.open('kaiming'));
	const tx = db.transaction(['targetFindings', 'findingChanges', 'issuedPackages'], 'readonly');
	const sheets = (await req(tx.objectStore('targetFindings').getAll(IDBKeyRange.bound([args.campaignId], [args.campaignId, []])))) as { findings: { rev?: string }[] }[];
	const history = await req(tx.objectStore('findingChanges').index('campaignId').count(args.campaignId));
	const issued = (await req(tx.objectStore('issuedPackages').index('campaignId').getAll(args.campaignId))) as { mergedReturns: string[] }[];
	db.close();
	return { revised: sheets.reduce((n, s) => n + s.findings.filter((f) => f.rev !== undefined).length, 0), history, merged: issued.reduce((n, p) => n + p.mergedReturns.length, 0) };
}

/**
 * The floor, in the page: the records the merge wrote, read back from the app's database, written with raw `put`s
 * into a fresh database with the app's stores and indexes, one transaction per return file as the merge commits
 * (each package's targets' findings records, their history entries, the package record; `durability: 'strict'`).
 */
async function mergeFloor(args: { schema: FloorSchema; campaignId: string; packages: { id: string; targetIds: string[] }[] }) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const source = await req(indexedDB.open('kaiming'));
	const rtx = source.transaction(['targetFindings', 'findingChanges', 'issuedPackages'], 'readonly');
	const batches = await Promise.all(
		args.packages.map(async (p) => ({
			sheets: await Promise.all(p.targetIds.map((id) => req(rtx.objectStore('targetFindings').get([args.campaignId, id])))),
			changes: (await Promise.all(p.targetIds.map((id) => req(rtx.objectStore('findingChanges').index('campaignTarget').getAll([args.campaignId, id]))))).flat(),
			issued: await req(rtx.objectStore('issuedPackages').get(p.id))
		}))
	);
	source.close();

	const name = 'kaiming-bench-merge-floor';
	await req(indexedDB.deleteDatabase(name));
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		for (const [store, def] of Object.entries(args.schema.stores)) {
			const os = open.result.createObjectStore(store, { keyPath: def.keyPath, autoIncrement: def.autoIncrement });
			for (const [index, i] of Object.entries(def.indexes)) os.createIndex(index, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
		}
	};
	const db = await req(open);
	let records = 0;
	const t0 = performance.now();
	for (const batch of batches) {
		const tx = db.transaction(['targetFindings', 'findingChanges', 'issuedPackages'], 'readwrite', { durability: 'strict' });
		for (const s of batch.sheets) tx.objectStore('targetFindings').put(s);
		for (const c of batch.changes) tx.objectStore('findingChanges').put(c);
		tx.objectStore('issuedPackages').put(batch.issued);
		records += batch.sheets.length + batch.changes.length + 1;
		await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onabort = () => reject(tx.error))));
	}
	const ms = performance.now() - t0;
	db.close();
	await req(indexedDB.deleteDatabase(name));
	return { ms, records };
}

/** Pick → preview, 确认合并 → report, in the page's own time stamps. */
async function mergeThroughPage(page: Page, input: BenchInput, merge: MergeInput) {
	await page.goto(`/campaigns/${input.campaignId}`);
	await page.getByRole('heading', { name: new RegExp(`（${merge.targets}）`) }).waitFor();
	await page.evaluate(() => (window.__bench.watchMerge = true));
	await page.getByTestId('team-merge-file').setInputFiles(merge.returnFiles);
	const preview = page.getByTestId('team-merge-preview');
	await preview.waitFor();
	const results = await preview.getByTestId('team-merge-file-result').count();
	if (results !== merge.returnFiles.length || (await preview.getByTestId('team-merge-refused').count()) > 0) throw new Error(`the preview of ${merge.returnFiles.length} returns: ${await preview.innerText()}`);
	await page.waitForFunction(() => window.__bench.appeared['team-merge-preview']! > 0);
	await preview.getByRole('button', { name: '确认合并' }).click();
	await page.getByTestId('team-merge-report').waitFor();
	await page.waitForFunction(() => window.__bench.appeared['team-merge-report']! > 0);
	return page.evaluate(() => {
		const b = window.__bench;
		return { change: b.fileChange!, preview: b.appeared['team-merge-preview']!, click: b.clicks.at(-1)!, report: b.appeared['team-merge-report']! };
	});
}

/**
 * (f) The merge of every return, in a fresh profile on disk: the lead's campaign restored and the packages recorded
 * (not timed), then the returns picked on the campaign page, previewed and merged; then the floor.
 */
export async function measureMerge(input: BenchInput, merge: MergeInput): Promise<Entry[]> {
	const log = input.log ?? (() => undefined);
	const { page, close } = await newProfile(input);
	try {
		log(`merge: seeding the lead's campaign (${merge.targets} targets, ${merge.returnFiles.length} packages issued)`);
		await restoreThroughSettings(page, merge.leadFile);
		await page.evaluate(storeIssued, merge.issued);
		log(`merge: ${merge.returnFiles.length} returns, ${merge.findings} findings changed`);
		// BENCH_CPU_PROFILE=file.cpuprofile: the page's CPU profile of the merge, for finding where its time goes.
		const profileTo = process.env.BENCH_CPU_PROFILE;
		const cdp = profileTo ? await page.context().newCDPSession(page) : null;
		if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
		const t = await mergeThroughPage(page, input, merge);
		if (cdp) writeFileSync(profileTo!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
		const stored = await page.evaluate(countMerged, { campaignId: input.campaignId });
		const expected = { revised: merge.findings, history: merge.historyEntries, merged: merge.returnFiles.length };
		for (const k of Object.keys(expected) as (keyof typeof expected)[]) {
			if (stored[k] !== expected[k]) throw new Error(`the merge stored ${stored[k]} ${k}, expected ${expected[k]}`);
		}
		log('merge: floor, the same records with raw puts');
		const schema = JSON.parse(readFileSync(new URL('../tests/unit/storage/schema-snapshot.json', import.meta.url), 'utf8')) as FloorSchema;
		const floor = await page.evaluate(mergeFloor, { schema, campaignId: input.campaignId, packages: merge.issued.map((p) => ({ id: p.id, targetIds: p.info.targetIds })) });
		const check = t.preview - t.change;
		const write = t.report - t.click;
		const name = `merge of ${merge.returnFiles.length} returns (${merge.targets} targets, ${merge.findings} findings changed)`;
		return [
			metric('merge: files read + planned + preview shown (pick → preview)', check, 'ms'),
			metric('merge: written (确认合并 → report)', write, 'ms'),
			ratioCheck(
				name,
				metric('merge: total (pick → report)', check + write, 'ms'),
				metric(`floor: the same records, raw puts, one transaction per return (${floor.records} records)`, floor.ms, 'ms'),
				BUDGETS.mergeRatio
			),
			metric('merge ÷ floor (write phase only)', write / floor.ms, '×'),
			metric('merge: history entries stored', stored.history, 'records')
		];
	} finally {
		await close();
	}
}

/** Where a run keeps its merge files. */
export const mergeDir = (root: string, targets: number) => join(root, 'bench', 'out', `merge-${targets}`);
