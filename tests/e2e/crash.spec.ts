import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { Finding } from '../../src/lib/domain/finding';
import { campaignWithTargets, card, openAssess } from './helpers';
import { mulberry32 } from '../../src/lib/domain/review/prng';

/*
 * Crash safety: hundreds of rapid edits with no pause for saving, then the page goes away the moment the
 * status line says "saved" — closed normally, or the whole browser killed with SIGKILL. Whatever the UI
 * called saved must be back, exactly, after a relaunch on the same profile. Edits are drawn from a seeded
 * generator (the seed is in the test title; CRASH_SEED overrides it) so a failure replays exactly.
 */

type Outcome = 'pass' | 'fail' | 'partial' | 'na';
interface Expected {
	outcome: Outcome | null;
	deductionCounts: Record<string, number>;
	note: string;
}
/** Target name → indicator id → what the finding must hold. Only indicators that were edited have one. */
type Model = Record<string, Record<string, Expected>>;
interface CardInfo {
	id: string;
	veto: boolean;
	bonus: boolean;
	deductions: { id: string; max: number }[];
}

const TARGETS = ['市人民政府', '市教育局'] as const;
const EDITS_PER_VISIT = 100;
// A → B → A: the second visit to A edits findings that already exist and are read back from memory.
const VISITS = [0, 1, 0] as const;
const OUTCOME_KEYS: Record<string, Outcome> = { '1': 'pass', '2': 'fail', '3': 'partial', '0': 'na' };
// Chinese, ASCII, quotes, markup-looking text and a character outside the BMP: any mangling shows.
const NOTE_CHARS = [...'栏目未更新链接错误附件缺失测试abcXYZ019 ,.;:"\'\\<>&/，。；😀'];

interface FrameworkJson {
	sections: { part: string; indicators: { id: string; deductions: { id: string; per: 'once' | 'each' }[] }[]; sections?: FrameworkJson['sections'] }[];
}
const framework = JSON.parse(readFileSync(new URL('../../src/lib/frameworks/cn-gov-website-2019.json', import.meta.url), 'utf8')) as FrameworkJson;
const indicatorInfo = new Map<string, Omit<CardInfo, 'id'>>();
(function walk(sections: FrameworkJson['sections']) {
	for (const s of sections) {
		for (const i of s.indicators)
			indicatorInfo.set(i.id, {
				veto: s.part === 'veto',
				bonus: s.part === 'bonus',
				// The same limits as DeductionCounter: a problem counted once is 0 or 1.
				deductions: s.part === 'veto' ? [] : i.deductions.map((d) => ({ id: d.id, max: d.per === 'once' ? 1 : 9999 }))
			});
		walk(s.sections ?? []);
	}
})(framework.sections);

/** Seeded, so a failing run replays exactly. */
function rng(seed: number) {
	const next = mulberry32(seed);
	return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof rng>;

const seedFor = (fallback: number) => (process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : fallback);

// Every browser this file starts, so a failing test still closes its own before its profile is removed.
const launched: BrowserContext[] = [];
async function launch(profile: string) {
	const context = await chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, baseURL: config.use?.baseURL, locale: 'zh-CN' });
	launched.push(context);
	return context;
}
const firstPage = async (context: BrowserContext) => context.pages()[0] ?? (await context.newPage());

/**
 * A slow disk, in the page: every read-write transaction is kept busy for `ms` before it may commit. The app
 * is untouched; only the gap between a write starting and its commit widens, so a status line that said
 * "saved" before the commit would lose that write to the close/kill that follows, instead of winning the race
 * by a millisecond. It also lets edits outrun the writes, so the queue really fills up and coalesces.
 */
function slowCommits(ms: number) {
	const transaction = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof transaction>) {
		const tx = transaction.apply(this, args);
		if (tx.mode === 'readwrite') {
			const store = tx.objectStore(tx.objectStoreNames[0]!);
			const until = performance.now() + ms;
			const spin = () => {
				if (performance.now() < until) store.count().onsuccess = spin;
			};
			spin();
		}
		return tx;
	};
}
const SLOW_COMMIT_MS = 30;

