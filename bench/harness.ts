/**
 * The measurements of `npm run bench` (DESIGN §8), each in real Chromium against the built app. Timings are
 * taken inside the page (event time stamps, `performance.now()`), so Playwright's round trips never count.
 * Nothing is added to the production build: the page is observed from an init script (long tasks, the
 * commit of every read-write IndexedDB transaction, key/click/change time stamps) and scoring is timed with
 * the app's own `scoreCampaign`, bundled from source for the page.
 *
 * Every timed budget is a ratio to a floor measured in the same run (DESIGN §8): the raw IndexedDB work or the
 * raw loop that the step cannot do without, on the same data, in the same page, interleaved with the figure
 * where the figure is repeated, so both see the same load.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { build } from 'vite';
import { BUDGETS, type Entry, type Metric, metric, ratioCheck } from './report';

export interface BenchInput {
	baseURL: string;
	/** The `.kaiming` file to restore. */
	file: string;
	campaignId: string;
	targets: number;
	findings: number;
	evidence: number;
	/** The target graded in (d): one with many indicators. */
	gradingTarget: { id: string; name: string; indicators: number };
	/** Grading keystrokes to time. */
	edits: number;
	/** Progress lines; silent by default. */
	log?: (line: string) => void;
}

interface Probe {
	longTasks: { start: number; duration: number }[];
	commits: { t: number; stores: string[] }[];
	keys: { key: string; t: number }[];
	clicks: number[];
	fileChange: number | null;
	appeared: Record<string, number>;
	savedAt: number[];
	resultsReady: number | null;
	/** Set by the merge scenario: watch the campaign page for the merge preview and its report. */
	watchMerge: boolean;
}

declare global {
	interface Window {
		__bench: Probe;
		/** Starts watching for the results page to be ready (see probe). */
		__benchWatchResults: () => void;
		__kaimingBench?: { scoreCampaign: (framework: unknown, targets: unknown[], findings: unknown[]) => { vetoed: boolean }[] };
		/** bench/charts-entry.ts, for the results floor. */
		__kaimingBenchCharts?: {
			loadChart: () => Promise<new (canvas: HTMLCanvasElement, config: unknown) => { destroy(): void }>;
			resultsCharts: (framework: unknown, targets: unknown[], findings: unknown[]) => Record<string, unknown>;
			/** Computed once per document (outside the timed part). */
			configs?: Record<string, unknown>;
		};
		/** The grading floor's scratch database and the record it writes. */
		__benchScratch?: { db: IDBDatabase; record: { findings: { updatedAt: string }[] } };
	}
}

/**
 * Installed before any app script runs. Wrapping `IDBDatabase.transaction` only adds a 'complete' listener (to
 * the app's read-write transactions).
 */
