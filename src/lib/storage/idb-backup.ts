import type { IDBPTransaction } from 'idb';
import { BACKUP_STORES, frameworkVersionKey, planRestore, recordKey, recordsToWrite, restoreReport, type ExistingRecords, type StoredStamp } from '$lib/domain/backup';
import type { KaimingDB } from './db';
import { Settings } from '$lib/domain/settings';
import type { BackupRepository, MetaRepository, RecordStore, RestoreResult, StoreRecords } from './repositories';
import { campaignRange, groupIntoSheets, readSheet, sheetKey, type TargetFindings, withFindings } from './target-findings';
import { inTransaction, withDb, type DbProvider } from './transactions';

const SETTINGS_KEY = 'settings';
const STORES: readonly RecordStore[] = BACKUP_STORES;
/** Backup stores kept one record per id; findings are kept per target (target-findings.ts). */
const RECORD_STORES = STORES.filter((s): s is Exclude<RecordStore, 'findings'> => s !== 'findings');

const flatten = (sheets: TargetFindings[]) => sheets.flatMap((sheet) => sheet.findings);

export function backupRepository(getDb: DbProvider): BackupRepository {
	return {
		exportAll: (campaignId) =>
			withDb(getDb, async (db) => {
				const tx = db.transaction([...RECORD_STORES, 'targetFindings', 'evidenceFiles', 'meta'], 'readonly');
				if (campaignId === undefined) {
					const [frameworks, frameworkVersions, campaigns, targets, evidence, rectifications] = await Promise.all(RECORD_STORES.map((s) => tx.objectStore(s).getAll()));
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
						rectifications,
						evidenceFiles,
						settings: settings ? Settings.parse(settings.value) : null
					} as StoreRecords;
				}
				// One campaign carries its own frozen framework copy: the library is not part of it.
				const [campaign, targets, sheets, evidence, rectifications, evidenceFiles] = await Promise.all([
					tx.objectStore('campaigns').get(campaignId),
					tx.objectStore('targets').index('campaignId').getAll(campaignId),
					tx.objectStore('targetFindings').getAll(campaignRange(campaignId)),
					tx.objectStore('evidence').index('campaignId').getAll(campaignId),
					tx.objectStore('rectifications').index('campaignId').getAll(campaignId),
					tx.objectStore('evidenceFiles').index('campaignId').getAll(campaignId)
				]);
				return {
					frameworks: [],
					frameworkVersions: [],
					campaigns: campaign ? [campaign] : [],
					targets,
					findings: flatten(sheets),
					evidence,
					rectifications,
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
		restore: (data, mode) =>
			withDb(getDb, (db) =>
				inTransaction(db, [...RECORD_STORES, 'targetFindings', 'evidenceFiles', 'meta'], async (tx): Promise<RestoreResult> => {
					const { existing, sheets } = await readExisting(tx, data);
					const plan = planRestore(data, existing, mode);
					// Refused before the first write: the transaction commits having changed nothing.
					if (plan.problems.length > 0) return { ok: false, problems: plan.problems };

					const write = recordsToWrite(data, plan);
					for (const store of [...RECORD_STORES, 'evidenceFiles'] as const) {
						const os = tx.objectStore(store);
						await Promise.all((write[store] as never[]).map((record) => os.put(record)));
					}
					const sheetStore = tx.objectStore('targetFindings');
					await Promise.all(groupIntoSheets(write.findings).map((sheet) => sheetStore.put(withFindings(sheets.get(sheetKey(sheet).join(' ')), sheet.findings))));
					if (plan.settings === 'write' && data.settings) await tx.objectStore('meta').put({ key: SETTINGS_KEY, value: data.settings });
					return { ok: true, report: restoreReport(plan, write.evidenceFiles.length, data.settings !== null) };
				})
			)
	};
}

type RestoreStores = ('targetFindings' | 'evidenceFiles' | 'meta' | (typeof RECORD_STORES)[number])[];
type ReadTx = IDBPTransaction<KaimingDB, RestoreStores, 'readonly'> | IDBPTransaction<KaimingDB, RestoreStores, 'readwrite'>;

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
	// A finding stays with its target, so only the targets the file has findings for can hold one it clashes with.
	const sheetStore = tx.objectStore('targetFindings');
	const sheets = new Map<string, TargetFindings>();
	for (const sheet of await Promise.all(groupIntoSheets(data.findings).map((s) => readSheet(sheetStore, sheetKey(s))))) {
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
