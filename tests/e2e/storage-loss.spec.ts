import { expect, test, type Page } from '@playwright/test';
import { createCampaign } from './helpers';

/** A page of the app's origin that does not run the app, so nothing holds the database open while it is removed. */
async function outsideTheApp(page: Page) {
	await page.route('**/__blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
	await page.goto('/__blank');
}

test('the browser dropping the data (database gone, localStorage too) is noticed and said until dismissed', async ({ page }) => {
	await page.goto('/');
	await createCampaign(page);
	await expect(page.getByTestId('data-loss')).toHaveCount(0);

	await outsideTheApp(page);
	// What an eviction under disk pressure leaves: no database, no localStorage; the cookie is not quota storage.
	await page.evaluate(async () => {
		localStorage.clear();
		await new Promise<void>((resolve, reject) => {
			const r = indexedDB.deleteDatabase('kaiming');
			r.onsuccess = () => resolve();
			r.onerror = () => reject(r.error);
		});
	});

	await page.goto('/');
	const notice = page.getByTestId('data-loss');
	await expect(notice).toContainText('此浏览器中的开明数据已不在');
	await page.reload();
	await expect(notice).toBeVisible();
	await notice.getByRole('link', { name: '从备份恢复' }).click();
	await expect(page.locator('#backup')).toBeVisible();
	await notice.getByRole('button', { name: '知道了' }).click();
	await expect(notice).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(notice).toHaveCount(0);
});
