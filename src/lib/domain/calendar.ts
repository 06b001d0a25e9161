import type { Clock } from './clock';
import { z } from 'zod';
import { IsoDate } from './common';
import { OFFICIAL_YEARS, type OfficialYear } from './calendar-official';

export { OFFICIAL_YEARS, type OfficialHoliday, type OfficialYear } from './calendar-official';

/**
 * 工作日历: the official holidays (放假) and the weekend days worked in exchange (调休上班). Deadlines in
 * working days (criteria §7.2: "10 working days of the 通报", 条例 Art. 26: 20 working days) are counted on it.
 * A day in both lists is refused here; were one to slip through, the holiday wins (the unit gets more time).
 */
export const WorkCalendar = z
	.object({
		holidays: z.array(IsoDate).default([]),
		/** Make-up working days on a Saturday or Sunday. */
		workdays: z.array(IsoDate).default([])
	})
	.superRefine((cal, ctx) => {
		const holidays = new Set(cal.holidays);
		cal.workdays.forEach((d, i) => {
			if (holidays.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: 'calendar.error.conflict', params: { date: d } });
		});
	});
export type WorkCalendar = z.infer<typeof WorkCalendar>;

export const EMPTY_CALENDAR: WorkCalendar = { holidays: [], workdays: [] };

