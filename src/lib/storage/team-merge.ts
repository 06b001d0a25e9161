import { Evidence, EvidenceFile } from '$lib/domain/evidence';
import { Finding } from '$lib/domain/finding';
import { FindingChange } from '$lib/domain/finding-history';
import { IssuedPackage, mergeChanges, type MergeWrite } from '$lib/domain/team';
import type { NewId } from '$lib/domain/clock';
import { StorageError } from './errors';
import type { TeamMergeRepository } from './repositories';
import { checkBase, revised } from './revisions';
import { readSheet, withFindings, type TargetFindings } from './target-findings';
import { inTransaction, withDb, type DbProvider } from './transactions';
import { validateForWrite, validateRead } from './validate';

/** Every record of the write parsed before the transaction opens: one bad record and nothing is written. */
export function parseMergeWrite(write: MergeWrite): MergeWrite {
	return {
		...write,
		findings: write.findings.map((m, i) => ({ ...m, finding: validateForWrite(Finding, m.finding, `findings[${i}]`) })),
		evidence: write.evidence.map((e, i) => validateForWrite(Evidence, e, `evidence[${i}]`)),
		evidenceFiles: write.evidenceFiles.map((f, i) => validateForWrite(EvidenceFile, f, `evidenceFiles[${i}]`)),
		history: write.history.map((c, i) => validateForWrite(FindingChange, c, `findingChanges[${i}]`)),
		issued: validateForWrite(IssuedPackage, write.issued, 'issuedPackage')
	};
}

/** Evidence can only be added to a finding its target holds once the merge's findings are in. */
export function requireParents(sheets: Map<string, TargetFindings | undefined>, evidence: Evidence[]): void {
	for (const e of evidence) {
		if (!sheets.get(e.targetId)?.findings.some((f) => f.id === e.findingId)) throw new StorageError('not-found', { record: `findings/${e.findingId}`, text: `evidence/${e.id}: findings/${e.findingId} of targets/${e.targetId}` });
	}
}

/**
 * A return merged in one transaction: the findings (each compare-and-set against the revision it was planned from,
 * so a record changed since the preview refuses the whole merge as 'stale' and the plan is made again) with their
 * 'merge' entries, the evidence added with its files, the evidence removed, the return's history entries and the
 * issued package that now lists the file.
 */
export function teamMergeRepository(getDb: DbProvider, newId: NewId): TeamMergeRepository {
	return {
		readLocal: (campaignId, packageId, targetIds) =>
			withDb(getDb, async (db) => {
				const tx = db.transaction(['issuedPackages', 'targetFindings', 'evidence', 'findingChanges'], 'readonly');
				const [issued, sheets, evidence, history] = await Promise.all([
					tx.objectStore('issuedPackages').get(packageId),
					Promise.all(targetIds.map((id) => readSheet(tx.objectStore('targetFindings'), [campaignId, id]))),
					Promise.all(targetIds.map((id) => tx.objectStore('evidence').index('campaignTarget').getAll([campaignId, id]))),
					Promise.all(targetIds.map((id) => tx.objectStore('findingChanges').index('campaignTarget').getAll([campaignId, id])))
				]);
				return {
					issued: issued === undefined ? undefined : validateRead(IssuedPackage, issued, 'issuedPackages', packageId),
					findings: sheets.flatMap((s) => s?.findings ?? []),
					evidence: evidence.flat().map((e) => validateRead(Evidence, e, 'evidence')),
					history: history.flat().map((c) => validateRead(FindingChange, c, 'findingChanges'))
				};
			}),
		async apply(input) {
			const write = parseMergeWrite(input);
			return withDb(getDb, (db) =>
				inTransaction(db, ['targets', 'targetFindings', 'evidence', 'evidenceFiles', 'findingChanges', 'issuedPackages'], async (tx) => {
					const sheetStore = tx.objectStore('targetFindings');
					const targetIds = [...new Set([...write.findings.map((m) => m.finding.targetId), ...write.evidence.map((e) => e.targetId)])];
					const [targets, sheetList, issued, newEvidence] = await Promise.all([
						Promise.all(targetIds.map((id) => tx.objectStore('targets').get(id))),
						Promise.all(targetIds.map((id) => readSheet(sheetStore, [write.campaignId, id]))),
						tx.objectStore('issuedPackages').get(write.issued.id),
						Promise.all(write.evidence.map((e) => tx.objectStore('evidence').getKey(e.id)))
					]);
					targets.forEach((t, i) => {
						if (!t || t.campaignId !== write.campaignId) throw new StorageError('not-found', { record: `targets/${targetIds[i]}` });
					});
					checkBase(issued, write.issued, `issuedPackages/${write.issued.id}`);
					newEvidence.forEach((key, i) => checkBase(key === undefined ? undefined : {}, write.evidence[i]!, `evidence/${write.evidence[i]!.id}`));
					const sheets = new Map(targetIds.map((id, i) => [id, sheetList[i]]));
					const entries: FindingChange[] = [...write.history];
					const changed: TargetFindings[] = [];
					for (const id of targetIds) {
						const merged = write.findings.filter((m) => m.finding.targetId === id);
						if (merged.length === 0) continue;
						const sheet = sheets.get(id);
						const stored = merged.map((m) => {
							checkBase(sheet?.findings.find((f) => f.id === m.finding.id), m.finding, `findings/${m.finding.id}`);
							const written = revised(m.finding, newId) as Finding & { rev: string };
							entries.push(...mergeChanges(m, written, newId));
							return written;
						});
						const next = withFindings(sheet, stored);
						sheets.set(id, next);
						changed.push(next);
					}
					requireParents(sheets, write.evidence);
					const changes = tx.objectStore('findingChanges');
					await Promise.all([
						...changed.map((s) => sheetStore.put(s)),
						...write.evidence.map((e) => tx.objectStore('evidence').put(revised(e, newId))),
						...write.evidenceFiles.map((f) => tx.objectStore('evidenceFiles').put(f)),
						...write.removeEvidence.flatMap((id) => [tx.objectStore('evidence').delete(id), tx.objectStore('evidenceFiles').delete(id)]),
						...entries.map((c) => changes.add(c)),
						tx.objectStore('issuedPackages').put(revised(write.issued, newId))
					]);
				})
			);
		}
	};
}
