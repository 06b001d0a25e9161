import { describe, expect, it } from 'vitest';
import { addWorkingDays, effectiveCalendar, EMPTY_CALENDAR } from '$lib/domain/calendar';
import { countMissingYears, deadlineMissingYears } from '$lib/domain/rectification';

const OFFICIAL = effectiveCalendar(EMPTY_CALENDAR);

describe('a deadline counted across a year without a holiday arrangement', () => {
	it('names the year for a count from late 2026 into 2027', () => {
		const deadline = addWorkingDays('2026-12-24', 10, OFFICIAL);
		expect(deadline).toBe('2027-01-07');
		expect(deadlineMissingYears({ noticeDate: '2026-12-24', deadline }, OFFICIAL, 10)).toEqual([2027]);
		// The item's own count is the one that was used.
		expect(deadlineMissingYears({ noticeDate: '2026-12-24', workingDays: 3, deadline: addWorkingDays('2026-12-24', 3, OFFICIAL) }, OFFICIAL, 10)).toEqual([]);
		expect(deadlineMissingYears({ noticeDate: '2026-12-24', workingDays: 6, deadline: addWorkingDays('2026-12-24', 6, OFFICIAL) }, OFFICIAL, 10)).toEqual([2027]);
	});
	it('says nothing once the user has entered that year', () => {
		const cal = effectiveCalendar({ holidays: ['2027-01-01'], workdays: [] });
		const deadline = addWorkingDays('2026-12-24', 10, cal);
		expect(deadlineMissingYears({ noticeDate: '2026-12-24', deadline }, cal, 10)).toEqual([]);
	});
	it('says nothing of a deadline typed as a date, or of an item without a notice date', () => {
		expect(deadlineMissingYears({ noticeDate: '2026-12-24', deadline: '2027-03-01' }, OFFICIAL, 10)).toEqual([]);
		expect(deadlineMissingYears({ deadline: '2027-03-01' }, OFFICIAL, 10)).toEqual([]);
		expect(deadlineMissingYears({ noticeDate: '2026-12-24' }, OFFICIAL, 10)).toEqual([]);
	});
	it('counts from the day after the notice: a notice on 31 December 2023 counts 2024 only', () => {
		expect(countMissingYears('2023-12-31', addWorkingDays('2023-12-31', 5, OFFICIAL), OFFICIAL)).toEqual([]);
		expect(countMissingYears('2023-12-28', addWorkingDays('2023-12-28', 5, OFFICIAL), OFFICIAL)).toEqual([2023]);
		expect(countMissingYears('2027-03-01', addWorkingDays('2027-03-01', 0, OFFICIAL), OFFICIAL)).toEqual([2027]);
	});
});
