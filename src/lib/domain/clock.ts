/**
 * Where time and ids come from. Both are injected (DESIGN §6) so tests are deterministic; `systemClock` is the
 * one place that reads the real time (eslint bans `new Date()` and `Date.now()` everywhere else in src/).
 */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant, for tests and benchmarks. */
export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

export type NewId = () => string;

export const randomId: NewId = () => crypto.randomUUID();

/**
 * A stored time (UTC ISO) as people read it, in the machine's local time zone: "2026-12-04 23:46". Screens,
 * Word and Excel/CSV all write times so; the stored UTC text is for machines.
 */
export function localDateTime(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
