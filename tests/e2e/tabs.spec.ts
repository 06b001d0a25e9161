import { expect, test } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('changes in one tab appear in the other without a reload', async ({ page, context }) => {
	await campaignWithTargets(page);
	const campaignUrl = page.url();

	const other = await context.newPage();
	await other.goto(campaignUrl);
	await expect(other.locator('tr[data-target]')).toHaveCount(3);

	// A target added here shows up there.
	const form = page.getByRole('form', { name: '添加' });
	await form.getByLabel('名称').fill('市财政局');
	await form.getByRole('button', { name: '添加' }).click();
	await expect(other.locator('tr[data-target="市财政局"]')).toBeVisible();

	// Grading there updates the results open here.
	await page.getByRole('link', { name: '结果' }).click();
	// Not opened yet: no score at all (never the 100 of an empty sheet); after one grade, a provisional 98.0.
	await expect(page.locator('tr[data-target="市人民政府"] [data-testid="result-score"] [data-status="unstarted"]')).toBeVisible();
	await openAssess(other, '市人民政府');
	await card(other, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(other);
	await expect(page.locator('tr[data-target="市人民政府"] [data-testid="result-score"] [data-status="inProgress"]')).toHaveText('98.0');
	await page.locator('[data-chart="problems"]').getByRole('button', { name: '表格' }).click();
	await expect(page.locator('[data-chart="problems"] tr[data-problem="publish-overview"]')).toContainText('市人民政府');

	// A screenshot added there appears on the same assess screen here.
	await page.goto(other.url());
	await expect(page.getByTestId('score-panel')).toBeVisible();
	await card(other, 'publish-overview').getByTestId('image-file').setInputFiles({ name: '首页.png', mimeType: 'image/png', buffer: PNG_1X1 });
	await expectSaved(other);
	await expect(card(page, 'publish-overview').getByTestId('thumb')).toHaveCount(1);

	// The home list in a third tab follows too.
	const home = await context.newPage();
	await home.goto('/');
	await expect(home.getByRole('row', { name: /2026年第四季度政府网站检查/ })).toContainText('4');
	await page.goto(campaignUrl);
	await page.locator('tr[data-target="市财政局"]').getByRole('button', { name: '移除' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '移除' }).click();
	await expect(home.getByRole('row', { name: /2026年第四季度政府网站检查/ }).locator('td').nth(3)).toHaveText('3');
});
