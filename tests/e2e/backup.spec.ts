import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { downloadBackup, restoreInFreshBrowser, withoutSavePicker } from './backup-helpers';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';
import { dumpDatabase } from './idb';


test('back up everything, delete the campaign, restore the file: every finding and the score come back; a bad file is refused', async ({ page }) => {
	await withoutSavePicker(page);
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	await expect(page.getByTestId('score-total')).toHaveText('98.0');

	await page.goto('/settings');
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '备份全部数据' }).click()]);
	expect(file.suggestedFilename()).toMatch(/\.kaiming$/);
	const bytes = readFileSync((await file.path())!);
	// Read back before it was offered: manifest and 12 data files.
	await expect(page.getByTestId('backup-saved')).toHaveText(`已生成 ${file.suggestedFilename()}，已校验：13 个文件`);
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

test('replacing from a backup first lists the findings changed here since, and changes nothing unless confirmed', async ({ page }) => {
	await withoutSavePicker(page);
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	const bytes = await downloadBackup(page);

	// Changed after the backup: replacing would take it back to 不符合.
	await page.goto('/');
	await page.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^1 符合/ }).click();
	await expectSaved(page);
	await expect(page.getByTestId('score-total')).toHaveText('100.0');

	await page.goto('/settings');
	await page.getByTestId('restore-file').setInputFiles({ name: 'backup.kaiming', mimeType: 'application/zip', buffer: bytes });
	await page.getByLabel('用备份中的记录覆盖').check();
	await page.getByRole('button', { name: '恢复', exact: true }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText('本机有备份之后修改过的记录');
	await expect(dialog.getByTestId('restore-newer')).toContainText('评估记录 1 条');
	await expect(dialog.getByTestId('restore-newer')).toContainText(/评估记录 · 2026年第四季度政府网站检查 · 市人民政府 · \S+ .+：本机 .+，备份 .+/);
	await dialog.getByRole('button', { name: '取消' }).click();
	await expect(page.getByTestId('restore-report')).toHaveCount(0);

	await page.getByRole('button', { name: '恢复', exact: true }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '仍然覆盖' }).click();
	await expect(page.getByTestId('restore-report')).toContainText('评估记录：新增 0，覆盖 1，跳过 0');
	await page.goto('/');
	await page.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await openAssess(page, '市人民政府');
	await expect(page.getByTestId('score-total')).toHaveText('98.0');
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

test('a private window is recognised and the user is told the data will be deleted when it closes', async ({ page }) => {
	// Chromium's incognito quota, which a test browser cannot be made to report any other way.
	await page.addInitScript(() => {
		navigator.storage.estimate = async () => ({ usage: 0, quota: 100 * 1024 * 1024 });
	});
	await page.goto('/');
	await expect(page.getByTestId('private-warning')).toContainText('无痕（隐私）窗口');
	await page.goto('/settings');
	await expect(page.getByTestId('private-warning')).toBeVisible();
});

test('round trip: back up with screenshots, restore into a fresh browser, every record and every image byte identical', async ({ browser, page }) => {
	await withoutSavePicker(page);
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await card(page, 'publish-overview').getByLabel('问题说明').fill('概况信息栏目为空');
	await card(page, 'publish-overview').getByTestId('image-file').setInputFiles({ name: '首页.png', mimeType: 'image/png', buffer: PNG_2X2 });
	await card(page, 'publish-overview').getByLabel('添加佐证网址').fill('https://www.example.gov.cn/gk/');
	await card(page, 'publish-overview').getByRole('button', { name: '添加', exact: true }).click();
	await expect(card(page, 'publish-overview').getByTestId('thumb')).toHaveCount(1);
	await expectSaved(page);
	const before = await dumpDatabase(page);
	expect(before.evidenceFiles).toHaveLength(1);

	const bytes = await downloadBackup(page);

	const other = await restoreInFreshBrowser(browser, bytes, '截图文件 1 个');
	const after = await dumpDatabase(other);
	// The last-backup time is bookkeeping of the browser that made the file, not data.
	expect({ ...after, meta: after.meta.filter((m) => m !== 'lastBackup') }).toEqual({ ...before, meta: before.meta.filter((m) => m !== 'lastBackup') });
	expect(after.evidenceFiles[0]).toMatchObject({ sha256: createHash('sha256').update(PNG_2X2).digest('hex') });
	await other.context().close();
});

test('where the browser can save to a picked file, the backup streams into it and is verified from disk', async ({ browser, page }) => {
	// The picker answered with a file of the origin's private file system: a real file handle, written as a stream.
	await page.addInitScript(() => {
		(window as unknown as { showSaveFilePicker: (o: { suggestedName: string }) => Promise<FileSystemFileHandle> }).showSaveFilePicker = async (options) => {
			(window as unknown as { picked: string }).picked = options.suggestedName;
			return (await navigator.storage.getDirectory()).getFileHandle('picked.kaiming', { create: true });
		};
	});
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await card(page, 'publish-overview').getByTestId('image-file').setInputFiles({ name: '首页.png', mimeType: 'image/png', buffer: PNG_2X2 });
	await expect(card(page, 'publish-overview').getByTestId('thumb')).toHaveCount(1);
	await expectSaved(page);
	const before = await dumpDatabase(page);

	await page.goto('/settings');
	let downloads = 0;
	page.on('download', () => downloads++);
	await page.getByRole('button', { name: '备份全部数据' }).click();
	// Manifest, 12 data files and the screenshot, each read back through its CRC-32.
	await expect(page.getByTestId('backup-saved')).toContainText('已校验：14 个文件');
	await expect(page.getByTestId('last-backup')).toContainText('上次完整备份');
	expect(await page.evaluate(() => (window as unknown as { picked: string }).picked)).toMatch(/^kaiming-backup-\d{4}-\d{2}-\d{2}\.kaiming$/);
	expect(downloads).toBe(0);
	const bytes = Buffer.from(
		await page.evaluate(async () => {
			const file = await (await (await navigator.storage.getDirectory()).getFileHandle('picked.kaiming')).getFile();
			return [...new Uint8Array(await file.arrayBuffer())];
		})
	);

	const other = await restoreInFreshBrowser(browser, bytes, '截图文件 1 个', 'picked.kaiming');
	const after = await dumpDatabase(other);
	expect({ ...after, meta: after.meta.filter((m) => m !== 'lastBackup') }).toEqual({ ...before, meta: before.meta.filter((m) => m !== 'lastBackup') });
	await other.context().close();
});

/** A 2×2 PNG. */
const PNG_2X2 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IScHRAwQCgAfJgQRoo8irwAAAABJRU5ErkJggg==', 'base64');
