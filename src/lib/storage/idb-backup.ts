import type { IDBPTransaction } from 'idb';
import { BACKUP_STORES, frameworkVersionKey, planRestore, recordKey, recordsToWrite, restoreReport, type ExistingRecords, type RestoreMode, type StoredStamp } from '$lib/domain/backup';
import type { KaimingDatabase, KaimingDB } from './db';
import { Settings } from '$lib/domain/settings';
import type { BackupRepository, MetaRepository, RecordStore, RestoreResult, StoreRecords } from './repositories';
import { campaignRange, groupIntoSheets, readSheet, sheetKey, type TargetFindings, withFindings } from './target-findings';
import { inTransaction, withDb, type DbProvider } from './transactions';

const SETTINGS_KEY = 'settings';
const STORES: readonly RecordStore[] = BACKUP_STORES;
/** Backup stores kept one record per id; findings are kept per target (target-findings.ts). */
const RECORD_STORES = STORES.filter((s): s is Exclude<RecordStore, 'findings'> => s !== 'findings');

/** Screenshot files per transaction when a restore writes them ahead of its records (`writeNewFiles`). */
export const FILE_BATCH = 500;

const flatten = (sheets: TargetFindings[]) => sheets.flatMap((sheet) => sheet.findings);

export function backupRepository(getDb: DbProvider): BackupRepository {
	return {
		exportAll: (campaignId) =>
			withDb(getDb, async (db) => {
				const tx = db.transaction([...RECORD_STORES, 'targetFindings', 'evidenceFiles', 'meta'], 'readonly');
				if (campaignId === undefined) {
					const [frameworks, frameworkVersions, campaigns, targets, evidence, findingChanges, rectifications, annualReports, issuedPackages, reviewGrades] = await Promise.all(
						RECORD_STORES.map((s) => tx.objectStore(s).getAll())
					);
					const [sheets, evidenceFiles, settings] = await Promise.all([
						tx.objectStore('targetFindings').getAll(),
						tx.objectStore('evidenceFiles').getAll(),
						tx.objectStore('meta').get(SETTINGS_KEY)
					]);
					return {
						frameworks,
						frameworkVersions,
						campaigns,
						targets,
						findings: flatten(sheets),
						evidence,
						findingChanges,
						rectifications,
						annualReports,
						issuedPackages,
						reviewGrades,
						evidenceFiles,
						settings: settings ? Settings.parse(settings.value) : null
					} as StoreRecords;
				}
				// One campaign carries its own frozen framework copy: the library is not part of it.
				const [campaign, targets, sheets, evidence, findingChanges, rectifications, annualReports, issuedPackages, reviewGrades, evidenceFiles] = await Promise.all([
					tx.objectStore('campaigns').get(campaignId),
					tx.objectStore('targets').index('campaignId').getAll(campaignId),
					tx.objectStore('targetFindings').getAll(campaignRange(campaignId)),
					tx.objectStore('evidence').index('campaignId').getAll(campaignId),
					tx.objectStore('findingChanges').index('campaignId').getAll(campaignId),
					tx.objectStore('rectifications').index('campaignId').getAll(campaignId),
					tx.objectStore('annualReports').index('campaignId').getAll(campaignId),
					tx.objectStore('issuedPackages').index('campaignId').getAll(campaignId),
					tx.objectStore('reviewGrades').index('campaignId').getAll(campaignId),
					tx.objectStore('evidenceFiles').index('campaignId').getAll(campaignId)
				]);
				return {
					frameworks: [],
					frameworkVersions: [],
					campaigns: campaign ? [campaign] : [],
					targets,
					findings: flatten(sheets),
					evidence,
					findingChanges,
					rectifications,
					annualReports,
					issuedPackages,
					reviewGrades,
					evidenceFiles,
					settings: null
				};
			}),
		plan: (data, mode) =>
			withDb(getDb, async (db) => {
				const tx = db.transaction([...RECORD_STORES, 'targetFindings', 'evidenceFiles', 'meta'], 'readonly');
				const { existing } = await readExisting(tx, data);
				return planRestore(data, existing, mode);
			}),
		restore: (data, mode, onProgress) =>
			withDb(getDb, async (db) => {
				const stores = [...RECORD_STORES, 'targetFindings', 'evidenceFiles', 'meta'] as const;
				const first = await readPlan(db.transaction([...stores], 'readonly'), data, mode);
				// Refused before the first write: nothing is written.
				if (first.plan.problems.length > 0) return { ok: false, problems: first.plan.problems };

				const files = recordsToWrite(data, first.plan).evidenceFiles;
				const early = await writeNewFiles(db, files, (done) => onProgress?.({ done, total: files.length }));
				try {
					const result = await inTransaction(db, [...stores], async (tx): Promise<RestoreResult> => {
						// Planned again inside the transaction that writes: another tab may have written since.
						const { plan, sheets } = await readPlan(tx, data, mode);
						if (plan.problems.length > 0) return { ok: false, problems: plan.problems };
						const write = recordsToWrite(data, plan);
						for (const store of RECORD_STORES) {
							const os = tx.objectStore(store);
							await Promise.all((write[store] as never[]).map((record) => os.put(record)));
						}
						const fileStore = tx.objectStore('evidenceFiles');
						const kept = new Set(write.evidenceFiles.map((f) => f.id));
						await Promise.all(write.evidenceFiles.filter((f) => !early.has(f.id)).map((f) => fileStore.put(f)));
						await Promise.all([...early].filter((id) => !kept.has(id)).map((id) => fileStore.delete(id)));
						const sheetStore = tx.objectStore('targetFindings');
						await Promise.all(groupIntoSheets(write.findings).map((sheet) => sheetStore.put(withFindings(sheets.get(sheetKey(sheet).join(' ')), sheet.findings))));
						if (plan.settings === 'write' && data.settings) await tx.objectStore('meta').put({ key: SETTINGS_KEY, value: data.settings });
						return { ok: true, report: restoreReport(plan, write.evidenceFiles.length, data.settings !== null) };
					});
					if (!result.ok) await deleteFiles(db, early);
					return result;
				} catch (e) {
					await deleteFiles(db, early).catch(() => undefined);
					throw e;
				}
			})
	};
}

