import { describe, expect, it } from 'vitest';
import {
	BACKUP_STORES,
	BackupManifest,
	MAX_PROBLEMS,
	frameworkVersionKey,
	planRestore,
	recordsToWrite,
	validateBackupData,
	type BackupData,
	type ExistingRecords,
	type RawBackupData
} from '$lib/domain/backup';
import { Rectification } from '$lib/domain/rectification';
import { ReviewGrade } from '$lib/domain/review/schema';
import { Settings } from '$lib/domain/settings';
import { makeCampaign, makeChange, makeEvidence, makeFinding, makeFramework, makeIssuedPackage, makeReport, makeReviewGrade, makeTarget } from './storage/fixtures';

const T = '2025-04-01T08:00:00.000Z';

function makeRectification(target: { id: string; campaignId: string }, overrides: Record<string, unknown> = {}): Rectification {
	return Rectification.parse({
		id: crypto.randomUUID(),
		campaignId: target.campaignId,
		targetId: target.id,
		indicatorId: 'update-1',
		deductionId: 'stale',
		seq: 1,
		description: '首页长期未更新',
		pointsLost: 4,
		veto: false,
		status: 'open',
		createdAt: T,
		updatedAt: T,
		updatedBy: 'tester',
		...overrides
	});
}

/** Two campaigns, each with a target, a finding, evidence and a rectification; the first with a package issued and a 复核 item. */
export function sampleData(): BackupData {
	const fw = makeFramework();
	const c1 = makeCampaign();
	const c2 = makeCampaign({ title: '复查' });
	const t1 = makeTarget(c1.id);
	const t2 = makeTarget(c2.id, { name: '某某县人民政府' });
	const f1 = makeFinding(t1);
	const f2 = makeFinding(t2, { outcome: 'pass', deductionCounts: {} });
	const issued = makeIssuedPackage(c1, [t1.id]);
	return {
		frameworks: [fw],
		frameworkVersions: [fw, makeFramework({ version: '2' })],
		campaigns: [c1, c2],
		targets: [t1, t2],
		findings: [f1, f2],
		evidence: [makeEvidence(f1), makeEvidence(f2, { kind: 'text', url: undefined, text: '截图说明' })],
		findingChanges: [makeChange(f1), makeChange(f2)],
		rectifications: [makeRectification(t1)],
		annualReports: [makeReport(t1)],
		issuedPackages: [issued],
		reviewGrades: [makeReviewGrade(f1, issued.id, { second: { ...f1, outcome: 'pass', deductionCounts: {} } })],
		evidenceFiles: [],
		settings: Settings.parse({ assessorName: '张三' })
	};
}

const raw = (data: BackupData): RawBackupData => JSON.parse(JSON.stringify(data)) as RawBackupData;

function problemsOf(input: RawBackupData) {
	const result = validateBackupData(input);
	if (result.ok) throw new Error('expected the backup to be refused');
	return result.problems;
}

