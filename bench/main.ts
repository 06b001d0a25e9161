/**
 * `npm run bench [-- --smoke] [-- --no-build]`: generates the synthetic campaign, builds the app, serves it with
 * `vite preview`, runs every measurement in headless Chromium, prints a table and writes bench/results.json.
 * Budgets are reported, never enforced: the exit code is 0 unless the harness itself could not run. Timed budgets
 * are ratios to floors measured in the same run (see report.ts); docs/benchmarks.md describes each floor.
 * Sizes: BENCH_TARGETS (default 2000; 50 with --smoke), BENCH_EDITS (default 200; 20 with --smoke), BENCH_RETURNS
 * (return files merged, default 20; 5 with --smoke); `--merge-only` runs just the merge, `--no-merge` skips it,
 * BENCH_CPU_PROFILE=<file> writes the page's CPU profile of the merge;
 * large backups (backup-size.ts): BENCH_BACKUP_MB (default 2048; 16 with --smoke) and BENCH_SCREENSHOTS
 * (default 70000; 500 with --smoke); `--backup-only` runs just those, `--no-backup` skips them;
 * port: BENCH_PORT (default 4176); browser: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { measureLargeBackups } from './backup-size';
import { generateBackup, type GeneratedCampaign } from './generate';
import { launchOptions, runBench, type BenchInput } from './harness';
import { measureMerge, mergeDir, mergeInput } from './merge';
import { failLines, flatten, metric, table, writeResults, type Entry } from './report';

/** What the harness needs to know about a generated campaign: sizes and a fully graded portal to grade again. */
export function benchInput(generated: GeneratedCampaign, file: string, baseURL: string, edits: number): BenchInput {
	const { targets, findings, evidence } = generated.data;
	const perTarget = new Map<string, number>();
	for (const f of findings) perTarget.set(f.targetId, (perTarget.get(f.targetId) ?? 0) + 1);
	const portal = generated.indicatorsPerCategory['portal']!;
	const target = targets.find((t) => t.categoryId === 'portal' && perTarget.get(t.id) === portal) ?? targets[0]!;
	return {
		baseURL,
		file,
		campaignId: generated.campaign.id,
		targets: targets.length,
		findings: findings.length,
		evidence: evidence.length,
		gradingTarget: { id: target.id, name: target.name, indicators: generated.indicatorsPerCategory[target.categoryId]! },
		edits
	};
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`vite preview did not answer at ${url}`);
}

export async function main(argv: string[]): Promise<number> {
	const root = process.cwd();
	const smoke = argv.includes('--smoke');
	const targets = Number(process.env.BENCH_TARGETS ?? (smoke ? 50 : 2000));
	const edits = Number(process.env.BENCH_EDITS ?? (smoke ? 20 : 200));
	const port = Number(process.env.BENCH_PORT ?? 4176);
	const backupOnly = argv.includes('--backup-only');
	const mergeOnly = argv.includes('--merge-only');
	const returns = backupOnly || argv.includes('--no-merge') ? 0 : Number(process.env.BENCH_RETURNS ?? (smoke ? 5 : 20));
	const backupSize = argv.includes('--no-backup') || mergeOnly
		? null
		: { megabytes: Number(process.env.BENCH_BACKUP_MB ?? (smoke ? 16 : 2048)), screenshots: Number(process.env.BENCH_SCREENSHOTS ?? (smoke ? 500 : 70_000)) };
	const baseURL = `http://127.0.0.1:${port}`;
	const log = (line: string) => console.log(`[bench] ${line}`);

	const loadAtStart = loadavg()[0]!;
	log(`generating ${targets} targets`);
	const generated = generateBackup({ targets: backupOnly ? 1 : targets });
	const file = join(root, 'bench', 'out', `campaign-${targets}.kaiming`);
	mkdirSync(join(root, 'bench', 'out'), { recursive: true });
	writeFileSync(file, generated.bytes);
	log(`${generated.data.findings.length} findings, ${generated.data.evidence.length} evidence items, ${(generated.bytes.length / 1e6).toFixed(1)} MB → ${file}`);
	const merge = returns > 0 ? await mergeInput(generated, mergeDir(root, targets), returns) : null;
	if (merge) log(`${merge.returnFiles.length} return files, ${merge.findings} findings changed → ${mergeDir(root, targets)}`);

	if (!argv.includes('--no-build')) {
		log('vite build');
		const built = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
		if (built.status !== 0) return 1;
	}
	const preview = spawn(join(root, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
		cwd: root,
		stdio: 'ignore'
	});
	const browser = await chromium.launch(launchOptions());
	try {
		await waitForServer(baseURL, preview);
		const input = { ...benchInput(generated, file, baseURL, edits), log };
		const entries: Entry[] = backupOnly || mergeOnly ? [] : [metric('targets', input.targets, 'targets'), metric('findings', input.findings, 'records'), ...(await runBench(browser, input))];
		if (merge) entries.push(...(await measureMerge(input, merge)));
		if (backupSize) entries.push(...(await measureLargeBackups(input, backupSize)));
		console.log(`\nKaiming bench — ${input.targets} targets, ${input.findings} findings; ${cpus().length} cores (1-min load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end), Node ${process.version}, Chromium ${browser.version()}, ${new Date().toISOString()}\n`);
		console.log(table(entries));
		const metrics = flatten(entries);
		const out = join(root, 'bench', `results${backupOnly ? '-backup' : mergeOnly ? '-merge' : ''}${smoke ? '-smoke' : ''}.json`);
		writeResults(out, metrics);
		const missed = metrics.filter((m) => m.pass === false);
		for (const line of failLines(metrics)) console.log(line);
		console.log(`\n${missed.length === 0 ? 'every budget met' : `budgets missed: ${missed.map((m) => m.metric).join('; ')}`} — written to ${out}`);
		return 0;
	} finally {
		await browser.close();
		preview.kill();
	}
}
