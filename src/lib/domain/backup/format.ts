/**
 * Backup files (DESIGN §7): every campaign, framework, finding, evidence and rectification in one file.
 * This module is pure: the shapes, the validation of everything read back, and the restore plan. The zip,
 * checksums and file handling live in `io/backup.ts`.
 */
import { z } from 'zod';
import { AnnualReport } from '../annual-report/schema';
import { Campaign } from '../campaign';
import { Timestamp, RecordId } from '../common';
import { formatIssuePath } from '../errors';
import { Evidence, imageExtension, type EvidenceFile } from '../evidence';
import { Finding } from '../finding';
import { FindingChange } from '../finding-history';
import { Framework } from '../framework/schema';
import { Rectification, rectificationKey } from '../rectification/schema';
import { findingKey, mergeByKey, type MergePolicy } from '../record-merge';
import { checkFrameworkLimits, checkJsonLimits, JSON_LIMITS, type LimitProblem } from '../limits';
import { Settings } from '../settings';
import { Target } from '../target';
import { ReviewGrade } from '../review/schema';
import { IssuedPackage, PackageInfo, ReturnInfo } from '../team/schema';

export const BACKUP_FORMAT = 'kaiming-backup';
/**
 * 2 added screenshot files (`evidence/<id>.<ext>`), 3 finding history (`data/findingChanges.json`), 4 annual reports
 * (`data/annualReports.json`), 5 the team records (`data/issuedPackages.json`, `data/reviewGrades.json`); older files
 * are still read.
 */
export const BACKUP_VERSION = 5;
/** The first format version with finding history: an older file has no history file and restores without history. */
export const HISTORY_VERSION = 3;
/** The first format version with annual reports: an older file has no reports file and restores with none. */
export const ANNUAL_REPORTS_VERSION = 4;
/**
 * The first format version with the team records (issue 16): an older file restores with no issued packages and no
 * 复核 items, so a lead restored from it cannot merge returns of packages written before.
 */
export const TEAM_RECORDS_VERSION = 5;
/** The extension the UI gives backup files. */
export const BACKUP_EXTENSION = '.kaiming';

/** The record stores in dependency order: a store only refers to stores before it. */
export const BACKUP_STORES = [
	'frameworks',
	'frameworkVersions',
	'campaigns',
	'targets',
	'findings',
	'evidence',
	'findingChanges',
	'rectifications',
	'annualReports',
	'issuedPackages',
	'reviewGrades'
] as const;
export type BackupStore = (typeof BACKUP_STORES)[number];

export interface BackupData {
	frameworks: Framework[];
	frameworkVersions: Framework[];
	campaigns: Campaign[];
	targets: Target[];
	findings: Finding[];
	evidence: Evidence[];
	/** Finding history: restored by adding the entries not stored yet, never replacing one. */
	findingChanges: FindingChange[];
	rectifications: Rectification[];
	/** One per target and year: a stored report of the same target and year is the same report (see `planRestore`). */
	annualReports: AnnualReport[];
	/**
	 * The packages issued (the lead's, with each base's SHA-256 and the returns merged) or opened (an assessor's copy,
	 * with its base text): a return is merged against its issued package, so a lead's restore needs them.
	 */
	issuedPackages: IssuedPackage[];
	/** 复核 items: the first grade as drawn, the reviewer's second grade, the lead's ruling. */
	reviewGrades: ReviewGrade[];
	/** The original bytes of every image evidence above (read and checked by io/backup.ts). */
	evidenceFiles: EvidenceFile[];
	settings: Settings | null;
}

/** Data with every store empty: what a package or a test starts from. */
export const emptyBackupData = (): BackupData => ({ ...(Object.fromEntries(BACKUP_STORES.map((s) => [s, []])) as { [S in BackupStore]: [] }), evidenceFiles: [], settings: null });

/** What `validateBackupData` takes: one unknown value per store (parsed JSON), plus settings. */
export type RawBackupData = Record<BackupStore | 'settings', unknown>;

