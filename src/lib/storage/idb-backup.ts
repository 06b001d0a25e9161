import { BACKUP_STORES, frameworkVersionKey, planRestore, recordsToWrite } from '$lib/domain/backup';
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
		restore: (data, mode) =>
			withDb(getDb, (db) =>
				inTransaction(db, [...RECORD_STORES, 'targetFindings', 'evidenceFiles', 'meta'], async (tx): Promise<RestoreResult> => {
					const existing = {} as Record<RecordStore, Set<string>>;
					for (const store of RECORD_STORES) {
						const keys = await tx.objectStore(store).getAllKeys();
						// frameworkVersions are keyed by [id, version]; every other store by id.
						existing[store] = new Set(keys.map((k) => (Array.isArray(k) ? frameworkVersionKey(String(k[0]), String(k[1])) : String(k))));
					}
					// A finding stays with its target, so only the targets the file has findings for can hold one of its ids.
					const sheetStore = tx.objectStore('targetFindings');
					const incoming = groupIntoSheets(data.findings);
					const stored = new Map<string, TargetFindings>();
					for (const sheet of await Promise.all(incoming.map((s) => readSheet(sheetStore, sheetKey(s))))) {
						if (sheet) stored.set(sheetKey(sheet).join(' '), sheet);
					}
					const storedFindings = [...stored.values()].flatMap((sheet) => sheet.findings);
					existing.findings = new Set(storedFindings.map((f) => f.id));
					const findingsByTargetIndicator = new Map(storedFindings.map((f) => [`${f.targetId} ${f.indicatorId}`, f.id]));
					const settingsStored = (await tx.objectStore('meta').get(SETTINGS_KEY)) !== undefined;
					const plan = planRestore(data, { ...existing, settings: settingsStored, findingsByTargetIndicator }, mode);
					// Refused before the first write: the transaction commits having changed nothing.
					if (plan.problems.length > 0) return { ok: false, problems: plan.problems };

					const write = recordsToWrite(data, plan);
					for (const store of [...RECORD_STORES, 'evidenceFiles'] as const) {
						const os = tx.objectStore(store);
						await Promise.all((write[store] as never[]).map((record) => os.put(record)));
					}
					await Promise.all(groupIntoSheets(write.findings).map((sheet) => sheetStore.put(withFindings(stored.get(sheetKey(sheet).join(' ')), sheet.findings))));
					if (plan.settings === 'write' && data.settings) await tx.objectStore('meta').put({ key: SETTINGS_KEY, value: data.settings });
					const count = (part: 'add' | 'replace' | 'skip') => Object.fromEntries(STORES.map((s) => [s, plan.stores[s][part].length])) as Record<RecordStore, number>;
					return {
						ok: true,
						report: {
							added: count('add'),
							replaced: count('replace'),
							skipped: count('skip'),
							files: write.evidenceFiles.length,
							settings: data.settings === null ? 'none' : plan.settings === 'write' ? 'restored' : 'kept'
						}
					};
				})
			)
	};
}

export function metaRepository(getDb: DbProvider): MetaRepository {
	return {
		get: (key) => withDb(getDb, async (db) => (await db.get('meta', key))?.value),
		put: (key, value) => withDb(getDb, (db) => inTransaction(db, ['meta'], async (tx) => void (await tx.objectStore('meta').put({ key, value }))))
	};
}