describe('validateBackupData', () => {
	it('accepts consistent data and returns it parsed', () => {
		const data = sampleData();
		const result = validateBackupData(raw(data));
		const { evidenceFiles: _files, ...records } = data;
		expect(result).toEqual({ ok: true, data: records });
	});

	it('accepts empty stores and null settings', () => {
		const empty = Object.fromEntries([...BACKUP_STORES.map((s) => [s, []]), ['settings', null]]) as RawBackupData;
		expect(validateBackupData(empty)).toEqual({ ok: true, data: empty });
	});

	it('refuses a store that is not an array', () => {
		const input = { ...raw(sampleData()), targets: { a: 1 } };
		expect(problemsOf(input)).toContainEqual(expect.objectContaining({ code: 'backup.error.notArray', store: 'targets', params: { store: 'targets' } }));
	});

	it('names store, index, id and field path of a record failing its schema', () => {
		const input = raw(sampleData());
		const targets = input.targets as Record<string, unknown>[];
		targets[1] = { ...targets[1], url: 'javascript:alert(1)' };
		const id = targets[1]!.id as string;
		const problems = problemsOf(input);
		expect(problems).toEqual([
			expect.objectContaining({ code: 'backup.error.record', store: 'targets', index: 1, id, path: 'url', params: expect.objectContaining({ store: 'targets', n: 2, id, path: 'url' }) })
		]);
	});

	it('reports nested paths and the settings file', () => {
		const input = raw(sampleData());
		const campaigns = input.campaigns as { framework: { sections: { indicators: { max: unknown }[] }[] } }[];
		campaigns[0]!.framework.sections[1]!.indicators[0]!.max = 'ten';
		input.settings = { locale: 'fr' };
		const problems = problemsOf(input);
		expect(problems).toContainEqual(expect.objectContaining({ store: 'campaigns', index: 0, path: 'framework.sections.1.indicators.0.max' }));
		expect(problems).toContainEqual(expect.objectContaining({ code: 'backup.error.settings', store: 'settings', path: 'locale' }));
	});

	it('does not cascade: a broken campaign does not make its targets dangling', () => {
		const input = raw(sampleData());
		(input.campaigns as Record<string, unknown>[])[0]!.title = '';
		const problems = problemsOf(input);
		expect(problems.map((p) => p.code)).toEqual(['backup.error.record']);
	});

	it('caps the number of problems with a final "and N more"', () => {
		const input = raw(sampleData());
		input.targets = Array.from({ length: 80 }, () => ({ id: crypto.randomUUID() }));
		Object.assign(input, { findings: [], evidence: [], findingChanges: [], rectifications: [], annualReports: [], issuedPackages: [], reviewGrades: [] });
		const problems = problemsOf(input);
		expect(problems).toHaveLength(MAX_PROBLEMS);
		const last = problems.at(-1)!;
		expect(last.code).toBe('backup.error.more');
		// 80 records × 3 issues each (first 3 of many) = 240 problems, 49 listed.
		expect(last.params.count).toBe(240 - (MAX_PROBLEMS - 1));
	});

	it('refuses duplicate ids within a store (frameworkVersions keyed by id and version)', () => {
		const data = sampleData();
		const input = raw({ ...data, targets: [...data.targets, data.targets[0]!], frameworkVersions: [...data.frameworkVersions, data.frameworkVersions[1]!] });
		const problems = problemsOf(input);
		expect(problems).toContainEqual(expect.objectContaining({ code: 'backup.error.duplicateId', store: 'targets', index: 2, id: data.targets[0]!.id, params: expect.objectContaining({ n: 3, firstN: 1 }) }));
		expect(problems).toContainEqual(expect.objectContaining({ code: 'backup.error.duplicateId', store: 'frameworkVersions', index: 2, id: frameworkVersionKey('test-framework', '2') }));
		expect(problems).toHaveLength(2);
	});

	it('refuses a finding whose target is missing', () => {
		const data = sampleData();
		const orphan = makeFinding({ id: crypto.randomUUID(), campaignId: data.campaigns[0]!.id });
		const problems = problemsOf(raw({ ...data, findings: [...data.findings, orphan] }));
		expect(problems).toEqual([
			expect.objectContaining({ code: 'backup.error.missingRef', store: 'findings', index: 2, id: orphan.id, path: 'targetId', params: expect.objectContaining({ ref: orphan.targetId, refStore: 'targets' }) })
		]);
	});

	it('refuses references to missing campaigns and findings', () => {
		const data = sampleData();
		const ghostCampaign = crypto.randomUUID();
		const problems = problemsOf(
			raw({
				...data,
				targets: [...data.targets, makeTarget(ghostCampaign)],
				evidence: [...data.evidence, makeEvidence({ id: crypto.randomUUID(), campaignId: data.campaigns[0]!.id, targetId: data.targets[0]!.id })]
			})
		);
		expect(problems.map((p) => [p.code, p.store, p.path])).toEqual([
			['backup.error.missingRef', 'targets', 'campaignId'],
			['backup.error.missingRef', 'evidence', 'findingId']
		]);
	});

	it('refuses a target of another campaign and evidence of another target', () => {
		const data = sampleData();
		const [t1, t2] = data.targets as [BackupData['targets'][0], BackupData['targets'][0]];
		const wrongRect = makeRectification({ id: t2.id, campaignId: t1.campaignId });
		const wrongEvidence = { ...makeEvidence(data.findings[0]!), targetId: t2.id, campaignId: t2.campaignId };
		const problems = problemsOf(raw({ ...data, rectifications: [...data.rectifications, wrongRect], evidence: [...data.evidence, wrongEvidence] }));
		expect(problems.map((p) => [p.code, p.store, p.path])).toEqual([
			['backup.error.refMismatch', 'evidence', 'findingId'],
			['backup.error.refMismatch', 'rectifications', 'targetId']
		]);
	});

	it('refuses two findings for the same target and indicator', () => {
		const data = sampleData();
		const twin = makeFinding(data.targets[0]!);
		const problems = problemsOf(raw({ ...data, findings: [...data.findings, twin] }));
		expect(problems).toEqual([
			expect.objectContaining({ code: 'backup.error.duplicateFinding', id: twin.id, params: expect.objectContaining({ other: data.findings[0]!.id, indicatorId: 'update-1' }) })
		]);
	});

	it('refuses two items for the same problem (target, indicator, problem type)', () => {
		const data = sampleData();
		const twin = makeRectification(data.targets[0]!, { seq: 2 });
		expect(problemsOf(raw({ ...data, rectifications: [...data.rectifications, twin] }))).toEqual([
			expect.objectContaining({ code: 'backup.error.duplicateItem', store: 'rectifications', index: 1, id: twin.id, params: expect.objectContaining({ firstN: 1, deductionId: 'stale' }) })
		]);
		const otherProblem = makeRectification(data.targets[0]!, { seq: 2, deductionId: 'other' });
		expect(validateBackupData(raw({ ...data, rectifications: [...data.rectifications, otherProblem] })).ok).toBe(true);
	});

	it('refuses deep nesting, long text and framework limits before any schema, naming file, path and limit', () => {
		const data = raw(sampleData()) as Record<string, unknown[]>;
		// 1,000 levels of sections in a campaign's framework copy: zod's recursive parse overflowed the stack.
		const campaign = data.campaigns![0] as { framework: { sections: unknown[] } };
		let sections = campaign.framework.sections;
		for (let d = 0; d < 1_000; d++) {
			const s = { id: `s${d}`, code: `9.${d}`, title: { zh: 'x' }, part: 'deduct', indicators: [], sections: [] as unknown[] };
			sections.push(s);
			sections = s.sections;
		}
		expect(problemsOf(data as RawBackupData)).toEqual([
			{ code: 'limit.error.sectionDepth', params: { file: 'data/campaigns.json', path: expect.stringMatching(/^\[0\]\.framework\.sections\[\d\]/), limit: 12 }, store: 'campaigns' }
		]);
		const deep = raw(sampleData()) as Record<string, unknown>;
		deep.findings = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
		deep.targets = [{ note: 'x'.repeat(20_001) }];
		expect(problemsOf(deep as RawBackupData).map((p) => [p.code, p.params.file, p.params.limit])).toEqual([
			['limit.error.string', 'data/targets.json', 20_000],
			['limit.error.depth', 'data/findings.json', 64]
		]);
	});
});

