import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { generateBackup } from '../../bench/generate';
import { runBench } from '../../bench/harness';
import { benchInput } from '../../bench/main';
import { measureMerge, mergeInput } from '../../bench/merge';
import { BUDGETS, flatten, isRatio, table, writeResults, type Metric } from '../../bench/report';

// `npm run bench` at smoke size against this suite's preview server, so the harness keeps working as the app
// changes. Only that every figure, floor and ratio is produced and finite is checked: no times and no pass/fail,
// which are the full bench's business (a ratio may miss on a small campaign or a busy machine).
test('the benchmark harness runs end to end on a small campaign and reports every figure', async ({ browser, baseURL }, testInfo) => {
	test.setTimeout(180_000);
	const generated = generateBackup({ targets: 30 });
	const file = testInfo.outputPath('campaign-30.kaiming');
	writeFileSync(file, generated.bytes);
	const input = benchInput(generated, file, baseURL!, 6);

	const entries = await runBench(browser, input);
	entries.push(...(await measureMerge(input, await mergeInput(generated, testInfo.outputPath('merge'), 3))));
	const metrics = flatten(entries);
	const out = testInfo.outputPath('results.json');
	writeResults(out, metrics);
	expect(table(entries)).toContain('floor');

	const written = JSON.parse(readFileSync(out, 'utf8')) as Metric[];
	expect(written).toEqual(metrics);
	const names = metrics.map((m) => m.metric);
	for (const part of ['initial JS', 'restore: total', 'JS heap', 'long tasks > 100 ms', 'merge: total']) {
		expect(names.some((n) => n.startsWith(part)), part).toBe(true);
	}

	// Every timed budget of DESIGN §8 is a ratio row, with its floor and its figure beside it.
	const checks = entries.filter(isRatio);
	const expected = [
		['restore', BUDGETS.restoreRatio],
		['scoreCampaign', BUDGETS.scoreRatio],
		['results ready, from the 结果 tab', BUDGETS.resultsRatio],
		['results ready, cold load', BUDGETS.resultsRatio],
		['keystroke → committed, p95', BUDGETS.keystrokeRatio],
		['merge of 3 returns', BUDGETS.mergeRatio]
	] as const;
	for (const [name, bound] of expected) {
		const check = checks.find((c) => c.ratio.metric.startsWith(name));
		expect(check, name).toBeDefined();
		expect(check!.ratio.budget, name).toBe(bound);
	}
	expect(checks).toHaveLength(expected.length);
	for (const { floor, figure, ratio } of checks) {
		expect(ratio.unit, ratio.metric).toBe('×');
		expect(Number.isFinite(ratio.value), ratio.metric).toBe(true);
		expect(typeof ratio.pass, ratio.metric).toBe('boolean');
		expect(floor.metric, ratio.metric).toMatch(/^floor: /);
		expect(floor.value, floor.metric).toBeGreaterThan(0);
		expect(figure.unit, figure.metric).toBe(floor.unit);
		for (const m of [floor, figure]) expect([m.budget, m.pass], m.metric).toEqual([null, null]);
		for (const m of [floor, figure, ratio]) expect(written).toContainEqual(m);
	}
	// The only other budgets are the ones that are not times.
	expect(metrics.filter((m) => m.budget !== null && m.unit !== '×').map((m) => m.unit).sort()).toEqual(['kB', 'tasks']);

	for (const m of metrics) {
		expect(Number.isFinite(m.value), m.metric).toBe(true);
		expect(m.value, m.metric).toBeGreaterThanOrEqual(0);
		expect(m.pass === null, m.metric).toBe(m.budget === null);
	}
	// A target's findings are one record.
	const restored = metrics.find((m) => m.metric === 'records restored')!.value;
	const sheets = new Set(generated.data.findings.map((f) => f.targetId)).size;
	expect(restored).toBe(1 + input.targets + sheets + input.evidence);
});
