import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createCampaign, openAssess, pasteTargets } from './helpers';

test('strict CSP: the app works under it with no violations, and hostile text stays text', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
	});
	let dialogs = 0;
	page.on('dialog', (d) => {
		dialogs++;
		void d.dismiss();
	});

	// The preview server sends the policy as a header; the static build carries it as a meta tag.
	const response = await page.goto('/');
	const policy = response!.headers()['content-security-policy'] ?? '';
	expect(policy).toMatch(/script-src 'self' 'sha256-/);
	expect(policy).toContain("object-src 'none'");
	expect(policy).toContain("worker-src 'self' blob:");
	expect(readFileSync('build/index.html', 'utf8')).toMatch(/<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'sha256-/);

	await createCampaign(page, '<script>alert(1)</script>检查');
	const payload = '<img src=x onerror=alert(1)>';
	await pasteTargets(page, `${payload}\t政府门户网站\thttps://www.example.gov.cn\t"><svg onload=alert(2)>`);
	await page.getByRole('button', { name: '导入 1 个对象' }).click();
	const row = page.locator('tr[data-target]').first();
	await expect(row).toContainText(payload);
	await expect(row.locator('img')).toHaveCount(0);

	await openAssess(page, payload);
	const card = page.locator('[data-indicator="publish-overview"]');
	await card.locator('textarea').fill('<b onmouseover=alert(3)>note</b>');
	await card.getByLabel('添加佐证网址').fill('javascript:alert(4)');
	await card.getByRole('button', { name: '添加', exact: true }).click();
	await expect(card).toContainText('网址无效');
	await expect(card.locator('a[href^="javascript:"]')).toHaveCount(0);

	// Charts (canvas, data: PNG) and the Excel reader (blob: worker) run under the policy.
	await page.getByRole('link', { name: '结果' }).click();
	await expect(page.locator('[data-chart="bands"] canvas')).toBeVisible();
	await page.goto('/frameworks/import');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Excel 模板' }).click()]);
	await page.getByTestId('import-file').setInputFiles({ name: 'template.xlsx', mimeType: 'application/octet-stream', buffer: readFileSync((await download.path())!) });
	await expect(page.getByTestId('import-preview')).toBeVisible();

	expect(violations).toEqual([]);
	expect(dialogs).toBe(0);
});