describe('BackupManifest', () => {
	const base = {
		format: 'kaiming-backup',
		formatVersion: 1,
		appVersion: '0.1.0',
		createdAt: T,
		scope: { kind: 'all' },
		counts: Object.fromEntries(BACKUP_STORES.map((s) => [s, 0])),
		entries: [{ path: 'data/targets.json', sha256: 'a'.repeat(64), bytes: 2 }]
	};
	it('accepts both scopes and refuses bad hashes and duplicate entries', () => {
		expect(BackupManifest.safeParse(base).success).toBe(true);
		expect(BackupManifest.safeParse({ ...base, scope: { kind: 'campaign', campaignId: crypto.randomUUID(), title: 'x' } }).success).toBe(true);
		expect(BackupManifest.safeParse({ ...base, scope: { kind: 'campaign', campaignId: 'nope', title: 'x' } }).success).toBe(false);
		expect(BackupManifest.safeParse({ ...base, entries: [{ ...base.entries[0], sha256: 'A'.repeat(64) }] }).success).toBe(false);
		expect(BackupManifest.safeParse({ ...base, entries: [base.entries[0], base.entries[0]] }).success).toBe(false);
		expect(BackupManifest.safeParse({ ...base, counts: { ...base.counts, targets: -1 } }).success).toBe(false);
	});
});