function probe(expectedRows: number) {
	const b: Probe = { longTasks: [], commits: [], keys: [], clicks: [], fileChange: null, appeared: {}, savedAt: [], resultsReady: null, watchMerge: false };
	window.__bench = b;
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// No long-task timing in this browser: the count stays 0 and the report says so by its value.
	}
	const original = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
		const tx = original.apply(this, args);
		// The app's database only: the floors write to scratch databases of their own.
		if (args[1] === 'readwrite' && this.name === 'kaiming') {
			const stores = Array.from(tx.objectStoreNames);
			tx.addEventListener('complete', () => b.commits.push({ t: performance.now(), stores }));
		}
		return tx;
	};
	addEventListener('keydown', (e) => b.keys.push({ key: e.key, t: e.timeStamp }), true);
	addEventListener('click', (e) => b.clicks.push(e.timeStamp), true);
	addEventListener('change', (e) => {
		if (e.target instanceof HTMLInputElement && e.target.type === 'file') b.fileChange = e.timeStamp;
	}, true);

	// When a test id first appears, and when the save status turns to "saved" (next frame: about when it is painted).
	const watched = ['restore-preview', 'restore-report', 'restore-refused'];
	const watchedMerge = ['team-merge-preview', 'team-merge-report'];
	// Kept cheap (it runs inside the timings): restore ids are looked for on the settings page only, and the
	// save status element is looked up again only once it has left the document.
	let status: HTMLElement | null = null;
	let seen = -1;
	const observer = new MutationObserver(() => {
		const ids = location.pathname.endsWith('/settings') ? watched : b.watchMerge ? watchedMerge : [];
		if (ids.length > 0) {
			for (const id of ids) {
				if (b.appeared[id] === undefined && document.querySelector(`[data-testid="${id}"]`)) {
					b.appeared[id] = -1;
					requestAnimationFrame(() => (b.appeared[id] = performance.now()));
				}
			}
		}
		if (!status?.isConnected) status = document.querySelector<HTMLElement>('[data-testid="save-status"]');
		if (status?.dataset.state === 'saved' && seen !== b.commits.length) {
			seen = b.commits.length;
			requestAnimationFrame(() => b.savedAt.push(performance.now()));
		}
	});
	const start = () => observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
	if (document.documentElement) start();
	else addEventListener('DOMContentLoaded', start);

	// Results page ready: the full list and every ranking rendered (long tables render the rows in view and
	// announce the total in aria-rowcount) and every chart drawn by chart.js.
	const rowCount = (t: Element) => Number(t.getAttribute('aria-rowcount') ?? 0) - 1;
	const rendered = (t: Element) => t.querySelectorAll('tbody tr:not(.spacer)').length > 0;
	const resultsReady = () => {
		const all = document.querySelector('table[data-testid="all-results"]');
		if (!all || rowCount(all) < expectedRows || !rendered(all)) return false;
		// Complete targets are ranked; the unfinished are listed under each ranking in a table of their own.
		const rankings = Array.from(document.querySelectorAll('table[data-testid^="ranking-"], table[data-testid^="unfinished-"]'));
		if (rankings.reduce((n, t) => n + rowCount(t), 0) < expectedRows || !rankings.every(rendered)) return false;
		const cards = Array.from(document.querySelectorAll('section[data-chart]')).filter((s) => s.getAttribute('data-chart') !== 'heatmap');
		return cards.length > 0 && cards.every((s) => {
			const canvas = s.querySelector('canvas');
			return canvas ? '$chartjs' in canvas : s.querySelector('.tablewrap') !== null;
		});
	};
	const watchResults = () => {
		const tick = () => {
			if (resultsReady()) b.resultsReady = performance.now();
			else requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	};
	window.__benchWatchResults = watchResults;
	if (sessionStorage.getItem('bench-watch-results') === '1') {
		sessionStorage.removeItem('bench-watch-results');
		watchResults();
	}
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const launchOptions = () => ({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGS });

const CONTEXT = (input: BenchInput) => ({ baseURL: input.baseURL, locale: 'zh-CN', viewport: { width: 1366, height: 900 } });

/** A fresh context (its own IndexedDB, in memory) with the probe installed in every page. */
export async function newPage(browser: Browser, input: BenchInput): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext(CONTEXT(input));
	await context.addInitScript(probe, input.targets);
	const page = await context.newPage();
	page.setDefaultTimeout(600_000);
	return { context, page };
}

/**
 * A fresh browser profile in a temporary folder, so IndexedDB lives on disk as it does for users: a context
 * of `browser.newContext()` is off the record and keeps it in memory, which makes reading many records look
 * several times cheaper than it is. The probe is installed in every page; `close` removes the folder.
 */
export async function newProfile(input: BenchInput): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir(), 'kaiming-bench-'));
	const context = await chromium.launchPersistentContext(dir, { ...launchOptions(), ...CONTEXT(input) });
	await context.addInitScript(probe, input.targets);
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(600_000);
	return {
		context,
		page,
		close: async () => {
			await context.close();
			// Chromium's helpers may still be writing into the profile for a moment; a failure here must not hide the
			// error that led to the close.
			try {
				rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
			} catch (e) {
				console.warn(`[bench] could not remove ${dir}: ${String(e)}`);
			}
		}
	};
}

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);

/** (e) Every JS response of a first visit to the home page, gzipped here (vite preview does not compress). */
export async function measureInitialJs(browser: Browser, input: BenchInput): Promise<Metric[]> {
	const { context, page } = await newPage(browser, input);
	const bodies: Promise<Buffer>[] = [];
	page.on('response', (response) => {
		if (new URL(response.url()).pathname.endsWith('.js')) bodies.push(response.body());
	});
	await page.goto('/', { waitUntil: 'networkidle' });
	const files = await Promise.all(bodies);
	await context.close();
	const raw = files.reduce((a, f) => a + f.length, 0);
	const gzip = files.reduce((a, f) => a + gzipSync(f, { level: 6 }).length, 0);
	return [
		metric('initial JS, home page (gzip -6)', gzip / 1000, 'kB', BUDGETS.initialJsKb),
		metric('initial JS, home page (raw)', raw / 1000, 'kB'),
		metric('initial JS files', files.length, 'files')
	];
}

