/**
 * Merging a return (issue 16 point 4): the lead's three-way merge of an assessor's returned work against the base
 * the package was written from, item by item. Pure: `planReturnMerge` reads the checked return file and the stored
 * records of its targets and says what would be applied and what conflicts; `resolveReturnMerge` turns the lead's
 * choices into the one write storage makes. Nothing here is written anywhere.
 */
import type { BackupScope } from '../backup/format';
import type { Campaign } from '../campaign';
import type { Evidence, EvidenceFile } from '../evidence';
import { type Finding } from '../finding';
import { valueProblems } from '../finding-edit';
import { listIndicators, type Framework } from '../framework/schema';
import { findingChange, type FindingChange } from '../finding-history';
import { mergeFinding, type FindingConflict } from '../finding-merge';
import { withoutRev } from '../revision';
import type { Target } from '../target';
import { PACKAGE_BASE_PATH, PackageBase, type IssuedPackage, type PackageInfo, type ReturnInfo } from './schema';

/** A return file as `io/backup.ts#readBackup` gave it, with the SHA-256 of the whole file. */
export interface ReturnFile {
	name: string;
	sha256: string;
	scope: BackupScope;
	team: Record<string, { value: unknown; sha256: string }>;
	findings: Finding[];
	evidence: Evidence[];
	evidenceFiles: EvidenceFile[];
	findingChanges: FindingChange[];
}

/** What is stored of the campaign and the return's targets, read before planning. */
export interface LocalRecords {
	campaign: Campaign;
	targets: Target[];
	issued: IssuedPackage | undefined;
	findings: Finding[];
	evidence: Evidence[];
	history: FindingChange[];
}

/** Why a file is not merged: an i18n key (`teamMerge.refused.*`) whose message names the file. */
export interface MergeRefusal {
	code: 'notReturn' | 'otherCampaign' | 'otherFramework' | 'notIssued' | 'altered' | 'unassigned' | 'targetMissing' | 'outsidePackage';
	params: Record<string, string>;
}

/** One target × indicator the return changed. `local` absent: the lead has no finding there yet. */
interface ItemBase {
	key: string;
	targetId: string;
	indicatorId: string;
	local: Finding | undefined;
	returned: Finding;
}
/** Changed on the return side only (or both alike): `result` is written. */
export interface AppliedItem extends ItemBase {
	kind: 'apply';
	result: Finding;
}
/** Changed differently on both sides: the lead chooses. `local` keeps, `returned` takes the return's value in the fields listed. */
export interface ConflictItem extends ItemBase {
	kind: 'conflict';
	local: Finding;
	fields: FindingConflict[];
	keepLocal: Finding;
	takeReturned: Finding;
}
export type MergeItem = AppliedItem | ConflictItem;

export interface MergePlan {
	file: { name: string; sha256: string };
	package: PackageInfo;
	returnInfo: ReturnInfo;
	issued: IssuedPackage;
	/** The campaign's framework: a value the lead enters must be one the assess screen could have entered. */
	framework: Framework;
	items: MergeItem[];
	/** Evidence the return added that the local findings do not hold yet, pointing at the local finding. */
	evidenceAdded: Evidence[];
	evidenceFiles: EvidenceFile[];
	/** Stored evidence the return removed. */
	evidenceRemoved: Evidence[];
	/** The return's history entries not stored yet, pointing at the local finding. */
	history: FindingChange[];
}

export type MergePlanResult = { kind: 'plan'; plan: MergePlan } | { kind: 'alreadyMerged'; file: string } | { kind: 'refused'; refusal: MergeRefusal };

const itemKey = (f: Pick<Finding, 'targetId' | 'indicatorId'>) => `${f.targetId}|${f.indicatorId}`;

/** What makes two pieces of evidence the same: a screenshot's bytes, a URL, an excerpt. */
export function evidenceContent(e: Evidence): string {
	if (e.kind === 'image') return `image:${e.image?.sha256}`;
	return e.kind === 'url' ? `url:${e.url}` : `text:${e.text.trim()}`;
}

function refuse(code: MergeRefusal['code'], file: string, params: Record<string, string> = {}): MergePlanResult {
	return { kind: 'refused', refusal: { code, params: { file, ...params } } };
}

