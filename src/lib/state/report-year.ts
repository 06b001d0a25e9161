import { reportYearProblem } from '$lib/domain/campaign-new';
import type { Framework } from '$lib/domain/framework/schema';
import { t } from '$lib/i18n/index.svelte';
import type { UserError } from './errors';

/** The report years a framework applies to, in words ("2021年度及以后"). */
export function reportYearsText(years: NonNullable<Framework['reportYears']>): string {
	return t(years.to === undefined ? 'campaign.reportYearsFrom' : 'campaign.reportYearsBetween', { from: years.from, to: years.to ?? '' });
}

/**
 * Why a campaign on `framework` cannot check reports of `year` (`reportYearProblem`), as the user reads it — when a
 * campaign is created and when its report year is changed. `typed`: the year as entered. Null when nothing is wrong.
 */
export function reportYearError(framework: Pick<Framework, 'reportYears'>, year: number | undefined, typed = year === undefined ? '' : String(year)): UserError | null {
	const problem = reportYearProblem(framework, year);
	if (problem === null || !framework.reportYears) return null;
	if (problem === 'missing') return { key: 'campaign.error.reportYearMissing', params: {}, detail: [] };
	return { key: 'campaign.error.reportYearOutside', params: { year: typed, years: reportYearsText(framework.reportYears) }, detail: [] };
}
