/**
 * What a work package and its return hold (issue 16, point 3), from a campaign's records as a backup exports them.
 * The lead writes one package per assessor: the campaign, the assessor's targets with their findings, evidence and
 * history, and the base (the findings as written). The assessor's return carries only what changed since the base,
 * so the lead's three-way merge reads the return and its base alone.
 */
import { emptyBackupData, type BackupData } from '../backup/format';
import type { Campaign } from '../campaign';
import { compareZh } from '../results/shared';
import type { Target } from '../target';
import type { PackageBase, PackageInfo, PackageRole, ReturnInfo } from './schema';

/** What the lead chose for one package; the rest of its `PackageInfo` comes from the campaign. */
export interface PackageOrder {
	packageId: string;
	assessor: string;
	role: PackageRole;
	blind: boolean;
	targetIds: string[];
	items?: PackageInfo['items'];
	issuedAt: string;
	issuedBy: string;
}

export function packageInfo(campaign: Pick<Campaign, 'id' | 'title' | 'framework'>, order: PackageOrder): PackageInfo {
	return {
		packageId: order.packageId,
		campaignId: campaign.id,
		campaignTitle: campaign.title,
		frameworkId: campaign.framework.id,
		frameworkVersion: campaign.framework.version,
		assessor: order.assessor,
		role: order.role,
		blind: order.blind,
		targetIds: order.targetIds,
		...(order.items ? { items: order.items } : {}),
		issuedAt: order.issuedAt,
		issuedBy: order.issuedBy
	};
}

/** One package per assessor with assigned targets (by name, targets in list order), and the targets no package takes. */
export interface PackagePlan {
	assessors: { assessor: string; targetIds: string[] }[];
	unassigned: Target[];
}

export function packagePlan(targets: readonly Target[]): PackagePlan {
	const byAssessor = new Map<string, string[]>();
	const unassigned: Target[] = [];
	for (const t of [...targets].sort((a, b) => a.order - b.order)) {
		const who = t.assessor.trim();
		if (who === '') unassigned.push(t);
		else byAssessor.set(who, [...(byAssessor.get(who) ?? []), t.id]);
	}
	const assessors = [...byAssessor].map(([assessor, targetIds]) => ({ assessor, targetIds })).sort((a, b) => compareZh(a.assessor, b.assessor));
	return { assessors, unassigned };
}

/**
 * The records of a package and its base, from the campaign's export: only the package's targets, and of a reviewer's
 * package only the sampled items; a blind reviewer gets no findings, evidence or history at all (the first grades
 * stay hidden) and an empty base. Records keep their revisions, which the return is compared against.
 */
export function packageContent(source: BackupData, info: PackageInfo): { data: BackupData; base: PackageBase } {
	const targetIds = new Set(info.targetIds);
	const items = info.items ? new Set(info.items.map((i) => `${i.targetId} ${i.indicatorId}`)) : null;
	const inPackage = (r: { campaignId: string; targetId: string }) => r.campaignId === info.campaignId && targetIds.has(r.targetId);
	const graded = info.role === 'reviewer' && info.blind ? [] : source.findings.filter((f) => inPackage(f) && (!items || items.has(`${f.targetId} ${f.indicatorId}`)));
	const findingIds = new Set(graded.map((f) => f.id));
	const evidence = source.evidence.filter((e) => findingIds.has(e.findingId));
	const evidenceIds = new Set(evidence.map((e) => e.id));
	const data: BackupData = {
		...emptyBackupData(),
		campaigns: source.campaigns.filter((c) => c.id === info.campaignId),
		targets: source.targets.filter((t) => t.campaignId === info.campaignId && targetIds.has(t.id)),
		findings: graded,
		evidence,
		evidenceFiles: source.evidenceFiles.filter((f) => evidenceIds.has(f.id)),
		findingChanges: source.findingChanges.filter((c) => findingIds.has(c.findingId)),
		// The targets' annual-report data, to grade by (a blind reviewer sees it too: it is the report, not a grade).
		// Returns do not carry it back: the merge is of findings (see "Work packages" in docs/ARCHITECTURE.md).
		annualReports: source.annualReports.filter(inPackage)
	};
	return { data, base: { findings: graded, evidenceIds: evidence.map((e) => e.id) } };
}

/** What the assessor kept of the package opened: its base and the history entries it held. */
export interface ReceivedPackage {
	base: PackageBase;
	packageChangeIds: readonly string[];
}

/**
 * A return: everything changed since the base, so the newest return alone is complete. Findings whose revision
 * differs from the base's or that are new, and the findings new evidence belongs to (a record must find its finding
 * in the file); evidence added since the base with its files; the ids of base evidence removed; the history entries
 * the package did not hold.
 */
export function returnContent(local: BackupData, received: ReceivedPackage, ret: { returnId: string; returnedAt: string }): { data: BackupData; info: ReturnInfo } {
	const baseRevs = new Map(received.base.findings.map((f) => [f.id, f.rev]));
	const baseEvidence = new Set(received.base.evidenceIds);
	const packaged = new Set(received.packageChangeIds);
	const evidence = local.evidence.filter((e) => !baseEvidence.has(e.id));
	const evidenceIds = new Set(evidence.map((e) => e.id));
	const parents = new Set(evidence.map((e) => e.findingId));
	const findings = local.findings.filter((f) => !baseRevs.has(f.id) || baseRevs.get(f.id) !== f.rev || parents.has(f.id));
	const kept = new Set(local.evidence.map((e) => e.id));
	const data: BackupData = {
		...emptyBackupData(),
		campaigns: local.campaigns,
		targets: local.targets,
		findings,
		evidence,
		evidenceFiles: local.evidenceFiles.filter((f) => evidenceIds.has(f.id)),
		findingChanges: local.findingChanges.filter((c) => !packaged.has(c.id))
	};
	return { data, info: { returnId: ret.returnId, returnedAt: ret.returnedAt, removedEvidenceIds: received.base.evidenceIds.filter((id) => !kept.has(id)) } };
}

/**
 * Whether anything changed that was not handed back: since the base, or, after a return, since it (every change
 * leaves a history entry; `returnedChangeIds` are those the last return carried). Opening a package again may
 * replace the campaign only when not.
 */
export function hasChangesNotHandedBack(local: BackupData, received: ReceivedPackage, returnedChangeIds?: readonly string[]): boolean {
	if (returnedChangeIds === undefined) return hasChangesSinceBase(local, received);
	const handedBack = new Set([...received.packageChangeIds, ...returnedChangeIds]);
	return local.findingChanges.some((c) => !handedBack.has(c.id));
}

/** Whether anything changed since the base. */
export function hasChangesSinceBase(local: BackupData, received: ReceivedPackage): boolean {
	const { data, info } = returnContent(local, received, { returnId: '', returnedAt: '' });
	return data.findings.length > 0 || data.evidence.length > 0 || data.findingChanges.length > 0 || info.removedEvidenceIds.length > 0;
}
