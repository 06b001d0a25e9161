/**
 * Backups of any size (issue 14): the backup of a database holding BENCH_BACKUP_MB of screenshots (default 2,048)
 * is written and read back through the Settings page, with the page's JS heap sampled throughout, and a backup of
 * BENCH_SCREENSHOTS screenshots (default 70,000: more than 65,535 zip entries, so ZIP64) is written, verified and
 * restored into a fresh profile. The screenshots are generated in the page and written straight into IndexedDB,
 * as the app stores them (`evidence` + `evidenceFiles`), for one target of a generated campaign.
 *
 * Headless Chromium's `showSaveFilePicker` aborts at once, so the picker is removed and the backup goes the
 * download way: a Blob built from the zip stream, the heavier of the two ways for memory.
 */
import { statSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { generateCampaign } from './generate';
import { newProfile, type BenchInput } from './harness';
import { metric, type Metric } from './report';

export interface BackupSizeInput {
	/** Screenshot bytes in the database for the heap run. */
	megabytes: number;
	/** Screenshots for the round trip. */
	screenshots: number;
}

interface SeedArgs {
	campaign: unknown;
	target: unknown;
	sheet: unknown;
	findingId: string;
	count: number;
	bytesEach: number;
}

/** Writes `count` screenshots of `bytesEach` random bytes (behind a PNG signature) into the app's database. */
async function seed(args: SeedArgs) {
	const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
	const done = (tx: IDBTransaction) => new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error)), (tx.onabort = () => reject(tx.error))));
	const db = await req(indexedDB.open('kaiming'));
	const first = db.transaction(['campaigns', 'targets', 'targetFindings'], 'readwrite');
	first.objectStore('campaigns').put(args.campaign);
	first.objectStore('targets').put(args.target);
	first.objectStore('targetFindings').put(args.sheet);
	await done(first);
	const { campaignId, targetId } = args.sheet as { campaignId: string; targetId: string };
	const at = '2026-01-01T00:00:00.000Z';
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	const batch = Math.max(1, Math.min(1000, Math.floor((64 * 1024 * 1024) / args.bytesEach)));
	for (let from = 0; from < args.count; from += batch) {
		const items = [];
		for (let i = from; i < Math.min(args.count, from + batch); i++) {
			const bytes = new Uint8Array(args.bytesEach);
			for (let o = 0; o < bytes.length; o += 65536) crypto.getRandomValues(bytes.subarray(o, Math.min(bytes.length, o + 65536)));
			bytes.set(png);
			const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
			const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
			const id = crypto.randomUUID();
			items.push({
				evidence: {
					id,
					campaignId,
					targetId,
					findingId: args.findingId,
					kind: 'image',
					text: '',
					image: { mime: 'image/png', bytes: bytes.length, width: 1, height: 1, sha256, fileName: `shot-${i}.png`, thumbnail: 'data:image/jpeg;base64,AAAA' },
					observedAt: at,
					createdAt: at,
					updatedAt: at,
					updatedBy: 'bench'
				},
				file: { id, campaignId, targetId, blob: new Blob([bytes], { type: 'image/png' }) }
			});
		}
		const tx = db.transaction(['evidence', 'evidenceFiles'], 'readwrite');
		for (const item of items) {
			tx.objectStore('evidence').put(item.evidence);
			tx.objectStore('evidenceFiles').put(item.file);
		}
		await done(tx);
	}
	db.close();
}

async function seeded(page: Page, count: number, bytesEach: number) {
	const { campaign, data } = generateCampaign({ targets: 1 });
	const target = data.targets[0]!;
	const findings = data.findings.filter((f) => f.targetId === target.id);
	page.setDefaultTimeout(3_600_000);
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	await page.goto('/settings');
	await page.getByTestId('last-backup').waitFor();
	const args: SeedArgs = { campaign, target, sheet: { campaignId: campaign.id, targetId: target.id, findings }, findingId: findings[0]!.id, count, bytesEach };
	await page.evaluate(seed, args);
	await page.reload();
	await page.getByTestId('last-backup').waitFor();
}