/** The checks before any record of the file is looked at; the package base when they pass. */
function checkReturn(file: ReturnFile, local: LocalRecords): { scope: Extract<BackupScope, { kind: 'return' }>; issued: IssuedPackage; base: PackageBase } | MergePlanResult {
	const { name } = file;
	const scope = file.scope;
	if (scope.kind !== 'return') return refuse('notReturn', name);
	const info = scope.package;
	const { campaign, issued } = local;
	if (info.campaignId !== campaign.id) return refuse('otherCampaign', name, { campaign: info.campaignTitle });
	if (info.frameworkId !== campaign.framework.id || info.frameworkVersion !== campaign.framework.version)
		return refuse('otherFramework', name, { version: `${info.frameworkId} ${info.frameworkVersion}`, expected: `${campaign.framework.id} ${campaign.framework.version}` });
	// A package opened here (the assessor's copy, with its base text) was not issued here.
	if (!issued || issued.campaignId !== campaign.id || issued.baseJson !== undefined) return refuse('notIssued', name);
	if (issued.mergedReturns.includes(file.sha256)) return { kind: 'alreadyMerged', file: name };
	const baseFile = file.team[PACKAGE_BASE_PATH];
	const base = PackageBase.safeParse(baseFile?.value);
	const samePackage = info.assessor === issued.info.assessor && info.role === issued.info.role && info.targetIds.join() === issued.info.targetIds.join();
	if (!baseFile || baseFile.sha256 !== issued.baseSha256 || !base.success || !samePackage) return refuse('altered', name);
	const targets = new Map(local.targets.map((t) => [t.id, t]));
	for (const id of info.targetIds) {
		const target = targets.get(id);
		if (!target) return refuse('targetMissing', name);
		if (target.assessor.trim() !== info.assessor.trim()) return refuse('unassigned', name, { assessor: info.assessor, target: target.name });
	}
	const inPackage = new Set(info.targetIds);
	const records = [...file.findings, ...file.evidence, ...file.evidenceFiles, ...file.findingChanges];
	if (records.some((r) => r.campaignId !== campaign.id || !inPackage.has(r.targetId))) return refuse('outsidePackage', name);
	return { scope, issued, base: base.data };
}

/** A finding with one history entry undone: its graded fields as they were before that write. */
function undo(f: Finding, entry: FindingChange): Finding {
	const out: Finding = { ...f, deductionCounts: { ...f.deductionCounts } };
	for (const c of entry.changes) {
		if (c.field === 'outcome') out.outcome = c.from;
		else if (c.field === 'note') out.note = c.from;
		else if (c.field === 'level') out.level = c.from ?? undefined;
		else if (c.field === 'ratio') out.ratio = c.from ?? undefined;
		else if (c.field === 'deductionCounts') {
			if (c.from === 0) delete out.deductionCounts[c.deductionId];
			else out.deductionCounts[c.deductionId] = c.from;
		}
	}
	return out;
}

/** The return's history entries of each finding (edits only) by the revision each wrote; the later entry of a revision wins. */
function editsByFinding(entries: readonly FindingChange[]): Map<string, Map<string, FindingChange>> {
	const out = new Map<string, Map<string, FindingChange>>();
	for (const e of entries) {
		if (e.kind === 'evidence' || e.rev === undefined) continue;
		let byRev = out.get(e.findingId);
		if (!byRev) out.set(e.findingId, (byRev = new Map()));
		byRev.set(e.rev, e);
	}
	return out;
}

/**
 * The common ancestor of the returned finding and the local one. Walking the return's own history back from its
 * revision, the newest version the lead already has (merged from an earlier return of the same package) is the
 * ancestor; otherwise the package base. Undefined `returned` result: the returned revision itself is known, so the
 * return holds nothing new for this finding (the same file again, or an older return after a newer one).
 */
function ancestor(returned: Finding, base: Finding | undefined, byRev: ReadonlyMap<string, FindingChange> | undefined, known: Set<string>): { known: true } | { known: false; base: Finding | undefined } {
	let value = returned;
	let rev = returned.rev;
	if (rev !== undefined && known.has(rev)) return { known: true };
	// A revision is undone once: a file whose entries loop back must not walk forever.
	const undone = new Set<string>();
	while (rev !== undefined && !undone.has(rev)) {
		const entry = byRev?.get(rev);
		if (!entry) break;
		undone.add(rev);
		value = undo(value, entry);
		rev = entry.baseRev;
		if (rev !== undefined && known.has(rev)) return { known: false, base: { ...value, rev } };
	}
	return { known: false, base };
}

