import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addWorkingDays,
	calendarToList,
	EMPTY_CALENDAR,
	isWorkingDay,
	localDate,
	nextWorkingDay,
	onOrAfterWorkingDay,
	parseCalendarList,
	toDayNumber,
	fromDayNumber,
	weekdayOf,
	WorkCalendar,
	workingDaysBetween
} from '$lib/domain/calendar';

/** Shaped like a 元旦 arrangement: Thu 1 – Sat 3 January off, Sunday 4 January worked. */
const NEW_YEAR: WorkCalendar = { holidays: ['2026-01-01', '2026-01-02', '2026-01-03'], workdays: ['2026-01-04'] };
/** Shaped like a 国庆 arrangement: Thu 1 – Wed 7 October off, Sun 27 September and Sat 10 October worked. */
const NATIONAL_DAY: WorkCalendar = {
	holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
	workdays: ['2026-09-27', '2026-10-10']
};

describe('dates', () => {
	it('knows the weekdays (0 = Sunday) and crosses month, year and leap-day boundaries', () => {
		expect(weekdayOf('2026-01-01')).toBe(4);
		expect(weekdayOf('2026-10-10')).toBe(6);
		expect(weekdayOf('1969-12-29')).toBe(1);
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
		expect(fromDayNumber(toDayNumber('1900-03-01'))).toBe('1900-03-01');
	});
	it('refuses a date that does not exist', () => {
		expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
		expect(() => toDayNumber('2026-1-5')).toThrow(RangeError);
	});
	it("takes today's date where the user is, whatever zone the timestamp is written in", () => {
		expect(localDate('2026-03-01T20:00:00.000Z', 480)).toBe('2026-03-02');
		expect(localDate('2026-03-01T20:00:00.000Z', 0)).toBe('2026-03-01');
		expect(localDate('2026-03-01T02:00:00.000Z', -300)).toBe('2026-02-28');
		expect(localDate('2026-03-02T07:59:59+08:00', 480)).toBe('2026-03-02');
		expect(localDate('2026-03-01T23:59:59.999Z', 480)).toBe('2026-03-02');
	});
});