/** A bench entry (bench/*-entry.ts) as a script for the page, built from source with the same minifier as the app. */
const bundles = new Map<string, Promise<string>>();
export function buildBundle(entry: 'score-entry.ts' | 'charts-entry.ts', root = process.cwd()): Promise<string> {
	let built = bundles.get(entry);
	if (!built) {
		built = build({
			configFile: false,
			root,
			logLevel: 'silent',
			resolve: { alias: { $lib: `${root}/src/lib` } },
			build: { write: false, minify: true, lib: { entry: `${root}/bench/${entry}`, formats: ['iife'], name: 'kaimingBench' } }
		}).then((out) => {
			const result = Array.isArray(out) ? out[0] : out;
			if (!result || !('output' in result)) throw new Error(`bench/${entry} was not built`);
			const chunk = result.output.find((o) => o.type === 'chunk');
			if (!chunk || chunk.type !== 'chunk') throw new Error(`bench/${entry} has no code`);
			return chunk.code;
		});
		bundles.set(entry, built);
	}
	return built;
}

/**
 * Records per store in the app's database, and the findings inside the targets' records (findings are kept one
 * record per target). Page functions carry their own helpers: they run in the page.
 */
async function countStores(stores: string[]) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const db = await req(indexedDB.open('kaiming'));
	const tx = db.transaction([...stores, 'targetFindings'], 'readonly');
	const out: Record<string, number> = {};
	for (const s of stores) out[s] = await req(tx.objectStore(s).count());
	const sheets = (await req(tx.objectStore('targetFindings').getAll())) as { findings: unknown[] }[];
	out.findings = sheets.reduce((n, sheet) => n + sheet.findings.length, 0);
	db.close();
	return out;
}

/** A backup file restored on the Settings page: picked, its checked preview, 恢复, its report. */
export async function restoreThroughSettings(page: Page, file: string): Promise<void> {
	await page.goto('/settings');
	await page.getByTestId('restore-file').waitFor({ state: 'attached' });
	await page.getByTestId('restore-file').setInputFiles(file);
	await page.locator('[data-testid="restore-preview"], [data-testid="restore-refused"]').first().waitFor();
	if (await page.getByTestId('restore-refused').count()) throw new Error(`the app refused the file: ${await page.getByTestId('restore-refused').innerText()}`);
	await page.getByTestId('restore-preview').getByRole('button', { name: '恢复', exact: true }).click();
	await page.getByTestId('restore-report').waitFor();
	await page.waitForFunction(() => window.__bench.appeared['restore-report']! > 0);
}

/**
 * (a) Restore through the Settings page: pick the file, wait for the checked preview, click 恢复, wait for the
 * report. Then the floor: the same records (read back from the app's database) written with raw `put`s in one
 * transaction into a fresh database of the same schema. Then (b) scoring on the restored data, and its floor.
 */
export async function measureRestoreAndScore(page: Page, input: BenchInput): Promise<Entry[]> {
	const log = input.log ?? (() => undefined);
	log('restore: reading, checking and writing the file');
	await restoreThroughSettings(page, input.file);
	const t = await page.evaluate(() => {
		const b = window.__bench;
		return { change: b.fileChange!, preview: b.appeared['restore-preview']!, click: b.clicks.at(-1)!, report: b.appeared['restore-report']! };
	});
	const check = t.preview - t.change;
	const write = t.report - t.click;

	const counts = await page.evaluate(countStores, ['campaigns', 'targets', 'evidence']);
	const expected = { campaigns: 1, targets: input.targets, findings: input.findings, evidence: input.evidence };
	for (const s of Object.keys(expected)) {
		if (counts[s] !== expected[s as keyof typeof expected]) throw new Error(`restore wrote ${counts[s]} ${s}, expected ${expected[s as keyof typeof expected]}`);
	}

	log('floor: raw puts in one transaction');
	const schema = JSON.parse(readFileSync(new URL('../tests/unit/storage/schema-snapshot.json', import.meta.url), 'utf8')) as FloorSchema;
	const floor = await page.evaluate(writeFloor, { schema, stores: ['frameworks', 'frameworkVersions', 'campaigns', 'targets', 'targetFindings', 'evidence', 'rectifications'] });

	log('scoring: scoreCampaign on the restored data, interleaved with its floor');
	await page.evaluate(await buildBundle('score-entry.ts'));
	const score = await page.evaluate(timeScoring, { campaignId: input.campaignId, repetitions: 7 });
	if (score.targets !== input.targets) throw new Error(`scoring saw ${score.targets} targets, expected ${input.targets}`);
	if (score.findings !== input.findings) throw new Error(`the scoring floor read ${score.findings} findings, expected ${input.findings}`);

	return [
		metric('restore: file read + checked (pick → preview)', check, 'ms'),
		metric('restore: written (click → report)', write, 'ms'),
		ratioCheck('restore (pick → report)', metric('restore: total (pick → report)', check + write, 'ms'), metric('floor: the same records, raw puts in one transaction', floor.ms, 'ms'), BUDGETS.restoreRatio),
		metric('restore ÷ floor (write phase only)', write / floor.ms, '×'),
		metric('records restored', floor.records, 'records'),
		metric('scoreCampaign, all targets (first call)', score.first, 'ms'),
		ratioCheck(
			'scoreCampaign, all targets',
			metric(`scoreCampaign, all targets (median of ${score.repetitions})`, score.score, 'ms'),
			metric(`floor: loop reading every finding's outcome and deduction counts once (median of ${score.repetitions}${score.passes > 1 ? `, ${score.passes} passes each` : ''})`, score.floor, 'ms'),
			BUDGETS.scoreRatio
		)
	];
}

