import { z } from 'zod';
import { RecordId, Slug } from '../common';

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
