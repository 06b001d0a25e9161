import { AnnualReport } from '$lib/domain/annual-report/schema';
import { emptyBackupData } from '$lib/domain/backup';
import { Campaign } from '$lib/domain/campaign';
import { Evidence, EvidenceFile } from '$lib/domain/evidence';
import { Finding } from '$lib/domain/finding';
import { FindingChange } from '$lib/domain/finding-history';
import { Framework, type FrameworkInput } from '$lib/domain/framework';
import { Target } from '$lib/domain/target';
import { ReviewGrade } from '$lib/domain/review/schema';
import { IssuedPackage } from '$lib/domain/team/schema';
import type { StoreRecords } from '$lib/storage/repositories';
import { expect } from 'vitest';
import { createIdbRepositories, getDb, StorageError, type Repositories } from '$lib/storage';
import { createMemoryRepositories } from '$lib/storage/memory';

/** Valid records for storage tests, built through the schemas so they carry the stored defaults. */

const now = () => new Date().toISOString();
const meta = () => ({ createdAt: now(), updatedAt: now(), updatedBy: 'tester' });

/** Minimal but complete: one veto section and one deduct section (the built-in JSON is not needed here). */
export function makeFramework(overrides: Partial<FrameworkInput> = {}): Framework {
	return Framework.parse({
		id: 'test-framework',
		version: '1',
		builtIn: false,
		title: { zh: '测试指标体系' },
		source: { title: '测试文件' },
		scoring: {
			model: 'deduction',
			total: 10,
			passMark: 6,
			vetoScore: null,
			naPolicy: 'rescale',
			bonus: null,
			grades: [
				{ id: 'pass', title: { zh: '合格' }, min: 6 },
				{ id: 'fail', title: { zh: '不合格' }, min: 0 }
			]
		},
		categories: [{ id: 'portal', title: { zh: '门户网站' }, bonus: false }],
		sections: [
			{
				id: 'veto',
				code: '一',
				title: { zh: '单项否决' },
				part: 'veto',
				indicators: [{ id: 'veto-1', code: '一.1', title: { zh: '网站不能访问' }, max: 0 }]
			},
			{
				id: 'deduct',
				code: '二',
				title: { zh: '扣分指标' },
				part: 'deduct',
				indicators: [
					{
						id: 'update-1',
						code: '二.1',
						title: { zh: '首页更新' },
						max: 10,
						deductions: [{ id: 'stale', title: { zh: '未更新' }, points: 2, per: 'each' }]
					}
				]
			}
		],
		...meta(),
		...overrides
	});
}

export function makeCampaign(overrides: Partial<Campaign> = {}): Campaign {
	return Campaign.parse({
		id: crypto.randomUUID(),
		title: '2025年第一季度检查',
		framework: makeFramework(),
		monitoringPoint: '2025-03-31',
		...meta(),
		...overrides
	});
}

export function makeTarget(campaignId: string, overrides: Partial<Target> = {}): Target {
	return Target.parse({
		id: crypto.randomUUID(),
		campaignId,
		name: '某某市人民政府',
		categoryId: 'portal',
		url: 'https://www.example.gov.cn/',
		order: 0,
		...meta(),
		...overrides
	});
}

export function makeFinding(target: Pick<Target, 'id' | 'campaignId'>, overrides: Partial<Finding> = {}): Finding {
	return Finding.parse({
		id: crypto.randomUUID(),
		campaignId: target.campaignId,
		targetId: target.id,
		indicatorId: 'update-1',
		outcome: 'fail',
		deductionCounts: { stale: 2 },
		...meta(),
		...overrides
	});
}

export function makeEvidence(
	finding: Pick<Finding, 'id' | 'campaignId' | 'targetId'>,
	overrides: Partial<Evidence> = {}
): Evidence {
	return Evidence.parse({
		id: crypto.randomUUID(),
		campaignId: finding.campaignId,
		targetId: finding.targetId,
		findingId: finding.id,
		kind: 'url',
		url: 'https://www.example.gov.cn/news/1.html',
		observedAt: now(),
		...meta(),
		...overrides
	});
}

/** A history entry of a finding: its outcome set from nothing to what the finding holds. */
export function makeChange(finding: Pick<Finding, 'id' | 'campaignId' | 'targetId' | 'indicatorId' | 'outcome'>, overrides: Partial<FindingChange> = {}): FindingChange {
	return FindingChange.parse({
		id: crypto.randomUUID(),
		campaignId: finding.campaignId,
		targetId: finding.targetId,
		findingId: finding.id,
		indicatorId: finding.indicatorId,
		at: now(),
		by: '张三',
		kind: 'edit',
		rev: '1-a',
		changes: [{ field: 'outcome', from: null, to: finding.outcome }],
		...overrides
	});
}

