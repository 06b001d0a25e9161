import { z } from 'zod';
import { IsoDate, RecordId, RecordMeta } from './common';
import { Framework } from './framework/schema';
import { WorkingDays } from './rectification/schema';
import { ReportSettings } from './results/types';

export const Campaign = z.object({
	id: RecordId,
	title: z.string().trim().min(1).max(200),
	/** Frozen copy: later edits of the library framework never change a running campaign. */
	framework: Framework,
	/** 监测时间点: the reference date for every "前2周 / 前6个月" window. */
	monitoringPoint: IsoDate,
	assessor: z.string().max(100).default(''),
	round: z.int().min(1).default(1),
	previousCampaignId: RecordId.optional(),
	/** 整改时限: working days from the notice date, unless an item overrides it. */
	rectificationDays: WorkingDays.default(10),
	/** Title, issuer and paragraphs of the 通报-style campaign report, as the lead edited them. */
	report: ReportSettings.optional(),
	...RecordMeta.shape
});
export type Campaign = z.infer<typeof Campaign>;
