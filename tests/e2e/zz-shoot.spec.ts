import { expect, test } from '@playwright/test';
import { pasteTargets } from './helpers';

test('shots', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 1000 });
	await page.goto('/');
	await page.getByRole('button', { name: '新建评估任务' }).first().click();
	await page.getByLabel('任务名称').fill('2025年度报告检查');
	const select = page.getByLabel('指标体系');
	const option = select.locator('option').filter({ hasText: /年度报告完整性检查/ });
	await select.selectOption({ label: (await option.textContent())! });
	await page.getByLabel('报告年度').fill('2025');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（0）/ })).toBeVisible();
	await pasteTargets(page, '市教育局\t发布年度报告的行政机关\thttp://jyj.example.gov.cn\t市教育局\n市人民政府\t发布年度报告的行政机关\thttp://www.example.gov.cn\t市政府办公室');
	await page.getByRole('button', { name: '导入 2 个对象' }).click();
	await page.screenshot({ path: '/tmp/shots/campaign.png', fullPage: true });
	await page.getByRole('link', { name: '市教育局 的年报数据' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '市教育局' })).toBeVisible();
	await page.getByRole('button', { name: '粘贴表格' }).nth(1).click();
	await page.getByRole('dialog').getByRole('textbox').first().fill('一、本年新收政府信息公开申请数量\t30\t20\t5\t0\t0\t0\t25\t55\n二、上年结转政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t1\t3');
	await page.screenshot({ path: '/tmp/shots/paste.png', fullPage: false });
	await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
	await page.screenshot({ path: '/tmp/shots/annual.png', fullPage: false });
});