export interface FloorSchema {
	stores: Record<string, { keyPath: string | string[]; autoIncrement: boolean; indexes: Record<string, { keyPath: string | string[]; unique: boolean; multiEntry: boolean }> }>;
}

async function writeFloor(args: { schema: FloorSchema; stores: string[] }) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const source = await req(indexedDB.open('kaiming'));
	const rtx = source.transaction(args.stores, 'readonly');
	const data: Record<string, unknown[]> = {};
	for (const s of args.stores) data[s] = await req(rtx.objectStore(s).getAll());
	source.close();

	const name = 'kaiming-bench-floor';
	await req(indexedDB.deleteDatabase(name));
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		for (const [store, def] of Object.entries(args.schema.stores)) {
			const os = open.result.createObjectStore(store, { keyPath: def.keyPath, autoIncrement: def.autoIncrement });
			for (const [index, i] of Object.entries(def.indexes)) os.createIndex(index, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
		}
	};
	const db = await req(open);
	const t0 = performance.now();
	const tx = db.transaction(args.stores, 'readwrite');
	let records = 0;
	for (const s of args.stores) {
		const os = tx.objectStore(s);
		for (const record of data[s]!) {
			os.put(record);
			records++;
		}
	}
	await new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onabort = () => reject(tx.error);
	});
	const ms = performance.now() - t0;
	db.close();
	await req(indexedDB.deleteDatabase(name));
	return { ms, records };
}

/**
 * `scoreCampaign` on the restored records, and its floor: one loop over the same findings reading each one's
 * stored value (its outcome and counted deductions) once. They alternate (which goes first too); the first pair
 * warms up and is reported apart, the ratio takes the medians of the rest. Should one pass of the floor be too
 * short for the page's timer (0.1 ms steps; small campaigns), it is timed over enough passes to take ≥ 1 ms and
 * divided by them.
 */
async function timeScoring(args: { campaignId: string; repetitions: number }) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const db = await req(indexedDB.open('kaiming'));
	const tx = db.transaction(['campaigns', 'targets', 'targetFindings'], 'readonly');
	const campaign = (await req(tx.objectStore('campaigns').get(args.campaignId))) as { framework: unknown };
	const targets = ((await req(tx.objectStore('targets').index('campaignId').getAll(args.campaignId))) as { order: number }[]).sort((a, b) => a.order - b.order);
	type Stored = { outcome: string | null; deductionCounts: Record<string, number> };
	const sheets = (await req(tx.objectStore('targetFindings').getAll(IDBKeyRange.bound([args.campaignId], [args.campaignId, []])))) as { findings: Stored[] }[];
	const findings = sheets.flatMap((sheet) => sheet.findings);
	db.close();
	const score = window.__kaimingBench!.scoreCampaign;
	const readEach = (list: Stored[]) => {
		let sum = 0;
		for (let i = 0; i < list.length; i++) {
			const f = list[i]!;
			if (f.outcome !== null) sum += f.outcome.length;
			const counts = f.deductionCounts;
			for (const k in counts) sum += counts[k]!;
		}
		return sum;
	};
	let passes = 1;
	const timeFloor = () => {
		const t0 = performance.now();
		for (let p = 0; p < passes; p++) checksum += readEach(findings);
		return (performance.now() - t0) / passes;
	};
	const timeScore = () => {
		const t0 = performance.now();
		vetoed = score(campaign.framework, targets, findings).filter((s) => s.vetoed).length;
		return performance.now() - t0;
	};
	let checksum = 0;
	let vetoed = 0;
	const first = { score: timeScore(), floor: timeFloor() };
	while (passes < 1 << 16) {
		const t0 = performance.now();
		for (let p = 0; p < passes; p++) checksum += readEach(findings);
		if (performance.now() - t0 >= 1) break;
		passes *= 2;
	}
	const scoreRuns: number[] = [];
	const floorRuns: number[] = [];
	for (let i = 0; i < args.repetitions; i++) {
		if (i % 2 === 0) {
			scoreRuns.push(timeScore());
			floorRuns.push(timeFloor());
		} else {
			floorRuns.push(timeFloor());
			scoreRuns.push(timeScore());
		}
	}
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	return { first: first.score, score: median(scoreRuns), floor: median(floorRuns), repetitions: args.repetitions, passes, targets: targets.length, findings: findings.length, vetoed, checksum };
}

