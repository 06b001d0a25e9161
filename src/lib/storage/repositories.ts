/*
 * The only way into storage for the rest of the app. State and io code depend on these interfaces,
 * so they can be tested against an in-memory implementation.
 *
 * Every method rejects with a StorageError only. Writes validate with the domain schema first and
 * resolve after the IndexedDB transaction has committed, with the record as stored (defaults applied).
 *
 * Revisions (domain/revision.ts): a record handed to a write carries the `rev` of the copy it was based on. Inside
 * the writing transaction the stored copy is read; when its `rev` differs (or it is gone although the record has
 * one) the write rejects with 'stale' and nothing is written, the whole batch for a batch write. Otherwise the
 * record is stored with the next revision and returned: the caller bases its next write of it on that one.
 */
import type { AnnualReport } from '$lib/domain/annual-report/schema';
import type { BackupData, BackupProblem, BackupStore, RestoreMode, RestorePlan, RestoreReport } from '$lib/domain/backup';

export type { RestoreReport } from '$lib/domain/backup';
import type { Campaign } from '$lib/domain/campaign';
import type { Evidence } from '$lib/domain/evidence';
import type { Finding } from '$lib/domain/finding';
import type { ChangeStamp, FindingChange } from '$lib/domain/finding-history';
import type { Framework } from '$lib/domain/framework/schema';
import type { Settings } from '$lib/domain/settings';
import type { Rectification } from '$lib/domain/rectification/schema';
import type { Target } from '$lib/domain/target';

export interface CampaignRepository {
	/** Oldest first (by createdAt). */
	list(): Promise<Campaign[]>;
	get(id: string): Promise<Campaign | undefined>;
	put(campaign: Campaign): Promise<Campaign>;
	/**
	 * Moves a campaign to another framework snapshot together with its re-mapped findings, in one
	 * transaction: both are stored or neither.
	 */
	putWithFindings(campaign: Campaign, findings: Finding[]): Promise<{ campaign: Campaign; findings: Finding[] }>;
	/** A new campaign with its targets (e.g. a re-check round), in one transaction. */
	putWithTargets(campaign: Campaign, targets: Target[]): Promise<Campaign>;
	/** Removes the campaign with all its targets, findings and evidence, in one transaction. */
	delete(id: string): Promise<void>;
}

export interface TargetRepository {
	/** Sorted by `order`. */
	listByCampaign(campaignId: string): Promise<Target[]>;
	/** Rejects with 'not-found' when the campaign does not exist (e.g. deleted in another tab). */
	put(target: Target): Promise<Target>;
	/** All or nothing: one invalid target and none is written. */
	putMany(targets: Target[]): Promise<Target[]>;
	/** Removes the target with its findings and evidence, in one transaction. */
	delete(id: string): Promise<void>;
}

/** A campaign's findings by target id, for opening it (see `FindingRepository.readCampaign`). */
export interface CampaignFindings {
	byTarget: Map<string, Finding[]>;
	/** Once every record has been checked against the schema: the ids of the targets whose findings failed. */
	invalidTargets: Promise<string[]>;
}

export interface FindingRepository {
	listByCampaign(campaignId: string): Promise<Finding[]>;
	/**
	 * The findings as stored, before they are checked: parsing 240,000 findings takes longer than reading them,
	 * and a campaign should open in about a second. The check then runs while the page is idle (`invalidTargets`).
	 * Safe because every write is parsed before it is stored and re-checks the records it touches, and stored
	 * findings are kept exactly as their schema parses them (migration-fixtures.test.ts holds every schema
	 * version to that), so the check can only add an error message, never change a value.
	 */
	readCampaign(campaignId: string): Promise<CampaignFindings>;
	listByTarget(campaignId: string, targetId: string): Promise<Finding[]>;
	/**
	 * Resolves only once the transaction has committed: the UI shows "saved" on that.
	 * 'conflict' when another finding already exists for the same target and indicator;
	 * 'not-found' when the target does not exist in that campaign.
	 * A write that changes something graded appends its history entry in the same transaction (so does every
	 * finding write below, and evidence added or removed): no entry without its write, no write without its entry.
	 */
	put(finding: Finding): Promise<Finding>;
	/** A finding's history, newest first. */
	history(findingId: string): Promise<FindingChange[]>;
	/** Every history entry of a campaign, newest first. */
	campaignHistory(campaignId: string): Promise<FindingChange[]>;
}

