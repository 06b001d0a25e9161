import { expect, test } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';

test('working-day calendar: a deadline counted into a year without holidays says so until the user enters that year in Settings, beside the built-in years', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	await page.getByRole('link', { name: '整改', exact: true }).click();
	// The address is read once the page is the 整改 page, not while the click is still navigating.
	await expect(page.getByRole('button', { name: '生成 / 更新整改清单' })).toBeVisible();
	const rectUrl = page.url();

	// 10 working days from Thu 2026-12-24 reach into 2027, which has no arrangement yet.
	await page.getByLabel('通知日期').fill('2026-12-24');
	await expect(page.getByTestId('notice-calendar-gap')).toHaveText('2027 年的节假日安排未录入，期限按周末计算，仅供参考');
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	const first = page.getByTestId('rect-table').locator('tr[data-rect="1"]');
	await expect(first).toContainText('2027-01-07');
	await expect(first.locator('[data-calendar-gap]')).toContainText('节假日未录入');
	await first.locator('button.linkish').click();
	await expect(page.locator('[data-rect-detail="1"]').getByRole('note')).toHaveText('2027 年的节假日安排未录入，期限按周末计算，仅供参考');

	// Settings: the built-in years, read-only with their notices; the user's own years extend them.
	await page.goto('/settings');
	await expect(page.getByTestId('calendar-years')).toContainText('2024、2025、2026（内置）');
	const y2026 = page.locator('details[data-year="2026"]');
	await expect(y2026.locator('summary')).toContainText('国务院办公厅关于2026年部分节假日安排的通知');
	await y2026.locator('summary').click();
	await expect(y2026).toContainText('春节：2026-02-15 至 2026-02-23 放假；2026-02-14、2026-02-28 上班');
	await page.getByRole('textbox', { name: '补充和更正' }).fill('2027-01-01 休 元旦');
	await page.getByRole('button', { name: '保存日历' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	await expect(page.getByTestId('calendar-years')).toContainText('2027（自行录入）');

	await page.goto(rectUrl);
	await expect(first).toContainText('2027-01-07');
	await expect(first.locator('[data-calendar-gap]')).toHaveCount(0);
	await page.getByLabel('通知日期').fill('2026-12-24');
	await expect(page.getByRole('button', { name: '生成 / 更新整改清单' })).toBeVisible();
	await expect(page.getByTestId('notice-calendar-gap')).toHaveCount(0);
});
