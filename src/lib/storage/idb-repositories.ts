import { AnnualReport } from '$lib/domain/annual-report/schema';
import { Campaign } from '$lib/domain/campaign';
import { randomId, type NewId } from '$lib/domain/clock';
import { Evidence, EvidenceFile } from '$lib/domain/evidence';
import { Finding } from '$lib/domain/finding';
import { evidenceChange, findingChange, FindingChange, newestFirst, type ChangeStamp } from '$lib/domain/finding-history';
import { Framework } from '$lib/domain/framework/schema';
import { Settings } from '$lib/domain/settings';
import { clashingItem, Rectification, rectificationKey } from '$lib/domain/rectification/schema';
import { Target } from '$lib/domain/target';
import { StorageError } from './errors';
import type {
	AnnualReportRepository,
	CampaignRepository,
	EvidenceRepository,
	FindingRepository,
	FrameworkRepository,
	RectificationRepository,
	Repositories,
	SettingsRepository,
	TargetRepository
} from './repositories';
import { inTransaction, withDb, type DbProvider } from './transactions';
import { backupRepository, metaRepository } from './idb-backup';
import { invalidWhenIdle, validateForWrite, validateRead } from './validate';
import { checkBase, revised } from './revisions';
import { byTargetYear, requireFreeYear } from './annual-reports';
import type { KaimingDatabase } from './db';
import { groupIntoSheets, readSheet, sheetId, sheetKey, TargetFindings, validateSheet, withFindings, type TargetFindingsKey } from './target-findings';

const SETTINGS_KEY = 'settings';

const byCreatedAt = (a: { createdAt: string }, b: { createdAt: string }) =>
	a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

/*
 * Parent checks run inside the writing transaction: another tab may have deleted the campaign or
 * target a moment ago, and writing anyway would leave records nothing can reach or delete.
 */
async function requireTarget(
	targetStore: { get(id: string): Promise<Target | undefined> },
	campaignId: string,
	targetId: string
): Promise<void> {
	const target = await targetStore.get(targetId);
	if (!target || target.campaignId !== campaignId)
		throw new StorageError('not-found', { record: `targets/${targetId}`, text: `targets/${targetId} in campaigns/${campaignId}` });
}

/** Every findings record of a campaign's targets, unchecked. */
async function campaignSheets(db: KaimingDatabase, campaignId: string): Promise<unknown[]> {
	const tx = db.transaction(['targets', 'targetFindings'], 'readonly');
	// The keys come from the small target records: listing the findings records' own keys makes Chromium step
	// through every record's value on disk (0.5 s for 2,000 targets).
	const targetIds = await tx.objectStore('targets').index('campaignId').getAllKeys(campaignId);
	const store = tx.objectStore('targetFindings');
	// One request per target rather than one getAll: the database reads the next record while this page
	// decodes the last (2,000 targets from disk in Chromium: 0.4 s instead of 0.9 s).
	const records = await Promise.all(targetIds.map((targetId) => store.get([campaignId, targetId])));
	return records.filter((r) => r !== undefined);
}

type SheetStore = { get(key: TargetFindingsKey): Promise<unknown>; put(value: TargetFindings): Promise<unknown> };
type ChangeStore = { add(value: FindingChange): Promise<unknown> };

/**
 * Appends history entries in the writing transaction. `add`, not `put`: an entry is never replaced, and an id
 * already stored fails the whole write.
 */
function appendChanges(store: ChangeStore, entries: (FindingChange | null)[]): Promise<unknown> {
	const done = Promise.all(entries.flatMap((e) => (e ? [store.add(e)] : [])));
	// A write refused after its entries were requested aborts the transaction, which rejects them: the refusal is the error to report.
	done.catch(() => undefined);
	return done;
}

/** A finding as stored (its new revision) with the history entry of what its write changed (null: nothing graded). */
function storedWithChange(before: Finding | undefined, record: Finding, newId: NewId): { stored: Finding; change: FindingChange | null } {
	checkBase(before, record, `findings/${record.id}`);
	const stored = revised(record, newId) as Finding & { rev: string };
	return { stored, change: findingChange(before, stored, newId()) };
}