// ---- Dates as day numbers (days since 1970-01-01, in UTC): no time zone can shift a calendar date. ----

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(y: number, m: number): number {
	return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function isRealDate(y: number, m: number, d: number): boolean {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function dayFromParts(y: number, m: number, d: number): number {
	const dt = new Date(0);
	dt.setUTCFullYear(y, m - 1, d); // not Date.UTC: it maps years 0–99 to 1900–1999
	return Math.round(dt.getTime() / 86_400_000);
}

/** Day number of an ISO date; throws on anything that is not a real YYYY-MM-DD date (validate input with `IsoDate` first). */
export function toDayNumber(date: string): number {
	const m = ISO.exec(date);
	if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`not an ISO date: ${date}`);
	return dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function fromDayNumber(day: number): string {
	const dt = new Date(day * 86_400_000);
	const p = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${p(dt.getUTCFullYear(), 4)}-${p(dt.getUTCMonth() + 1)}-${p(dt.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
	return weekdayOfDay(toDayNumber(date));
}

const weekdayOfDay = (day: number) => (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
const isWeekendDay = (day: number) => {
	const w = weekdayOfDay(day);
	return w === 0 || w === 6;
};

export function addDays(date: string, n: number): string {
	return fromDayNumber(toDayNumber(date) + n);
}

/**
 * The calendar date of an instant where the user is: `offsetMinutes` east of UTC (Beijing: 480). By
 * default the runtime's own zone, because `ctx.now()` is a UTC timestamp and "today" is the user's today.
 */
export function localDate(timestamp: string, offsetMinutes?: number): string {
	const ms = Date.parse(timestamp);
	if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${timestamp}`);
	const offset = offsetMinutes ?? -new Date(ms).getTimezoneOffset();
	return fromDayNumber(Math.floor((ms + offset * 60_000) / 86_400_000));
}

// ---- Working days ----

interface DaySets {
	holidays: Set<number>;
	workdays: Set<number>;
}

/**
 * Calendars are never changed in place (settings are replaced), so one calendar's sets are made once: a list of
 * 2,000 整改 items checks every deadline on the same calendar.
 */
const daySetsMade = new WeakMap<WorkCalendar, DaySets>();

function daySets(cal: WorkCalendar): DaySets {
	let sets = daySetsMade.get(cal);
	if (!sets) {
		const holidays = new Set(cal.holidays.map(toDayNumber));
		sets = { holidays, workdays: new Set(cal.workdays.map(toDayNumber).filter((d) => !holidays.has(d))) };
		daySetsMade.set(cal, sets);
	}
	return sets;
}

const isWorking = (day: number, s: DaySets) => !s.holidays.has(day) && (!isWeekendDay(day) || s.workdays.has(day));

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
	return isWorking(toDayNumber(date), daySets(cal));
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, cal: WorkCalendar): string {
	const s = daySets(cal);
	let day = toDayNumber(date) + 1;
	while (!isWorking(day, s)) day++;
	return fromDayNumber(day);
}

/** `date` itself when it is a working day, else the next one. */
export function onOrAfterWorkingDay(date: string, cal: WorkCalendar): string {
	return isWorkingDay(date, cal) ? date : nextWorkingDay(date, cal);
}

/** Longest span accepted, as a guard against a runaway count (the schema allows 365 per item). */
const MAX_WORKING_DAYS = 10_000;

/**
 * The deadline `n` working days after the notice date `start`: day 1 is the first working day after
 * `start` (the notice day itself is not counted), so the result is always a working day; a count that
 * would land on a holiday or weekend rolls forward. `n = 0` (立行立改) is `start` itself when it is a
 * working day, else the next working day.
 */
export function addWorkingDays(start: string, n: number, cal: WorkCalendar): string {
	if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new RangeError(`working days must be a whole number 0–${MAX_WORKING_DAYS}: ${n}`);
	const s = daySets(cal);
	let day = toDayNumber(start);
	if (n === 0) {
		while (!isWorking(day, s)) day++;
		return fromDayNumber(day);
	}
	let counted = 0;
	while (counted < n) {
		day++;
		if (isWorking(day, s)) counted++;
	}
	return fromDayNumber(day);
}

/** Weekdays (Mon–Fri) in the day range [0, k) counted from a Monday, extended to negative k. */
function weekdaysBefore(k: number): number {
	const weeks = Math.floor(k / 7);
	return weeks * 5 + Math.min(k - weeks * 7, 5);
}

/**
 * Working days in (a, b]: how many were used from a notice on `a` until `b`, so that
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n ≥ 1. Negative when b is before a; 0 when equal.
 * Computed arithmetically, then corrected for the listed days, so long spans cost nothing.
 */
export function workingDaysBetween(a: string, b: string, cal: WorkCalendar): number {
	const da = toDayNumber(a);
	const db = toDayNumber(b);
	if (db < da) return -workingDaysBetween(b, a, cal);
	const s = daySets(cal);
	// Monday 1969-12-29 is day −3, so day x is weekday-index x + 3 counted from a Monday.
	let count = weekdaysBefore(db + 4) - weekdaysBefore(da + 4);
	for (const h of s.holidays) if (h > da && h <= db && !isWeekendDay(h)) count--;
	for (const w of s.workdays) if (w > da && w <= db && isWeekendDay(w)) count++;
	return count;
}

// ---- The calendar deadlines are counted on: the official years, then the user's own days ----

/**
 * A calendar with the years it holds an arrangement for. A year outside `years` is counted as weekends only,
 * which is wrong around its holidays: whoever shows a count reaching into one says so (`missingYears`).
 */
export type CoveredCalendar = WorkCalendar & { years: readonly number[] };

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The built-in State Council arrangements as one calendar. */
export function officialCalendar(years: readonly OfficialYear[] = OFFICIAL_YEARS): CoveredCalendar {
	const holidays: string[] = [];
	const workdays: string[] = [];
	for (const y of years) {
		for (const h of y.holidays) {
			for (let d = h.from; d <= h.to; d = addDays(d, 1)) holidays.push(d);
			workdays.push(...h.workdays);
		}
	}
	return { holidays, workdays, years: years.map((y) => y.year) };
}

/**
 * `over` laid on `base`, date by date: a date `over` lists is what `over` says, whatever `base` says of it. A year
 * `over` lists any date of counts as covered, so a user who types in a later year's notice extends the calendar.
 */
export function overlayCalendar(base: CoveredCalendar, over: WorkCalendar): CoveredCalendar {
	const listed = new Set([...over.holidays, ...over.workdays]);
	const keep = (d: string) => !listed.has(d);
	const years = new Set([...base.years, ...[...listed].map(yearOf)]);
	return {
		holidays: [...base.holidays.filter(keep), ...over.holidays],
		workdays: [...base.workdays.filter(keep), ...over.workdays],
		years: [...years].sort((a, b) => a - b)
	};
}

/**
 * The calendar deadlines are counted on: the built-in official years with the user's days over them. The user's
 * entry for a date wins: the built-in data cannot be edited, so a local adjustment or a correction can only come
 * from the user, and the user's list holds only what they chose to say.
 */
export function effectiveCalendar(user: WorkCalendar, official: readonly OfficialYear[] = OFFICIAL_YEARS): CoveredCalendar {
	return overlayCalendar(officialCalendar(official), user);
}

/** The years from `from`'s to `to`'s (inclusive) that the calendar holds no arrangement for, in order. */
export function missingYears(from: string, to: string, cal: CoveredCalendar): number[] {
	const covered = new Set(cal.years);
	const out: number[] = [];
	for (let y = Math.min(yearOf(from), yearOf(to)); y <= Math.max(yearOf(from), yearOf(to)); y++) if (!covered.has(y)) out.push(y);
	return out;
}

// ---- The importable list: "2026-10-01 休" per line ----

export type CalendarKind = 'holiday' | 'workday';

export interface CalendarProblem {
	/** 1-based line in the text; 0 for a problem with the whole text. */
	line: number;
	/** i18n key under `calendar.error.*` */
	code: string;
	params: Record<string, string | number>;
}

export type CalendarParse = { ok: true; calendar: WorkCalendar } | { ok: false; problems: CalendarProblem[] };

const KIND_WORDS: Record<string, CalendarKind> = {
	休: 'holiday',
	假: 'holiday',
	休息: 'holiday',
	放假: 'holiday',
	holiday: 'holiday',
	off: 'holiday',
	班: 'workday',
	上班: 'workday',
	补班: 'workday',
	workday: 'workday',
	work: 'workday'
};

const DATE_FORMS = [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日$/];

/** Reads a typed date: YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日. */
export function parseLooseDate(text: string): { ok: true; date: string } | { ok: false; code: 'badDate' | 'noSuchDate' } {
	for (const re of DATE_FORMS) {
		const m = re.exec(text);
		if (!m) continue;
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		if (!isRealDate(y, mo, d)) return { ok: false, code: 'noSuchDate' };
		return { ok: true, date: fromDayNumber(dayFromParts(y, mo, d)) };
	}
	return { ok: false, code: 'badDate' };
}

/**
 * Parses a holiday list, one date per line followed by its kind (休/假/放假/holiday/off or
 * 班/上班/补班/workday/work), separated by tabs, spaces or commas; anything after the kind (e.g. 国庆节)
 * is a free note. Blank lines and `#` comments are ignored. Every line is checked and every problem is
 * reported with its line; on any problem nothing is returned, so a half-read list can never be saved.
 * A 班 on a weekday is refused as a slip, unless `base` (the built-in calendar the list is laid over) has that
 * day off: then it takes the holiday back.
 */
export function parseCalendarList(text: string, base: WorkCalendar = EMPTY_CALENDAR): CalendarParse {
	const baseHolidays = new Set(base.holidays);
	const problems: CalendarProblem[] = [];
	const seen = new Map<string, { kind: CalendarKind; line: number }>();
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	lines.forEach((raw, i) => {
		const line = i + 1;
		const content = raw.replace(/#.*$/, '').trim();
		if (content === '') return;
		// Anything after the kind (e.g. 国庆节) is a free note.
		const [dateText = '', kindText] = content.split(/[\s,，、;；]+/);
		const parsed = parseLooseDate(dateText);
		if (!parsed.ok) {
			problems.push({ line, code: `calendar.error.${parsed.code}`, params: { line, value: dateText } });
			return;
		}
		const date = parsed.date;
		if (kindText === undefined) {
			problems.push({ line, code: 'calendar.error.missingKind', params: { line, date } });
			return;
		}
		const kind = KIND_WORDS[kindText.toLowerCase()];
		if (!kind) {
			problems.push({ line, code: 'calendar.error.unknownKind', params: { line, date, value: kindText } });
			return;
		}
		if (kind === 'workday' && !isWeekendDay(toDayNumber(date)) && !baseHolidays.has(date)) {
			problems.push({ line, code: 'calendar.error.workdayOnWeekday', params: { line, date } });
			return;
		}
		const before = seen.get(date);
		if (before && before.kind !== kind) {
			problems.push({ line, code: 'calendar.error.conflict', params: { line, date, otherLine: before.line } });
			return;
		}
		if (!before) seen.set(date, { kind, line });
	});
	if (problems.length > 0) return { ok: false, problems };
	if (seen.size === 0) return { ok: false, problems: [{ line: 0, code: 'calendar.error.empty', params: {} }] };
	const sorted = [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		ok: true,
		calendar: {
			holidays: sorted.filter(([, v]) => v.kind === 'holiday').map(([d]) => d),
			workdays: sorted.filter(([, v]) => v.kind === 'workday').map(([d]) => d)
		}
	};
}

/** The calendar as the list `parseCalendarList` reads: one "YYYY-MM-DD<TAB>休|班" line per date, in date order. */
export function calendarToList(cal: WorkCalendar): string {
	const rows: [string, '休' | '班'][] = [...new Set(cal.holidays)].map((d) => [d, '休']);
	const holidays = new Set(cal.holidays);
	rows.push(...[...new Set(cal.workdays)].filter((d) => !holidays.has(d)).map((d): [string, '班'] => [d, '班']));
	rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return rows.map(([d, k]) => `${d}\t${k}\n`).join('');
}

/** The user's calendar date now. */
export const today = (clock: Clock): string => localDate(clock.now().toISOString());