type RestoreStores = ('targetFindings' | 'evidenceFiles' | 'meta' | (typeof RECORD_STORES)[number])[];
type ReadTx = IDBPTransaction<KaimingDB, RestoreStores, 'readonly'> | IDBPTransaction<KaimingDB, RestoreStores, 'readwrite'>;

/**
 * Screenshots for evidence records not stored yet, written ahead of the records in transactions of
 * FILE_BATCH files each: Chromium writes every Blob of a transaction as its own file at commit, and one
 * commit of 70,000 fails ("Failed to write blobs"). Until the records' transaction commits, such a file
 * belongs to no evidence record, so nothing shows it; if that transaction fails, the files are deleted.
 * Returns the ids written; an id found stored meanwhile is left to the records' transaction.
 */
async function writeNewFiles(db: KaimingDatabase, files: StoreRecords['evidenceFiles'], onProgress: (done: number) => void): Promise<Set<string>> {
	const written = new Set<string>();
	for (let i = 0; i < files.length; i += FILE_BATCH) {
		const batch = files.slice(i, i + FILE_BATCH);
		await inTransaction(db, ['evidence', 'evidenceFiles'], async (tx) => {
			const evidence = tx.objectStore('evidence');
			const store = tx.objectStore('evidenceFiles');
			const stored = await Promise.all(batch.map(async (f) => (await evidence.getKey(f.id)) !== undefined || (await store.getKey(f.id)) !== undefined));
			const fresh = batch.filter((_, j) => !stored[j]);
			await Promise.all(fresh.map((f) => store.put(f)));
			return fresh;
		}).then(
			(fresh) => fresh.forEach((f) => written.add(f.id)),
			async (e) => {
				await deleteFiles(db, written).catch(() => undefined);
				throw e;
			}
		);
		onProgress(Math.min(i + FILE_BATCH, files.length));
	}
	return written;
}

