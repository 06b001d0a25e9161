import { addDays, addWorkingDays, missingYears, type CoveredCalendar } from '../calendar';
import type { Rectification } from './schema';

/**
 * The years without a holiday arrangement that a count of working days from `noticeDate` to `deadline` crossed:
 * the days from the one after the notice date to the deadline. Such a deadline was counted on weekends alone and is
 * only indicative, and every place that shows or exports it says so.
 */
export function countMissingYears(noticeDate: string, deadline: string, calendar: CoveredCalendar): number[] {
	return missingYears(deadline > noticeDate ? addDays(noticeDate, 1) : deadline, deadline, calendar);
}

/**
 * `countMissingYears` of an item's deadline. Empty for an item without a notice date, and for a deadline that is
 * not the count (one typed as a date is the user's own).
 */
export function deadlineMissingYears(item: Pick<Rectification, 'noticeDate' | 'workingDays' | 'deadline'>, calendar: CoveredCalendar, defaultDays: number): number[] {
	const { noticeDate, deadline } = item;
	if (noticeDate === undefined || deadline === undefined) return [];
	if (addWorkingDays(noticeDate, item.workingDays ?? defaultDays, calendar) !== deadline) return [];
	return countMissingYears(noticeDate, deadline, calendar);
}