/** (f) JS heap of the campaign page once its targets and findings are loaded, after a full GC. */
export async function measureCampaignHeap(page: Page, input: BenchInput): Promise<Metric[]> {
	await openCampaign(page, input);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.collectGarbage');
	const heap = await cdp.send('Runtime.getHeapUsage');
	await cdp.detach();
	return [metric('JS heap, campaign open (after GC)', heap.usedSize / 1e6, 'MB')];
}

/** Chromium's own counters (seconds of main-thread work by kind), to say where a slow step spends its time. */
async function rendererWork(cdp: CDPSession) {
	const { metrics } = await cdp.send('Performance.getMetrics');
	const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
	return { task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
}

/** One results chart as the app drew it: its card's `data-chart` id and the size of its canvas' wrapper. */
interface ChartSize {
	id: string;
	width: number;
	height: number;
}

/** From the click on the 结果 tab (the campaign page loaded) to results ready, with Chromium's counters over the span. */
async function resultsFromTab(page: Page, input: BenchInput) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	await page.evaluate(() => {
		window.__bench.clicks = [];
		window.__bench.resultsReady = null;
		window.__benchWatchResults();
	});
	const before = await rendererWork(cdp);
	await page.locator(`a[href$="/campaigns/${input.campaignId}/results"]`).first().click();
	await page.waitForFunction(() => window.__bench.resultsReady !== null, undefined, { polling: 100 });
	const after = await rendererWork(cdp);
	await cdp.detach();
	const t = await page.evaluate(() => {
		const from = window.__bench.clicks[0]!;
		return {
			ms: window.__bench.resultsReady! - from,
			longest: window.__bench.longTasks.filter((l) => l.start >= from).reduce((m, l) => Math.max(m, l.duration), 0),
			elements: document.getElementsByTagName('*').length
		};
	});
	return { ...t, script: after.script - before.script, styleLayout: after.style + after.layout - before.style - before.layout };
}

/** A fresh load of the results URL; the watcher starts with the page, times count from navigation start. */
async function resultsCold(page: Page, input: BenchInput): Promise<number> {
	await page.evaluate(() => sessionStorage.setItem('bench-watch-results', '1'));
	await page.goto(`/campaigns/${input.campaignId}/results`);
	await page.waitForFunction(() => window.__bench.resultsReady !== null, undefined, { polling: 100 });
	return page.evaluate(() => window.__bench.resultsReady!);
}

/** The charts the results page drew, with their sizes, so the floor draws the same ones at the same sizes. */
const drawnCharts = (page: Page) =>
	page.evaluate(() =>
		Array.from(document.querySelectorAll<HTMLElement>('section[data-chart]')).flatMap((section) => {
			const wrapper = section.querySelector('canvas')?.parentElement;
			return wrapper ? [{ id: section.dataset.chart!, width: wrapper.clientWidth, height: wrapper.clientHeight }] : [];
		})
	);

/**
 * The results floor, in the page: the raw read of the campaign's records (its campaign record, its targets and
 * its targets' findings records, in one read-only transaction; timed both as getAll of each store and as one get
 * per target as the app reads them, whichever order first, and the faster one counts), then drawing the same
 * charts at the same sizes with chart.js from configs computed beforehand, until the next frame. The connection,
 * the configs and the canvases are made before the clock starts.
 */