async function deleteFiles(db: KaimingDatabase, ids: Set<string>): Promise<void> {
	const all = [...ids];
	for (let i = 0; i < all.length; i += FILE_BATCH) {
		await inTransaction(db, ['evidenceFiles'], async (tx) => {
			const store = tx.objectStore('evidenceFiles');
			await Promise.all(all.slice(i, i + FILE_BATCH).map((id) => store.delete(id)));
		});
	}
}

async function readPlan(tx: ReadTx, data: StoreRecords, mode: RestoreMode) {
	const { existing, sheets } = await readExisting(tx, data);
	return { plan: planRestore(data, existing, mode), sheets };
}

/**
 * What `planRestore` needs to know of the database, read in the restore's own transaction: the stored
 * records whose keys the file has, the stored findings of its targets (with their records, which the
 * restore rewrites) and the stored items of its campaigns.
 */
async function readExisting(tx: ReadTx, data: StoreRecords): Promise<{ existing: ExistingRecords; sheets: Map<string, TargetFindings> }> {
	const existing = { settings: (await tx.objectStore('meta').get(SETTINGS_KEY)) !== undefined } as ExistingRecords;
	const mutable = existing as unknown as Record<RecordStore, StoredStamp[]>;
	for (const store of RECORD_STORES) {
		const os = tx.objectStore(store);
		// frameworkVersions are keyed by [id, version]; every other store by id.
		const stored = new Set((await os.getAllKeys()).map((k) => (Array.isArray(k) ? frameworkVersionKey(String(k[0]), String(k[1])) : String(k))));
		const both = (data[store] as { id: string; version?: string }[]).filter((r) => stored.has(recordKey(store, r)));
		const records = await Promise.all(both.map((r) => os.get((store === 'frameworkVersions' ? [r.id, r.version] : r.id) as never)));
		mutable[store] = records.flatMap((r, i) => (r ? [stamp(recordKey(store, both[i]!), r as StoredStamp)] : []));
	}
	// Items match by problem too, whatever their ids: every stored item of the file's campaigns.
	const items = new Map(existing.rectifications.map((r) => [r.id, r]));
	const byCampaign = tx.objectStore('rectifications').index('campaignId');
	for (const campaignId of new Set(data.rectifications.map((r) => r.campaignId))) {
		for (const r of await byCampaign.getAll(campaignId)) items.set(r.id, r);
	}
	mutable.rectifications = [...items.values()];
	// Reports match by target and year too: every stored report of the file's targets.
	const reports = new Map(existing.annualReports.map((r) => [r.id, r]));
	const byTarget = tx.objectStore('annualReports').index('campaignTarget');
	const pairs = new Map(data.annualReports.map((r) => [`${r.campaignId} ${r.targetId}`, [r.campaignId, r.targetId] as [string, string]]));
	for (const pair of pairs.values()) for (const r of await byTarget.getAll(pair)) reports.set(r.id, r);
	mutable.annualReports = [...reports.values()];
	// A finding stays with its target, so only the targets the file has findings for can hold one it clashes with;
	// those the file has history for hold the findings its entries may point at.
	const sheetStore = tx.objectStore('targetFindings');
	const sheets = new Map<string, TargetFindings>();
	const keys = new Map([...data.findings, ...data.findingChanges].map((r) => [sheetKey(r).join(' '), sheetKey(r)]));
	for (const sheet of await Promise.all([...keys.values()].map((key) => readSheet(sheetStore, key)))) {
		if (sheet) sheets.set(sheetKey(sheet).join(' '), sheet);
	}
	mutable.findings = [...sheets.values()].flatMap((sheet) => sheet.findings);
	return { existing, sheets };
}

/** A stored record under its store key, with what the plan reads of it. */
function stamp(key: string, r: StoredStamp): StoredStamp {
	return { ...r, id: key };
}

export function metaRepository(getDb: DbProvider): MetaRepository {
	return {
		get: (key) => withDb(getDb, async (db) => (await db.get('meta', key))?.value),
		put: (key, value) => withDb(getDb, (db) => inTransaction(db, ['meta'], async (tx) => void (await tx.objectStore('meta').put({ key, value }))))
	};
}
