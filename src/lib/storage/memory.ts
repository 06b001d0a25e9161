/*
 * Repositories held in Maps, for unit tests of state/ and io/ code (DESIGN §6). They keep the contract of the
 * IndexedDB ones where tests can observe it: every write is parsed by the domain schema and returns the record
 * as stored, the same errors are raised for the same faults (a stale revision included: see `checkBase`), lists
 * come back in the same order, and values are copied in and out so a caller can never change what is "stored" by
 * mutating an object it holds.
 * Not bundled: only tests import it.
 */
import { BACKUP_STORES, planRestore, recordKey, recordsToWrite, restoreReport, type BackupStore, type ExistingRecords, type StoredStamp } from '$lib/domain/backup';
import { AnnualReport } from '$lib/domain/annual-report/schema';
import { Campaign } from '$lib/domain/campaign';
import { Evidence } from '$lib/domain/evidence';
import { Finding } from '$lib/domain/finding';
import { evidenceChange, findingChange, newestFirst, type FindingChange } from '$lib/domain/finding-history';
import { Framework } from '$lib/domain/framework/schema';
import { clashingItem, Rectification } from '$lib/domain/rectification/schema';
import { Settings } from '$lib/domain/settings';
import { Target } from '$lib/domain/target';
import { mergeChanges } from '$lib/domain/team';
import { ReviewGrade } from '$lib/domain/review/schema';
import { IssuedPackage } from '$lib/domain/team/schema';
import type { z } from 'zod';
import { StorageError, toStorageError } from './errors';
import { checkBase, revised } from './revisions';
import { byTargetYear, requireFreeYear } from './annual-reports';
import type { Repositories, StoreRecords } from './repositories';
import { byItem } from './review-grades';
import { parseMergeWrite } from './team-merge';

const byCreatedAt = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
	try {
		return structuredClone(schema.parse(value));
	} catch (e) {
		throw toStorageError(e);
	}
}

/** Rejects like the IndexedDB repositories do: asynchronously, with a StorageError. */
const run = <T>(work: () => T): Promise<T> => {
	try {
		return Promise.resolve(work());
	} catch (e) {
		return Promise.reject(toStorageError(e));
	}
};

const copy = <T>(value: T): T => structuredClone(value);

function counter(): () => string {
	let n = 0;
	return () => String(++n);
}

/**
 * History entry ids are record ids (UUIDs), counted so runs are repeatable, and across every memory database, as
 * random ids would be: two databases of one test (a lead's and an assessor's machine) never give two entries one id.
 */
let changeCount = 0;