async function resultsFloor(args: { campaignId: string; charts: ChartSize[]; getAllFirst: boolean }) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
	const bench = window.__kaimingBenchCharts!;
	const Chart = await bench.loadChart();
	const db = await req(indexedDB.open('kaiming'));
	const range = IDBKeyRange.bound([args.campaignId], [args.campaignId, []]);
	if (!bench.configs) {
		const tx = db.transaction(['campaigns', 'targets', 'targetFindings'], 'readonly');
		const campaign = (await req(tx.objectStore('campaigns').get(args.campaignId))) as { framework: unknown };
		const targets = ((await req(tx.objectStore('targets').index('campaignId').getAll(args.campaignId))) as { order: number }[]).sort((a, b) => a.order - b.order);
		const sheets = (await req(tx.objectStore('targetFindings').getAll(range))) as { findings: unknown[] }[];
		bench.configs = bench.resultsCharts(campaign.framework, targets, sheets.flatMap((sheet) => sheet.findings));
	}
	const missing = args.charts.filter((c) => !bench.configs![c.id]);
	if (missing.length > 0) throw new Error(`no floor config for the chart(s) ${missing.map((c) => c.id).join(', ')}`);
	const configs = args.charts.map((c) => structuredClone(bench.configs![c.id]));
	const overlay = document.createElement('div');
	overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:hidden;background:#fff';
	const canvases = args.charts.map((c) => {
		const wrapper = document.createElement('div');
		wrapper.style.cssText = `position:relative;width:${c.width}px;height:${c.height}px`;
		const canvas = document.createElement('canvas');
		wrapper.append(canvas);
		overlay.append(wrapper);
		return canvas;
	});
	document.body.append(overlay);
	await frame();
	await new Promise((resolve) => setTimeout(resolve, 50));

	let records = 0;
	const getAll = async () => {
		const t0 = performance.now();
		const tx = db.transaction(['campaigns', 'targets', 'targetFindings'], 'readonly');
		const [campaign, targets, sheets] = await Promise.all([
			req(tx.objectStore('campaigns').get(args.campaignId)),
			req(tx.objectStore('targets').index('campaignId').getAll(args.campaignId)),
			req(tx.objectStore('targetFindings').getAll(range))
		]);
		records = (campaign ? 1 : 0) + targets.length + sheets.length;
		return performance.now() - t0;
	};
	const perTarget = async () => {
		const t0 = performance.now();
		const tx = db.transaction(['campaigns', 'targets', 'targetFindings'], 'readonly');
		const findings = tx.objectStore('targetFindings');
		const [campaign, targets] = await Promise.all([req(tx.objectStore('campaigns').get(args.campaignId)), req(tx.objectStore('targets').index('campaignId').getAll(args.campaignId))]);
		const sheets = await Promise.all((targets as { id: string }[]).map((t) => req(findings.get([args.campaignId, t.id]))));
		records = (campaign ? 1 : 0) + targets.length + sheets.filter((x) => x !== undefined).length;
		return performance.now() - t0;
	};
	const reads = args.getAllFirst ? [await getAll(), await perTarget()] : [await perTarget(), await getAll()];
	const drawFrom = performance.now();
	const charts = canvases.map((canvas, i) => new Chart(canvas, configs[i]));
	const drawn = await frame();
	for (const chart of charts) chart.destroy();
	overlay.remove();
	db.close();
	const read = Math.min(...reads);
	return { read, getAll: args.getAllFirst ? reads[0]! : reads[1]!, perTarget: args.getAllFirst ? reads[1]! : reads[0]!, draw: drawn - drawFrom, total: read + drawn - drawFrom, records };
}

/**
 * (c) Results page: from the click on the 结果 tab (campaign loaded), and from a cold load of its URL, each
 * `cycles` times, with the floor taken after each (tab, floor, cold, floor; then the campaign page again).
 * Ratios are medians over medians; the first tab's breakdown is kept as context.
 */
