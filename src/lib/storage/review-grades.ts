/**
 * 复核 items (store `reviewGrades`, migration 8): the sample as drawn, the second grades a reviewer's return brings, and
 * the lead's rulings, each write compare-and-set and all or nothing.
 */
import type { NewId } from '$lib/domain/clock';
import { Finding } from '$lib/domain/finding';
import { findingChange } from '$lib/domain/finding-history';
import { ReviewGrade } from '$lib/domain/review/schema';
import { IssuedPackage } from '$lib/domain/team/schema';
import { StorageError } from './errors';
import type { ReviewGradeRepository } from './repositories';
import { checkBase, revised } from './revisions';
import { readSheet, sheetKey, withFindings } from './target-findings';
import { inTransaction, withDb, type DbProvider } from './transactions';
import { validateForWrite, validateRead } from './validate';

/** Sampled order: target, then indicator (code units), so every reader lists the items alike. */
export const byItem = (a: ReviewGrade, b: ReviewGrade) =>
	a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : 0;

export function reviewGrades(getDb: DbProvider, newId: NewId): ReviewGradeRepository {
	return {
		listByCampaign: (campaignId) =>
			withDb(getDb, async (db) => (await db.getAllFromIndex('reviewGrades', 'campaignId', campaignId)).map((r) => validateRead(ReviewGrade, r, 'reviewGrades')).sort(byItem)),
		async putMany(list, issuedPackage) {
			const records = list.map((g, i) => validateForWrite(ReviewGrade, g, `reviewGrades[${i}]`));
			const issued = issuedPackage === undefined ? undefined : validateForWrite(IssuedPackage, issuedPackage, 'issued package');
			if (records.length === 0 && issued === undefined) return [];
			return withDb(getDb, (db) =>
				inTransaction(db, ['targets', 'reviewGrades', 'issuedPackages'], async (tx) => {
					const targetIds = [...new Set(records.map((g) => g.targetId))];
					const [targets, current, storedIssued] = await Promise.all([
						Promise.all(targetIds.map((id) => tx.objectStore('targets').get(id))),
						Promise.all(records.map((g) => tx.objectStore('reviewGrades').get(g.id))),
						issued === undefined ? undefined : tx.objectStore('issuedPackages').get(issued.id)
					]);
					targets.forEach((t, i) => {
						const grade = records.find((g) => g.targetId === targetIds[i])!;
						if (!t || t.campaignId !== grade.campaignId) throw new StorageError('not-found', { record: `targets/${targetIds[i]}` });
					});
					records.forEach((g, i) => checkBase(current[i], g, `reviewGrades/${g.id}`));
					if (issued) checkBase(storedIssued, issued, `issuedPackages/${issued.id}`);
					const stored = records.map((g) => revised(g, newId));
					await Promise.all([...stored.map((g) => tx.objectStore('reviewGrades').put(g)), ...(issued ? [tx.objectStore('issuedPackages').put(revised(issued, newId))] : [])]);
					return stored;
				})
			);
		},
		async putWithFinding(gradeIn, findingIn, reason) {
			const grade = validateForWrite(ReviewGrade, gradeIn, 'review grade');
			const finding = findingIn === null ? null : validateForWrite(Finding, findingIn, 'finding');
			if (!grade.adjudication) throw new StorageError('invalid', { record: `reviewGrades/${grade.id}`, path: 'adjudication', text: 'a ruling needs its adjudication' });
			if (finding && finding.id !== grade.findingId) throw new StorageError('invalid', { record: `findings/${finding.id}`, path: 'id', text: `the ruling is on findings/${grade.findingId}` });
			return withDb(getDb, (db) =>
				inTransaction(db, ['targetFindings', 'findingChanges', 'reviewGrades'], async (tx) => {
					const sheetStore = tx.objectStore('targetFindings');
					const [current, sheet] = await Promise.all([tx.objectStore('reviewGrades').get(grade.id), finding ? readSheet(sheetStore, sheetKey(finding)) : undefined]);
					checkBase(current, grade, `reviewGrades/${grade.id}`);
					const storedGrade = revised(grade, newId);
					if (!finding) {
						await tx.objectStore('reviewGrades').put(storedGrade);
						return { grade: storedGrade, finding: null };
					}
					const before = sheet?.findings.find((f) => f.id === finding.id);
					// The ruling changes a finding the lead has: one that is gone was deleted with its target meanwhile.
					if (!before) throw new StorageError('stale', { record: `findings/${finding.id}` });
					checkBase(before, finding, `findings/${finding.id}`);
					const stored = revised(finding, newId) as Finding & { rev: string };
					const entry = findingChange(before, stored, newId(), 'adjudicate', reason);
					await Promise.all([
						tx.objectStore('reviewGrades').put(storedGrade),
						sheetStore.put(withFindings(sheet, [stored])),
						...(entry ? [tx.objectStore('findingChanges').add(entry)] : [])
					]);
					return { grade: storedGrade, finding: stored };
				})
			);
		}
	};
}