describe('working days', () => {
	it('has weekends off unless worked in exchange, and holidays off', () => {
		expect(isWorkingDay('2026-01-05', EMPTY_CALENDAR)).toBe(true);
		expect(isWorkingDay('2026-01-10', EMPTY_CALENDAR)).toBe(false);
		expect(isWorkingDay('2026-01-11', EMPTY_CALENDAR)).toBe(false);
		expect(isWorkingDay('2026-01-01', EMPTY_CALENDAR)).toBe(true);
		expect(isWorkingDay('2026-01-01', NEW_YEAR)).toBe(false);
		expect(isWorkingDay('2026-01-03', NEW_YEAR)).toBe(false);
		expect(isWorkingDay('2026-01-04', NEW_YEAR)).toBe(true);
	});
	it('lets a holiday win over a make-up day should both ever be listed', () => {
		expect(isWorkingDay('2026-01-04', { holidays: ['2026-01-04'], workdays: ['2026-01-04'] })).toBe(false);
	});
	it('counts across a weekend: the notice day is not counted', () => {
		expect(addWorkingDays('2026-01-09', 1, EMPTY_CALENDAR)).toBe('2026-01-12'); // Fri → Mon
		expect(addWorkingDays('2026-01-09', 5, EMPTY_CALENDAR)).toBe('2026-01-16');
		expect(addWorkingDays('2026-01-10', 1, EMPTY_CALENDAR)).toBe('2026-01-12'); // notice on a Saturday
		expect(addWorkingDays('2026-01-05', 10, EMPTY_CALENDAR)).toBe('2026-01-19');
	});
	it('takes 0 working days (立行立改) as the notice day itself, or the next working day', () => {
		expect(addWorkingDays('2026-01-05', 0, EMPTY_CALENDAR)).toBe('2026-01-05');
		expect(addWorkingDays('2026-01-10', 0, EMPTY_CALENDAR)).toBe('2026-01-12');
		expect(addWorkingDays('2026-01-01', 0, NEW_YEAR)).toBe('2026-01-04');
	});
	it('skips holidays and counts a make-up Sunday', () => {
		expect(addWorkingDays('2025-12-31', 1, EMPTY_CALENDAR)).toBe('2026-01-01');
		expect(addWorkingDays('2025-12-31', 1, NEW_YEAR)).toBe('2026-01-04');
		expect(addWorkingDays('2025-12-31', 2, NEW_YEAR)).toBe('2026-01-05');
	});
	it('rolls a deadline that would land on a holiday forward to the next working day', () => {
		// Without the calendar, 3 working days from Mon 29 Dec is Thu 1 Jan, a holiday.
		expect(addWorkingDays('2025-12-29', 3, EMPTY_CALENDAR)).toBe('2026-01-01');
		expect(addWorkingDays('2025-12-29', 3, { holidays: NEW_YEAR.holidays, workdays: [] })).toBe('2026-01-05');
		expect(addWorkingDays('2025-12-29', 3, NEW_YEAR)).toBe('2026-01-04');
		// 10 working days across a week-long holiday and a make-up Saturday.
		expect(addWorkingDays('2026-09-29', 10, NATIONAL_DAY)).toBe('2026-10-19');
		expect(addWorkingDays('2026-09-25', 1, NATIONAL_DAY)).toBe('2026-09-27');
	});
	it('finds the next working day', () => {
		expect(nextWorkingDay('2025-12-31', NEW_YEAR)).toBe('2026-01-04');
		expect(nextWorkingDay('2026-01-05', NEW_YEAR)).toBe('2026-01-06');
		expect(onOrAfterWorkingDay('2026-01-05', NEW_YEAR)).toBe('2026-01-05');
		expect(onOrAfterWorkingDay('2026-10-03', NATIONAL_DAY)).toBe('2026-10-08');
	});
	it('refuses a negative or fractional count', () => {
		expect(() => addWorkingDays('2026-01-05', -1, EMPTY_CALENDAR)).toThrow(RangeError);
		expect(() => addWorkingDays('2026-01-05', 1.5, EMPTY_CALENDAR)).toThrow(RangeError);
	});
	it('counts working days between two dates, signed', () => {
		expect(workingDaysBetween('2025-12-29', '2026-01-04', NEW_YEAR)).toBe(3);
		expect(workingDaysBetween('2026-01-04', '2025-12-29', NEW_YEAR)).toBe(-3);
		expect(workingDaysBetween('2026-01-05', '2026-01-05', NEW_YEAR)).toBe(0);
		expect(workingDaysBetween('2026-01-09', '2026-01-11', EMPTY_CALENDAR)).toBe(0);
		expect(workingDaysBetween('2026-09-29', '2026-10-19', NATIONAL_DAY)).toBe(10);
		expect(workingDaysBetween('2026-01-01', '2027-01-01', EMPTY_CALENDAR)).toBe(261);
	});

	const dayArb = fc.integer({ min: toDayNumber('2025-11-01'), max: toDayNumber('2026-03-01') }).map(fromDayNumber);
	const calArb = fc.record({ holidays: fc.uniqueArray(dayArb, { maxLength: 25 }), workdays: fc.uniqueArray(dayArb, { maxLength: 10 }) });

	it('counts between two dates exactly as a day-by-day walk does', () => {
		fc.assert(
			fc.property(dayArb, dayArb, calArb, (a, b, cal) => {
				let walk = 0;
				for (let d = toDayNumber(a) + 1; d <= toDayNumber(b); d++) if (isWorkingDay(fromDayNumber(d), cal)) walk++;
				const expected = toDayNumber(b) >= toDayNumber(a) ? walk : -workingDaysBetween(b, a, cal);
				expect(workingDaysBetween(a, b, cal)).toBe(expected);
			})
		);
	});
	it('adds n working days to land on a working day exactly n working days later', () => {
		fc.assert(
			fc.property(dayArb, fc.integer({ min: 1, max: 60 }), calArb, (start, n, cal) => {
				const end = addWorkingDays(start, n, cal);
				expect(isWorkingDay(end, cal)).toBe(true);
				expect(workingDaysBetween(start, end, cal)).toBe(n);
				// One fewer lands earlier, except 0 from a day off, which is the next working day, as 1 is.
				const before = addWorkingDays(start, n - 1, cal);
				expect(n === 1 && !isWorkingDay(start, cal) ? before === end : before < end).toBe(true);
			})
		);
	});
});

