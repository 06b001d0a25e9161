/**
 * The measurements of `npm run bench` (DESIGN §8), each in real Chromium against the built app. Timings are
 * taken inside the page (event time stamps, `performance.now()`), so Playwright's round trips never count.
 * Nothing is added to the production build: the page is observed from an init script (long tasks, the
 * commit of every read-write IndexedDB transaction, key/click/change time stamps) and scoring is timed with
 * the app's own `scoreCampaign`, bundled from source for the page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { build } from 'vite';
import { BUDGETS, type Metric, metric } from './report';

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
}

declare global {
	interface Window {
		__bench: Probe;
		/** Starts watching for the results page to be ready (see probe). */
		__benchWatchResults: () => void;
		__kaimingBench?: { scoreCampaign: (framework: unknown, targets: unknown[], findings: unknown[]) => { vetoed: boolean }[] };
	}
}

/** Installed before any app script runs. Wrapping `IDBDatabase.transaction` only adds a 'complete' listener. */
function probe(expectedRows: number) {
	const b: Probe = { longTasks: [], commits: [], keys: [], clicks: [], fileChange: null, appeared: {}, savedAt: [], resultsReady: null };
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
		if (args[1] === 'readwrite') {
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
	// Kept cheap (it runs inside the timings): restore ids are looked for on the settings page only, and the
	// save status element is looked up again only once it has left the document.
	let status: HTMLElement | null = null;
	let seen = -1;
	const observer = new MutationObserver(() => {
		if (location.pathname.endsWith('/settings')) {
			for (const id of watched) {
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
		const rankings = Array.from(document.querySelectorAll('table[data-testid^="ranking-"]'));
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
			rmSync(dir, { recursive: true, force: true });
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

/** The app's `scoreCampaign` as a script for the page (built from source with the same minifier as the app). */
let scoringBundle: Promise<string> | null = null;
export function buildScoringBundle(root = process.cwd()): Promise<string> {
	scoringBundle ??= build({
		configFile: false,
		root,
		logLevel: 'silent',
		resolve: { alias: { $lib: `${root}/src/lib` } },
		build: { write: false, minify: true, lib: { entry: `${root}/bench/score-entry.ts`, formats: ['iife'], name: 'kaimingBenchScoring' } }
	}).then((out) => {
		const result = Array.isArray(out) ? out[0] : out;
		if (!result || !('output' in result)) throw new Error('the scoring bundle was not built');
		const chunk = result.output.find((o) => o.type === 'chunk');
		if (!chunk || chunk.type !== 'chunk') throw new Error('the scoring bundle has no code');
		return chunk.code;
	});
	return scoringBundle;
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

/**
 * (a) Restore through the Settings page: pick the file, wait for the checked preview, click 恢复, wait for the
 * report. Then the floor: the same records (read back from the app's database) written with raw `put`s in one
 * transaction into a fresh database of the same schema. Then (b) scoring on the restored data.
 */
export async function measureRestoreAndScore(page: Page, input: BenchInput): Promise<Metric[]> {
	const log = input.log ?? (() => undefined);
	await page.goto('/settings');
	await page.getByTestId('restore-file').waitFor({ state: 'attached' });
	log('restore: reading and checking the file');
	await page.getByTestId('restore-file').setInputFiles(input.file);
	await page.locator('[data-testid="restore-preview"], [data-testid="restore-refused"]').first().waitFor();
	if (await page.getByTestId('restore-refused').count()) throw new Error(`the app refused the file: ${await page.getByTestId('restore-refused').innerText()}`);
	log('restore: writing');
	await page.getByTestId('restore-preview').getByRole('button', { name: '恢复', exact: true }).click();
	await page.getByTestId('restore-report').waitFor();
	await page.waitForFunction(() => window.__bench.appeared['restore-report']! > 0);
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

	log('scoring: scoreCampaign on the restored data');
	await page.evaluate(await buildScoringBundle());
	const score = await page.evaluate(timeScoring, input.campaignId);
	if (score.targets !== input.targets) throw new Error(`scoring saw ${score.targets} targets, expected ${input.targets}`);

	return [
		metric('restore: file read + checked (pick → preview)', check, 'ms'),
		metric('restore: written (click → report)', write, 'ms'),
		metric('restore: total', check + write, 'ms'),
		metric('floor: raw puts, one transaction', floor.ms, 'ms'),
		metric('restore ÷ floor', (check + write) / floor.ms, '×', BUDGETS.restoreRatio),
		metric('restore ÷ floor (write phase only)', write / floor.ms, '×'),
		metric('records restored', floor.records, 'records'),
		metric('scoreCampaign, all targets (first call)', score.first, 'ms', BUDGETS.scoreAllMs),
		metric('scoreCampaign, all targets (median of 5 more)', score.warm, 'ms', BUDGETS.scoreAllMs)
	];
}

interface FloorSchema {
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

async function timeScoring(campaignId: string) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const db = await req(indexedDB.open('kaiming'));
	const tx = db.transaction(['campaigns', 'targets', 'targetFindings'], 'readonly');
	const campaign = (await req(tx.objectStore('campaigns').get(campaignId))) as { framework: unknown };
	const targets = ((await req(tx.objectStore('targets').index('campaignId').getAll(campaignId))) as { order: number }[]).sort((a, b) => a.order - b.order);
	const sheets = (await req(tx.objectStore('targetFindings').getAll(IDBKeyRange.bound([campaignId], [campaignId, []])))) as { findings: unknown[] }[];
	const findings = sheets.flatMap((sheet) => sheet.findings);
	db.close();
	const score = window.__kaimingBench!.scoreCampaign;
	const runs: number[] = [];
	let vetoed = 0;
	for (let i = 0; i < 6; i++) {
		const t0 = performance.now();
		const scores = score(campaign.framework, targets, findings);
		runs.push(performance.now() - t0);
		vetoed = scores.filter((s) => s.vetoed).length;
	}
	const warm = runs.slice(1).sort((a, b) => a - b);
	return { first: runs[0]!, warm: warm[Math.floor(warm.length / 2)]!, targets: targets.length, vetoed };
}

/** (f) JS heap of the campaign page once its targets and findings are loaded, after a full GC. */
export async function measureCampaignHeap(page: Page, input: BenchInput): Promise<Metric[]> {
	await page.goto(`/campaigns/${input.campaignId}`);
	await page.getByRole('heading', { name: new RegExp(`（${input.targets}）`) }).waitFor();
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

/** (c) Results page: from the click on the 结果 tab (campaign loaded), and from a cold load of its URL. */
export async function measureResults(page: Page, input: BenchInput): Promise<Metric[]> {
	// In-app navigation from the campaign page measureCampaignHeap left open.
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
	const nav = await page.evaluate(() => window.__bench.resultsReady! - window.__bench.clicks[0]!);
	const navTask = await page.evaluate(() => {
		const from = window.__bench.clicks[0]!;
		return window.__bench.longTasks.filter((l) => l.start >= from).reduce((m, l) => Math.max(m, l.duration), 0);
	});
	const elements = await page.evaluate(() => document.getElementsByTagName('*').length);

	// Cold: a fresh load of the URL; the watcher starts with the page, times count from navigation start.
	await page.evaluate(() => sessionStorage.setItem('bench-watch-results', '1'));
	await page.goto(`/campaigns/${input.campaignId}/results`);
	await page.waitForFunction(() => window.__bench.resultsReady !== null, undefined, { polling: 100 });
	const cold = await page.evaluate(() => window.__bench.resultsReady!);
	return [
		metric('results ready, from the 结果 tab (campaign loaded)', nav, 'ms', BUDGETS.resultsReadyMs),
		metric('  of which script (main thread)', after.script - before.script, 'ms'),
		metric('  of which style + layout', after.style + after.layout - before.style - before.layout, 'ms'),
		metric('  DOM elements on the results page', elements, 'elements'),
		metric('  longest task', navTask, 'ms'),
		metric('results ready, cold load of the URL', cold, 'ms', BUDGETS.resultsReadyMs)
	];
}

/**
 * (d) Grading on the assess screen, keyboard only: an outcome key (2/1/0, all valid on veto items too), then
 * j to the next indicator (k on the way back). Each keystroke is timed to the commit of the read-write
 * transaction it caused and to the frame after "已保存" appears; long tasks are counted over the whole run.
 */
export async function measureGrading(page: Page, input: BenchInput): Promise<Metric[]> {
	const { id, name, indicators } = input.gradingTarget;
	await page.goto(`/campaigns/${input.campaignId}/assess/${id}`);
	await page.getByRole('heading', { level: 1, name }).waitFor();
	await page.getByTestId('score-panel').waitFor();
	await page.waitForTimeout(500);
	const start = await page.evaluate(() => performance.now());
	const keys = ['2', '1', '0'];
	const down = Math.min(Math.floor(input.edits / 2), indicators - 1);
	const commitLatency: number[] = [];
	const savedLatency: number[] = [];
	for (let i = 0; i < input.edits; i++) {
		const key = keys[i % keys.length]!;
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
		await page.keyboard.press(i < down ? 'j' : 'k');
	}
	const tasks = await page.evaluate((from) => window.__bench.longTasks.filter((l) => l.start >= from), start);
	const longest = tasks.reduce((m, l) => Math.max(m, l.duration), 0);
	return [
		metric(`keystroke → committed, p50 (${input.edits} edits)`, median(commitLatency), 'ms'),
		metric(`keystroke → committed, p95 (${input.edits} edits)`, percentile(commitLatency, 95), 'ms', BUDGETS.keystrokeP95Ms),
		metric('keystroke → 已保存 shown, p95', percentile(savedLatency, 95), 'ms'),
		metric('long tasks (> 50 ms) while grading', tasks.length, 'tasks'),
		metric('long tasks > 100 ms while grading', tasks.filter((l) => l.duration > 100).length, 'tasks', BUDGETS.longTasksOver100),
		metric('longest task while grading', longest, 'ms')
	];
}

/** Everything, in one browser, in an order where each step starts from what the previous left. */
export async function runBench(browser: Browser, input: BenchInput): Promise<Metric[]> {
	const log = input.log ?? (() => undefined);
	log('initial JS of the home page');
	const metrics = await measureInitialJs(browser, input);
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
