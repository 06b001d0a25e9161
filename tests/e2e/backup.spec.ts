import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';

test('back up everything, delete the campaign, restore the file: every finding and the score come back; a bad file is refused', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	await expect(page.getByTestId('score-total')).toHaveText('98.0');

	await page.goto('/settings');
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '备份全部数据' }).click()]);
	expect(file.suggestedFilename()).toMatch(/\.kaiming$/);
	const bytes = readFileSync((await file.path())!);
	await expect(page.getByTestId('last-backup')).toContainText('上次完整备份');

	await page.goto('/');
	await expect(page.getByTestId('home-backup')).toContainText('上次完整备份');
	await page.getByRole('row', { name: /2026年第四季度政府网站检查/ }).getByRole('button', { name: '删除' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
	await expect(page.getByText('还没有评估任务')).toBeVisible();

	await page.goto('/settings');
	await page.getByTestId('restore-file').setInputFiles({ name: 'broken.kaiming', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
	await expect(page.getByTestId('restore-refused')).toContainText('“broken.kaiming”未恢复');

	await page.getByTestId('restore-file').setInputFiles({ name: 'backup.kaiming', mimeType: 'application/zip', buffer: bytes });
	await expect(page.getByTestId('restore-preview')).toContainText('评估任务 1');
	await page.getByRole('button', { name: '恢复', exact: true }).click();
	await expect(page.getByTestId('restore-report')).toContainText('评估任务：新增 1，覆盖 0，跳过 0');

	await page.goto('/');
	await page.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await openAssess(page, '市人民政府');
	await expect(page.getByTestId('score-total')).toHaveText('98.0');
	await expect(card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ })).toHaveAttribute('aria-pressed', 'true');
});

test('the storage line asks for persistent storage and shows the browser’s answer', async ({ page }) => {
	await page.goto('/settings');
	const line = page.getByTestId('storage-line');
	await expect(line).toContainText('本机存储');
	const ask = line.getByRole('button', { name: '申请持久存储' });
	// Headless Chromium may grant or refuse; either way the answer is shown, never silence.
	if ((await ask.count()) > 0) await ask.click();
	await expect(line).toContainText(/已为持久存储|浏览器未同意持久存储/);
});