/** A 2024 annual report of a target (2021 format) with a few numbers. */
export function makeReport(target: Pick<Target, 'id' | 'campaignId'>, overrides: Partial<AnnualReport> = {}): AnnualReport {
	return AnnualReport.parse({
		id: crypto.randomUUID(),
		campaignId: target.campaignId,
		targetId: target.id,
		year: 2024,
		format: '2021',
		cells: { 'requests.new.natural': 40, 'requests.carried-in.natural': 2 },
		...meta(),
		...overrides
	});
}

/** A 1×1 PNG: real image bytes for screenshot evidence. */
export const PNG_1X1 = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
	(c) => c.charCodeAt(0)
);

/** Screenshot evidence with its file; the record's hash and size are those of `bytes`. */
export async function makeImageEvidence(
	finding: Pick<Finding, 'id' | 'campaignId' | 'targetId'>,
	bytes: Uint8Array = PNG_1X1,
	overrides: Partial<Evidence> = {}
): Promise<{ evidence: Evidence; file: EvidenceFile }> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
	const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
	const evidence = makeEvidence(finding, {
		kind: 'image',
		url: undefined,
		text: '首页截图',
		image: { mime: 'image/png', bytes: bytes.length, width: 1, height: 1, sha256, fileName: 'shot.png', thumbnail: 'data:image/jpeg;base64,AAAA' },
		...overrides
	});
	const file = EvidenceFile.parse({ id: evidence.id, campaignId: evidence.campaignId, targetId: evidence.targetId, blob: new Blob([bytes.slice()], { type: 'image/png' }) });
	return { evidence, file };
}

/** Bypasses the type checker on purpose: storage must reject what TypeScript would have caught. */
export function corrupt<T>(record: T, patch: Record<string, unknown>): T {
	return { ...record, ...patch } as T;
}

/** Records for a restore: every store empty unless given. */
export const storeRecords = (patch: Partial<StoreRecords>): StoreRecords => ({ ...emptyBackupData(), ...patch });

/** Every storage contract test runs against both implementations: IndexedDB (fake-indexeddb) and the Maps used by state tests. */
export const REPOSITORY_KINDS: [string, () => Repositories][] = [
	['IndexedDB', () => createIdbRepositories(getDb)],
	['memory', () => createMemoryRepositories()]
];

/** A stored campaign with one stored target. */
export async function seedCampaignTarget(repos: Repositories) {
	const campaign = await repos.campaigns.put(makeCampaign());
	const target = await repos.targets.put(makeTarget(campaign.id));
	return { campaign, target };
}

/** The lead's record of a package written for one assessor with the given targets. */
export function makeIssuedPackage(campaign: Pick<Campaign, 'id' | 'title' | 'framework'>, targetIds: string[], overrides: Partial<IssuedPackage> = {}): IssuedPackage {
	const packageId = crypto.randomUUID();
	return IssuedPackage.parse({
		id: packageId,
		campaignId: campaign.id,
		info: {
			packageId,
			campaignId: campaign.id,
			campaignTitle: campaign.title,
			frameworkId: campaign.framework.id,
			frameworkVersion: campaign.framework.version,
			assessor: '张三',
			role: 'assessor',
			blind: false,
			targetIds,
			issuedAt: now(),
			issuedBy: '组长'
		},
		baseSha256: 'a'.repeat(64),
		...meta(),
		...overrides
	});
}

/** A 复核 item of a stored finding, drawn for the reviewer package `packageId`, not graded a second time yet. */
export function makeReviewGrade(finding: Finding, packageId: string, overrides: Partial<ReviewGrade> = {}): ReviewGrade {
	return ReviewGrade.parse({
		id: crypto.randomUUID(),
		campaignId: finding.campaignId,
		targetId: finding.targetId,
		indicatorId: finding.indicatorId,
		findingId: finding.id,
		packageId,
		reviewer: '赵六',
		assessor: '张三',
		reasons: ['random'],
		first: finding,
		...meta(),
		...overrides
	});
}

/** Waits for `promise` to be refused with a StorageError of `code`. */
export async function refused(promise: Promise<unknown>, code: string): Promise<void> {
	const error = await promise.then(
		() => {
			throw new Error(`expected a '${code}' rejection`);
		},
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(StorageError);
	expect((error as StorageError).code).toBe(code);
}