describe('planRestore', () => {
	const none = (): ExistingRecords => ({ ...(Object.fromEntries(BACKUP_STORES.map((s) => [s, []])) as unknown as ExistingRecords), settings: false });
	const stamp = (r: { id: string; updatedAt: string; campaignId?: string }) => ({ id: r.id, updatedAt: r.updatedAt, ...(r.campaignId ? { campaignId: r.campaignId } : {}) });

	it('adds everything into an empty database', () => {
		const data = sampleData();
		const plan = planRestore(data, none(), 'skip');
		expect(plan.totals).toEqual({ add: 17, replace: 0, skip: 0 });
		expect(plan.stores.frameworkVersions.add).toEqual(['test-framework@1', 'test-framework@2']);
		expect(plan.stores.campaigns.add).toEqual(data.campaigns.map((c) => c.id));
		expect(plan.settings).toBe('write');
		expect(plan.problems).toEqual([]);
		expect(recordsToWrite(data, plan)).toEqual({ ...data, settings: undefined });
	});

	function someExisting(data: BackupData): ExistingRecords {
		return {
			...none(),
			campaigns: [stamp(data.campaigns[0]!)],
			findings: [data.findings[1]!],
			frameworkVersions: [{ ...stamp(data.frameworkVersions[0]!), id: 'test-framework@1' }],
			frameworks: [{ id: 'other', updatedAt: T }],
			settings: true
		};
	}

	it("'skip' keeps what the database has", () => {
		const data = sampleData();
		const plan = planRestore(data, someExisting(data), 'skip');
		expect(plan.stores.campaigns).toEqual({ add: [data.campaigns[1]!.id], replace: [], skip: [data.campaigns[0]!.id] });
		expect(plan.stores.findings).toEqual({ add: [data.findings[0]!.id], replace: [], skip: [data.findings[1]!.id] });
		expect(plan.stores.frameworkVersions).toEqual({ add: ['test-framework@2'], replace: [], skip: ['test-framework@1'] });
		expect(plan.totals).toEqual({ add: 14, replace: 0, skip: 3 });
		expect(plan.settings).toBe('keep');
		const written = recordsToWrite(data, plan);
		expect(written.campaigns).toEqual([data.campaigns[1]]);
		expect(written.targets).toEqual(data.targets);
	});

	it("'replace' overwrites what the database has", () => {
		const data = sampleData();
		const plan = planRestore(data, someExisting(data), 'replace');
		expect(plan.stores.campaigns).toEqual({ add: [data.campaigns[1]!.id], replace: [data.campaigns[0]!.id], skip: [] });
		expect(plan.totals).toEqual({ add: 14, replace: 3, skip: 0 });
		expect(plan.settings).toBe('write');
		expect(recordsToWrite(data, plan).campaigns).toEqual(data.campaigns);
	});

	it("'merge' keeps the newer of each stored record (a tie keeps the stored one), settings only when none are stored", () => {
		const data = sampleData();
		const [c1, c2] = data.campaigns;
		const existing = { ...none(), campaigns: [{ id: c1!.id, updatedAt: '2099-01-01T00:00:00.000Z' }, { id: c2!.id, updatedAt: '2000-01-01T00:00:00.000Z' }], targets: [stamp(data.targets[0]!)], settings: true };
		const plan = planRestore(data, existing, 'merge');
		expect(plan.stores.campaigns).toEqual({ add: [], replace: [c2!.id], skip: [c1!.id] });
		expect(plan.stores.targets.skip).toEqual([data.targets[0]!.id]);
		expect(plan.settings).toBe('keep');
		expect(plan.newerLocally).toEqual([]);
	});

	it("lists every record 'replace' would take back to an older version", () => {
		const data = sampleData();
		const later = '2099-01-01T00:00:00.000Z';
		const f = data.findings[0]!;
		const existing = { ...none(), findings: [{ ...f, updatedAt: later }], campaigns: [{ ...stamp(data.campaigns[0]!), updatedAt: later }] };
		expect(planRestore(data, existing, 'replace').newerLocally).toEqual([
			{ store: 'campaigns', key: data.campaigns[0]!.id, localUpdatedAt: later, backupUpdatedAt: data.campaigns[0]!.updatedAt },
			{ store: 'findings', key: f.id, campaignId: f.campaignId, targetId: f.targetId, indicatorId: f.indicatorId, localUpdatedAt: later, backupUpdatedAt: f.updatedAt }
		]);
		expect(planRestore(data, existing, 'skip').newerLocally).toEqual([]);
	});

	it('keeps settings when the file has none', () => {
		expect(planRestore({ ...sampleData(), settings: null }, none(), 'replace').settings).toBe('keep');
	});

	it('settles a finding that clashes with a stored one of another id, and moves the evidence to the survivor', () => {
		const data = sampleData();
		const f = data.findings[0]!;
		const stored = { ...f, id: crypto.randomUUID(), updatedAt: '2000-01-01T00:00:00.000Z' };
		const existing = { ...none(), findings: [stored] };
		const merged = planRestore(data, existing, 'merge');
		expect(merged.problems).toEqual([]);
		expect(merged.conflicts).toEqual([
			{ store: 'findings', campaignId: f.campaignId, targetId: f.targetId, indicatorId: f.indicatorId, backupId: f.id, localId: stored.id, backupUpdatedAt: f.updatedAt, localUpdatedAt: stored.updatedAt, kept: 'backup' }
		]);
		const written = recordsToWrite(data, merged);
		expect(written.findings[0]).toEqual({ ...f, id: stored.id });
		expect(written.evidence[0]!.findingId).toBe(stored.id);
		const kept = planRestore(data, existing, 'skip');
		expect(kept.conflicts[0]!.kept).toBe('local');
		expect(recordsToWrite(data, kept).findings.map((x) => x.id)).toEqual([data.findings[1]!.id]);
		expect(recordsToWrite(data, kept).evidence[0]!.findingId).toBe(stored.id);
		// The same finding already stored under its own id is no clash.
		expect(planRestore(data, { ...none(), findings: [f] }, 'replace').conflicts).toEqual([]);
	});

	it('refuses a target, evidence or item whose id is stored under another campaign', () => {
		const data = sampleData();
		const t = data.targets[0]!;
		const existing = { ...none(), targets: [{ id: t.id, updatedAt: T, campaignId: data.campaigns[1]!.id }] };
		expect(planRestore(data, existing, 'skip').problems).toEqual([
			{ code: 'backup.error.idCollision', params: { store: 'targets', n: 1, id: t.id, campaignId: t.campaignId, otherCampaignId: data.campaigns[1]!.id }, store: 'targets', index: 0, id: t.id }
		]);
	});
});