const SCHEMAS: { [S in BackupStore]: z.ZodType<BackupData[S][number]> } = {
	frameworks: Framework,
	frameworkVersions: Framework,
	campaigns: Campaign,
	targets: Target,
	findings: Finding,
	evidence: Evidence,
	findingChanges: FindingChange,
	rectifications: Rectification,
	annualReports: AnnualReport,
	issuedPackages: IssuedPackage,
	reviewGrades: ReviewGrade
};

/** The path of each store's file inside the backup zip. */
export const backupEntryPath = (store: BackupStore | 'settings') => `data/${store}.json`;
export const MANIFEST_PATH = 'manifest.json';
/** Where an image evidence's original bytes are in the zip. */
export const evidenceFilePath = (e: { id: string; image?: { mime: Parameters<typeof imageExtension>[0] } }) =>
	`evidence/${e.id}.${e.image ? imageExtension(e.image.mime) : 'bin'}`;

/**
 * The key a record has in its store: its id, except in `frameworkVersions` (keyed by [id, version] in
 * IndexedDB), where it is `id@version` (framework ids are slugs, which never contain "@").
 * `planRestore` expects the existing keys in this form.
 */
export function recordKey(store: BackupStore, record: { id: string; version?: string }): string {
	return store === 'frameworkVersions' ? frameworkVersionKey(record.id, record.version ?? '') : record.id;
}
export const frameworkVersionKey = (id: string, version: string) => `${id}@${version}`;

export const BackupScope = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('all') }),
	z.object({ kind: z.literal('campaign'), campaignId: RecordId, title: z.string() }),
	/** A work package for one assessor (domain/team): opened as a campaign in package mode, never restored. */
	z.object({ kind: z.literal('package'), package: PackageInfo }),
	/** An assessor's return of a package: merged by the lead item by item, never restored. */
	z.object({ kind: z.literal('return'), package: PackageInfo, return: ReturnInfo })
]);
export type BackupScope = z.infer<typeof BackupScope>;

const Count = z.int().min(0);