/**
 * Adds or replaces findings (all of one target or of several) in their targets' records, each checked against the
 * revision stored in the record just read (see `checkBase`), with their history entries; resolves with the
 * findings as stored, in the order given.
 */
async function putFindings(store: SheetStore, changes: ChangeStore, findings: Finding[], newId: NewId): Promise<Finding[]> {
	const stored = new Map<string, Finding>();
	await Promise.all(
		groupIntoSheets(findings).map(async (incoming) => {
			const sheet = await readSheet(store, sheetKey(incoming));
			const written = incoming.findings.map((f) => storedWithChange(sheet?.findings.find((s) => s.id === f.id), f, newId));
			for (const w of written) stored.set(w.stored.id, w.stored);
			await Promise.all([appendChanges(changes, written.map((w) => w.change)), store.put(withFindings(sheet, written.map((w) => w.stored)))]);
		})
	);
	return findings.map((f) => stored.get(f.id)!);
}

type RevisedStore<T> = { get(key: string): Promise<T | undefined>; put(value: T): Promise<unknown> };

/**
 * Compare-and-set of records keyed by `id` in one store: every record checked before any is written (all or nothing),
 * against its revision and then by `check`, given the stored copies.
 */
async function putChecked<T extends { id: string; rev?: string }>(store: RevisedStore<T>, records: T[], storeName: string, newId: NewId, check?: (current: (T | undefined)[]) => Promise<void>): Promise<T[]> {
	const current = await Promise.all(records.map((r) => store.get(r.id)));
	records.forEach((r, i) => checkBase(current[i], r, `${storeName}/${r.id}`));
	await check?.(current);
	const out = records.map((r) => revised(r, newId));
	await Promise.all(out.map((r) => store.put(r)));
	return out;
}

function sameParent(finding: Finding, evidence: Evidence, label: string): void {
	if (evidence.findingId !== finding.id || evidence.campaignId !== finding.campaignId || evidence.targetId !== finding.targetId)
		throw new StorageError('invalid', { record: `evidence/${evidence.id}`, path: 'findingId', text: `${label}: evidence/${evidence.id} does not belong to findings/${finding.id}` });
}

