/**
 * Budgets of DESIGN §8 and how the bench reports against them (it reports; it never fails the run).
 *
 * Every timed budget is a ratio to a floor measured in the same run, on the same data, interleaved with the
 * figure where the figure is repeated: a shared 2-core machine swings 2–3× from run to run, and the floor swings
 * with it. The absolute figure and the floor are reported beside the ratio, for context only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const BUDGETS = {
	/** Keystroke → committed p95 ÷ p95 of a raw single-record put + commit, interleaved with the keystrokes. */
	keystrokeRatio: 2,
	/** scoreCampaign ÷ a loop reading every finding's stored value once (medians of interleaved repetitions). */
	scoreRatio: 8,
	/** Results ready ÷ the raw read of the campaign's records plus drawing the same charts from precomputed data. */
	resultsRatio: 3,
	/** Restore ÷ the same records written with raw puts in one transaction. */
	restoreRatio: 2,
	/** Merging every return (pick → report) ÷ the same records written with raw puts, one transaction per return. */
	mergeRatio: 2,
	/** No main-thread task over 100 ms while grading (a count, not a time ratio). */
	longTasksOver100: 0,
	/** Initial JavaScript, gzip (a size, not a time ratio). */
	initialJsKb: 150
} as const;

export interface Metric {
	metric: string;
	value: number;
	unit: string;
	/** Upper bound from DESIGN §8; null for figures reported for context (absolute times and floors). */
	budget: number | null;
	pass: boolean | null;
}

export function metric(name: string, value: number, unit: string, budget: number | null = null): Metric {
	return { metric: name, value, unit, budget, pass: budget === null ? null : Number.isFinite(value) && value <= budget };
}

/** A timed budget: the floor and the figure (context, no budget) and their ratio, which carries the budget. */
export interface RatioCheck {
	floor: Metric;
	figure: Metric;
	ratio: Metric;
}

/** What the harness returns: plain metrics and ratio checks, in the order they were measured. */
export type Entry = Metric | RatioCheck;

export const isRatio = (e: Entry): e is RatioCheck => 'ratio' in e;

/** `name ÷ floor` with `bound` as its budget; figure and floor must have the same unit. */
export function ratioCheck(name: string, figure: Metric, floor: Metric, bound: number): RatioCheck {
	if (figure.unit !== floor.unit) throw new Error(`${name}: figure in ${figure.unit}, floor in ${floor.unit}`);
	return { floor, figure, ratio: metric(`${name} ÷ floor`, figure.value / floor.value, '×', bound) };
}

/** The rows of bench/results.json: for each ratio check its floor, its figure, then the ratio. */
export const flatten = (entries: Entry[]): Metric[] => entries.flatMap((e) => (isRatio(e) ? [e.floor, e.figure, e.ratio] : [e]));

const format = (n: number, unit: string) => (!Number.isFinite(n) ? String(n) : unit === '×' ? n.toFixed(2) : Number.isInteger(n) ? String(n) : n.toFixed(1));
const valueOf = (m: Metric) => `${format(m.value, m.unit)} ${m.unit}`;
const verdict = (m: Metric) => (m.pass === null ? '' : m.pass ? 'ok' : 'MISS');

// CJK characters take two columns in a terminal.
const width = (s: string) => [...s].reduce((a, c) => a + (/[\u1100-\uffff]/.test(c) && !/[–—→≤÷×·]/.test(c) ? 2 : 1), 0);
function grid(head: string[], rows: string[][]): string {
	const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
	const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(cols[i]! - width(c))).join('  ').trimEnd();
	return [line(head), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Two tables: the ratio budgets (floor, figure and ratio side by side, with what each floor is), then every
 * other figure (the budgets that are not time ratios, and context).
 */
export function table(entries: Entry[]): string {
	const checks = entries.filter(isRatio);
	const others = entries.filter((e): e is Metric => !isRatio(e));
	const ratios = grid(
		['budget (figure ÷ floor)', 'floor', 'figure', 'ratio', 'budget', ''],
		checks.map((c) => [c.ratio.metric.replace(/ ÷ floor$/, ''), valueOf(c.floor), valueOf(c.figure), valueOf(c.ratio), `≤ ${c.ratio.budget} ×`, verdict(c.ratio)])
	);
	const floors = checks.map((c) => `  floor of ${c.ratio.metric.replace(/ ÷ floor$/, '')}: ${c.floor.metric}`).join('\n');
	const rest = grid(
		['metric', 'value', 'budget', ''],
		others.map((m) => [m.metric, valueOf(m), m.budget === null ? '' : `≤ ${m.budget} ${m.unit}`, verdict(m)])
	);
	return `${ratios}\n\n${floors}\n\n${rest}`;
}

/** One line per budget missed, starting with FAIL, for a reader (or a grep) of the run's output. */
export const failLines = (metrics: Metric[]): string[] =>
	metrics.filter((m) => m.pass === false).map((m) => `FAIL ${m.metric}: ${valueOf(m)} > ${m.budget} ${m.unit}`);

export function writeResults(path: string, metrics: Metric[]): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, `${JSON.stringify(metrics, null, '\t')}\n`);
}