export const BackupManifest = z.object({
	format: z.literal(BACKUP_FORMAT),
	formatVersion: z.int().min(1),
	appVersion: z.string(),
	createdAt: Timestamp,
	scope: BackupScope,
	counts: z.object({
		frameworks: Count,
		frameworkVersions: Count,
		campaigns: Count,
		targets: Count,
		findings: Count,
		evidence: Count,
		/** Absent before version 3, which had no finding history. */
		findingChanges: Count.default(0),
		rectifications: Count,
		/** Absent before version 4, which had no annual reports. */
		annualReports: Count.default(0),
		/** Absent before version 5, which had no team records. */
		issuedPackages: Count.default(0),
		reviewGrades: Count.default(0),
		/** Absent in version 1 files, which had no screenshot files. */
		evidenceFiles: Count.default(0)
	}),
	entries: z
		.array(
			z.object({
				path: z.string().min(1),
				sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
				bytes: Count
			})
		)
		.superRefine((entries, ctx) => {
			const seen = new Set<string>();
			entries.forEach((e, i) => {
				if (seen.has(e.path)) ctx.addIssue({ code: 'custom', path: [i, 'path'], message: `duplicate entry ${e.path}` });
				seen.add(e.path);
			});
		})
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/**
 * Why a backup was refused. `code` is an i18n key (`backup.error.*`) whose message uses `params`
 * (`n` is the record's 1-based position in its store; `store`/`refStore` are store names, which the UI
 * may translate with `backup.store.*`); `store`, `index` (0-based), `id` and `path` locate the problem.
 */
export interface BackupProblem {
	code: string;
	params: Record<string, string | number>;
	store?: string;
	index?: number;
	id?: string;
	path?: string;
}

/** At most this many problems are listed; a last `backup.error.more` says how many were left out. */
export const MAX_PROBLEMS = 50;
/** Schema issues reported per record. */
const ISSUES_PER_RECORD = 3;

export function capProblems(problems: BackupProblem[], max = MAX_PROBLEMS): BackupProblem[] {
	if (problems.length <= max) return problems;
	const rest = problems.length - (max - 1);
	return [...problems.slice(0, max - 1), { code: 'backup.error.more', params: { count: rest } }];
}

function rawId(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const id = (value as { id?: unknown }).id;
	return typeof id === 'string' ? id : undefined;
}

function rawKey(store: BackupStore, value: unknown): string | undefined {
	const id = rawId(value);
	if (id === undefined || store !== 'frameworkVersions') return id;
	const version = (value as { version?: unknown }).version;
	return typeof version === 'string' ? frameworkVersionKey(id, version) : undefined;
}

export type BackupValidation = { ok: true; data: Omit<BackupData, 'evidenceFiles'> } | { ok: false; problems: BackupProblem[] };

/**
 * Everything a restore needs to trust, checked before anything is written: each store is an array,
 * every record passes its schema, keys are unique within a store, findings are unique per
 * (target, indicator), and every reference points to a record in the file that agrees on campaign/target.
 * References are checked against the keys of every record in the file (even one that failed its schema),
 * so one broken campaign gives one problem, not one per target.
 */
export function validateBackupData(raw: RawBackupData): BackupValidation {
	const problems: BackupProblem[] = [];
	const parsed: { [S in BackupStore]: BackupData[S] } = {
		frameworks: [],
		frameworkVersions: [],
		campaigns: [],
		targets: [],
		findings: [],
		evidence: [],
		findingChanges: [],
		rectifications: [],
		annualReports: [],
		issuedPackages: [],
		reviewGrades: []
	};
	/** Keys of all records in the file, valid or not, with the position of the first record of each. */
	const present = {} as Record<BackupStore, Map<string, number>>;

	// Before any schema: zod parses a framework's nested sections recursively.
	const limited = backupLimits(raw);
	if (limited.length > 0) return { ok: false, problems: limited };

	for (const store of BACKUP_STORES) {
		const firstIndex = (present[store] = new Map<string, number>());
		const value = raw[store];
		if (!Array.isArray(value)) {
			problems.push({ code: 'backup.error.notArray', params: { store }, store, path: backupEntryPath(store) });
			continue;
		}
		const schema = SCHEMAS[store];
		value.forEach((record: unknown, index) => {
			const id = rawId(record);
			const key = rawKey(store, record);
			if (key !== undefined) {
				const first = firstIndex.get(key);
				if (first !== undefined) {
					problems.push({ code: 'backup.error.duplicateId', params: { store, id: key, n: index + 1, firstN: first + 1 }, store, index, id: key });
				} else {
					firstIndex.set(key, index);
				}
			}
			const result = schema.safeParse(record);
			if (result.success) {
				(parsed[store] as unknown[]).push(result.data);
				return;
			}
			for (const issue of result.error.issues.slice(0, ISSUES_PER_RECORD)) {
				const path = formatIssuePath(issue.path, 'dots');
				problems.push({
					code: 'backup.error.record',
					params: { store, n: index + 1, id: id ?? '', path, message: issue.message },
					store,
					index,
					...(id !== undefined ? { id } : {}),
					path
				});
			}
		});
	}

	let settings: Settings | null = null;
	if (raw.settings !== null && raw.settings !== undefined) {
		const result = Settings.safeParse(raw.settings);
		if (result.success) settings = result.data;
		else {
			for (const issue of result.error.issues.slice(0, ISSUES_PER_RECORD)) {
				const path = formatIssuePath(issue.path, 'dots');
				problems.push({ code: 'backup.error.settings', params: { path, message: issue.message }, store: 'settings', path });
			}
		}
	}

	problems.push(...checkReferences(parsed, present));
	if (problems.length > 0) return { ok: false, problems: capProblems(problems) };
	return { ok: true, data: { ...parsed, settings } };
}

/** The first broken limit of each store file (and the settings file), named by file, path and limit. */
function backupLimits(raw: RawBackupData): BackupProblem[] {
	const problems: BackupProblem[] = [];
	for (const store of [...BACKUP_STORES, 'settings'] as const) {
		const value = raw[store];
		// Framework limits first: sections nested too deep are named as such, not as deep JSON.
		const frameworks: [unknown, (string | number)[]][] =
			store === 'frameworks' || store === 'frameworkVersions'
				? listed(value).map((f, i) => [f, [i]])
				: store === 'campaigns'
					? listed(value).map((c, i) => [field(c, 'framework'), [i, 'framework']])
					: [];
		let found: LimitProblem | null = null;
		for (const [fw, at] of frameworks) if ((found = checkFrameworkLimits(fw, at))) break;
		found ??= checkJsonLimits(value, JSON_LIMITS.backupString);
		// The message names the file and the path; `path` stays unset so the panel does not repeat it.
		if (found) problems.push({ code: `limit.error.${found.code}`, params: { file: backupEntryPath(store), path: found.path, limit: found.limit }, store });
	}
	return problems;
}

/** The manifest's first broken limit (nesting, text length, finite numbers), before its schema. */
export function manifestLimits(value: unknown): BackupProblem | null {
	const found = checkJsonLimits(value, JSON_LIMITS.backupString);
	return found ? { code: `limit.error.${found.code}`, params: { file: MANIFEST_PATH, path: found.path, limit: found.limit } } : null;
}
const listed = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined);

/**
 * 整改 items are unique per target, indicator and problem type (like findings per target and indicator):
 * two in one file would both be kept and numbered alike.
 */
function duplicateItems(items: Rectification[]): BackupProblem[] {
	const first = new Map<string, number>();
	const problems: BackupProblem[] = [];
	items.forEach((r, i) => {
		const key = rectificationKey(r);
		const other = first.get(key);
		if (other === undefined) first.set(key, i);
		else {
			problems.push({
				code: 'backup.error.duplicateItem',
				params: { n: i + 1, id: r.id, firstN: other + 1, targetId: r.targetId, indicatorId: r.indicatorId, deductionId: r.deductionId ?? '—' },
				store: 'rectifications',
				index: i,
				id: r.id
			});
		}
	});
	return problems;
}

function checkReferences(data: { [S in BackupStore]: BackupData[S] }, present: Record<BackupStore, ReadonlyMap<string, number>>): BackupProblem[] {
	const problems: BackupProblem[] = [];
	const targets = new Map(data.targets.map((t) => [t.id, t]));
	const findings = new Map(data.findings.map((f) => [f.id, f]));

	const missing = (store: BackupStore, index: number, id: string, field: string, ref: string, refStore: BackupStore) =>
		problems.push({ code: 'backup.error.missingRef', params: { store, n: index + 1, id, field, ref, refStore }, store, index, id, path: field });
	const mismatch = (store: BackupStore, index: number, id: string, field: string, ref: string) =>
		problems.push({ code: 'backup.error.refMismatch', params: { store, n: index + 1, id, field, ref }, store, index, id, path: field });

	/** campaignId must exist; targetId must exist and belong to that campaign. */
	const checkCampaignTarget = (store: BackupStore, index: number, r: { id: string; campaignId: string; targetId: string }) => {
		if (!present.campaigns.has(r.campaignId)) missing(store, index, r.id, 'campaignId', r.campaignId, 'campaigns');
		const target = targets.get(r.targetId);
		if (!present.targets.has(r.targetId)) missing(store, index, r.id, 'targetId', r.targetId, 'targets');
		else if (target && target.campaignId !== r.campaignId) mismatch(store, index, r.id, 'targetId', r.targetId);
	};

	data.targets.forEach((t, i) => {
		if (!present.campaigns.has(t.campaignId)) missing('targets', i, t.id, 'campaignId', t.campaignId, 'campaigns');
	});

	const byTargetIndicator = new Map<string, string>();
	data.findings.forEach((f, i) => {
		checkCampaignTarget('findings', i, f);
		const key = `${f.targetId} ${f.indicatorId}`;
		const other = byTargetIndicator.get(key);
		if (other !== undefined && other !== f.id) {
			problems.push({
				code: 'backup.error.duplicateFinding',
				params: { n: i + 1, id: f.id, other, targetId: f.targetId, indicatorId: f.indicatorId },
				store: 'findings',
				index: i,
				id: f.id
			});
		} else byTargetIndicator.set(key, f.id);
	});

	data.evidence.forEach((e, i) => {
		checkCampaignTarget('evidence', i, e);
		const finding = findings.get(e.findingId);
		if (!present.findings.has(e.findingId)) missing('evidence', i, e.id, 'findingId', e.findingId, 'findings');
		else if (finding && (finding.campaignId !== e.campaignId || finding.targetId !== e.targetId)) mismatch('evidence', i, e.id, 'findingId', e.findingId);
	});

	// An entry's finding may be absent from the file (stored already): `planRestore` checks that one against storage.
	data.findingChanges.forEach((c, i) => {
		checkCampaignTarget('findingChanges', i, c);
		const finding = findings.get(c.findingId);
		if (finding && (finding.campaignId !== c.campaignId || finding.targetId !== c.targetId || finding.indicatorId !== c.indicatorId)) mismatch('findingChanges', i, c.id, 'findingId', c.findingId);
	});

	data.rectifications.forEach((r, i) => checkCampaignTarget('rectifications', i, r));
	problems.push(...duplicateItems(data.rectifications));
	const byTargetYear = new Map<string, number>();
	data.annualReports.forEach((r, i) => {
		checkCampaignTarget('annualReports', i, r);
		const key = annualReportKey(r);
		const first = byTargetYear.get(key);
		if (first === undefined) byTargetYear.set(key, i);
		else problems.push({ code: 'backup.error.duplicateReport', params: { n: i + 1, id: r.id, firstN: first + 1, targetId: r.targetId, year: r.year }, store: 'annualReports', index: i, id: r.id });
	});
	data.issuedPackages.forEach((p, i) => {
		if (!present.campaigns.has(p.campaignId)) missing('issuedPackages', i, p.id, 'campaignId', p.campaignId, 'campaigns');
	});
	// A 复核 item is written with its reviewer package's record (storage/review-grades.ts) and deleted with it, so both are in the file.
	data.reviewGrades.forEach((g, i) => {
		checkCampaignTarget('reviewGrades', i, g);
		if (!present.issuedPackages.has(g.packageId)) missing('reviewGrades', i, g.id, 'packageId', g.packageId, 'issuedPackages');
	});
	return problems;
}

/** What the zip holds for a path: the SHA-256 and length of the bytes actually there. */
export interface FileDigest {
	sha256: string;
	bytes: number;
}

/**
 * Every image evidence needs its file, byte for byte the one it was recorded with (its SHA-256 and size
 * are in the record); every file needs an image evidence. Returns the problems and the paths used.
 */
export function checkEvidenceFiles(evidence: Evidence[], files: ReadonlyMap<string, FileDigest>): { problems: BackupProblem[]; used: Set<string> } {
	const problems: BackupProblem[] = [];
	const used = new Set<string>();
	evidence.forEach((e, index) => {
		if (e.kind !== 'image' || !e.image) return;
		const path = evidenceFilePath(e);
		used.add(path);
		const file = files.get(path);
		if (!file) {
			problems.push({ code: 'backup.error.evidenceFileMissing', params: { n: index + 1, id: e.id, path }, store: 'evidence', index, id: e.id, path });
		} else if (file.sha256 !== e.image.sha256 || file.bytes !== e.image.bytes) {
			problems.push({
				code: 'backup.error.evidenceFileHash',
				params: { n: index + 1, id: e.id, path, expected: e.image.sha256, actual: file.sha256 },
				store: 'evidence',
				index,
				id: e.id,
				path
			});
		}
	});
	for (const path of files.keys()) {
		if (!used.has(path)) problems.push({ code: 'backup.error.entryUnknown', params: { path }, path });
	}
	return { problems, used };
}

/**
 * 'skip' keeps every record already stored; 'replace' overwrites it with the file's; 'merge' keeps the
 * newer of the two (by `updatedAt`, a tie keeping the stored one).
 */
export type RestoreMode = 'skip' | 'replace' | 'merge';

const POLICY: Record<RestoreMode, MergePolicy> = { skip: 'local', replace: 'incoming', merge: 'newer' };

/** A stored record the restore must know about: `id` is its key in its store (see `recordKey`). */
export interface StoredStamp {
	id: string;
	updatedAt: string;
	/** For targets, evidence and items: the campaign it belongs to. */
	campaignId?: string;
}
export type StoredFinding = StoredStamp & Pick<Finding, 'targetId' | 'indicatorId'>;
export type StoredItem = StoredStamp & Pick<Rectification, 'campaignId' | 'targetId' | 'indicatorId' | 'deductionId' | 'seq'>;
export type StoredReport = StoredStamp & Pick<AnnualReport, 'targetId' | 'year'>;

/** An annual report's unique key: one per target and year. */
export const annualReportKey = (r: Pick<AnnualReport, 'targetId' | 'year'>) => `${r.targetId} ${r.year}`;

/**
 * What the database already holds: per store, every stored record whose key the file also has; for
 * findings, every stored finding of the targets the file has findings or history for (one per target and indicator);
 * for items, every stored item of the campaigns the file has items for (one per problem); whether
 * settings exist.
 */
export type ExistingRecords = { [S in BackupStore]: readonly StoredStamp[] } & {
	findings: readonly StoredFinding[];
	rectifications: readonly StoredItem[];
	annualReports: readonly StoredReport[];
	settings: boolean;
};

export interface StorePlan {
	add: string[];
	replace: string[];
	skip: string[];
}

/** A finding or item of the file and a stored one of another id for the same target and indicator (and problem type). */
export interface RestoreConflict {
	store: 'findings' | 'rectifications';
	campaignId: string;
	targetId: string;
	indicatorId: string;
	deductionId?: string | null;
	backupId: string;
	localId: string;
	backupUpdatedAt: string;
	localUpdatedAt: string;
	kept: 'backup' | 'local';
}

/** A stored record the restore overwrites although it was changed after the file's copy. */
export interface NewerLocally {
	store: BackupStore;
	key: string;
	campaignId?: string;
	targetId?: string;
	indicatorId?: string;
	localUpdatedAt: string;
	backupUpdatedAt: string;
}

export interface RestorePlan {
	mode: RestoreMode;
	stores: Record<BackupStore, StorePlan>;
	totals: { add: number; replace: number; skip: number };
	/** 'write': put the file's settings; 'keep': keep the database's (or the file has none). */
	settings: 'write' | 'keep';
	conflicts: RestoreConflict[];
	newerLocally: NewerLocally[];
	/** File id → stored id, for findings and items that clash: a written one takes the stored id, evidence follows the survivor. */
	asLocal: Map<string, string>;
	/** 序号 of items: a written item keeps the stored one's, an added item whose 序号 is taken in its campaign gets the next free one. */
	seqs: Map<string, number>;
	/** Non-empty: the restore cannot be done (e.g. `backup.error.idCollision`); write nothing. */
	problems: BackupProblem[];
}

type Keyed = StoredStamp & Partial<Pick<Finding, 'targetId' | 'indicatorId'>> & { deductionId?: string | null; seq?: number; year?: number };

const mergeKeyOf = (store: BackupStore) => (r: Keyed) =>
	store === 'findings' ? findingKey(r as Finding) : store === 'rectifications' ? rectificationKey(r as Rectification) : store === 'annualReports' ? annualReportKey(r as StoredReport) : r.id;

/**
 * Which records of a validated backup to add, replace or skip, by `mode`. Findings match stored ones by
 * target and indicator, items by target, indicator and problem type, whatever their ids (`mergeByKey`):
 * one survives, each such clash is reported, and nothing is refused for it. Nothing is ever deleted.
 * Refused (problems): a record whose id is stored under another campaign.
 */
export function planRestore(data: BackupData, existing: ExistingRecords, mode: RestoreMode): RestorePlan {
	const policy = POLICY[mode];
	const stores = {} as Record<BackupStore, StorePlan>;
	const totals = { add: 0, replace: 0, skip: 0 };
	const conflicts: RestoreConflict[] = [];
	const newerLocally: NewerLocally[] = [];
	const asLocal = new Map<string, string>();
	const seqs = new Map<string, number>();
	for (const store of BACKUP_STORES) {
		const incoming = (data[store] as (Keyed & { version?: string })[]).map((r): Keyed => ({ ...r, id: recordKey(store, r) }));
		const byId = new Map(incoming.map((r) => [r.id, r]));
		// History is append-only: an entry already stored is the same entry, whatever the mode.
		const m = mergeByKey<Keyed, Keyed>(existing[store], incoming, mergeKeyOf(store), store === 'findingChanges' ? 'local' : policy);
		for (const match of [...m.replace, ...m.skip]) {
			const r = byId.get(match.incomingId)!;
			if (match.clash) asLocal.set(r.id, match.local.id);
			// A report of the same target and year is the same report under another id: no question of which problem it is.
			if (match.clash && store !== 'annualReports') {
				conflicts.push({
					store: store as RestoreConflict['store'],
					campaignId: r.campaignId!,
					targetId: r.targetId!,
					indicatorId: r.indicatorId!,
					...(store === 'rectifications' ? { deductionId: r.deductionId ?? null } : {}),
					backupId: r.id,
					localId: match.local.id,
					backupUpdatedAt: r.updatedAt,
					localUpdatedAt: match.local.updatedAt,
					kept: match.clash.kept === 'incoming' ? 'backup' : 'local'
				});
			}
			if (match.local.seq !== undefined) seqs.set(r.id, match.local.seq);
		}
		for (const match of m.replace) {
			const r = byId.get(match.incomingId)!;
			if (Date.parse(match.local.updatedAt) <= Date.parse(r.updatedAt)) continue;
			newerLocally.push({
				store,
				key: r.id,
				...(r.campaignId !== undefined ? { campaignId: r.campaignId } : {}),
				...(r.targetId !== undefined ? { targetId: r.targetId } : {}),
				...(r.indicatorId !== undefined ? { indicatorId: r.indicatorId } : {}),
				localUpdatedAt: match.local.updatedAt,
				backupUpdatedAt: r.updatedAt
			});
		}
		if (store === 'rectifications') nextFreeSeqs(m.add.map((id) => byId.get(id)!), existing.rectifications, seqs);
		const plan: StorePlan = { add: m.add, replace: m.replace.map((x) => x.incomingId), skip: m.skip.map((x) => x.incomingId) };
		totals.add += plan.add.length;
		totals.replace += plan.replace.length;
		totals.skip += plan.skip.length;
		stores[store] = plan;
	}
	const settings = data.settings !== null && (mode === 'replace' || !existing.settings) ? 'write' : 'keep';
	return { mode, stores, totals, settings, conflicts, newerLocally, asLocal, seqs, problems: capProblems([...idCollisions(data, existing), ...changesWithoutFinding(data, existing)]) };
}

/** Added items keep their 序号 unless a stored item of their campaign has it; then they take the next free one, in order. */
function nextFreeSeqs(added: Keyed[], stored: readonly StoredItem[], seqs: Map<string, number>): void {
	const taken = new Map<string, { used: Set<number>; max: number }>();
	const of = (campaignId: string) => taken.get(campaignId) ?? taken.set(campaignId, { used: new Set(), max: 0 }).get(campaignId)!;
	for (const r of stored) {
		const c = of(r.campaignId);
		c.used.add(r.seq);
		c.max = Math.max(c.max, r.seq);
	}
	for (const r of added) of(r.campaignId!).max = Math.max(of(r.campaignId!).max, r.seq!);
	for (const r of [...added].sort((a, b) => a.seq! - b.seq!)) {
		const c = of(r.campaignId!);
		const seq = c.used.has(r.seq!) ? ++c.max : r.seq!;
		c.used.add(seq);
		if (seq !== r.seq) seqs.set(r.id, seq);
	}
}

/** A history entry must point at a finding in the file or stored: one pointing nowhere would be history of nothing. */
function changesWithoutFinding(data: BackupData, existing: ExistingRecords): BackupProblem[] {
	const known = new Set([...data.findings.map((f) => f.id), ...existing.findings.map((f) => f.id)]);
	return data.findingChanges.flatMap((c, index): BackupProblem[] =>
		known.has(c.findingId)
			? []
			: [{ code: 'backup.error.missingRef', params: { store: 'findingChanges', n: index + 1, id: c.id, field: 'findingId', ref: c.findingId, refStore: 'findings' }, store: 'findingChanges', index, id: c.id, path: 'findingId' }]
	);
}

/** A target, evidence or item whose id is stored under another campaign: writing it would mix two campaigns. */
function idCollisions(data: BackupData, existing: ExistingRecords): BackupProblem[] {
	const problems: BackupProblem[] = [];
	for (const store of ['targets', 'evidence', 'rectifications', 'annualReports', 'issuedPackages', 'reviewGrades'] as const) {
		const stored = new Map(existing[store].map((r) => [r.id, r.campaignId]));
		data[store].forEach((r, index) => {
			const other = stored.get(r.id);
			if (other !== undefined && other !== r.campaignId) {
				problems.push({ code: 'backup.error.idCollision', params: { store, n: index + 1, id: r.id, campaignId: r.campaignId, otherCampaignId: other }, store, index, id: r.id });
			}
		});
	}
	return problems;
}

/** What a restore did, store by store, and every clash it settled. */
export interface RestoreReport {
	added: Record<BackupStore, number>;
	replaced: Record<BackupStore, number>;
	skipped: Record<BackupStore, number>;
	/** Screenshot files written (each with its evidence record). */
	files: number;
	settings: 'restored' | 'kept' | 'none';
	conflicts: RestoreConflict[];
}

export function restoreReport(plan: RestorePlan, files: number, fileHasSettings: boolean): RestoreReport {
	const count = (part: keyof StorePlan) => Object.fromEntries(BACKUP_STORES.map((s) => [s, plan.stores[s][part].length])) as Record<BackupStore, number>;
	return {
		added: count('add'),
		replaced: count('replace'),
		skipped: count('skip'),
		files,
		settings: !fileHasSettings ? 'none' : plan.settings === 'write' ? 'restored' : 'kept',
		conflicts: plan.conflicts
	};
}

/**
 * The records a plan writes (added or replaced), store by store, in dependency order: a finding or item
 * that clashed takes the stored id (an item its 序号 too), evidence points at the surviving finding, and a
 * file goes with its evidence.
 */
export function recordsToWrite(data: BackupData, plan: RestorePlan): { [S in BackupStore | 'evidenceFiles']: BackupData[S] } {
	const out = {} as { [S in BackupStore | 'evidenceFiles']: BackupData[S] };
	for (const store of BACKUP_STORES) {
		const write = new Set([...plan.stores[store].add, ...plan.stores[store].replace]);
		(out as Record<BackupStore, unknown[]>)[store] = (data[store] as { id: string; version?: string }[]).filter((r) => write.has(recordKey(store, r)));
	}
	const asLocal = (id: string) => plan.asLocal.get(id) ?? id;
	out.findings = out.findings.map((f) => (plan.asLocal.has(f.id) ? { ...f, id: asLocal(f.id) } : f));
	out.evidence = out.evidence.map((e) => (plan.asLocal.has(e.findingId) ? { ...e, findingId: asLocal(e.findingId) } : e));
	out.findingChanges = out.findingChanges.map((c) => (plan.asLocal.has(c.findingId) ? { ...c, findingId: asLocal(c.findingId) } : c));
	// Both grades are of the item's finding (the schema's rule): they follow the survivor with it.
	out.reviewGrades = out.reviewGrades.map((g) => {
		if (!plan.asLocal.has(g.findingId)) return g;
		const findingId = asLocal(g.findingId);
		return { ...g, findingId, first: { ...g.first, id: findingId }, ...(g.second ? { second: { ...g.second, id: findingId } } : {}) };
	});
	out.annualReports = out.annualReports.map((r) => (plan.asLocal.has(r.id) ? { ...r, id: asLocal(r.id) } : r));
	out.rectifications = out.rectifications.map((r) => (plan.asLocal.has(r.id) || plan.seqs.has(r.id) ? { ...r, id: asLocal(r.id), seq: plan.seqs.get(r.id) ?? r.seq } : r));
	const evidence = new Set(out.evidence.map((e) => e.id));
	out.evidenceFiles = data.evidenceFiles.filter((f) => evidence.has(f.id));
	return out;
}
