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
