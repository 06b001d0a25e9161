import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { generateBackup } from '../../bench/generate';
import { runBench } from '../../bench/harness';
import { benchInput } from '../../bench/main';
import { writeResults, type Metric } from '../../bench/report';

// `npm run bench` at smoke size against this suite's preview server, so the harness keeps working as the app
// changes. Only that every figure is produced and finite is checked; times are the full bench's business.
test('the benchmark harness runs end to end on a small campaign and reports every figure', async ({ browser, baseURL }, testInfo) => {
	test.setTimeout(180_000);
	const generated = generateBackup({ targets: 30 });
	const file = testInfo.outputPath('campaign-30.kaiming');
	writeFileSync(file, generated.bytes);
	const input = benchInput(generated, file, baseURL!, 6);

	const metrics = await runBench(browser, input);
	const out = testInfo.outputPath('results.json');
	writeResults(out, metrics);

	const written = JSON.parse(readFileSync(out, 'utf8')) as Metric[];
	expect(written).toEqual(metrics);
	const names = metrics.map((m) => m.metric);
	for (const part of ['initial JS', 'restore: total', 'floor:', 'restore ÷ floor', 'scoreCampaign', 'JS heap', 'results ready, from', 'results ready, cold', 'keystroke → committed, p95', 'long tasks > 100 ms']) {
		expect(names.some((n) => n.startsWith(part)), part).toBe(true);
	}
	for (const m of metrics) {
		expect(Number.isFinite(m.value), m.metric).toBe(true);
		expect(m.value, m.metric).toBeGreaterThanOrEqual(0);
		expect(m.pass, m.metric).toBe(m.budget === null ? null : m.value <= m.budget);
	}
	// A target's findings are one record.
	const restored = metrics.find((m) => m.metric === 'records restored')!.value;
	const sheets = new Set(generated.data.findings.map((f) => f.targetId)).size;
	expect(restored).toBe(1 + input.targets + sheets + input.evidence);
});
