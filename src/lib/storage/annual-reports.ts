import type { AnnualReport } from '$lib/domain/annual-report/schema';
import { StorageError } from './errors';

/** What the IndexedDB repository and its in-memory twin share for annual reports. */

/** Target first, then year: the order both repositories list a campaign's reports in. */
export const byTargetYear = (a: AnnualReport, b: AnnualReport) => (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : a.year - b.year);

/** 'conflict' when another report holds the target's year (the unique index would refuse it too, with no name). */
export function requireFreeYear(holder: string | undefined, report: AnnualReport): void {
	if (holder !== undefined && holder !== report.id)
		throw new StorageError('conflict', { record: `annualReports/${report.id}`, text: `annualReports/${report.id}: the report on ${report.year} of targets/${report.targetId} is annualReports/${holder}` });
}