function campaigns(getDb: DbProvider, newId: NewId): CampaignRepository {
	return {
		list: () =>
			withDb(getDb, async (db) =>
				(await db.getAll('campaigns')).map((r) => validateRead(Campaign, r, 'campaigns')).sort(byCreatedAt)
			),
		get: (id) =>
			withDb(getDb, async (db) => {
				const record = await db.get('campaigns', id);
				return record === undefined ? undefined : validateRead(Campaign, record, 'campaigns', id);
			}),
		async put(campaign) {
			const record = validateForWrite(Campaign, campaign, 'campaign');
			const [stored] = await withDb(getDb, (db) => inTransaction(db, ['campaigns'], (tx) => putChecked(tx.objectStore('campaigns'), [record], 'campaigns', newId)));
			return stored!;
		},
		async putWithTargets(campaign, items) {
			const record = validateForWrite(Campaign, campaign, 'campaign');
			const targetRecords = items.map((t, i) => validateForWrite(Target, t, `targets[${i}]`));
			const foreign = targetRecords.find((t) => t.campaignId !== record.id);
			if (foreign) throw new StorageError('invalid', { record: `targets/${foreign.id}`, path: 'campaignId', text: `targets/${foreign.id} belongs to campaigns/${foreign.campaignId}` });
			return withDb(getDb, (db) =>
				inTransaction(db, ['campaigns', 'targets'], async (tx) => {
					const [[stored]] = await Promise.all([putChecked(tx.objectStore('campaigns'), [record], 'campaigns', newId), putChecked(tx.objectStore('targets'), targetRecords, 'targets', newId)]);
					return stored!;
				})
			);
		},
		async putWithFindings(campaign, items) {
			const record = validateForWrite(Campaign, campaign, 'campaign');
			const findingRecords = items.map((f, i) => validateForWrite(Finding, f, `findings[${i}]`));
			const foreign = findingRecords.find((f) => f.campaignId !== record.id);
			if (foreign) throw new StorageError('invalid', { record: `findings/${foreign.id}`, path: 'campaignId', text: `findings/${foreign.id} belongs to campaigns/${foreign.campaignId}` });
			return withDb(getDb, (db) =>
				inTransaction(db, ['campaigns', 'targetFindings', 'findingChanges'], async (tx) => {
					const [[stored], findings] = await Promise.all([
						putChecked(tx.objectStore('campaigns'), [record], 'campaigns', newId),
						putFindings(tx.objectStore('targetFindings'), tx.objectStore('findingChanges'), findingRecords, newId)
					]);
					return { campaign: stored!, findings };
				})
			);
		},
		delete: (id) =>
			withDb(getDb, (db) =>
				inTransaction(db, ['campaigns', 'targets', 'targetFindings', 'evidence', 'evidenceFiles', 'rectifications', 'findingChanges', 'annualReports'], async (tx) => {
					const [targetKeys, evidenceKeys, itemKeys, changeKeys, reportKeys] = await Promise.all([
						tx.objectStore('targets').index('campaignId').getAllKeys(id),
						tx.objectStore('evidence').index('campaignId').getAllKeys(id),
						tx.objectStore('rectifications').index('campaignId').getAllKeys(id),
						tx.objectStore('findingChanges').index('campaignId').getAllKeys(id),
						tx.objectStore('annualReports').index('campaignId').getAllKeys(id)
					]);
					await Promise.all([
						tx.objectStore('campaigns').delete(id),
						...targetKeys.map((key) => tx.objectStore('targets').delete(key)),
						// Findings records go with their targets (see campaignSheets for why not by their own keys).
						...targetKeys.map((key) => tx.objectStore('targetFindings').delete([id, key])),
						...evidenceKeys.map((key) => tx.objectStore('evidence').delete(key)),
						...evidenceKeys.map((key) => tx.objectStore('evidenceFiles').delete(key)),
						...itemKeys.map((key) => tx.objectStore('rectifications').delete(key)),
						...changeKeys.map((key) => tx.objectStore('findingChanges').delete(key)),
						...reportKeys.map((key) => tx.objectStore('annualReports').delete(key))
					]);
				})
			)
	};
}

function targets(getDb: DbProvider, newId: NewId): TargetRepository {
	const putAll = (records: Target[]) =>
		withDb(getDb, (db) =>
			inTransaction(db, ['campaigns', 'targets'], async (tx) => {
				const campaignIds = [...new Set(records.map((t) => t.campaignId))];
				const found = await Promise.all(campaignIds.map((id) => tx.objectStore('campaigns').getKey(id)));
				const missing = campaignIds.filter((_, i) => found[i] === undefined);
				if (missing.length > 0) throw new StorageError('not-found', { record: missing.map((id) => `campaigns/${id}`).join(', ') });
				return putChecked(tx.objectStore('targets'), records, 'targets', newId);
			})
		);

	return {
		listByCampaign: (campaignId) =>
			withDb(getDb, async (db) =>
				(await db.getAllFromIndex('targets', 'campaignId', campaignId))
					.map((r) => validateRead(Target, r, 'targets'))
					.sort((a, b) => a.order - b.order)
			),
		async put(target) {
			const [stored] = await putAll([validateForWrite(Target, target, 'target')]);
			return stored!;
		},
		async putMany(list) {
			// Validate the whole batch before opening the transaction: one bad row and nothing is written.
			const records = list.map((t, i) => validateForWrite(Target, t, `targets[${i}]`));
			return records.length > 0 ? putAll(records) : [];
		},
		delete: (id) =>
			withDb(getDb, (db) =>
				inTransaction(db, ['targets', 'targetFindings', 'evidence', 'evidenceFiles', 'rectifications', 'findingChanges', 'annualReports'], async (tx) => {
					const target = await tx.objectStore('targets').get(id);
					if (!target) return;
					const key: [string, string] = [target.campaignId, id];
					const [evidenceKeys, itemKeys, changeKeys, reportKeys] = await Promise.all([
						tx.objectStore('evidence').index('campaignTarget').getAllKeys(key),
						tx.objectStore('rectifications').index('campaignTarget').getAllKeys(key),
						tx.objectStore('findingChanges').index('campaignTarget').getAllKeys(key),
						tx.objectStore('annualReports').index('campaignTarget').getAllKeys(key)
					]);
					await Promise.all([
						tx.objectStore('targets').delete(id),
						tx.objectStore('targetFindings').delete(key),
						...evidenceKeys.map((k) => tx.objectStore('evidence').delete(k)),
						...evidenceKeys.map((k) => tx.objectStore('evidenceFiles').delete(k)),
						...itemKeys.map((k) => tx.objectStore('rectifications').delete(k)),
						...changeKeys.map((k) => tx.objectStore('findingChanges').delete(k)),
						...reportKeys.map((k) => tx.objectStore('annualReports').delete(k))
					]);
				})
			)
	};
}

