import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addWorkingDays,
	effectiveCalendar,
	EMPTY_CALENDAR,
	fromDayNumber,
	isWorkingDay,
	missingYears,
	OFFICIAL_YEARS,
	officialCalendar,
	parseCalendarList,
	toDayNumber,
	weekdayOf,
	workingDaysBetween
} from '$lib/domain/calendar';

const OFFICIAL = effectiveCalendar(EMPTY_CALENDAR);
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const dayName = (d: string) => WEEKDAY[weekdayOf(d)];

describe('the built-in State Council arrangements', () => {
	it('cover 2024, 2025 and 2026, each citing its notice', () => {
		expect(OFFICIAL_YEARS.map((y) => y.year)).toEqual([2024, 2025, 2026]);
		for (const y of OFFICIAL_YEARS) {
			expect(y.source.title).toBe(`国务院办公厅关于${y.year}年部分节假日安排的通知`);
			expect(y.source.url).toMatch(/^https?:\/\//);
			expect(y.source.issuedOn < `${y.year}-01-01`).toBe(true);
			// A year without a 文号 from a stored copy says so.
			if (y.source.docNo === undefined) expect(y.provisional && y.provisionalNote?.zh).toMatch(/文号/);
		}
		expect(OFFICIAL_YEARS.find((y) => y.year === 2026)!.source.issuedOn).toBe('2025-11-04');
	});

	it('are transcribed consistently: each holiday in its year, "共 N 天" matching its range, 调休上班 on weekends', () => {
		for (const y of OFFICIAL_YEARS) {
			for (const h of y.holidays) {
				for (const d of [h.from, h.to, ...h.workdays]) expect(d.slice(0, 4)).toBe(String(y.year));
				expect(h.from <= h.to).toBe(true);
				if (h.days !== undefined) expect(toDayNumber(h.to) - toDayNumber(h.from) + 1, `${y.year} ${h.name.zh}`).toBe(h.days);
				for (const w of h.workdays) expect([0, 6], `${w} 上班`).toContain(weekdayOf(w));
			}
		}
	});

	it('match the weekdays the 2026 notice states (元旦 1月1日（周四）… 国庆 10月10日（周六）上班)', () => {
		const stated: [string, string][] = [
			['2026-01-01', '周四'],
			['2026-01-03', '周六'],
			['2026-01-04', '周日'],
			['2026-02-15', '周日'],
			['2026-02-23', '周一'],
			['2026-02-14', '周六'],
			['2026-02-28', '周六'],
			['2026-04-04', '周六'],
			['2026-04-06', '周一'],
			['2026-05-01', '周五'],
			['2026-05-05', '周二'],
			['2026-05-09', '周六'],
			['2026-06-19', '周五'],
			['2026-09-25', '周五'],
			['2026-10-01', '周四'],
			['2026-10-07', '周三'],
			['2026-09-20', '周日'],
			['2026-10-10', '周六']
		];
		for (const [d, w] of stated) expect(dayName(d), d).toBe(w);
		// 2025 under the revised rules: 春节 from 除夕 (Tue 28 Jan) 8 days, 劳动节 5 days with one make-up Sunday.
		expect(dayName('2025-01-28')).toBe('周二');
		expect(dayName('2025-04-27')).toBe('周日');
	});

	it('count 2026-02-13 + 5 working days as 2026-02-27: Sat 2/14 is worked, 2/15–2/23 are off', () => {
		expect(isWorkingDay('2026-02-14', OFFICIAL)).toBe(true);
		for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) expect(isWorkingDay(d, OFFICIAL), d).toBe(false);
		expect(addWorkingDays('2026-02-13', 5, OFFICIAL)).toBe('2026-02-27');
		expect(addWorkingDays('2026-02-13', 5, EMPTY_CALENDAR)).toBe('2026-02-20'); // what weekends alone would say
	});

	it('count across 春节 and 国庆 of 2024 and 2025', () => {
		// 2024: 除夕 (Fri 9 Feb) was not a holiday; Sun 18 Feb was worked.
		expect(addWorkingDays('2024-02-08', 3, OFFICIAL)).toBe('2024-02-19');
		// 2024 国庆: Sun 29 Sep worked, 1–7 Oct off.
		expect(addWorkingDays('2024-09-27', 3, OFFICIAL)).toBe('2024-10-08');
		// 2025 春节 from 除夕: Sun 26 Jan worked, 28 Jan – 4 Feb off.
		expect(addWorkingDays('2025-01-24', 3, OFFICIAL)).toBe('2025-02-05');
		// 2025 国庆 and 中秋 together, 8 days: Sun 28 Sep worked, 1–8 Oct off, Sat 11 Oct worked.
		expect(addWorkingDays('2025-09-26', 5, OFFICIAL)).toBe('2025-10-10');
		expect(addWorkingDays('2025-10-09', 2, OFFICIAL)).toBe('2025-10-11');
		// 2025 劳动节, 5 days: only Sun 27 Apr worked.
		expect(addWorkingDays('2025-04-25', 5, OFFICIAL)).toBe('2025-05-06');
	});

	it('count between two dates as a day-by-day walk does over the three years', () => {
		const day = fc.integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2026-12-31') }).map(fromDayNumber);
		fc.assert(
			fc.property(day, fc.integer({ min: 1, max: 40 }), (start, n) => {
				const end = addWorkingDays(start, n, OFFICIAL);
				let walk = 0;
				for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d, OFFICIAL)) walk++;
				expect(walk).toBe(n);
				expect(workingDaysBetween(start, end, OFFICIAL)).toBe(n);
			})
		);
	});
});

