/** Budgets of DESIGN §8 and how the bench reports against them (it reports; it never fails the run). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const BUDGETS = {
	scoreAllMs: 200,
	resultsReadyMs: 1500,
	restoreRatio: 2,
	keystrokeP95Ms: 50,
	/** No main-thread task over 100 ms while grading. */
	longTasksOver100: 0,
	initialJsKb: 150
} as const;

export interface Metric {
	metric: string;
	value: number;
	unit: string;
	/** Upper bound from DESIGN §8; null for figures reported for context. */
	budget: number | null;
	pass: boolean | null;
}

export function metric(name: string, value: number, unit: string, budget: number | null = null): Metric {
	return { metric: name, value, unit, budget, pass: budget === null ? null : Number.isFinite(value) && value <= budget };
}

const format = (n: number, unit: string) => (!Number.isFinite(n) ? String(n) : unit === '×' ? n.toFixed(2) : Number.isInteger(n) ? String(n) : n.toFixed(1));

export function table(metrics: Metric[]): string {
	const rows = metrics.map((m) => [m.metric, `${format(m.value, m.unit)} ${m.unit}`, m.budget === null ? '' : `≤ ${m.budget} ${m.unit}`, m.pass === null ? '' : m.pass ? 'ok' : 'MISS']);
	const head = ['metric', 'value', 'budget', ''];
	// CJK characters take two columns in a terminal.
	const width = (s: string) => [...s].reduce((a, c) => a + (/[\u1100-\uffff]/.test(c) && !/[–—→≤÷×]/.test(c) ? 2 : 1), 0);
	const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
	const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(cols[i]! - width(c))).join('  ').trimEnd();
	return [line(head), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeResults(path: string, metrics: Metric[]): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, `${JSON.stringify(metrics, null, '\t')}\n`);
}
