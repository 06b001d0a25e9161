import { z } from 'zod';
import { RecordId, RecordMeta, Slug } from './common';
import { Rev } from './revision';

export const HttpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname });

export const Target = z.object({
	id: RecordId,
	campaignId: RecordId,
	name: z.string().trim().min(1).max(200),
	categoryId: Slug,
	url: HttpUrl.or(z.literal('')),
	ownerUnit: z.string().max(200).default(''),
	assessor: z.string().max(100).default(''),
	/** The same agency across re-check rounds: the target's id in the first round (absent there). */
	lineageId: RecordId.optional(),
	/** Position in the campaign's list; keeps the order people pasted them in. */
	order: z.int().min(0),
	rev: Rev.optional(),
	...RecordMeta.shape
});
export type Target = z.infer<typeof Target>;