export interface EvidenceRepository {
	/** Oldest first (by createdAt). */
	listByTarget(campaignId: string, targetId: string): Promise<Evidence[]>;
	/** 'not-found' when its target has no finding of that id. */
	put(evidence: Evidence): Promise<Evidence>;
	/** Removes the evidence and its file (if any) in one transaction, with its finding's history entry saying who and when. */
	delete(id: string, stamp: ChangeStamp): Promise<void>;
	/**
	 * A screenshot: its finding (written only if not stored yet, so a newer stored version is never
	 * overwritten), the evidence record and the original bytes, in one transaction: all or nothing. When another
	 * finding holds the indicator (another tab created it first) the screenshot joins that one. Resolves with the
	 * finding as stored (the one written, or the one kept) and the evidence, naming that finding.
	 */
	addImage(finding: Finding, evidence: Evidence, blob: Blob): Promise<{ finding: Finding; evidence: Evidence }>;
	/** The original bytes of screenshot evidence, by evidence id; missing ids are left out. */
	getFiles(ids: string[]): Promise<Map<string, Blob>>;
	/** Writes the finding and its evidence in one transaction: both are stored or neither. */
	putWithFinding(finding: Finding, evidence: Evidence): Promise<{ finding: Finding; evidence: Evidence }>;
}

export interface FrameworkRepository {
	/** User frameworks only (built-in ones ship with the code); sorted by id. */
	list(): Promise<Framework[]>;
	get(id: string): Promise<Framework | undefined>;
	/** Saves the current version and appends it to the framework's history, in one transaction. */
	put(framework: Framework): Promise<Framework>;
	/** Every saved version of a framework, oldest first. */
	listVersions(id: string): Promise<Framework[]>;
	/** Removes the framework and its history. Campaigns keep their own frozen copies. */
	delete(id: string): Promise<void>;
}

export interface RectificationRepository {
	listByCampaign(campaignId: string): Promise<Rectification[]>;
	/**
	 * All or nothing, in one transaction (generation, bulk edits). 'conflict' when an item would take the problem
	 * (target, indicator, problem type) or the 序号 of another item of its campaign.
	 */
	putMany(items: Rectification[]): Promise<Rectification[]>;
}

/** 政府信息公开工作年度报告 entered for a campaign's targets (domain/annual-report): one per target and year. */
export interface AnnualReportRepository {
	/** Every report of a campaign, by target id, then year. */
	listByCampaign(campaignId: string): Promise<AnnualReport[]>;
	/** A target's reports, oldest year first. */
	listByTarget(campaignId: string, targetId: string): Promise<AnnualReport[]>;
	get(id: string): Promise<AnnualReport | undefined>;
	/**
	 * Compare-and-set like every write. 'not-found' when the target does not exist in that campaign; 'conflict' when
	 * another report of the target has the year (two tabs starting "the same" report must collide, not duplicate).
	 */
	put(report: AnnualReport): Promise<AnnualReport>;
	delete(id: string): Promise<void>;
}

/** Records of every store, as a backup file carries them (the domain's shape, validated there first). */
export type StoreRecords = BackupData;
export type RecordStore = BackupStore;

/** Screenshot files written so far of those the restore writes. */
export interface WriteProgress {
	done: number;
	total: number;
}

/** Refused: nothing was written (e.g. a finding clashes with a stored one of another id). */
export type RestoreResult = { ok: true; report: RestoreReport } | { ok: false; problems: BackupProblem[] };

export interface BackupRepository {
	/** Everything, or one campaign with its targets, findings, evidence and items, read in one transaction. */
	exportAll(campaignId?: string): Promise<StoreRecords>;
	/**
	 * Writes already-validated records in one transaction: records whose id exists are skipped or replaced
	 * (`planRestore`), a screenshot file goes with its evidence record. Screenshots of new evidence records
	 * are written ahead in batches (`onProgress` counts them) and deleted again if the records' transaction
	 * fails or refuses. Settings are restored only when replacing or when none are stored yet.
	 */
	restore(data: StoreRecords, mode: RestoreMode, onProgress?: (p: WriteProgress) => void): Promise<RestoreResult>;
	/** What `restore` would do now, written nowhere: to show which stored records are newer than the file's before replacing them. */
	plan(data: StoreRecords, mode: RestoreMode): Promise<RestorePlan>;
}

/** Small app bookkeeping values (e.g. the time of the last backup). */
export interface MetaRepository {
	get(key: string): Promise<unknown>;
	put(key: string, value: unknown): Promise<void>;
}

export interface SettingsRepository {
	/** Defaults when nothing has been saved yet. */
	get(): Promise<Settings>;
	put(settings: Settings): Promise<Settings>;
}

export interface Repositories {
	campaigns: CampaignRepository;
	targets: TargetRepository;
	findings: FindingRepository;
	evidence: EvidenceRepository;
	frameworks: FrameworkRepository;
	rectifications: RectificationRepository;
	annualReports: AnnualReportRepository;
	backup: BackupRepository;
	meta: MetaRepository;
	settings: SettingsRepository;
}