/** Clicks 备份全部数据 and waits for the verified message; the heap is sampled every 100 ms meanwhile. */
async function backUp(page: Page, cdp: CDPSession) {
	await cdp.send('HeapProfiler.collectGarbage');
	const base = (await cdp.send('Runtime.getHeapUsage')).usedSize;
	let peak = base;
	let sampling = true;
	const sampler = (async () => {
		while (sampling) {
			peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	const started = Date.now();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '备份全部数据' }).click()]);
	await page.locator('[data-testid="backup-saved"], [data-testid="backup-error"]').first().waitFor();
	if (await page.getByTestId('backup-error').count()) throw new Error(`backup failed: ${await page.getByTestId('backup-error').textContent()}`);
	const saved = await page.getByTestId('backup-saved').textContent();
	const ms = Date.now() - started;
	sampling = false;
	await sampler;
	const path = (await download.path())!;
	const verified = Number(/已校验：(\d+)/.exec(saved ?? '')?.[1] ?? NaN);
	return { download, path, ms, verified, growth: (peak - base) / 1e6, base: base / 1e6 };
}

export async function measureLargeBackups(input: BenchInput, size: BackupSizeInput): Promise<Metric[]> {
	const log = input.log ?? (() => undefined);
	const metrics: Metric[] = [];

	const each = 1024 * 1024;
	const count = Math.max(1, Math.round((size.megabytes * 1024 * 1024) / each));
	if (size.megabytes > 0) {
		log(`large backup: ${count} screenshots of 1 MiB into IndexedDB`);
		const profile = await newProfile(input);
		try {
			await seeded(profile.page, count, each);
			log('large backup: writing and verifying');
			const cdp = await profile.context.newCDPSession(profile.page);
			const run = await backUp(profile.page, cdp);
			await cdp.detach();
			const bytes = statSync(run.path).size;
			await run.download.delete();
			metrics.push(
				metric(`backup of ${count} MiB of screenshots: file size`, bytes / 1e6, 'MB'),
				metric(`backup of ${count} MiB of screenshots: write + verify`, run.ms, 'ms'),
				metric(`backup of ${count} MiB of screenshots: files verified`, run.verified, 'files'),
				metric(`backup of ${count} MiB of screenshots: JS heap before (after GC)`, run.base, 'MB'),
				metric(`backup of ${count} MiB of screenshots: JS heap growth, peak`, run.growth, 'MB', 200)
			);
		} finally {
			await profile.close();
		}
	}

	if (size.screenshots === 0) return metrics;
	log(`round trip: ${size.screenshots} screenshots`);
	const source = await newProfile(input);
	try {
		await seeded(source.page, size.screenshots, 200);
		const cdp = await source.context.newCDPSession(source.page);
		const run = await backUp(source.page, cdp);
		await cdp.detach();
		metrics.push(
			metric(`${size.screenshots} screenshots: write + verify`, run.ms, 'ms'),
			metric(`${size.screenshots} screenshots: files verified`, run.verified, 'files'),
			metric(`${size.screenshots} screenshots: JS heap growth while writing, peak`, run.growth, 'MB')
		);
		const target = await newProfile(input);
		try {
			const page = target.page;
			page.setDefaultTimeout(3_600_000);
			await page.goto('/settings');
			const started = Date.now();
			await page.getByTestId('restore-file').setInputFiles(run.path);
			// An error ends the wait too, so a failed step is reported instead of waiting out the timeout.
			await page.locator('[data-testid="restore-preview"], [data-testid="restore-refused"], [data-testid="backup-error"]').first().waitFor();
			const checked = Date.now() - started;
			const failed = async () =>
				(await page.locator('[data-testid="restore-refused"], [data-testid="backup-error"]').count()) > 0
					? page.locator('[data-testid="restore-refused"], [data-testid="backup-error"]').first().textContent()
					: null;
			const refused = await failed();
			if (refused !== null) throw new Error(`round trip refused: ${refused}`);
			await page.getByRole('button', { name: '恢复', exact: true }).click();
			await page.locator('[data-testid="restore-report"], [data-testid="backup-error"]').first().waitFor();
			const failure = await failed();
			if (failure !== null) throw new Error(`restore failed: ${failure}`);
			const report = await page.getByTestId('restore-report').textContent();
			const files = Number(/截图文件 (\d+) 个/.exec(report ?? '')?.[1] ?? NaN);
			metrics.push(
				metric(`${size.screenshots} screenshots: restore check (pick → preview)`, checked, 'ms'),
				metric(`${size.screenshots} screenshots: restore total (pick → report)`, Date.now() - started, 'ms'),
				metric(`${size.screenshots} screenshots: screenshot files restored`, files, 'files')
			);
		} finally {
			await target.close();
		}
		await run.download.delete();
	} finally {
		await source.close();
	}
	return metrics;
}
