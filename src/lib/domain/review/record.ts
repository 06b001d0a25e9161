/**
 * A 复核 item as kept by the lead: one sampled target × indicator with the first grade as it stood when the sample
 * was drawn, the reviewer's blind second grade once their return is imported, and the lead's ruling where the two
 * differ. One record per item, written when the grade comes back and again when it is adjudicated; both grades
 * stay in it whatever the ruling, so agreement is computed on what the two graders said, not on what was kept.
 */
import { z } from 'zod';
import { RecordId, RecordMeta, Slug, Timestamp } from '../common';
import { Finding } from '../finding';
import { gradedChanges } from '../finding-history';
import type { Indicator } from '../framework/schema';
import { Rev } from '../revision';
import { orderedGrade } from './grades';
import type { ReviewedItem } from './report';
import { SampleReason } from './schema';

/** Which grade the lead's ruling keeps: the first, the second, or a value of their own. */
export const AdjudicationChoice = z.enum(['first', 'second', 'new']);
export type AdjudicationChoice = z.infer<typeof AdjudicationChoice>;

export const Adjudication = z
	.object({
		choice: AdjudicationChoice,
		/** Required for a value of the lead's own: a third grade needs a stated ground. */
		reason: z.string().trim().max(2_000).default(''),
		at: Timestamp,
		by: z.string().max(100)
	})
	.refine((a) => a.choice !== 'new' || a.reason.length > 0, { message: 'a new value needs a reason', path: ['reason'] });
export type Adjudication = z.infer<typeof Adjudication>;

export const ReviewGrade = z
	.object({
		id: RecordId,
		campaignId: RecordId,
		targetId: RecordId,
		indicatorId: Slug,
		findingId: RecordId,
		/** The reviewer package the item went out in. */
		packageId: RecordId,
		reviewer: z.string().max(100),
		/** The first grader (the target's assessor when the sample was drawn; '' when unassigned). */
		assessor: z.string().max(100),
		reasons: z.array(SampleReason).min(1),
		/** The first grade, as the finding stood when the sample was drawn. */
		first: Finding,
		/** The reviewer's blind grade; absent until their return is imported. */
		second: Finding.optional(),
		adjudication: Adjudication.optional(),
		rev: Rev.optional(),
		...RecordMeta.shape
	})
	.refine((g) => [g.first, ...(g.second ? [g.second] : [])].every((f) => f.id === g.findingId && f.targetId === g.targetId && f.indicatorId === g.indicatorId), {
		message: 'both grades are of the item’s finding',
		path: ['findingId']
	});
export type ReviewGrade = z.infer<typeof ReviewGrade>;

/** The items with both grades, as the agreement report reads them. */
export function reviewedItems(grades: readonly ReviewGrade[]): ReviewedItem[] {
	return grades.flatMap((g) => (g.second ? [{ targetId: g.targetId, indicatorId: g.indicatorId, assessor: g.assessor, first: g.first, second: g.second }] : []));
}

/**
 * Whether the two grades differ in what scores: the outcome, or the place on the indicator's ordered scale (level,
 * elements met, problems counted). A note worded differently is not a disagreement.
 */
export function gradesDisagree(indicator: Indicator, first: Finding, second: Finding): boolean {
	return first.outcome !== second.outcome || orderedGrade(indicator, first) !== orderedGrade(indicator, second);
}

/** Items graded twice whose grades disagree and that are not ruled on yet: the lead's open disagreements. */
export function openDisagreements(grades: readonly ReviewGrade[], indicatorOf: (id: string) => Indicator | undefined): ReviewGrade[] {
	return grades.filter((g) => {
		const indicator = indicatorOf(g.indicatorId);
		return g.second !== undefined && g.adjudication === undefined && indicator !== undefined && gradesDisagree(indicator, g.first, g.second);
	});
}

/** The graded fields a ruling sets on the finding. */
export type GradedValue = Pick<Finding, 'outcome' | 'deductionCounts' | 'level' | 'ratio'>;

/**
 * The finding after a ruling: `current` (the stored finding, which may have moved on since the sample) with the
 * graded fields of the chosen grade, or of `value` for a value of the lead's own. The note is kept: the reason goes
 * into the history entry. Null when the ruling changes nothing graded.
 */
export function adjudicatedFinding(current: Finding, grade: ReviewGrade, choice: AdjudicationChoice, value?: GradedValue): Finding | null {
	const chosen: GradedValue | undefined = choice === 'first' ? grade.first : choice === 'second' ? grade.second : value;
	if (!chosen) throw new Error(`no ${choice} grade to adopt for ${grade.indicatorId}`);
	const next: Finding = { ...current, outcome: chosen.outcome, deductionCounts: { ...chosen.deductionCounts }, level: chosen.level, ratio: chosen.ratio };
	if (next.level === undefined) delete next.level;
	if (next.ratio === undefined) delete next.ratio;
	return gradedChanges(current, next).length === 0 ? null : next;
}