export async function measureResults(page: Page, input: BenchInput, cycles = 3): Promise<Entry[]> {
	const charts = await buildBundle('charts-entry.ts');
	const tab: Awaited<ReturnType<typeof resultsFromTab>>[] = [];
	const cold: number[] = [];
	const floors: Awaited<ReturnType<typeof resultsFloor>>[] = [];
	let sizes: ChartSize[] = [];
	const floor = async () => {
		if (!(await page.evaluate(() => window.__kaimingBenchCharts !== undefined))) await page.evaluate(charts);
		floors.push(await page.evaluate(resultsFloor, { campaignId: input.campaignId, charts: sizes, getAllFirst: floors.length % 2 === 0 }));
	};
	for (let c = 0; c < cycles; c++) {
		// The first cycle starts from the campaign page measureCampaignHeap left open.
		if (c > 0) await openCampaign(page, input);
		tab.push(await resultsFromTab(page, input));
		if (c === 0) sizes = await drawnCharts(page);
		await floor();
		cold.push(await resultsCold(page, input));
		await floor();
	}
	const mid = (values: number[]) => median(values);
	const floorMs = mid(floors.map((f) => f.total));
	const floorName = `floor: raw read of the campaign's ${floors[0]!.records} records + drawing its ${sizes.length} charts (median of ${floors.length})`;
	return [
		ratioCheck('results ready, from the 结果 tab', metric(`results ready, from the 结果 tab (median of ${cycles})`, mid(tab.map((t) => t.ms)), 'ms'), metric(floorName, floorMs, 'ms'), BUDGETS.resultsRatio),
		metric('  first tab: script (main thread)', tab[0]!.script, 'ms'),
		metric('  first tab: style + layout', tab[0]!.styleLayout, 'ms'),
		metric('  first tab: longest task', tab[0]!.longest, 'ms'),
		metric('  DOM elements on the results page', tab[0]!.elements, 'elements'),
		ratioCheck('results ready, cold load of the URL', metric(`results ready, cold load of the URL (median of ${cycles})`, mid(cold), 'ms'), metric(floorName, floorMs, 'ms'), BUDGETS.resultsRatio),
		metric('  floor: raw read (faster of getAll / one get per target)', mid(floors.map((f) => f.read)), 'ms'),
		metric('  floor: raw read as getAll', mid(floors.map((f) => f.getAll)), 'ms'),
		metric('  floor: raw read as one get per target', mid(floors.map((f) => f.perTarget)), 'ms'),
		metric('  floor: drawing the charts', mid(floors.map((f) => f.draw)), 'ms')
	];
}

/** The campaign page, loaded (its heading names the number of targets). */
async function openCampaign(page: Page, input: BenchInput) {
	await page.goto(`/campaigns/${input.campaignId}`);
	await page.getByRole('heading', { name: new RegExp(`（${input.targets}）`) }).waitFor();
}

/**
 * The grading floor's setup, in the page: a scratch database with the app's findings store (same key path) and a
 * copy of the graded target's findings record, the record a grading keystroke writes.
 */
async function scratchSetup(args: { campaignId: string; targetId: string }) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const app = await req(indexedDB.open('kaiming'));
	const record = (await req(app.transaction('targetFindings', 'readonly').objectStore('targetFindings').get([args.campaignId, args.targetId]))) as { findings: { updatedAt: string }[] } | undefined;
	app.close();
	if (!record || record.findings.length === 0) throw new Error(`no findings record for target ${args.targetId}`);
	const name = 'kaiming-bench-scratch';
	await req(indexedDB.deleteDatabase(name));
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => open.result.createObjectStore('targetFindings', { keyPath: ['campaignId', 'targetId'] });
	window.__benchScratch = { db: await req(open), record };
	return JSON.stringify(record).length;
}

/** One raw put of that record (one finding's time stamp changed, as a keystroke does) and its commit, as the app commits. */
async function rawPut() {
	const { db, record } = window.__benchScratch!;
	record.findings[0]!.updatedAt = new Date().toISOString();
	const t0 = performance.now();
	const tx = db.transaction('targetFindings', 'readwrite', { durability: 'strict' });
	tx.objectStore('targetFindings').put(record);
	await new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onabort = () => reject(tx.error);
	});
	return performance.now() - t0;
}

async function scratchTeardown() {
	window.__benchScratch?.db.close();
	delete window.__benchScratch;
	await new Promise((resolve, reject) => {
		const r = indexedDB.deleteDatabase('kaiming-bench-scratch');
		r.onsuccess = resolve;
		r.onerror = () => reject(r.error);
	});
}

/**
 * (d) Grading on the assess screen, keyboard only: an outcome key (2/1/0, all valid on veto items too; one the
 * indicator does not have yet), then j to the next indicator (k on the way back) — after the one the outcome key
 * may have moved to by itself. Each keystroke is timed to the commit of the read-write
 * transaction it caused and to the frame after "已保存" appears; long tasks are counted over the whole run.
 * The floor alternates with the keystrokes: after each keystroke has committed, one raw put + commit of the
 * same target's findings record into a scratch database, in the same page.
 */