describe('calendar list', () => {
	it('reads dates in several forms, with kinds in Chinese or English, notes, comments and blank lines', () => {
		const text = [
			'\uFEFF# 2026 元旦',
			'2026-01-01 休',
			'2026/1/2\t假',
			'',
			'2026-1-3,Holiday,元旦',
			'2026/1/4 班  # 周日上班',
			'2026年10月1日 放假 国庆节',
			'2026.10.10，补班',
			'2026-01-01 休',
			'   '
		].join('\r\n');
		const r = parseCalendarList(text);
		expect(r).toEqual({
			ok: true,
			calendar: { holidays: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-10-01'], workdays: ['2026-01-04', '2026-10-10'] }
		});
	});
	it('reports every bad line with its line number and returns no calendar', () => {
		const text = [
			'# header',
			'2026-02-30 休', // 2: no such date
			'tomorrow 休', // 3: not a date
			'2026-10-01', // 4: no kind
			'2026-10-02 rest', // 5: unknown kind
			'2026-10-05 班', // 6: a Monday cannot be a make-up day
			'2026-10-10 班', // 7
			'2026-10-10 休', // 8: both
			'2026-10-11 休'
		].join('\n');
		const r = parseCalendarList(text);
		expect(r.ok).toBe(false);
		expect('calendar' in r).toBe(false);
		if (r.ok) return;
		expect(r.problems).toEqual([
			{ line: 2, code: 'calendar.error.noSuchDate', params: { line: 2, value: '2026-02-30' } },
			{ line: 3, code: 'calendar.error.badDate', params: { line: 3, value: 'tomorrow' } },
			{ line: 4, code: 'calendar.error.missingKind', params: { line: 4, date: '2026-10-01' } },
			{ line: 5, code: 'calendar.error.unknownKind', params: { line: 5, date: '2026-10-02', value: 'rest' } },
			{ line: 6, code: 'calendar.error.workdayOnWeekday', params: { line: 6, date: '2026-10-05' } },
			{ line: 8, code: 'calendar.error.conflict', params: { line: 8, date: '2026-10-10', otherLine: 7 } }
		]);
	});
	it('refuses a list with no dates', () => {
		expect(parseCalendarList('# nothing here\n\n')).toEqual({ ok: false, problems: [{ line: 0, code: 'calendar.error.empty', params: {} }] });
	});
	it('writes the list it reads, sorted', () => {
		const text = calendarToList({ holidays: ['2026-10-02', '2026-10-01'], workdays: ['2026-09-27'] });
		expect(text).toBe('2026-09-27\t班\n2026-10-01\t休\n2026-10-02\t休\n');
		const weekendArb = fc
			.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2030-12-31') })
			.map(fromDayNumber)
			.filter((d) => weekdayOf(d) === 0 || weekdayOf(d) === 6);
		const anyDay = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2030-12-31') }).map(fromDayNumber);
		fc.assert(
			fc.property(fc.uniqueArray(anyDay, { minLength: 1, maxLength: 30 }), fc.uniqueArray(weekendArb, { maxLength: 10 }), (holidays, workdays) => {
				const cal = { holidays, workdays: workdays.filter((d) => !holidays.includes(d)) };
				const r = parseCalendarList(calendarToList(cal));
				expect(r).toEqual({ ok: true, calendar: { holidays: [...cal.holidays].sort(), workdays: [...cal.workdays].sort() } });
			})
		);
	});
	it('has a schema that refuses a day listed as both', () => {
		expect(WorkCalendar.safeParse({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] }).success).toBe(false);
		expect(WorkCalendar.parse({})).toEqual({ holidays: [], workdays: [] });
		expect(WorkCalendar.safeParse({ holidays: ['2026-02-30'] }).success).toBe(false);
	});
});