function findings(getDb: DbProvider, newId: NewId): FindingRepository {
	return {
		listByCampaign: (campaignId) =>
			withDb(getDb, async (db) => (await campaignSheets(db, campaignId)).flatMap((record) => validateSheet(record).findings)),
		readCampaign: (campaignId) =>
			withDb(getDb, async (db) => {
				const records = await campaignSheets(db, campaignId);
				const byTarget = new Map<string, Finding[]>();
				for (const record of records) {
					const { targetId, findings } = record as Partial<TargetFindings>;
					// The shape everything downstream relies on is checked now; the rest when the page is idle.
					if (typeof targetId !== 'string' || !Array.isArray(findings)) validateSheet(record);
					byTarget.set(targetId!, findings!);
				}
				const invalid = invalidWhenIdle(TargetFindings, records, (record) => `targetFindings/${sheetId(record)}`);
				return { byTarget, invalidTargets: invalid.then((at) => at.map((i) => (records[i] as TargetFindings).targetId)) };
			}),
		listByTarget: (campaignId, targetId) =>
			withDb(getDb, async (db) => (await readSheet(db.transaction('targetFindings', 'readonly').store, [campaignId, targetId]))?.findings ?? []),
		async put(finding) {
			const record = validateForWrite(Finding, finding, 'finding');
			return withDb(getDb, (db) =>
				inTransaction(db, ['targets', 'targetFindings', 'findingChanges'], async (tx) => {
					// Both reads at once: a grading keystroke waits for one round trip, not two. The record read is
					// also the compare-and-set's stored copy, so the revision check costs no extra request.
					const sheets = tx.objectStore('targetFindings');
					const [, sheet] = await Promise.all([requireTarget(tx.objectStore('targets'), record.campaignId, record.targetId), readSheet(sheets, sheetKey(record))]);
					const { stored, change } = storedWithChange(sheet?.findings.find((f) => f.id === record.id), record, newId);
					// The entry is requested first: a write refused after it (a second finding for the indicator) aborts both.
					await Promise.all([appendChanges(tx.objectStore('findingChanges'), [change]), sheets.put(withFindings(sheet, [stored]))]);
					return stored;
				})
			);
		},
		history: (findingId) => withDb(getDb, async (db) => readChanges(await db.getAllFromIndex('findingChanges', 'findingId', findingId))),
		campaignHistory: (campaignId) => withDb(getDb, async (db) => readChanges(await db.getAllFromIndex('findingChanges', 'campaignId', campaignId)))
	};
}

const readChanges = (records: unknown[]) => records.map((r) => validateRead(FindingChange, r, 'findingChanges')).sort(newestFirst);

/** The stored finding evidence belongs to, or 'not-found'. */
function parentFinding(sheet: TargetFindings | undefined, evidence: Evidence): Finding {
	const parent = sheet?.findings.find((f) => f.id === evidence.findingId);
	if (!parent) throw new StorageError('not-found', { record: `findings/${evidence.findingId}`, text: `findings/${evidence.findingId} of targets/${evidence.targetId}` });
	return parent;
}

/** The entry for evidence added to a stored finding: by whoever stamped the evidence record. */
const added = (finding: Finding, evidence: Evidence, newId: NewId) => evidenceChange(finding, evidence, 'added', { at: evidence.updatedAt, by: evidence.updatedBy }, newId());
const removed = (finding: Finding, evidence: Evidence, stamp: ChangeStamp, newId: NewId) => evidenceChange(finding, evidence, 'removed', stamp, newId());