describe('finding history in a backup', () => {
	const none = (): ExistingRecords => ({ ...(Object.fromEntries(BACKUP_STORES.map((s) => [s, []])) as unknown as ExistingRecords), settings: false });

	it('refuses an entry whose finding in the file is of another target or indicator', () => {
		const data = sampleData();
		const wrong = makeChange({ ...data.findings[0]!, indicatorId: 'update-2' });
		expect(problemsOf(raw({ ...data, findingChanges: [...data.findingChanges, wrong] }))).toEqual([
			expect.objectContaining({ code: 'backup.error.refMismatch', store: 'findingChanges', id: wrong.id, path: 'findingId' })
		]);
	});

	it('restores an entry whose finding is stored, refuses one whose finding is nowhere', () => {
		const data = sampleData();
		const stored = makeFinding(data.targets[0]!, { indicatorId: 'update-2' });
		const elsewhere = makeChange(stored);
		const orphan = makeChange({ ...stored, id: crypto.randomUUID() });
		expect(validateBackupData(raw({ ...data, findingChanges: [elsewhere, orphan] })).ok).toBe(true);
		const plan = planRestore({ ...data, findingChanges: [elsewhere, orphan] }, { ...none(), findings: [stored] }, 'skip');
		expect(plan.problems).toEqual([expect.objectContaining({ code: 'backup.error.missingRef', store: 'findingChanges', id: orphan.id, params: expect.objectContaining({ refStore: 'findings', ref: orphan.findingId }) })]);
	});

	it('adds entries not stored and never replaces one, in every mode', () => {
		const data = sampleData();
		const existing = { ...none(), findingChanges: [{ id: data.findingChanges[0]!.id, updatedAt: T }] };
		for (const mode of ['skip', 'replace', 'merge'] as const) {
			const plan = planRestore(data, existing, mode);
			expect(plan.stores.findingChanges).toEqual({ add: [data.findingChanges[1]!.id], replace: [], skip: [data.findingChanges[0]!.id] });
		}
	});

	it('moves the entries of a finding that clashed with a stored one to the survivor', () => {
		const data = sampleData();
		const local = makeFinding(data.targets[0]!, { updatedAt: '2030-01-01T00:00:00.000Z' });
		const plan = planRestore(data, { ...none(), findings: [local] }, 'merge');
		const written = recordsToWrite(data, plan);
		expect(written.findingChanges.find((c) => c.id === data.findingChanges[0]!.id)?.findingId).toBe(local.id);
		expect(written.findingChanges.find((c) => c.id === data.findingChanges[1]!.id)?.findingId).toBe(data.findings[1]!.id);
	});
});