/** Resolves on the first frame in which the status line reads "saved" (checked every animation frame, not on a coarse poll interval). */
async function untilSaved(page: Page) {
	const state = await page.waitForFunction(
		() => {
			const s = document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state');
			return s === 'saved' || s === 'error' ? s : null;
		},
		undefined,
		{ polling: 'raf' }
	);
	expect(await state.jsonValue()).toBe('saved');
}

/** The finding the model holds for an indicator, created on its first edit as the app does. */
const entry = (model: Model, target: string, id: string): Expected => {
	const byTarget = (model[target] ??= {});
	return (byTarget[id] ??= { outcome: null, deductionCounts: {}, note: '' });
};

/** Runs the random edits on the open assess screen of `target`, mirroring every one in `model`. Returns the edit count. */
async function editTarget(page: Page, r: Rng, model: Model, target: string, edits: number): Promise<number> {
	const ids = await page.locator('[data-indicator]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.indicator!));
	// The portal lists all 37 indicators, a department without bonus items 30.
	expect(ids.length).toBeGreaterThanOrEqual(30);
	expect(ids.filter((id) => !indicatorInfo.has(id))).toEqual([]);
	const cards: CardInfo[] = ids.map((id) => ({ id, ...indicatorInfo.get(id)! }));
	let active = 0; // A freshly opened screen starts on its first indicator.
	let done = 0;
	while (done < edits) {
		// Move: a step or two with j/k, a jump by clicking another card's title, or stay.
		const move = r.next();
		if (move < 0.4) {
			const key = r.next() < 0.6 ? 'j' : 'k';
			for (let n = 1 + r.int(2); n > 0; n--) {
				await page.keyboard.press(key);
				active = Math.max(0, Math.min(cards.length - 1, active + (key === 'j' ? 1 : -1)));
			}
		} else if (move < 0.6) {
			active = r.int(cards.length);
			await page.locator(`#ind-${cards[active]!.id}-title`).click();
		}
		const c = cards[active]!;
		const f = () => entry(model, target, c.id);
		const kind = r.next();
		if (kind < 0.06) {
			// Backspace clears a judged indicator's outcome and does nothing on one not judged.
			await page.keyboard.press('Backspace');
			const e = model[target]?.[c.id];
			if (e) e.outcome = null;
		} else if (kind < 0.4 || c.deductions.length === 0) {
			const keys = c.veto ? ['1', '2', '0'] : ['1', '2', '3', '0'];
			const key = r.pick(keys);
			await page.keyboard.press(key);
			// Pressing the outcome already set keeps it.
			const outcome = OUTCOME_KEYS[key]!;
			f().outcome = outcome;
			// The focus moves on unless the outcome waits for counts (restated from domain/assess-keys).
			const waits = c.deductions.length > 0 && (outcome === 'partial' || (outcome === 'fail' && !c.bonus));
			if (!waits) active = Math.min(cards.length - 1, active + 1);
		} else if (kind < 0.75) {
			const k = r.int(c.deductions.length);
			const d = c.deductions[k]!;
			const count = f().deductionCounts[d.id] ?? 0;
			let next: number;
			if (kind < 0.6) {
				// Click − or + (whichever is enabled, + if both).
				const up = count === 0 || (count < d.max && r.next() < 0.7);
				next = count + (up ? 1 : -1);
				await card(page, c.id)
					.getByRole('button', { name: up ? '增加一处' : '减少一处', exact: true })
					.nth(k)
					.click();
			} else {
				// Type a count into the box, then Esc back to the card. Never the current one: the box's text
				// must change for an input event (0/1 for a problem counted once, 0–6 otherwise).
				next = (count + 1 + r.int(Math.min(d.max, 6))) % (Math.min(d.max, 6) + 1);
				await card(page, c.id).locator('.counter input').nth(k).fill(String(next));
				await page.keyboard.press('Escape');
			}
			setCount(f(), d.id, next);
		} else {
			await page.keyboard.press('n');
			await page.keyboard.press('Control+End'); // Caret to the end, where the model appends.
			const e = f();
			let note = [...e.note];
			for (let n = 1 + r.int(6); n > 0; n--) {
				const x = r.next();
				if (x < 0.15 && note.length > 0) {
					await page.keyboard.press('Backspace');
					note = note.slice(0, -1);
				} else if (x < 0.2) {
					await page.keyboard.press('Enter');
					note.push('\n');
				} else {
					const ch = r.pick(NOTE_CHARS);
					await page.keyboard.type(ch);
					note.push(ch);
				}
			}
			e.note = note.join('');
			await page.keyboard.press('Escape');
		}
		done++;
	}
	return done;
}

/** The same rule as domain/finding-edit (restated, so the test checks the app rather than itself): counting a problem on an unjudged or 符合 item makes it 部分符合. */
function setCount(e: Expected, deductionId: string, count: number) {
	if (count === 0) delete e.deductionCounts[deductionId];
	else e.deductionCounts[deductionId] = count;
	if (count > 0 && (e.outcome === null || e.outcome === 'pass')) e.outcome = 'partial';
}

interface Session {
	model: Model;
	campaignId: string;
	targetIds: Record<string, string>;
	edits: number;
}

/** Creates a campaign and edits A, B, A without ever waiting for a save; returns once "saved" shows for the last edit. */
async function editSession(page: Page, seed: number): Promise<Session> {
	await page.context().addInitScript(slowCommits, SLOW_COMMIT_MS);
	const r = rng(seed);
	const model: Model = {};
	const targetIds: Record<string, string> = {};
	await campaignWithTargets(page);
	await openAssess(page, TARGETS[0]);
	const campaignId = page.url().split('/campaigns/')[1]!.split('/')[0]!;
	let edits = 0;
	let at = 0;
	for (const visit of VISITS) {
		if (visit !== at) {
			// The app's own target switch finishes the queue first; the test adds no wait of its own.
			await page.getByRole('button', { name: visit > at ? '下一个 →' : '← 上一个' }).click();
			await expect(page.getByRole('heading', { level: 1, name: TARGETS[visit] })).toBeVisible();
			at = visit;
		}
		targetIds[TARGETS[visit]] = page.url().split('/assess/')[1]!;
		edits += await editTarget(page, r, model, TARGETS[visit], EDITS_PER_VISIT);
	}
	await untilSaved(page);
	return { model, campaignId, targetIds, edits };
}

/** Every finding of the campaign straight from IndexedDB, bypassing the app's repositories. */
function readFindings(page: Page, campaignId: string): Promise<unknown[]> {
	return page.evaluate(
		(id) =>
			new Promise<unknown[]>((resolve, reject) => {
				const open = indexedDB.open('kaiming');
				open.onsuccess = () => {
					const db = open.result;
					// Findings are kept one record per target, keyed [campaignId, targetId].
					const req = db.transaction('targetFindings').objectStore('targetFindings').getAll(IDBKeyRange.bound([id], [id, []]));
					req.onsuccess = () => {
						db.close();
						resolve((req.result as { findings: unknown[] }[]).flatMap((r) => r.findings));
					};
					req.onerror = () => reject(req.error);
				};
				open.onerror = () => reject(open.error);
			}),
		campaignId
	);
}

/** What the reopened assess screen shows for every indicator. */
function readScreen(page: Page) {
	return page.locator('[data-indicator]').evaluateAll((els) =>
		els.map((el) => ({
			id: (el as HTMLElement).dataset.indicator!,
			key: el.querySelector('.outcomes [aria-pressed="true"]')?.getAttribute('aria-keyshortcuts') ?? null,
			counts: [...el.querySelectorAll<HTMLInputElement>('.counter input')].map((i) => i.value),
			note: el.querySelector('textarea')!.value
		}))
	);
}

/** Relaunches on the profile and checks the database, then the screen, against the model. */
async function verify(profile: string, s: Session) {
	const page = await firstPage(await launch(profile));
	await page.goto('/');
	await page.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await openAssess(page, TARGETS[0]);

	const records = await readFindings(page, s.campaignId);
	const nameOf = Object.fromEntries(Object.entries(s.targetIds).map(([name, id]) => [id, name]));
	const stored: Model = {};
	const seen = new Set<string>();
	for (const raw of records) {
		// Corruption check: every record still passes the schema the app writes with.
		const f = Finding.parse(raw);
		expect(f.campaignId).toBe(s.campaignId);
		expect(Object.keys(nameOf)).toContain(f.targetId);
		expect(f.updatedAt >= f.createdAt).toBe(true);
		const key = `${f.targetId}/${f.indicatorId}`;
		expect(seen.has(key), `duplicate finding ${key}`).toBe(false);
		seen.add(key);
		(stored[nameOf[f.targetId]!] ??= {})[f.indicatorId] = { outcome: f.outcome, deductionCounts: f.deductionCounts, note: f.note };
	}
	const findings = Object.values(s.model).reduce((n, m) => n + Object.keys(m).length, 0);
	console.log(`${s.edits} edits → ${findings} findings expected, ${records.length} stored`);
	expect(stored).toEqual(s.model);

	// The screen shows the same, untouched indicators included.
	for (const [i, name] of TARGETS.entries()) {
		if (i > 0) {
			await page.getByRole('button', { name: '下一个 →' }).click();
			await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
			await expect(page.getByTestId('score-panel')).toBeVisible();
		}
		const shown = await readScreen(page);
		const expected = shown.map(({ id }) => {
			const e = s.model[name]?.[id];
			const outcome = e?.outcome ?? null;
			return {
				id,
				key: outcome === null ? null : Object.keys(OUTCOME_KEYS).find((k) => OUTCOME_KEYS[k] === outcome)!,
				counts: indicatorInfo.get(id)!.deductions.map((d) => String(e?.deductionCounts[d.id] ?? 0)),
				note: e?.note ?? ''
			};
		});
		expect(shown).toEqual(expected);
	}
}

/** The browser's own process for this profile (not a renderer or helper: those carry --type=). */
function browserPid(profile: string): number {
	const found = readdirSync('/proc')
		.filter((d) => /^\d+$/.test(d))
		.filter((d) => {
			try {
				const args = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
				return args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='));
			} catch {
				return false; // The process ended while we looked.
			}
		});
	expect(found).toHaveLength(1);
	return Number(found[0]);
}

// ~1,000 input actions per test: a trace snapshot of each would more than double the run time, and the
// seed in the title replays a failure exactly (run it again with --trace on to look at it).
test.use({ trace: 'off' });
test.describe.configure({ timeout: 180_000 });
let profile: string;
test.beforeEach(() => {
	profile = mkdtempSync(join(tmpdir(), 'kaiming-crash-'));
});
test.afterEach(async () => {
	for (const context of launched.splice(0)) await context.close();
	rmSync(profile, { recursive: true, force: true });
});

const closeSeed = seedFor(20260417);
test(`page closed the moment "saved" shows: every saved edit is back (seed ${closeSeed})`, async () => {
	const context = await launch(profile);
	const page = await firstPage(context);
	const session = await editSession(page, closeSeed);
	await page.close();
	await context.close();
	await verify(profile, session);
});

const killSeed = seedFor(20260418);
test(`browser SIGKILLed the moment "saved" shows: every saved edit is back (seed ${killSeed})`, async () => {
	const context = await launch(profile);
	const pid = browserPid(profile);
	const session = await editSession(await firstPage(context), killSeed);
	const gone = new Promise((resolve) => context.once('close', resolve));
	// The whole process group at once (Playwright starts Chromium as a group leader): browser, renderer,
	// storage and GPU processes die together, with no chance to flush or shut down.
	process.kill(-pid, 'SIGKILL');
	await gone;
	await verify(profile, session);
});
