import { z } from 'zod';
import { RecordId, RecordMeta, Slug, Timestamp } from '../common';
import { Finding } from '../finding';
import { Rev } from '../revision';

/** A seed for the sample's generator: any 32-bit unsigned integer, shown to the lead so the draw can be repeated. */
export const SampleSeed = z.int().min(0).max(0xffff_ffff);

/** What the lead asked for: the random share and the findings taken whatever the draw. */
export const ReviewSampleSpec = z.object({
	seed: SampleSeed,
	/** Share of the graded findings drawn at random, in percent; the count is rounded up (see `sampleSize`). */
	percent: z.number().min(0).max(100),
	/** Every finding of a veto indicator (单项否决). */
	veto: z.boolean().default(false),
	/** Every 不符合 finding. */
	failed: z.boolean().default(false),
	/** Every finding of these targets. */
	targetIds: z.array(RecordId).default([]),
	/** Every finding of these indicators. */
	indicatorIds: z.array(Slug).default([])
});
export type ReviewSampleSpec = z.infer<typeof ReviewSampleSpec>;

/** Why a finding is in the sample; a finding can be in it for several. */
export const SampleReason = z.enum(['random', 'veto', 'failed', 'target', 'indicator']);
export type SampleReason = z.infer<typeof SampleReason>;

export const SampledFinding = z.object({
	findingId: RecordId,
	targetId: RecordId,
	indicatorId: Slug,
	reasons: z.array(SampleReason).min(1)
});
export type SampledFinding = z.infer<typeof SampledFinding>;

/* A 复核 item as stored (store `reviewGrades`); what is done with it is in record.ts. */

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