/** The merge of one returned finding, or null when it brings nothing. */
function planItem(returned: Finding, base: Finding | undefined, local: Finding | undefined): MergeItem | null {
	const about = { key: itemKey(returned), targetId: returned.targetId, indicatorId: returned.indicatorId, returned, local };
	if (!local) return { ...about, kind: 'apply', result: withoutRev(returned) as Finding };
	const merge = mergeFinding(base, returned, local);
	if (merge.conflicts.length > 0) return { ...about, local, kind: 'conflict', fields: merge.conflicts, keepLocal: merge.merged, takeReturned: merge.mine };
	return merge.merged === local ? null : { ...about, kind: 'apply', result: merge.merged };
}

/**
 * What merging a return would do. Refused (with the reason) for a file that is not a return of a package this
 * campaign issued, unchanged, on this framework version, from the assessor its targets are assigned to; a file
 * merged before is `alreadyMerged`.
 */
export function planReturnMerge(file: ReturnFile, local: LocalRecords): MergePlanResult {
	const checked = checkReturn(file, local);
	if ('kind' in checked) return checked;
	const { scope, issued, base } = checked;
	const known = new Set<string>(local.history.flatMap((c) => (c.rev !== undefined ? [c.rev] : [])));
	for (const f of local.findings) if (f.rev !== undefined) known.add(f.rev);
	const localByKey = new Map(local.findings.map((f) => [itemKey(f), f]));
	const baseByKey = new Map(base.findings.map((f) => [itemKey(f), f]));

	// Looked up per finding: a return of 12,000 findings also holds 12,000 entries, and a scan per finding made planning quadratic.
	const edits = editsByFinding(file.findingChanges);
	const items: MergeItem[] = [];
	for (const returned of file.findings) {
		const found = ancestor(returned, baseByKey.get(itemKey(returned)), edits.get(returned.id), known);
		if (found.known) continue;
		const item = planItem(returned, found.base, localByKey.get(itemKey(returned)));
		if (item) items.push(item);
	}

	/** The finding id each returned finding's records belong to here: the local finding of its indicator, if any. */
	const survivor = new Map(file.findings.map((f) => [f.id, localByKey.get(itemKey(f))?.id ?? f.id]));
	const follow = <T extends { findingId: string }>(r: T): T => ({ ...r, findingId: survivor.get(r.findingId) ?? r.findingId });

	const storedChanges = new Set(local.history.map((c) => c.id));
	const history = file.findingChanges.filter((c) => !storedChanges.has(c.id)).map(follow);
	const removedHere = (entries: FindingChange[]) => entries.flatMap((c) => c.changes.flatMap((ch) => (ch.field === 'evidence' && 'removed' in ch ? [ch.removed.id] : [])));
	const removedIds = new Set([...scope.return.removedEvidenceIds, ...removedHere(file.findingChanges)]);
	const everRemoved = new Set([...removedIds, ...removedHere(local.history)]);

	const baseEvidence = new Set(base.evidenceIds);
	const localEvidence = new Set(local.evidence.map((e) => e.id));
	const held = new Set(local.evidence.filter((e) => !removedIds.has(e.id)).map((e) => `${e.findingId}|${evidenceContent(e)}`));
	const evidenceAdded: Evidence[] = [];
	for (const e of file.evidence) {
		if (baseEvidence.has(e.id) || localEvidence.has(e.id) || everRemoved.has(e.id)) continue;
		const record = follow(withoutRev(e) as Evidence);
		const content = `${record.findingId}|${evidenceContent(record)}`;
		if (held.has(content)) continue;
		held.add(content);
		evidenceAdded.push(record);
	}
	const addedIds = new Set(evidenceAdded.map((e) => e.id));
	return {
		kind: 'plan',
		plan: {
			file: { name: file.name, sha256: file.sha256 },
			package: scope.package,
			returnInfo: scope.return,
			issued,
			framework: local.campaign.framework,
			items,
			evidenceAdded,
			evidenceFiles: file.evidenceFiles.filter((f) => addedIds.has(f.id)),
			evidenceRemoved: local.evidence.filter((e) => removedIds.has(e.id)),
			history
		}
	};
}

/** The graded value the lead enters instead of either side. */
export type EnteredValue = Pick<Finding, 'outcome' | 'deductionCounts' | 'level' | 'ratio' | 'note'>;

/**
 * The lead's answer to one conflict; a value of their own needs a reason, and is null while what is typed is not a
 * value yet (a count that is not a whole number…).
 */
