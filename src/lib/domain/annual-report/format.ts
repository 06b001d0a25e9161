import type { FormatVersion } from './schema';
import type { ReportTemplate } from './template';
import { TEMPLATE_2021 } from './template-2021';
import { TEMPLATE_PRE2019 } from './template-pre2019';

/**
 * The format a report on `year` was written in. Reports on 2018 and before follow the 2008 条例; reports on 2019
 * and 2020 used the 2019 format (国办公开办函〔2019〕60号), which has no template here: null, never judged against
 * another format's tables.
 */
export function formatForYear(year: number): FormatVersion | null {
	if (year >= 2021) return '2021';
	if (year <= 2018) return 'pre2019';
	return null;
}

export const TEMPLATES: Record<FormatVersion, ReportTemplate> = { '2021': TEMPLATE_2021, pre2019: TEMPLATE_PRE2019 };
