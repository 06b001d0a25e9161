import { BACKUP_STORES, frameworkVersionKey, planRestore, recordsToWrite } from '$lib/domain/backup';
import { Settings } from '$lib/domain/settings';
import type { BackupRepository, MetaRepository, RecordStore, RestoreResult, StoreRecords } from './repositories';
import { inTransaction, withDb, type DbProvider } from './transactions';

const SETTINGS_KEY = 'settings';
const STORES: readonly RecordStore[] = BACKUP_STORES;

export function backupRepository(getDb: DbProvider): BackupRepository {
	return {
		exportAll: (campaignId) =>
			withDb(getDb, async (db) => {
				const tx = db.transaction([...STORES, 'evidenceFiles', 'meta'], 'readonly');
				if (campaignId === undefined) {
					const [frameworks, frameworkVersions, campaigns, targets, findings, evidence, rectifications] = await Promise.all(STORES.map((s) => tx.objectStore(s).getAll()));
					const [evidenceFiles, settings] = await Promise.all([tx.objectStore('evidenceFiles').getAll(), tx.objectStore('meta').get(SETTINGS_KEY)]);
					return {
						frameworks,
						frameworkVersions,
						campaigns,
						targets,
						findings,
						evidence,
						rectifications,
						evidenceFiles,
						settings: settings ? Settings.parse(settings.value) : null
					} as StoreRecords;
				}
				// One campaign carries its own frozen framework copy: the library is not part of it.
				const [campaign, targets, findings, evidence, rectifications, evidenceFiles] = await Promise.all([
					tx.objectStore('campaigns').get(campaignId),
					tx.objectStore('targets').index('campaignId').getAll(campaignId),
					tx.objectStore('findings').index('campaignId').getAll(campaignId),
					tx.objectStore('evidence').index('campaignId').getAll(campaignId),
					tx.objectStore('rectifications').index('campaignId').getAll(campaignId),
					tx.objectStore('evidenceFiles').index('campaignId').getAll(campaignId)
				]);
				return { frameworks: [], frameworkVersions: [], campaigns: campaign ? [campaign] : [], targets, findings, evidence, rectifications, evidenceFiles, settings: null };
			}),
		restore: (data, mode) =>
			withDb(getDb, (db) =>
				inTransaction(db, [...STORES, 'evidenceFiles', 'meta'], async (tx): Promise<RestoreResult> => {
					const existing = {} as Record<RecordStore, Set<string>>;
					for (const store of STORES) {
						const keys = await tx.objectStore(store).getAllKeys();
						// frameworkVersions are keyed by [id, version]; every other store by id.
						existing[store] = new Set(keys.map((k) => (Array.isArray(k) ? frameworkVersionKey(String(k[0]), String(k[1])) : String(k))));
					}
					const settingsStored = (await tx.objectStore('meta').get(SETTINGS_KEY)) !== undefined;
					const findingsByTargetIndicator = existing.findings.size > 0 ? await findingIdsByTargetIndicator(tx.objectStore('findings').index('targetIndicator'), data.findings) : new Map<string, string>();
					const plan = planRestore(data, { ...existing, settings: settingsStored, findingsByTargetIndicator }, mode);
					// Refused before the first write: the transaction commits having changed nothing.
					if (plan.problems.length > 0) return { ok: false, problems: plan.problems };

					const write = recordsToWrite(data, plan);
					for (const store of [...STORES, 'evidenceFiles'] as const) {
						const os = tx.objectStore(store);
						await Promise.all((write[store] as never[]).map((record) => os.put(record)));
					}
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

/** The stored finding id for each (target, indicator) of the file's findings, where one exists. */
async function findingIdsByTargetIndicator(
	index: { getKey(key: [string, string]): Promise<string | undefined> },
	findings: StoreRecords['findings']
): Promise<Map<string, string>> {
	const ids = await Promise.all(findings.map((f) => index.getKey([f.targetId, f.indicatorId])));
	const out = new Map<string, string>();
	findings.forEach((f, i) => {
		const id = ids[i];
		if (id !== undefined) out.set(`${f.targetId} ${f.indicatorId}`, id);
	});
	return out;
}

export function metaRepository(getDb: DbProvider): MetaRepository {
	return {
		get: (key) => withDb(getDb, async (db) => (await db.get('meta', key))?.value),
		put: (key, value) => withDb(getDb, (db) => inTransaction(db, ['meta'], async (tx) => void (await tx.objectStore('meta').put({ key, value }))))
	};
}