/** Whether no evidence record of that id is stored: only then is a write of it an addition (a caption edit is not). */
const isNewEvidence = async (store: { getKey(id: string): Promise<unknown> }, id: string) => (await store.getKey(id)) === undefined;

function evidence(getDb: DbProvider, newId: NewId): EvidenceRepository {
	return {
		listByTarget: (campaignId, targetId) =>
			withDb(getDb, async (db) =>
				(await db.getAllFromIndex('evidence', 'campaignTarget', [campaignId, targetId]))
					.map((r) => validateRead(Evidence, r, 'evidence'))
					.sort(byCreatedAt)
			),
		async put(item) {
			const record = validateForWrite(Evidence, item, 'evidence');
			return withDb(getDb, (db) =>
				inTransaction(db, ['targetFindings', 'evidence', 'findingChanges'], async (tx) => {
					const [sheet, isNew] = await Promise.all([readSheet(tx.objectStore('targetFindings'), [record.campaignId, record.targetId]), isNewEvidence(tx.objectStore('evidence'), record.id)]);
					const parent = parentFinding(sheet, record);
					sameParent(parent, record, 'evidence');
					const [[stored]] = await Promise.all([putChecked(tx.objectStore('evidence'), [record], 'evidence', newId), appendChanges(tx.objectStore('findingChanges'), [isNew ? added(parent, record, newId) : null])]);
					return stored!;
				})
			);
		},
		delete: (id, stamp) =>
			withDb(getDb, (db) =>
				inTransaction(db, ['targetFindings', 'evidence', 'evidenceFiles', 'findingChanges'], async (tx) => {
					const record = await tx.objectStore('evidence').get(id);
					if (!record) return;
					const sheet = await readSheet(tx.objectStore('targetFindings'), [record.campaignId, record.targetId]);
					const parent = sheet?.findings.find((f) => f.id === record.findingId);
					await Promise.all([
						tx.objectStore('evidence').delete(id),
						tx.objectStore('evidenceFiles').delete(id),
						appendChanges(tx.objectStore('findingChanges'), [parent ? removed(parent, record, stamp, newId) : null])
					]);
				})
			),
		async addImage(finding, item, blob) {
			const findingRecord = validateForWrite(Finding, finding, 'finding');
			const evidenceRecord = validateForWrite(Evidence, item, 'evidence');
			sameParent(findingRecord, evidenceRecord, 'evidence');
			const file = validateForWrite(EvidenceFile, { id: evidenceRecord.id, campaignId: evidenceRecord.campaignId, targetId: evidenceRecord.targetId, blob }, 'evidence file');
			if (evidenceRecord.kind !== 'image' || evidenceRecord.image?.bytes !== blob.size)
				throw new StorageError('invalid', { record: `evidence/${evidenceRecord.id}`, path: 'image.bytes', text: `evidence/${evidenceRecord.id}: an image evidence whose size matches its file` });
			return withDb(getDb, (db) =>
				inTransaction(db, ['targets', 'targetFindings', 'evidence', 'evidenceFiles', 'findingChanges'], async (tx) => {
					const changes = tx.objectStore('findingChanges');
					const [, sheet, isNew] = await Promise.all([
						requireTarget(tx.objectStore('targets'), findingRecord.campaignId, findingRecord.targetId),
						readSheet(tx.objectStore('targetFindings'), sheetKey(findingRecord)),
						isNewEvidence(tx.objectStore('evidence'), evidenceRecord.id)
					]);
					let finding = sheet?.findings.find((f) => f.id === findingRecord.id) ?? sheet?.findings.find((f) => f.indicatorId === findingRecord.indicatorId);
					if (!finding) {
						const written = storedWithChange(undefined, findingRecord, newId);
						finding = written.stored;
						await Promise.all([tx.objectStore('targetFindings').put(withFindings(sheet, [finding])), appendChanges(changes, [written.change])]);
					}
					const record = { ...evidenceRecord, findingId: finding.id };
					const [[stored]] = await Promise.all([
						putChecked(tx.objectStore('evidence'), [record], 'evidence', newId),
						tx.objectStore('evidenceFiles').put(file),
						appendChanges(changes, [isNew ? added(finding, record, newId) : null])
					]);
					return { finding, evidence: stored! };
				})
			);
		},
		getFiles: (ids) =>
			withDb(getDb, async (db) => {
				const tx = db.transaction('evidenceFiles', 'readonly');
				const records = await Promise.all(ids.map((id) => tx.store.get(id)));
				const out = new Map<string, Blob>();
				records.forEach((r, i) => {
					if (r) out.set(ids[i]!, validateRead(EvidenceFile, r, 'evidenceFiles', ids[i]).blob);
				});
				return out;
			}),
		async putWithFinding(finding, item) {
			const findingRecord = validateForWrite(Finding, finding, 'finding');
			const evidenceRecord = validateForWrite(Evidence, item, 'evidence');
			sameParent(findingRecord, evidenceRecord, 'evidence');
			return withDb(getDb, (db) =>
				inTransaction(db, ['targets', 'targetFindings', 'evidence', 'findingChanges'], async (tx) => {
					const changes = tx.objectStore('findingChanges');
					const [, isNew] = await Promise.all([requireTarget(tx.objectStore('targets'), findingRecord.campaignId, findingRecord.targetId), isNewEvidence(tx.objectStore('evidence'), evidenceRecord.id)]);
					const [[finding], [stored]] = await Promise.all([putFindings(tx.objectStore('targetFindings'), changes, [findingRecord], newId), putChecked(tx.objectStore('evidence'), [evidenceRecord], 'evidence', newId)]);
					await appendChanges(changes, [isNew ? added(finding!, stored!, newId) : null]);
					return { finding: finding!, evidence: stored! };
				})
			);
		}
	};
}

