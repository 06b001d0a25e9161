import { readFileSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';

/** A browser without the save picker (Firefox, Safari; headless Chromium's picker aborts at once) downloads the backup. */
export const withoutSavePicker = (page: Page) => page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);

/** Backs up everything from the settings page (downloaded: see `withoutSavePicker`) and returns the file's bytes. */
export async function downloadBackup(page: Page): Promise<Buffer> {
	await page.goto('/settings');
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '备份全部数据' }).click()]);
	return readFileSync((await file.path())!);
}

/** Restores `bytes` into a new browser context (its own IndexedDB) and waits for the report, which must contain `reported`. */
export async function restoreInFreshBrowser(browser: Browser, bytes: Buffer, reported: string, name = 'backup.kaiming'): Promise<Page> {
	const other = await (await browser.newContext()).newPage();
	await other.goto('/settings');
	await other.getByTestId('restore-file').setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
	await other.getByRole('button', { name: '恢复', exact: true }).click();
	await expect(other.getByTestId('restore-report')).toContainText(reported);
	return other;
}
