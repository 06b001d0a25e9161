import { expect, test, type Page } from '@playwright/test';
import { campaignWithTargets, card, openAssess } from './helpers';
import { dumpDatabase } from './idb';

/**
 * A full disk, the way a user meets one: the origin's quota is made small before the app starts (Chromium reads
 * it when it first opens the origin's database), then another database of the origin takes what is left, so
 * the app's next write is refused with QuotaExceededError. `free` deletes that database again.
 */
async function smallQuota(page: Page, origin: string) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 600_000 });
	return {
		fill: () =>
			page.evaluate(async () => {
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const r = indexedDB.open('disk-filler');
					r.onupgradeneeded = () => r.result.createObjectStore('blocks', { autoIncrement: true });
					r.onsuccess = () => resolve(r.result);
					r.onerror = () => reject(r.error);
				});
				const put = (size: number) =>
					new Promise<boolean>((resolve) => {
						const tx = db.transaction('blocks', 'readwrite');
						tx.objectStore('blocks').put(new Uint8Array(size).map((_, i) => (i * 7919) % 251));
						tx.oncomplete = () => resolve(true);
						tx.onabort = () => resolve(false);
					});
				// Blocks halving in size until even a small one is refused: the disk is full to a few hundred bytes.
				for (let size = 256 * 1024; size >= 256; size = Math.floor(size / 2)) while (await put(size));
				db.close();
			}),
		free: () =>
			page.evaluate(
				() =>
					new Promise<void>((resolve, reject) => {
						const r = indexedDB.deleteDatabase('disk-filler');
						r.onsuccess = () => resolve();
						r.onerror = () => reject(r.error);
					})
			),
		reset: () => cdp.send('Storage.overrideQuotaForOrigin', { origin })
	};
}

async function storedOutcome(page: Page, indicatorId: string) {
	const findings = ((await dumpDatabase(page)).findings ?? []) as { indicatorId: string; outcome: string | null }[];
	return findings.find((f) => f.indicatorId === indicatorId);
}

test('a grading write refused by a full disk stays unsaved across targets and pages until it is retried or discarded', async ({ page, baseURL }) => {
	// Filling the disk takes a few dozen refused transactions, twice.
	test.slow();
	const disk = await smallQuota(page, new URL(baseURL!).origin);
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await disk.fill();

	const overview = card(page, 'publish-overview');
	await overview.getByRole('button', { name: /^2 不符合/ }).click();
	const banner = page.getByTestId('unsaved-banner');
	await expect(banner).toContainText('浏览器存储空间已满');
	await expect(overview.getByText('未保存', { exact: true })).toBeVisible();
	const mark = page.getByTestId('score-panel').getByTestId('unsaved-mark');
	await expect(mark).toHaveText(/含未保存的修改（1）/);

	// To the next target and back: the value, its badge, the banner and the score's mark are all still there.
	await page.getByRole('button', { name: '下一个 →' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '市教育局' })).toBeVisible();
	await expect(banner).toBeVisible();
	await expect(page.getByTestId('score-panel').getByTestId('unsaved-mark')).toHaveCount(0);
	await page.getByRole('button', { name: '← 上一个' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '市人民政府' })).toBeVisible();
	await expect(overview.getByRole('button', { name: /^2 不符合/ })).toHaveAttribute('aria-pressed', 'true');
	await expect(overview.getByText('未保存', { exact: true })).toBeVisible();
	await expect(banner).toBeVisible();
	await expect(mark).toHaveText(/含未保存的修改（1）/);

	// The target list and the results say their scores include it; exports refuse.
	await page.getByRole('link', { name: '评估对象', exact: true }).click();
	await expect(page.locator('tr[data-target="市人民政府"]').getByTestId('unsaved-mark')).toBeVisible();
	await expect(page.locator('tr[data-target="市教育局"]').getByTestId('unsaved-mark')).toHaveCount(0);
	await page.getByRole('link', { name: '结果' }).click();
	await expect(page.locator('.page-head').getByTestId('unsaved-mark')).toHaveText(/含未保存的修改（1）/);
	await page.getByRole('button', { name: '导出 Excel' }).click();
	await expect(page.getByRole('alert').filter({ hasText: '还有 1 项修改未保存，未导出' })).toBeVisible();

	// Leaving the campaign asks first, in the app and when the tab closes.
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '评估任务' }).click();
	const ask = page.getByRole('alertdialog', { name: '离开本任务？' });
	await expect(ask).toContainText('有 1 项修改尚未保存');
	await ask.getByRole('button', { name: '取消' }).click();
	await expect(page.getByRole('heading', { name: '评估结果' })).toBeVisible();
	const unload = page.waitForEvent('dialog');
	await page.close({ runBeforeUnload: true });
	const dialog = await unload;
	expect(dialog.type()).toBe('beforeunload');
	await dialog.dismiss();
	expect(page.isClosed()).toBe(false);

	// Space is back: a retry writes the value, and nothing is marked any more.
	await disk.free();
	await banner.getByRole('button', { name: '重试保存' }).click();
	await expect(banner).toHaveCount(0);
	await expect(page.getByTestId('unsaved-mark')).toHaveCount(0);
	expect((await storedOutcome(page, 'publish-overview'))?.outcome).toBe('fail');

	// Full again: a discarded change is dropped and the stored value is back on screen.
	await disk.fill();
	await page.getByRole('link', { name: '评分', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: '市人民政府' })).toBeVisible();
	await overview.getByRole('button', { name: /^1 符合/ }).click();
	await expect(overview.getByText('未保存', { exact: true })).toBeVisible();
	await banner.getByRole('button', { name: '放弃未保存的修改' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '放弃修改' }).click();
	await expect(banner).toHaveCount(0);
	await expect(overview.getByRole('button', { name: /^2 不符合/ })).toHaveAttribute('aria-pressed', 'true');
	await expect(overview.getByText('未保存', { exact: true })).toHaveCount(0);
	await expect(page.getByTestId('score-panel').getByTestId('unsaved-mark')).toHaveCount(0);
	await disk.free();
	await disk.reset();
	expect((await storedOutcome(page, 'publish-overview'))?.outcome).toBe('fail');

	// A half-filled form counts too; once it is cleared, leaving asks nothing.
	await page.getByRole('link', { name: '评估对象', exact: true }).click();
	const name = page.getByRole('form', { name: '添加' }).getByLabel('名称');
	await name.fill('市财政局');
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '评估任务' }).click();
	await expect(ask).toContainText('表单中还有未提交的输入');
	await expect(ask).not.toContainText('尚未保存');
	await ask.getByRole('button', { name: '取消' }).click();
	await name.fill('');
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '评估任务' }).click();
	await expect(page).toHaveURL(/\/$/);
});