function frameworks(getDb: DbProvider, newId: NewId): FrameworkRepository {
	return {
		list: () =>
			withDb(getDb, async (db) =>
				(await db.getAll('frameworks'))
					.map((r) => validateRead(Framework, r, 'frameworks'))
					.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
			),
		get: (id) =>
			withDb(getDb, async (db) => {
				const record = await db.get('frameworks', id);
				return record === undefined ? undefined : validateRead(Framework, record, 'frameworks', id);
			}),
		async put(framework) {
			const record = validateForWrite(Framework, framework, 'framework');
			return withDb(getDb, (db) =>
				inTransaction(db, ['frameworks', 'frameworkVersions'], async (tx) => {
					const [stored] = await putChecked(tx.objectStore('frameworks'), [record], 'frameworks', newId);
					await tx.objectStore('frameworkVersions').put(stored!);
					return stored!;
				})
			);
		},
		listVersions: (id) =>
			withDb(getDb, async (db) =>
				(await db.getAllFromIndex('frameworkVersions', 'id', id))
					.map((r) => validateRead(Framework, r, 'frameworkVersions', id))
					.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0))
			),
		delete: (id) =>
			withDb(getDb, (db) =>
				inTransaction(db, ['frameworks', 'frameworkVersions'], async (tx) => {
					const keys = await tx.objectStore('frameworkVersions').index('id').getAllKeys(id);
					await Promise.all([tx.objectStore('frameworks').delete(id), ...keys.map((k) => tx.objectStore('frameworkVersions').delete(k))]);
				})
			)
	};
}

/**
 * Refuses ('conflict') items that would take a problem or 序号 another item of their campaign holds (`clashingItem`):
 * two tabs generating the list from the same stale copy must collide, not both add an item for one problem. The
 * campaign's items are read only when an item is new or takes another problem or 序号 than its stored copy, so an
 * edit costs no more than its compare-and-set.
 */
async function requireUniqueItems(store: { index(name: 'campaignId'): { getAll(key: string): Promise<Rectification[]> } }, records: Rectification[], current: (Rectification | undefined)[]): Promise<void> {
	const claims = (r: Rectification, old: Rectification | undefined) => !old || old.seq !== r.seq || rectificationKey(old) !== rectificationKey(r);
	const claiming = new Set(records.filter((r, i) => claims(r, current[i])).map((r) => r.campaignId));
	for (const campaignId of claiming) {
		const clash = clashingItem(await store.index('campaignId').getAll(campaignId), records.filter((r) => r.campaignId === campaignId));
		if (clash)
			throw new StorageError('conflict', { record: `rectifications/${clash.item.id}`, text: `rectifications/${clash.item.id} would take the ${clash.on === 'seq' ? `序号 ${clash.item.seq}` : 'problem'} of rectifications/${clash.holder}` });
	}
}