describe("the user's days over the built-in ones", () => {
	it('win on the same date: a built-in 调休 Saturday taken off, a built-in holiday worked', () => {
		const user = parseCalendarList('2026-02-14 休\n2026-10-07 班', officialCalendar());
		expect(user.ok).toBe(true);
		if (!user.ok) return;
		const cal = effectiveCalendar(user.calendar);
		expect(isWorkingDay('2026-02-14', cal)).toBe(false);
		expect(addWorkingDays('2026-02-13', 5, cal)).toBe('2026-02-28'); // now Sat 2/28, the other 调休 day, is the fifth
		expect(isWorkingDay('2026-10-07', cal)).toBe(true);
		expect(isWorkingDay('2026-10-06', cal)).toBe(false);
	});

	it('accept 班 on a weekday only to take back a built-in holiday', () => {
		expect(parseCalendarList('2026-10-07 班').ok).toBe(false);
		expect(parseCalendarList('2026-10-08 班', officialCalendar())).toMatchObject({ ok: false, problems: [{ code: 'calendar.error.workdayOnWeekday' }] });
		expect(parseCalendarList('2026-10-07 班', officialCalendar())).toEqual({ ok: true, calendar: { holidays: [], workdays: ['2026-10-07'] } });
	});

	it('extend the calendar to the years they list', () => {
		const cal = effectiveCalendar({ holidays: ['2027-01-01'], workdays: [] });
		expect(cal.years).toEqual([2024, 2025, 2026, 2027]);
		expect(isWorkingDay('2027-01-01', cal)).toBe(false);
		expect(isWorkingDay('2026-02-16', cal)).toBe(false); // the built-in days stay
	});
});

describe('years without an arrangement', () => {
	it('are named for a span reaching into them', () => {
		expect(missingYears('2026-12-24', '2027-01-08', OFFICIAL)).toEqual([2027]);
		expect(missingYears('2023-12-28', '2024-01-05', OFFICIAL)).toEqual([2023]);
		expect(missingYears('2026-02-13', '2026-02-27', OFFICIAL)).toEqual([]);
		expect(missingYears('2026-12-24', '2028-01-08', effectiveCalendar({ holidays: ['2027-01-01'], workdays: [] }))).toEqual([2028]);
	});
});
