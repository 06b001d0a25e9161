import { expect, test } from '@playwright/test';
import { campaignWithTargets } from './helpers';

test('switching to English changes the UI and is remembered', async ({ page }) => {
	await campaignWithTargets(page);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: /Targets \(3\)/ })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('link', { name: '市人民政府', exact: true }).click();
	await expect(page.getByTestId('score-panel')).toBeVisible();
	await expect(page.getByRole('button', { name: /Pass/ }).first()).toBeVisible();
	await expect(page.getByText('How the score was computed')).toBeVisible();
	// Framework texts have English titles too.
	await expect(page.getByRole('heading', { name: /Publication and interpretation/i })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Campaigns' })).toBeVisible();
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '评估任务' })).toBeVisible();
});

test('待核 notes of the built-in frameworks read in English in the English UI', async ({ page }) => {
	await page.goto('/frameworks/cn-gov-website-2019');
	await page.getByRole('button', { name: 'English' }).click();
	const bonusItem = page.locator('[data-indicator="bonus-interp-formats"]').locator('.ihead .badge-provisional');
	await expect(bonusItem).toHaveAttribute('title', /^The original bonus items and points were not obtained/);
	await expect(bonusItem).toContainText('inferred from quoted excerpts');
	await page.getByRole('button', { name: '中文' }).click();
	await expect(bonusItem).toHaveAttribute('title', /^加分指标条目及分值原文未取得/);
});