function rectifications(getDb: DbProvider, newId: NewId): RectificationRepository {
	return {
		listByCampaign: (campaignId) =>
			withDb(getDb, async (db) =>
				(await db.getAllFromIndex('rectifications', 'campaignId', campaignId)).map((r) => validateRead(Rectification, r, 'rectifications')).sort((a, b) => a.seq - b.seq)
			),
		async putMany(items) {
			const records = items.map((r, i) => validateForWrite(Rectification, r, `rectifications[${i}]`));
			return withDb(getDb, (db) =>
				inTransaction(db, ['rectifications'], (tx) => {
					const store = tx.objectStore('rectifications');
					return putChecked(store, records, 'rectifications', newId, (current) => requireUniqueItems(store, records, current));
				})
			);
		}
	};
}

function annualReports(getDb: DbProvider, newId: NewId): AnnualReportRepository {
	const read = (records: unknown[]) => records.map((r) => validateRead(AnnualReport, r, 'annualReports')).sort(byTargetYear);
	return {
		listByCampaign: (campaignId) => withDb(getDb, async (db) => read(await db.getAllFromIndex('annualReports', 'campaignId', campaignId))),
		listByTarget: (campaignId, targetId) => withDb(getDb, async (db) => read(await db.getAllFromIndex('annualReports', 'campaignTarget', [campaignId, targetId]))),
		get: (id) =>
			withDb(getDb, async (db) => {
				const record = await db.get('annualReports', id);
				return record === undefined ? undefined : validateRead(AnnualReport, record, 'annualReports', id);
			}),
		async put(report) {
			const record = validateForWrite(AnnualReport, report, 'annual report');
			return withDb(getDb, (db) =>
				inTransaction(db, ['targets', 'annualReports'], async (tx) => {
					const store = tx.objectStore('annualReports');
					const [, holder] = await Promise.all([requireTarget(tx.objectStore('targets'), record.campaignId, record.targetId), store.index('targetYear').getKey([record.targetId, record.year])]);
					requireFreeYear(holder, record);
					const [stored] = await putChecked(store, [record], 'annualReports', newId);
					return stored!;
				})
			);
		},
		delete: (id) => withDb(getDb, (db) => inTransaction(db, ['annualReports'], (tx) => tx.objectStore('annualReports').delete(id)))
	};
}

function settings(getDb: DbProvider, newId: NewId): SettingsRepository {
	return {
		get: () =>
			withDb(getDb, async (db) => {
				const record = await db.get('meta', SETTINGS_KEY);
				return record === undefined ? Settings.parse({}) : validateRead(Settings, record.value, 'meta', SETTINGS_KEY);
			}),
		async put(value) {
			const record = validateForWrite(Settings, value, 'settings');
			return withDb(getDb, (db) =>
				inTransaction(db, ['meta'], async (tx) => {
					const current = await tx.objectStore('meta').get(SETTINGS_KEY);
					checkBase(current?.value as Settings | undefined, record, `meta/${SETTINGS_KEY}`);
					const stored = revised(record, newId);
					await tx.objectStore('meta').put({ key: SETTINGS_KEY, value: stored });
					return stored;
				})
			);
		}
	};
}

/** `newId` makes the id part of each stored revision (see `nextRev`). */
export function createIdbRepositories(getDb: DbProvider, newId: NewId = randomId): Repositories {
	return {
		campaigns: campaigns(getDb, newId),
		targets: targets(getDb, newId),
		findings: findings(getDb, newId),
		evidence: evidence(getDb, newId),
		frameworks: frameworks(getDb, newId),
		rectifications: rectifications(getDb, newId),
		annualReports: annualReports(getDb, newId),
		backup: backupRepository(getDb),
		meta: metaRepository(getDb),
		settings: settings(getDb, newId)
	};
}
