import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';

/** Until the service worker controls the page, nothing is served from its cache. */
async function waitForWorker(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

function outcome(page: Page, indicatorId: string, label: RegExp) {
	return card(page, indicatorId).getByRole('button', { name: label });
}

test('after one visit the app, a deep link and the stored data work offline, and grading still saves', async ({ page, context }) => {
	await page.goto('/');
	await waitForWorker(page);
	await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
	const manifest = await (await page.request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({ name: '开明 Kaiming', start_url: './', display: 'standalone' });
	for (const icon of manifest.icons as { src: string }[]) expect((await page.request.get(`/${icon.src}`)).ok()).toBe(true);

	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const assessUrl = page.url();
	expect(assessUrl).toMatch(/\/campaigns\/[0-9a-f-]{36}\/assess\/[0-9a-f-]{36}$/);
	await outcome(page, 'publish-overview', /^2 不符合/).click();
	await expectSaved(page);

	await context.setOffline(true);
	// Really offline: a file the worker does not cache cannot be fetched.
	expect(await page.evaluate(() => fetch('/_app/version.json', { cache: 'no-store' }).then(() => 'online', () => 'offline'))).toBe('offline');

	await page.goto('/');
	await expect(page.getByRole('link', { name: '2026年第四季度政府网站检查' })).toBeVisible();

	// A deep link opened directly (not a client-side navigation) answers with the cached shell.
	await page.goto(assessUrl);
	await expect(page.getByRole('heading', { level: 1, name: '市人民政府' })).toBeVisible();
	await expect(outcome(page, 'publish-overview', /^2 不符合/)).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('score-total')).toHaveText('98.0');

	// Lazy-loaded code (the results page) is cached as well.
	await page.getByRole('link', { name: '结果' }).click();
	await expect(page.locator('tr[data-target="市人民政府"]')).toContainText('98');
	await page.goBack();

	await outcome(page, 'publish-policy', /^2 不符合/).click();
	await expectSaved(page);
	await page.reload();
	await expect(outcome(page, 'publish-policy', /^2 不符合/)).toHaveAttribute('aria-pressed', 'true');
	await expect(outcome(page, 'publish-overview', /^2 不符合/)).toHaveAttribute('aria-pressed', 'true');
	await context.setOffline(false);
});

test('a new version is offered, never reloads over unsubmitted input, and reloads once saves are done', async ({ page }) => {
	await page.goto('/');
	await waitForWorker(page);
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const banner = page.getByTestId('update-banner');
	await expect(banner).toHaveCount(0);

	// The next deployment: the preview serves a worker with another build version (same length, so the server's
	// precomputed Content-Length still fits). Browsers only look for a new worker on their own schedule; ask now.
	const file = '.svelte-kit/output/client/service-worker.js';
	const original = readFileSync(file, 'utf8');
	const { version } = JSON.parse(readFileSync('.svelte-kit/output/client/_app/version.json', 'utf8')) as { version: string };
	const next = String(Number(version) + 1);
	expect([original.includes(`\`${version}\``), next.length]).toEqual([true, version.length]);
	// Served until the end of the test, or the browser's own check after the reload would offer the old one back.
	writeFileSync(file, original.replaceAll(version, next));
	try {
		await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
		await expect(banner).toContainText('新版本已就绪');
		await expect(page.getByRole('status').filter({ has: banner })).toBeVisible();

		// Typing in a form that is not submitted yet keeps the page.
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		const urlField = card(page, 'publish-overview').getByLabel('添加佐证网址');
		await urlField.fill('https://www.example.gov.cn/gk/');
		await banner.getByRole('button', { name: '重新载入' }).click();
		await expect(banner).toHaveAttribute('data-step', 'drafts');
		await expect(banner).toContainText('表单中还有未提交的输入');
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

		// Submit it, grade by keyboard, and reload at once: the reload waits for the writes.
		await card(page, 'publish-overview').getByRole('button', { name: '添加', exact: true }).click();
		await expect(card(page, 'publish-overview').getByRole('link', { name: 'https://www.example.gov.cn/gk/' })).toBeVisible();
		await card(page, 'publish-policy').focus();
		await page.keyboard.press('2');
		const reloaded = page.waitForEvent('load');
		await banner.getByRole('button', { name: '重新载入' }).focus();
		await page.keyboard.press('Enter');
		await reloaded;

		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
		await expect(page.getByRole('heading', { level: 1, name: '市人民政府' })).toBeVisible();
		await expect(outcome(page, 'publish-policy', /^2 不符合/)).toHaveAttribute('aria-pressed', 'true');
		await expect(card(page, 'publish-overview').getByRole('link', { name: 'https://www.example.gov.cn/gk/' })).toBeVisible();
		// The new version controls the page, its cache replaced the old one, nothing is waiting: no banner.
		await expect(banner).toHaveCount(0);
		expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.waiting === null && r!.active !== null))).toBe(true);
		expect(await page.evaluate(() => caches.keys())).toEqual([`kaiming-${next}`]);
	} finally {
		writeFileSync(file, original);
	}
});
