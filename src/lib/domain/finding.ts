import { z } from 'zod';
import { RecordId, RecordMeta, Slug } from './common';
import { Rev } from './revision';

export const Outcome = z.enum(['pass', 'fail', 'partial', 'na']);
export type Outcome = z.infer<typeof Outcome>;

/** The key that sets each outcome on the assess page, in the order the buttons show them. */
export const OUTCOME_SHORTCUTS: readonly { outcome: Outcome; key: string }[] = [
	{ outcome: 'pass', key: '1' },
	{ outcome: 'fail', key: '2' },
	{ outcome: 'partial', key: '3' },
	{ outcome: 'na', key: '0' }
];

export const ReviewState = z.enum(['draft', 'confirmed', 'disputed']);
export type ReviewState = z.infer<typeof ReviewState>;

export const Finding = z.object({
	id: RecordId,
	campaignId: RecordId,
	targetId: RecordId,
	indicatorId: Slug,
	/** null: opened but not yet judged (e.g. only a note typed so far). */
	outcome: Outcome.nullable(),
	/** Deduction id → how many times the problem was found. */
	deductionCounts: z.record(Slug, z.int().min(0)).default({}),
	/** Weighted model, `levels` method: the chosen level's id. */
	level: Slug.optional(),
	/** Weighted model, `ratio` method: how many of the required elements are present. */
	ratio: z
		.object({ met: z.int().min(0), of: z.int().positive() })
		.refine((r) => r.met <= r.of, { message: 'met cannot exceed of', path: ['met'] })
		.optional(),
	note: z.string().max(10_000).default(''),
	reviewState: ReviewState.default('draft'),
	reviewComment: z.string().max(2_000).optional(),
	rev: Rev.optional(),
	...RecordMeta.shape
});
export type Finding = z.infer<typeof Finding>;