export async function measureGrading(page: Page, input: BenchInput): Promise<Entry[]> {
	const { id, name, indicators } = input.gradingTarget;
	await page.goto(`/campaigns/${input.campaignId}/assess/${id}`);
	await page.getByRole('heading', { level: 1, name }).waitFor();
	await page.getByTestId('score-panel').waitFor();
	const recordChars = await page.evaluate(scratchSetup, { campaignId: input.campaignId, targetId: id });
	await page.waitForTimeout(500);
	const start = await page.evaluate(() => performance.now());
	const keys = ['2', '1', '0'];
	const down = Math.min(Math.floor(input.edits / 2), indicators - 1);
	const commitLatency: number[] = [];
	const savedLatency: number[] = [];
	const putLatency: number[] = [];
	for (let i = 0; i < input.edits; i++) {
		// The outcome the active card has already is kept without a write: press the next one in turn instead.
		const current = await page.evaluate(() => document.querySelector('.ind.active .outcomes [aria-pressed="true"]')?.getAttribute('aria-keyshortcuts') ?? null);
		const key = [0, 1, 2].map((k) => keys[(i + k) % keys.length]!).find((k) => k !== current)!;
		const before = await page.evaluate(() => ({ commits: window.__bench.commits.length, saved: window.__bench.savedAt.length, keys: window.__bench.keys.length }));
		await page.keyboard.press(key);
		await page.waitForFunction(
			(b) => window.__bench.commits.length > b.commits && window.__bench.savedAt.length > b.saved,
			before,
			{ polling: 'raf' }
		);
		const t = await page.evaluate((b) => {
			const pressed = window.__bench.keys.slice(b.keys).find((k) => '012'.includes(k.key))!.t;
			const commit = window.__bench.commits.slice(b.commits).find((c) => c.stores.includes('targetFindings'))!.t;
			return { commit: commit - pressed, saved: window.__bench.savedAt[b.saved]! - pressed };
		}, before);
		commitLatency.push(t.commit);
		savedLatency.push(t.saved);
		putLatency.push(await page.evaluate(rawPut));
		await page.keyboard.press(i < down ? 'j' : 'k');
	}
	const tasks = await page.evaluate((from) => window.__bench.longTasks.filter((l) => l.start >= from), start);
	await page.evaluate(scratchTeardown);
	const longest = tasks.reduce((m, l) => Math.max(m, l.duration), 0);
	return [
		metric(`keystroke → committed, p50 (${input.edits} edits)`, median(commitLatency), 'ms'),
		ratioCheck(
			'keystroke → committed, p95',
			metric(`keystroke → committed, p95 (${input.edits} edits)`, percentile(commitLatency, 95), 'ms'),
			metric(`floor: raw put + commit of the target's findings record (${(recordChars / 1000).toFixed(0)} kB JSON), p95 of ${input.edits} interleaved`, percentile(putLatency, 95), 'ms'),
			BUDGETS.keystrokeRatio
		),
		metric('  floor: raw put + commit, p50', median(putLatency), 'ms'),
		metric('keystroke → 已保存 shown, p95', percentile(savedLatency, 95), 'ms'),
		metric('long tasks (> 50 ms) while grading', tasks.length, 'tasks'),
		metric('long tasks > 100 ms while grading', tasks.filter((l) => l.duration > 100).length, 'tasks', BUDGETS.longTasksOver100),
		metric('longest task while grading', longest, 'ms')
	];
}

/** Everything, in one browser, in an order where each step starts from what the previous left. */
export async function runBench(browser: Browser, input: BenchInput): Promise<Entry[]> {
	const log = input.log ?? (() => undefined);
	log('initial JS of the home page');
	const metrics: Entry[] = await measureInitialJs(browser, input);
	const { context, page: restorePage, close } = await newProfile(input);
	try {
		metrics.push(...(await measureRestoreAndScore(restorePage, input)));
		// A new tab for the rest, so the heap holds the campaign page only, not the restore's leftovers.
		await restorePage.close();
		const page = await context.newPage();
		page.setDefaultTimeout(600_000);
		log('campaign page: heap');
		metrics.push(...(await measureCampaignHeap(page, input)));
		log('results page');
		metrics.push(...(await measureResults(page, input)));
		log(`grading: ${input.edits} keystrokes`);
		metrics.push(...(await measureGrading(page, input)));
	} finally {
		await close();
	}
	return metrics;
}
