import { z } from 'zod';
import { IsoDate, RecordId, RecordMeta, Slug } from '../common';
import { Rev } from '../revision';
import { HttpUrl } from '../target';
import { formatForYear, TEMPLATES } from './format';
import { templateCells } from './template';

/** '2021': 国办公开办函〔2021〕30号, reports on 2021 onwards; 'pre2019': the 2008 条例's reports, on 2018 and before. */
export const FormatVersion = z.enum(['2021', 'pre2019']);
export type FormatVersion = z.infer<typeof FormatVersion>;

/** Who publishes decides the deadline (条例 第四十九条): a department by 31 January, a government by 31 March. */
export const PublisherKind = z.enum(['department', 'government']);
export type PublisherKind = z.infer<typeof PublisherKind>;

/**
 * A number stated in the report's text ("共收到申请66件") and the cells whose sum it states. Several cells when the
 * text speaks of them together ("未收到" under 行政复议和诉讼). `none`: the text says there were none ("未收到…申请").
 */
export const ProseNumber = z.object({
	text: z.string().min(1).max(500),
	cells: z.array(Slug).min(1).max(40),
	value: z.number().finite(),
	none: z.boolean().default(false),
	/** Where in the pasted report text it was found (characters from the start), when it was found there. */
	at: z.int().min(0).optional()
});
export type ProseNumber = z.infer<typeof ProseNumber>;

/** The report of one target on an annual-report campaign: what was published, and its numbers by cell id. */
export const AnnualReport = z
	.object({
		id: RecordId,
		campaignId: RecordId,
		targetId: RecordId,
		/** The year the report is on (its statistics cover 1 January to 31 December of it). */
		year: z.int().min(2008).max(2100),
		format: FormatVersion,
		publishedOn: IsoDate.optional(),
		url: HttpUrl.or(z.literal('')).default(''),
		/** Part id → present; a part not yet looked at has no entry. */
		parts: z.record(Slug, z.boolean()).default({}),
		/** Cell id → the number printed; a blank or unread cell has no entry. */
		cells: z.record(Slug, z.number().finite()).default({}),
		prose: z.array(ProseNumber).max(500).default([]),
		/** Chosen by the reviewer: the report does not say which kind its publisher is, and the deadline depends on it. */
		publisherKind: PublisherKind.optional(),
		rev: Rev.optional(),
		...RecordMeta.shape
	})
	.superRefine((report, ctx) => {
		const expected = formatForYear(report.year);
		if (expected !== report.format) {
			ctx.addIssue({ code: 'custom', path: ['format'], message: `a report on ${report.year} is not in the ${report.format} format` });
			return;
		}
		const template = TEMPLATES[report.format];
		const cells = new Set(templateCells(template).map((c) => c.id));
		const parts = new Set(template.parts.map((p) => p.id));
		for (const id of Object.keys(report.cells)) if (!cells.has(id)) ctx.addIssue({ code: 'custom', path: ['cells', id], message: 'unknown cell' });
		for (const id of Object.keys(report.parts)) if (!parts.has(id)) ctx.addIssue({ code: 'custom', path: ['parts', id], message: 'unknown part' });
		report.prose.forEach((p, i) => {
			for (const id of p.cells) if (!cells.has(id)) ctx.addIssue({ code: 'custom', path: ['prose', i, 'cells'], message: `unknown cell ${id}` });
		});
	});
export type AnnualReport = z.infer<typeof AnnualReport>;
