import { stamp, type Context } from './common';
import type { Campaign } from './campaign';
import type { Framework } from './framework/schema';
import { withoutRev } from './revision';

export interface CampaignInput {
	title: string;
	framework: Framework;
	monitoringPoint: string;
	assessor: string;
	/** Only for a framework that states its `reportYears`. */
	reportYear?: number;
}

/**
 * Why a campaign cannot check reports of `year` on `framework`: a framework for one format of annual report
 * (e.g. the 2021 format: reports on 2021 onwards) needs the report year and refuses one outside its years, so an
 * older report is never judged against a template it was not written to. Null when nothing is wrong.
 */
export function reportYearProblem(framework: Pick<Framework, 'reportYears'>, year: number | undefined): 'missing' | 'outside' | null {
	const years = framework.reportYears;
	if (!years) return null;
	if (year === undefined || !Number.isInteger(year)) return 'missing';
	return year < years.from || (years.to !== undefined && year > years.to) ? 'outside' : null;
}

export function newCampaign(ctx: Context, input: CampaignInput): Campaign {
	return {
		id: ctx.newId(),
		title: input.title.trim(),
		// A deep copy, so the campaign keeps scoring by the rules it started with.
		framework: structuredClone(withoutRev(input.framework)),
		monitoringPoint: input.monitoringPoint,
		...(input.framework.reportYears && input.reportYear !== undefined ? { reportYear: input.reportYear } : {}),
		assessor: input.assessor.trim(),
		round: 1,
		rectificationDays: 10,
		...stamp(ctx)
	};
}
