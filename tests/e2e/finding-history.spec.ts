import { expect, test, type Page } from '@playwright/test';
import { downloadBackup, restoreInFreshBrowser, withoutSavePicker } from './backup-helpers';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';

/** Opens the 历史 panel of an indicator (its card made current first) and returns its entries. */
async function openHistory(page: Page, indicatorId: string) {
	const c = card(page, indicatorId);
	await c.click({ position: { x: 8, y: 8 } });
	await c.getByRole('button', { name: '历史' }).click();
	await expect(c.getByRole('button', { name: '历史' })).toHaveAttribute('aria-expanded', 'true');
	return c.getByTestId('finding-history').getByRole('listitem');
}

test('the 历史 panel lists each change with who and when, newest first; it survives a reload and a restore into a fresh browser', async ({ browser, page }) => {
	await withoutSavePicker(page);
	await page.goto('/settings');
	await page.getByLabel('评估人姓名').fill('王芳');
	await page.getByLabel('评估人姓名').blur();
	await expect(page.getByText('已保存。')).toBeVisible();
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');

	const c = card(page, 'publish-overview');
	await c.getByRole('button', { name: /^1 符合/ }).click();
	await expectSaved(page);
	await c.getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	await c.getByLabel('问题说明').fill('概况信息栏目为空');
	await expectSaved(page);

	const entries = await openHistory(page, 'publish-overview');
	await expect(entries).toHaveCount(3);
	await expect(entries.nth(0)).toContainText('添加备注「概况信息栏目为空」');
	await expect(entries.nth(1)).toContainText('结果：符合 → 不符合');
	await expect(entries.nth(2)).toContainText('结果：未评 → 符合');
	for (let i = 0; i < 3; i++) await expect(entries.nth(i)).toContainText('王芳');

	// A change made while the panel is open appears in it once stored.
	await c.getByLabel('问题说明').fill('概况信息栏目为空，缺机构职能');
	await expectSaved(page);
	await expect(entries).toHaveCount(4);
	await expect(entries.nth(0)).toContainText('备注已修改：「概况信息栏目为空，缺机构职能」');

	await page.reload();
	await expect(page.getByTestId('score-panel')).toBeVisible();
	const reloaded = await openHistory(page, 'publish-overview');
	await expect(reloaded).toHaveCount(4);
	await expect(reloaded.nth(0)).toContainText('备注已修改：「概况信息栏目为空，缺机构职能」');

	const other = await restoreInFreshBrowser(browser, await downloadBackup(page), '修改历史：新增 4');
	await other.goto('/');
	await other.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await openAssess(other, '市人民政府');
	const restored = await openHistory(other, 'publish-overview');
	await expect(restored).toHaveCount(4);
	await expect(restored.nth(0)).toContainText('备注已修改：「概况信息栏目为空，缺机构职能」');
	await expect(restored.nth(1)).toContainText('添加备注「概况信息栏目为空」');
	await expect(restored.nth(3)).toContainText('王芳');
	await other.context().close();
});