describe('annual reports in a backup', () => {
	const none = (): ExistingRecords => ({ ...(Object.fromEntries(BACKUP_STORES.map((s) => [s, []])) as unknown as ExistingRecords), settings: false });

	it('refuses a report of a target the file lacks or of another campaign, and two reports of one target and year', () => {
		const data = sampleData();
		const [t1, t2] = [data.targets[0]!, data.targets[1]!];
		const orphan = makeReport({ id: crypto.randomUUID(), campaignId: t1.campaignId });
		const elsewhere = makeReport({ id: t2.id, campaignId: t1.campaignId }, { year: 2023 });
		const twin = makeReport(t1);
		const problems = problemsOf(raw({ ...data, annualReports: [...data.annualReports, orphan, elsewhere, twin] }));
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ code: 'backup.error.missingRef', store: 'annualReports', id: orphan.id, path: 'targetId' }),
				expect.objectContaining({ code: 'backup.error.refMismatch', store: 'annualReports', id: elsewhere.id, path: 'targetId' }),
				expect.objectContaining({ code: 'backup.error.duplicateReport', store: 'annualReports', id: twin.id, params: expect.objectContaining({ year: 2024, firstN: 1 }) })
			])
		);
		expect(problems).toHaveLength(3);
	});

	it('a report of a stored report’s target and year is that report: the newer is kept under the stored id', () => {
		const data = sampleData();
		const incoming = data.annualReports[0]!;
		const stored = { id: crypto.randomUUID(), updatedAt: '2000-01-01T00:00:00.000Z', campaignId: incoming.campaignId, targetId: incoming.targetId, year: incoming.year };
		const plan = planRestore(data, { ...none(), annualReports: [stored] }, 'merge');
		expect(plan.stores.annualReports).toEqual({ add: [], replace: [incoming.id], skip: [] });
		expect(recordsToWrite(data, plan).annualReports).toEqual([{ ...incoming, id: stored.id }]);
		expect(plan.conflicts).toEqual([]);
	});
});