export type ConflictChoice = { kind: 'local' } | { kind: 'returned' } | { kind: 'value'; value: EnteredValue | null; reason: string };

/**
 * A finding the merge writes: based on the stored revision it was planned from; `notChosen` is what its 'merge'
 * history entry shows as replaced. A value the lead entered replaces both versions: the return's is `alsoNotChosen`,
 * with an entry of its own.
 */
export interface MergedFinding {
	finding: Finding;
	notChosen: Finding | undefined;
	alsoNotChosen?: Finding;
	reason?: string;
}

/** Everything one merge writes, in one transaction. */
export interface MergeWrite {
	campaignId: string;
	findings: MergedFinding[];
	evidence: Evidence[];
	evidenceFiles: EvidenceFile[];
	removeEvidence: string[];
	history: FindingChange[];
	/** The issued package with this file in `mergedReturns`. */
	issued: IssuedPackage;
}

export interface MergeStamp {
	at: string;
	by: string;
}

/** The write for a plan and the lead's choices (by item key); the keys of conflicts left without a valid answer when any are. */
export function resolveReturnMerge(plan: MergePlan, choices: ReadonlyMap<string, ConflictChoice>, stamp: MergeStamp): { ok: true; write: MergeWrite } | { ok: false; unanswered: string[] } {
	const unanswered = plan.items.filter((i) => i.kind === 'conflict' && !answersConflict(plan, i, choices.get(i.key)));
	if (unanswered.length > 0) return { ok: false, unanswered: unanswered.map((i) => i.key) };
	const stamped = (f: Finding): Finding => ({ ...f, updatedAt: stamp.at, updatedBy: stamp.by });
	const findings = plan.items.map((item): MergedFinding => {
		if (item.kind === 'apply') return { finding: stamped(item.result), notChosen: item.local };
		const choice = choices.get(item.key)!;
		if (choice.kind === 'local') return { finding: stamped(item.keepLocal), notChosen: item.returned };
		if (choice.kind === 'returned') return { finding: stamped(item.takeReturned), notChosen: item.local };
		return { finding: stamped({ ...item.keepLocal, ...choice.value! }), notChosen: item.local, alsoNotChosen: item.returned, reason: choice.reason.trim() };
	});
	const returnedAt = plan.returnInfo.returnedAt;
	const last = plan.issued.lastReturnAt !== undefined && Date.parse(plan.issued.lastReturnAt) > Date.parse(returnedAt) ? plan.issued.lastReturnAt : returnedAt;
	const issued: IssuedPackage = { ...plan.issued, mergedReturns: [...plan.issued.mergedReturns, plan.file.sha256], lastReturnAt: last, updatedAt: stamp.at, updatedBy: stamp.by };
	return {
		ok: true,
		write: {
			campaignId: plan.issued.campaignId,
			findings,
			evidence: plan.evidenceAdded,
			evidenceFiles: plan.evidenceFiles,
			removeEvidence: plan.evidenceRemoved.map((e) => e.id),
			history: plan.history,
			issued
		}
	};
}

/** Whether a choice answers a conflict: a value of the lead's own needs a reason and must be one the assess screen allows. */
export function answersConflict(plan: MergePlan, item: ConflictItem, choice: ConflictChoice | undefined): boolean {
	if (!choice) return false;
	if (choice.kind !== 'value') return true;
	if (choice.value === null || choice.reason.trim() === '') return false;
	const entry = listIndicators(plan.framework).find((e) => e.indicator.id === item.indicatorId);
	return entry !== undefined && valueProblems(choice.value, entry.indicator, entry.section.part, plan.framework.scoring).length === 0;
}

/**
 * The 'merge' history entries of a merged finding as stored: by the lead, from the version not chosen to the value
 * written, with the lead's reason; based on the stored revision the merge replaced. A value the lead entered has
 * two, one from each version it replaced. None for a version that grades alike.
 */
export function mergeChanges(merged: MergedFinding, stored: Finding & { rev: string }, newId: () => string): FindingChange[] {
	const replaced = merged.alsoNotChosen ? [merged.notChosen, merged.alsoNotChosen] : [merged.notChosen];
	return replaced.flatMap((notChosen) => {
		const entry = findingChange(notChosen, stored, newId(), 'merge', merged.reason);
		if (!entry) return [];
		const { baseRev: _notChosenRev, ...rest } = entry;
		return [merged.finding.rev !== undefined ? { ...rest, baseRev: merged.finding.rev } : rest];
	});
}
