/**
 * A reviewer's return (issue 16 point 5): the blind second grades of a 复核 sample. It is not merged into the
 * findings: each sampled item's returned finding becomes its ReviewGrade's `second`, and the findings stay the
 * first grader's until the lead rules on a disagreement. The checks are those of an assessor's return (domain/team/
 * merge.ts), except that the reviewer is, by design, not the targets' assessor.
 */
import type { BackupScope } from '../backup/format';
import type { Campaign } from '../campaign';
import type { Finding } from '../finding';
import { withoutRev } from '../revision';
import type { IssuedPackage } from '../team/schema';
import { PACKAGE_BASE_PATH, PackageBase } from '../team/schema';
import type { ReviewGrade } from './schema';

/** What of a return file this needs (domain/team's ReturnFile has it). */
export interface ReviewReturnFile {
	name: string;
	sha256: string;
	scope: BackupScope;
	team: Record<string, { value: unknown; sha256: string }>;
	findings: Finding[];
}

export type ReviewRefusal = { code: 'notReturn' | 'otherCampaign' | 'otherFramework' | 'notIssued' | 'altered' | 'outsidePackage'; params: Record<string, string> };

export interface ReviewReturnPlan {
	/** The items given a second grade (or a newer one), ready to store with `issued`. */
	grades: ReviewGrade[];
	/** The package record listing this file, so the same file again changes nothing. */
	issued: IssuedPackage;
	/** Sampled items the reviewer left ungraded. */
	ungraded: number;
}

export type ReviewReturnResult = { kind: 'plan'; plan: ReviewReturnPlan } | { kind: 'alreadyMerged' } | { kind: 'refused'; refusal: ReviewRefusal };

/** Whether a file is a reviewer's return: it goes to `planReviewReturn`, not to the merge. */
export function isReviewReturn(scope: BackupScope): boolean {
	return scope.kind === 'return' && scope.package.role === 'reviewer';
}

/**
 * The second grades a reviewer's return brings: every sampled item of the package the reviewer graded (an outcome
 * recorded), as the item's finding (the lead's id, so both grades are of the same finding). An item already ruled on
 * keeps the grades it was ruled on. `stamp` is the return's arrival.
 */
export function planReviewReturn(file: ReviewReturnFile, local: { campaign: Campaign; issued: IssuedPackage | undefined; grades: readonly ReviewGrade[] }, stamp: { at: string; by: string }): ReviewReturnResult {
	const refuse = (code: ReviewRefusal['code'], params: Record<string, string> = {}): ReviewReturnResult => ({ kind: 'refused', refusal: { code, params: { file: file.name, ...params } } });
	const { scope } = file;
	if (scope.kind !== 'return' || scope.package.role !== 'reviewer') return refuse('notReturn');
	const info = scope.package;
	const { campaign, issued } = local;
	if (info.campaignId !== campaign.id) return refuse('otherCampaign', { campaign: info.campaignTitle });
	if (info.frameworkId !== campaign.framework.id || info.frameworkVersion !== campaign.framework.version)
		return refuse('otherFramework', { version: `${info.frameworkId} ${info.frameworkVersion}`, expected: `${campaign.framework.id} ${campaign.framework.version}` });
	if (!issued || issued.campaignId !== campaign.id || issued.baseJson !== undefined || issued.info.role !== 'reviewer') return refuse('notIssued');
	if (issued.mergedReturns.includes(file.sha256)) return { kind: 'alreadyMerged' };
	const baseFile = file.team[PACKAGE_BASE_PATH];
	const sameSample = JSON.stringify(info.items ?? []) === JSON.stringify(issued.info.items ?? []) && info.assessor === issued.info.assessor;
	if (!baseFile || baseFile.sha256 !== issued.baseSha256 || !PackageBase.safeParse(baseFile.value).success || !sameSample) return refuse('altered');
	const sampled = new Set((issued.info.items ?? []).map((i) => `${i.targetId}|${i.indicatorId}`));
	if (file.findings.some((f) => f.campaignId !== campaign.id || !sampled.has(`${f.targetId}|${f.indicatorId}`))) return refuse('outsidePackage');

	const returned = new Map(file.findings.filter((f) => f.outcome !== null).map((f) => [`${f.targetId}|${f.indicatorId}`, f]));
	const grades: ReviewGrade[] = [];
	let ungraded = 0;
	for (const g of local.grades) {
		if (g.packageId !== issued.id) continue;
		const second = returned.get(`${g.targetId}|${g.indicatorId}`);
		if (!second) ungraded++;
		if (!second || g.adjudication) continue;
		const next = { ...(withoutRev(second) as Finding), id: g.findingId };
		if (g.second && JSON.stringify(g.second) === JSON.stringify(next)) continue;
		grades.push({ ...g, second: next, updatedAt: stamp.at, updatedBy: stamp.by });
	}
	return { kind: 'plan', plan: { grades, issued: { ...issued, mergedReturns: [...issued.mergedReturns, file.sha256], lastReturnAt: scope.return.returnedAt }, ungraded } };
}
