import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectSaved, pasteTargets } from './helpers';

// 汾阳市2018年政府信息公开年度报告, as published: "行政应诉案件10件" then 驳回 2 + 未审结 8 + 撤诉 1, and "未收到".
const FENYANG = readFileSync(new URL('./fixtures/fenyang-2018-annual-report.txt', import.meta.url), 'utf8');

test('the Fenyang 2018 report pasted as text: its failures written into the assessment reach the 整改清单 and the campaign table', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: '新建评估任务' }).first().click();
	await page.getByLabel('任务名称').fill('年度报告检查');
	const select = page.getByLabel('指标体系');
	const option = select.locator('option').filter({ hasText: /年度报告完整性检查/ });
	await select.selectOption({ label: (await option.textContent())! });
	await page.getByLabel('报告年度').fill('2021');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（0）/ })).toBeVisible();
	await pasteTargets(page, '汾阳市人民政府\t发布年度报告的行政机关\thttp://www.fenyang.gov.cn\t汾阳市人民政府办公室');
	await page.getByRole('button', { name: '导入 1 个对象' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（1）/ })).toBeVisible();

	await page.getByRole('link', { name: '汾阳市人民政府 的年报数据' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '汾阳市人民政府' })).toBeVisible();
	const year = page.getByLabel('报告年度');
	await year.fill('2018');
	await year.press('Enter');
	await expect(page.getByTestId('report-format')).toContainText('2008年条例');
	await page.getByRole('button', { name: '粘贴全文' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('粘贴内容').fill(FENYANG);
	await dialog.getByRole('button', { name: '确认' }).click();
	await expect(dialog).toBeHidden();
	await page.locator('select:has(option[value="government"])').selectOption('government');

	const check = page.getByTestId('annual-check');
	await expect(check).toContainText('2019-02-25，按期（期限 2019-03-31）');
	await expect(page.locator('li[data-rule="litigation.total"]')).toHaveAttribute('data-status', 'fail');
	await expect(page.locator('li[data-rule="stated-none"]')).toHaveAttribute('data-status', 'fail');

	await expectSaved(page);
	await check.getByRole('button', { name: '写入评估' }).click();
	await expect(check.getByTestId('annual-written')).toHaveText('已写入 2 项评估结果。');
	await page.getByRole('link', { name: '返回评估' }).click();
	await expectSaved(page);
	await expect(page.locator('[data-indicator="part-review-litigation"] [aria-pressed="true"]')).toHaveText(/不符合/);
	await expect(page.locator('[data-indicator="published-by-jan-31"] [aria-pressed="true"]')).toHaveText(/符合/);

	await page.getByRole('link', { name: '整改', exact: true }).click();
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await expect(page.getByRole('status').filter({ hasText: '新增 1 项' })).toBeVisible();
	const item = page.getByTestId('rect-table').locator('tr[data-rect="1"]');
	await expect(item).toContainText('行政诉讼总数 = 10，维持+纠正+其他+尚未审结 = 11，相差 1');
	await expect(item).toContainText('正文称“未收到”的，所列数字为 0 不成立：未收到 = 0，行政复议+行政诉讼 = 10，相差 10');

	await page.getByRole('link', { name: '结果', exact: true }).click();
	const table = page.getByTestId('annual-reports');
	await expect(table.locator('tbody tr').first()).toContainText('汾阳市人民政府');
	await expect(table.locator('tbody tr').first()).toContainText('2019-02-25，按期（期限 2019-03-31）');
	await expect(table.locator('tbody tr').last()).toContainText('合计（1 份报告）');
	await expect(page.locator('[data-chart="annual-failures"]')).toBeVisible();
});