describe('team records in a backup (format 5)', () => {
	const none = (): ExistingRecords => ({ ...(Object.fromEntries(BACKUP_STORES.map((s) => [s, []])) as unknown as ExistingRecords), settings: false });

	it('refuses a row failing its schema, naming the file, the row and the field', () => {
		const input = raw(sampleData());
		const grades = input.reviewGrades as Record<string, unknown>[];
		grades[0] = { ...grades[0], reasons: [] };
		const packages = input.issuedPackages as Record<string, unknown>[];
		packages[0] = { ...packages[0], baseSha256: 'not a digest' };
		const [grade, issued] = [grades[0]!.id as string, packages[0]!.id as string];
		expect(problemsOf(input)).toEqual([
			expect.objectContaining({ code: 'backup.error.record', store: 'issuedPackages', index: 0, id: issued, path: 'baseSha256', params: expect.objectContaining({ store: 'issuedPackages', n: 1, path: 'baseSha256' }) }),
			expect.objectContaining({ code: 'backup.error.record', store: 'reviewGrades', index: 0, id: grade, path: 'reasons', params: expect.objectContaining({ store: 'reviewGrades', n: 1, path: 'reasons' }) })
		]);
	});

	it('refuses a package of a campaign the file lacks, and a 复核 item whose package or target is not in the file', () => {
		const data = sampleData();
		const [t1, f1] = [data.targets[0]!, data.findings[0]!];
		const orphan = makeIssuedPackage(makeCampaign(), [t1.id]);
		const noPackage = makeReviewGrade(f1, crypto.randomUUID());
		const elsewhere = makeReviewGrade({ ...f1, targetId: data.targets[1]!.id }, data.issuedPackages[0]!.id);
		const problems = problemsOf(raw({ ...data, issuedPackages: [...data.issuedPackages, orphan], reviewGrades: [...data.reviewGrades, noPackage, elsewhere] }));
		expect(problems).toEqual([
			expect.objectContaining({ code: 'backup.error.missingRef', store: 'issuedPackages', index: 1, id: orphan.id, path: 'campaignId' }),
			expect.objectContaining({ code: 'backup.error.missingRef', store: 'reviewGrades', index: 1, id: noPackage.id, path: 'packageId', params: expect.objectContaining({ refStore: 'issuedPackages' }) }),
			expect.objectContaining({ code: 'backup.error.refMismatch', store: 'reviewGrades', index: 2, id: elsewhere.id, path: 'targetId' })
		]);
	});

	it('adds, skips, replaces or keeps the newer like every other store', () => {
		const data = sampleData();
		const [issued, grade] = [data.issuedPackages[0]!, data.reviewGrades[0]!];
		const older = { ...none(), issuedPackages: [{ id: issued.id, updatedAt: '2000-01-01T00:00:00.000Z', campaignId: issued.campaignId }], reviewGrades: [{ id: grade.id, updatedAt: '2099-01-01T00:00:00.000Z', campaignId: grade.campaignId }] };
		expect(planRestore(data, none(), 'skip').stores).toMatchObject({ issuedPackages: { add: [issued.id] }, reviewGrades: { add: [grade.id] } });
		expect(planRestore(data, older, 'skip').stores).toMatchObject({ issuedPackages: { skip: [issued.id] }, reviewGrades: { skip: [grade.id] } });
		expect(planRestore(data, older, 'replace').stores).toMatchObject({ issuedPackages: { replace: [issued.id] }, reviewGrades: { replace: [grade.id] } });
		const merged = planRestore(data, older, 'merge');
		expect(merged.stores).toMatchObject({ issuedPackages: { replace: [issued.id], skip: [] }, reviewGrades: { replace: [], skip: [grade.id] } });
	});

	it('refuses a package or 复核 item whose id is stored under another campaign', () => {
		const data = sampleData();
		const grade = data.reviewGrades[0]!;
		const other = data.campaigns[1]!.id;
		expect(planRestore(data, { ...none(), reviewGrades: [{ id: grade.id, updatedAt: T, campaignId: other }] }, 'merge').problems).toEqual([
			expect.objectContaining({ code: 'backup.error.idCollision', store: 'reviewGrades', id: grade.id, params: expect.objectContaining({ otherCampaignId: other }) })
		]);
	});

	it('a 复核 item of a finding that clashed with a stored one follows the survivor, both grades with it', () => {
		const data = sampleData();
		const f = data.findings[0]!;
		const stored = { id: crypto.randomUUID(), updatedAt: T, targetId: f.targetId, indicatorId: f.indicatorId };
		const [written] = recordsToWrite(data, planRestore(data, { ...none(), findings: [stored] }, 'merge')).reviewGrades;
		expect([written!.findingId, written!.first.id, written!.second!.id]).toEqual([stored.id, stored.id, stored.id]);
		expect(ReviewGrade.safeParse(written).success).toBe(true);
	});
});