/** `newId` makes the id part of each stored revision; counted by default, so runs are repeatable. */
export function createMemoryRepositories(newId: () => string = counter()): Repositories {
	const campaigns = new Map<string, Campaign>();
	const targets = new Map<string, Target>();
	const findings = new Map<string, Finding>();
	const evidence = new Map<string, Evidence>();
	const files = new Map<string, Blob>();
	const frameworks = new Map<string, Framework>();
	const versions = new Map<string, Framework>();
	const rectifications = new Map<string, Rectification>();
	const meta = new Map<string, unknown>();
	const changes = new Map<string, FindingChange>();
	const issued = new Map<string, IssuedPackage>();
	const grades = new Map<string, ReviewGrade>();
	const reports = new Map<string, AnnualReport>();
	let settings: Settings | null = null;
	const changeId = () => `00000000-0000-4000-a000-${String(++changeCount).padStart(12, '0')}`;
	const append = (entry: FindingChange | null) => {
		if (entry) changes.set(entry.id, entry);
	};
	const history = (keep: (c: FindingChange) => boolean) => [...changes.values()].filter(keep).sort(newestFirst).map(copy);
	/** A finding with its history entry: stored together, after every check of the write has passed. */
	const storeFinding = (f: Finding) => {
		append(findingChange(findings.get(f.id), f as Finding & { rev: string }, changeId()));
		findings.set(f.id, f);
	};
	const evidenceAdded = (finding: Finding, e: Evidence) => evidenceChange(finding, e, 'added', { at: e.updatedAt, by: e.updatedBy }, changeId());

	const findingsOf = (campaignId: string, targetId?: string) =>
		[...findings.values()].filter((f) => f.campaignId === campaignId && (targetId === undefined || f.targetId === targetId));

	/** Parsed, checked against its parent and the stored revision, and given the next one: ready to store. */
	function checkFinding(finding: Finding): Finding {
		const f = parse(Finding, finding);
		const target = targets.get(f.targetId);
		if (!target || target.campaignId !== f.campaignId) throw new StorageError('not-found', `targets: ${f.targetId}`);
		const clash = findingsOf(f.campaignId, f.targetId).find((o) => o.indicatorId === f.indicatorId && o.id !== f.id);
		if (clash) throw new StorageError('conflict', `findings: ${f.id} clashes with ${clash.id} on ${f.indicatorId}`);
		checkBase(findings.get(f.id), f, `findings/${f.id}`);
		return revised(f, newId);
	}

	/** Compare-and-set of a batch: every record checked before any is stored (all or nothing); returns copies as stored. */
	function putChecked<T extends { id: string; rev?: string }>(map: Map<string, T>, records: T[], name: string): T[] {
		records.forEach((r) => checkBase(map.get(r.id), r, `${name}/${r.id}`));
		const out = records.map((r) => revised(r, newId));
		for (const r of out) map.set(r.id, r);
		return out.map(copy);
	}

	function removeTarget(id: string) {
		targets.delete(id);
		for (const [k, f] of findings) if (f.targetId === id) findings.delete(k);
		for (const [k, c] of changes) if (c.targetId === id) changes.delete(k);
		for (const [k, g] of grades) if (g.targetId === id) grades.delete(k);
		for (const [k, r] of reports) if (r.targetId === id) reports.delete(k);
		for (const [k, e] of evidence) {
			if (e.targetId !== id) continue;
			evidence.delete(k);
			files.delete(k);
		}
	}

	const stores: { [S in BackupStore]: Map<string, StoreRecords[S][number]> } = {
		frameworks,
		frameworkVersions: versions,
		campaigns,
		targets,
		findings,
		evidence,
		findingChanges: changes,
		rectifications,
		annualReports: reports,
		issuedPackages: issued,
		reviewGrades: grades
	};
	/** What the IndexedDB restore reads (see idb-backup.ts#readExisting): the same, from the maps. */
	const existingFor = (data: StoreRecords): ExistingRecords => {
		const existing = { settings: settings !== null } as ExistingRecords;
		const mutable = existing as unknown as Record<BackupStore, StoredStamp[]>;
		for (const store of BACKUP_STORES) {
			const map = stores[store] as Map<string, StoredStamp>;
			mutable[store] = (data[store] as { id: string; version?: string }[]).flatMap((r) => {
				const stored = map.get(recordKey(store, r));
				return stored ? [{ ...stored, id: recordKey(store, r) }] : [];
			});
		}
		const targets = new Set([...data.findings, ...data.findingChanges].map((f) => f.targetId));
		mutable.findings = [...findings.values()].filter((f) => targets.has(f.targetId));
		const campaigns = new Set(data.rectifications.map((r) => r.campaignId));
		mutable.rectifications = [...new Map([...existing.rectifications, ...[...rectifications.values()].filter((r) => campaigns.has(r.campaignId))].map((r) => [r.id, r])).values()];
		const reportTargets = new Set(data.annualReports.map((r) => `${r.campaignId} ${r.targetId}`));
		mutable.annualReports = [...new Map([...existing.annualReports, ...[...reports.values()].filter((r) => reportTargets.has(`${r.campaignId} ${r.targetId}`))].map((r) => [r.id, r])).values()];
		return existing;
	};

	return {
		campaigns: {
			list: () => run(() => [...campaigns.values()].sort(byCreatedAt).map(copy)),
			get: (id) => run(() => copy(campaigns.get(id))),
			put: (campaign) => run(() => putChecked(campaigns, [parse(Campaign, campaign)], 'campaigns')[0]!),
			putWithFindings: (campaign, list) =>
				run(() => {
					const c = parse(Campaign, campaign);
					checkBase(campaigns.get(c.id), c, `campaigns/${c.id}`);
					const checked = list.map(checkFinding);
					for (const f of checked) storeFinding(f);
					return { campaign: putChecked(campaigns, [c], 'campaigns')[0]!, findings: checked.map(copy) };
				}),
			putWithTargets: (campaign, list) =>
				run(() => {
					const c = parse(Campaign, campaign);
					const checked = list.map((t) => parse(Target, t));
					checkBase(campaigns.get(c.id), c, `campaigns/${c.id}`);
					for (const t of checked) checkBase(targets.get(t.id), t, `targets/${t.id}`);
					putChecked(targets, checked, 'targets');
					return putChecked(campaigns, [c], 'campaigns')[0]!;
				}),
			delete: (id) =>
				run(() => {
					campaigns.delete(id);
					for (const t of [...targets.values()]) if (t.campaignId === id) removeTarget(t.id);
					for (const [k, r] of rectifications) if (r.campaignId === id) rectifications.delete(k);
					for (const [k, c] of changes) if (c.campaignId === id) changes.delete(k);
					for (const [k, p] of issued) if (p.campaignId === id) issued.delete(k);
					for (const [k, g] of grades) if (g.campaignId === id) grades.delete(k);
					for (const [k, r] of reports) if (r.campaignId === id) reports.delete(k);
				})
		},
		targets: {
			listByCampaign: (campaignId) =>
				run(() => [...targets.values()].filter((t) => t.campaignId === campaignId).sort((a, b) => a.order - b.order).map(copy)),
			put: (target) =>
				run(() => {
					const t = parse(Target, target);
					if (!campaigns.has(t.campaignId)) throw new StorageError('not-found', `campaigns: ${t.campaignId}`);
					return putChecked(targets, [t], 'targets')[0]!;
				}),
			putMany: (list) =>
				run(() => {
					const checked = list.map((t) => parse(Target, t));
					for (const t of checked) if (!campaigns.has(t.campaignId)) throw new StorageError('not-found', `campaigns: ${t.campaignId}`);
					return putChecked(targets, checked, 'targets');
				}),
			delete: (id) => run(() => removeTarget(id))
		},
		findings: {
			listByCampaign: (campaignId) => run(() => findingsOf(campaignId).map(copy)),
			readCampaign: (campaignId) =>
				run(() => {
					const byTarget = new Map<string, Finding[]>();
					for (const f of findingsOf(campaignId)) byTarget.set(f.targetId, [...(byTarget.get(f.targetId) ?? []), copy(f)]);
					return { byTarget, invalidTargets: Promise.resolve([]) };
				}),
			listByTarget: (campaignId, targetId) => run(() => findingsOf(campaignId, targetId).map(copy)),
			put: (finding) =>
				run(() => {
					const f = checkFinding(finding);
					storeFinding(f);
					return copy(f);
				}),
			history: (findingId) => run(() => history((c) => c.findingId === findingId)),
			campaignHistory: (campaignId) => run(() => history((c) => c.campaignId === campaignId))
		},
		evidence: {
			listByTarget: (campaignId, targetId) =>
				run(() => [...evidence.values()].filter((e) => e.campaignId === campaignId && e.targetId === targetId).sort(byCreatedAt).map(copy)),
			put: (record) =>
				run(() => {
					const e = parse(Evidence, record);
					const parent = findings.get(e.findingId);
					if (!parent) throw new StorageError('not-found', `findings: ${e.findingId}`);
					const isNew = !evidence.has(e.id);
					const [stored] = putChecked(evidence, [e], 'evidence');
					if (isNew) append(evidenceAdded(parent, e));
					return stored!;
				}),
			delete: (id, stamp) =>
				run(() => {
					const e = evidence.get(id);
					const parent = e && findings.get(e.findingId);
					if (parent) append(evidenceChange(parent, e, 'removed', stamp, changeId()));
					evidence.delete(id);
					files.delete(id);
				}),
			addImage: (finding, record, blob) =>
				run(() => {
					const parsed = parse(Evidence, record);
					const kept = findings.get(finding.id) ?? findingsOf(finding.campaignId, finding.targetId).find((o) => o.indicatorId === finding.indicatorId);
					const f = kept ?? checkFinding(finding);
					const e = { ...parsed, findingId: f.id };
					checkBase(evidence.get(e.id), e, `evidence/${e.id}`);
					const isNew = !evidence.has(e.id);
					if (!kept) storeFinding(f);
					files.set(e.id, blob);
					if (isNew) append(evidenceAdded(f, e));
					return { finding: copy(f), evidence: putChecked(evidence, [e], 'evidence')[0]! };
				}),
			getFiles: (ids) => run(() => new Map(ids.flatMap((id) => (files.has(id) ? [[id, files.get(id)!] as const] : [])))),
			putWithFinding: (finding, record) =>
				run(() => {
					const f = checkFinding(finding);
					const e = parse(Evidence, record);
					checkBase(evidence.get(e.id), e, `evidence/${e.id}`);
					const isNew = !evidence.has(e.id);
					storeFinding(f);
					if (isNew) append(evidenceAdded(f, e));
					return { finding: copy(f), evidence: putChecked(evidence, [e], 'evidence')[0]! };
				})
		},
		frameworks: {
			list: () => run(() => [...frameworks.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(copy)),
			get: (id) => run(() => copy(frameworks.get(id))),
			put: (framework) =>
				run(() => {
					const [fw] = putChecked(frameworks, [parse(Framework, framework)], 'frameworks');
					versions.set(recordKey('frameworkVersions', fw!), copy(fw!));
					return fw!;
				}),
			listVersions: (id) => run(() => [...versions.values()].filter((v) => v.id === id).sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1)).map(copy)),
			delete: (id) =>
				run(() => {
					frameworks.delete(id);
					for (const [k, v] of versions) if (v.id === id) versions.delete(k);
				})
		},
		rectifications: {
			listByCampaign: (campaignId) => run(() => [...rectifications.values()].filter((r) => r.campaignId === campaignId).sort((a, b) => a.seq - b.seq).map(copy)),
			putMany: (items) =>
				run(() => {
					const records = items.map((r) => parse(Rectification, r));
					records.forEach((r) => checkBase(rectifications.get(r.id), r, `rectifications/${r.id}`));
					for (const campaignId of new Set(records.map((r) => r.campaignId))) {
						const stored = [...rectifications.values()].filter((r) => r.campaignId === campaignId);
						const clash = clashingItem(stored, records.filter((r) => r.campaignId === campaignId));
						if (clash) throw new StorageError('conflict', `rectifications: ${clash.item.id} would take the ${clash.on} of ${clash.holder}`);
					}
					return putChecked(rectifications, records, 'rectifications');
				})
		},
		issuedPackages: {
			listByCampaign: (campaignId) => run(() => [...issued.values()].filter((p) => p.campaignId === campaignId).sort(byCreatedAt).map(copy)),
			get: (id) => run(() => copy(issued.get(id))),
			put: (record) =>
				run(() => {
					const p = parse(IssuedPackage, record);
					if (!campaigns.has(p.campaignId)) throw new StorageError('not-found', `campaigns: ${p.campaignId}`);
					return putChecked(issued, [p], 'issuedPackages')[0]!;
				})
		},
		reviewGrades: {
			listByCampaign: (campaignId) => run(() => [...grades.values()].filter((g) => g.campaignId === campaignId).sort(byItem).map(copy)),
			putMany: (list, issuedPackage) =>
				run(() => {
					const records = list.map((g) => parse(ReviewGrade, g));
					const p = issuedPackage === undefined ? undefined : parse(IssuedPackage, issuedPackage);
					const orphan = records.find((g) => targets.get(g.targetId)?.campaignId !== g.campaignId);
					if (orphan) throw new StorageError('not-found', `targets: ${orphan.targetId}`);
					records.forEach((g) => checkBase(grades.get(g.id), g, `reviewGrades/${g.id}`));
					if (p) putChecked(issued, [p], 'issuedPackages');
					return putChecked(grades, records, 'reviewGrades');
				}),
			putWithFinding: (gradeIn, findingIn, reason) =>
				run(() => {
					const grade = parse(ReviewGrade, gradeIn);
					if (!grade.adjudication) throw new StorageError('invalid', `reviewGrades: ${grade.id} has no adjudication`);
					checkBase(grades.get(grade.id), grade, `reviewGrades/${grade.id}`);
					if (findingIn === null) return { grade: putChecked(grades, [grade], 'reviewGrades')[0]!, finding: null };
					const f = parse(Finding, findingIn);
					if (f.id !== grade.findingId) throw new StorageError('invalid', `findings: ${f.id} is not the ruling's`);
					const before = findings.get(f.id);
					if (!before) throw new StorageError('stale', `findings: ${f.id}`);
					checkBase(before, f, `findings/${f.id}`);
					const stored = revised(f, newId) as Finding & { rev: string };
					append(findingChange(before, stored, changeId(), 'adjudicate', reason));
					findings.set(f.id, stored);
					return { grade: putChecked(grades, [grade], 'reviewGrades')[0]!, finding: copy(stored) };
				})
		},
		annualReports: {
			listByCampaign: (campaignId) => run(() => [...reports.values()].filter((r) => r.campaignId === campaignId).sort(byTargetYear).map(copy)),
			listByTarget: (campaignId, targetId) => run(() => [...reports.values()].filter((r) => r.campaignId === campaignId && r.targetId === targetId).sort(byTargetYear).map(copy)),
			get: (id) => run(() => copy(reports.get(id))),
			put: (report) =>
				run(() => {
					const r = parse(AnnualReport, report);
					const target = targets.get(r.targetId);
					if (!target || target.campaignId !== r.campaignId) throw new StorageError('not-found', `targets: ${r.targetId}`);
					requireFreeYear([...reports.values()].find((o) => o.targetId === r.targetId && o.year === r.year)?.id, r);
					return putChecked(reports, [r], 'annualReports')[0]!;
				}),
			delete: (id) => run(() => void reports.delete(id))
		},
		backup: {
			exportAll: (campaignId) =>
				run(() => {
					const inScope = <T extends { campaignId?: string; id: string }>(r: T) => campaignId === undefined || (r.campaignId ?? r.id) === campaignId;
					// A campaign's backup carries its frozen framework inside the campaign, not the library.
					const all = campaignId === undefined;
					return {
						frameworks: all ? [...frameworks.values()].map(copy) : [],
						frameworkVersions: all ? [...versions.values()].map(copy) : [],
						campaigns: [...campaigns.values()].filter((c) => inScope({ id: c.id })).map(copy),
						targets: [...targets.values()].filter(inScope).map(copy),
						findings: [...findings.values()].filter(inScope).map(copy),
						evidence: [...evidence.values()].filter(inScope).map(copy),
						findingChanges: [...changes.values()].filter(inScope).map(copy),
						rectifications: [...rectifications.values()].filter(inScope).map(copy),
						annualReports: [...reports.values()].filter(inScope).map(copy),
						issuedPackages: [...issued.values()].filter(inScope).map(copy),
						reviewGrades: [...grades.values()].filter(inScope).map(copy),
						evidenceFiles: [...evidence.values()].filter((e) => inScope(e) && files.has(e.id)).map((e) => ({ id: e.id, campaignId: e.campaignId, targetId: e.targetId, blob: files.get(e.id)! })),
						settings: all ? copy(settings) : null
					};
				}),
			plan: (data, mode) => run(() => planRestore(data, existingFor(data), mode)),
			restore: (data, mode) =>
				run(() => {
					const plan = planRestore(data, existingFor(data), mode);
					if (plan.problems.length > 0) return { ok: false as const, problems: plan.problems };
					const write = recordsToWrite(data, plan);
					for (const store of BACKUP_STORES) {
						const map = stores[store] as Map<string, { id: string; version?: string }>;
						for (const r of write[store] as { id: string; version?: string }[]) map.set(recordKey(store, r), copy(r));
					}
					for (const f of write.evidenceFiles) files.set(f.id, f.blob);
					if (plan.settings === 'write' && data.settings) settings = copy(data.settings);
					return { ok: true as const, report: restoreReport(plan, write.evidenceFiles.length, data.settings !== null) };
				})
		},
		meta: {
			get: (key) => run(() => copy(meta.get(key))),
			put: (key, value) => run(() => void meta.set(key, copy(value)))
		},
		teamMerge: {
			readLocal: (campaignId, packageId, targetIds) =>
				run(() => {
					const ofTargets = <T extends { campaignId: string; targetId: string }>(r: T) => r.campaignId === campaignId && targetIds.includes(r.targetId);
					return {
						issued: copy(issued.get(packageId)),
						findings: [...findings.values()].filter(ofTargets).map(copy),
						evidence: [...evidence.values()].filter(ofTargets).map(copy),
						history: [...changes.values()].filter(ofTargets).map(copy)
					};
				}),
			apply: (input) =>
				run(() => {
					const write = parseMergeWrite(input);
					// Every check before anything is stored, as the IndexedDB transaction aborts on the first failure.
					checkBase(issued.get(write.issued.id), write.issued, `issuedPackages/${write.issued.id}`);
					for (const e of write.evidence) checkBase(evidence.has(e.id) ? {} : undefined, e, `evidence/${e.id}`);
					const clash = write.history.find((c) => changes.has(c.id));
					if (clash) throw new StorageError('conflict', `findingChanges: ${clash.id} is stored`);
					const stored = write.findings.map((m) => checkFinding(m.finding) as Finding & { rev: string });
					const after = new Set([...findings.keys(), ...stored.map((f) => f.id)]);
					const orphan = write.evidence.find((e) => !after.has(e.findingId) || !targets.has(e.targetId));
					if (orphan) throw new StorageError('not-found', `findings: ${orphan.findingId}`);
					stored.forEach((f, i) => {
						for (const c of mergeChanges(write.findings[i]!, f, changeId)) append(c);
						findings.set(f.id, f);
					});
					for (const c of write.history) changes.set(c.id, copy(c));
					putChecked(evidence, write.evidence, 'evidence');
					for (const f of write.evidenceFiles) files.set(f.id, f.blob);
					for (const id of write.removeEvidence) {
						evidence.delete(id);
						files.delete(id);
					}
					issued.set(write.issued.id, revised(write.issued, newId));
				})
		},
		settings: {
			get: () => run(() => copy(settings ?? Settings.parse({}))),
			put: (next) =>
				run(() => {
					const s = parse(Settings, next);
					checkBase(settings ?? undefined, s, 'meta/settings');
					settings = revised(s, newId);
					return copy(settings);
				})
		}
	};
}
