import { z } from 'zod';
import { IsoDate, RecordId, RecordMeta } from './common';
import { Framework } from './framework/schema';
import { Rev } from './revision';
import { PackageInfo } from './team/schema';
import { WorkingDays } from './rectification/schema';

/** The editable parts of a 通报-style report, saved with the campaign. */
export const ReportSettings = z.object({
	title: z.string().max(200).default(''),
	issuer: z.string().max(200).default(''),
	date: IsoDate.optional(),
	intro: z.string().max(20_000).default(''),
	/** 整改要求 paragraph; {deadline} is replaced by the deadline date. */
	demand: z.string().max(20_000).default(''),
	deadline: IsoDate.optional(),
	closing: z.string().max(20_000).default(''),
	/** 附：质量控制: the 复核 agreement (items, agreement, κ) after the signature, once items were graded twice. */
	qualityAppendix: z.boolean().optional()
});
export type ReportSettings = z.infer<typeof ReportSettings>;

export const Campaign = z.object({
	id: RecordId,
	title: z.string().trim().min(1).max(200),
	/** Frozen copy: later edits of the library framework never change a running campaign. */
	framework: Framework,
	/** 监测时间点: the reference date for every "前2周 / 前6个月" window. */
	monitoringPoint: IsoDate,
	/** 报告年度: the year of the annual reports checked, on a framework that states its `reportYears`. */
	reportYear: z.int().min(1900).max(9999).optional(),
	assessor: z.string().max(100).default(''),
	round: z.int().min(1).default(1),
	previousCampaignId: RecordId.optional(),
	/** 整改时限: working days from the notice date, unless an item overrides it. */
	rectificationDays: WorkingDays.default(10),
	/** Title, issuer and paragraphs of the 通报-style campaign report, as the lead edited them. */
	report: ReportSettings.optional(),
	/** Package mode: this campaign was opened from a work package; only its targets are here, and it is handed back, not published. */
	package: PackageInfo.optional(),
	rev: Rev.optional(),
	...RecordMeta.shape
});
export type Campaign = z.infer<typeof Campaign>;
