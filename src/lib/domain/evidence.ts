import { z } from 'zod';
import { RecordId, RecordMeta, Timestamp } from './common';
import { HttpUrl } from './target';

export const Evidence = z.object({
	id: RecordId,
	campaignId: RecordId,
	targetId: RecordId,
	findingId: RecordId,
	kind: z.enum(['url', 'text']),
	url: HttpUrl.optional(),
	text: z.string().max(10_000).default(''),
	observedAt: Timestamp,
	...RecordMeta.shape
}).refine((e) => e.kind !== 'url' || e.url !== undefined, { path: ['url'], message: 'a URL evidence needs a url' });
export type Evidence = z.infer<typeof Evidence>;
