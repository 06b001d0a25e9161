import { expect, test, type Page } from '@playwright/test';
import { expectSaved, pasteTargets } from './helpers';

const NEW = '一、本年新收政府信息公开申请数量';
const CARRIED_IN = '二、上年结转政府信息公开申请数量';
const DISCLOSED = '（一）予以公开';
const CARRIED_OUT = '四、结转下年度继续办理';

const cell = (page: Page, row: string, column: string) => page.getByRole('textbox', { name: `${row} / ${column}`, exact: true });

async function annualCampaignWithTarget(page: Page) {
	await page.goto('/');
	await page.getByRole('button', { name: '新建评估任务' }).first().click();
	await page.getByLabel('任务名称').fill('2024年度年报检查');
	const select = page.getByLabel('指标体系');
	const option = select.locator('option').filter({ hasText: /年度报告完整性检查/ });
	await select.selectOption({ label: (await option.textContent())! });
	await page.getByLabel('报告年度').fill('2024');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（0）/ })).toBeVisible();
	await pasteTargets(page, '市教育局\t发布年度报告的行政机关\thttps://jyj.example.gov.cn\t市教育局');
	await page.getByRole('button', { name: '导入 1 个对象' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（1）/ })).toBeVisible();
}

test('a target’s annual report: typed from the keyboard, a pasted table confirmed from its preview, the balance rule failing with its difference and passing once fixed, all kept over a reload', async ({ page }) => {
	await annualCampaignWithTarget(page);
	await page.getByRole('link', { name: '市教育局 的年报数据' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '市教育局' })).toBeVisible();
	await expect(page.getByLabel('报告年度')).toHaveValue('2024');
	await expect(page.getByTestId('report-format')).toContainText('2021年');

	// Spreadsheet keys: typing replaces, Enter goes down, arrows move, a word is refused with what was expected.
	await cell(page, NEW, '自然人').click();
	await page.keyboard.type('40');
	await page.keyboard.press('Enter');
	await expect(cell(page, CARRIED_IN, '自然人')).toBeFocused();
	await page.keyboard.type('二');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: '“二、上年结转政府信息公开申请数量 / 自然人”应填数字，“二”不是数字。' })).toBeVisible();
	await expect(cell(page, CARRIED_IN, '自然人')).toBeFocused();
	await page.keyboard.press('Control+A');
	await page.keyboard.type('2');
	await page.keyboard.press('ArrowDown');
	await expect(cell(page, DISCLOSED, '自然人')).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	await expect(cell(page, NEW, '自然人')).toBeFocused();
	await expect(cell(page, CARRIED_IN, '自然人')).toHaveValue('2');
	await expectSaved(page);

	// A table copied from the report: previewed with what could not be placed; nothing is entered before 确认.
	await page.locator('section').filter({ has: page.getByRole('heading', { name: '三、收到和处理政府信息公开申请情况' }) }).getByRole('button', { name: '粘贴表格' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('粘贴内容').fill(['（一）予以公开\t35\t0\t0\t0\t0\t0\t35', '（七）总计\t35\t0\t0\t0\t0\t0\t35', '四、结转下年度继续办理\t6\t0\t0\t0\t0\t0\t6', '无关的一行\t9'].join('\n'));
	await expect(dialog.getByTestId('paste-placed')).toHaveText('将填入 21 个数字（表格中高亮显示）');
	await expect(dialog.getByTestId('paste-unplaced')).toContainText('第 4 行第 2 列的“9”：认不出是表中哪一行。');
	await expect(dialog.getByRole('textbox', { name: `${DISCLOSED} / 自然人`, exact: true })).toHaveValue('35');
	// The page's own grid, behind the dialog (first in the document), is unchanged until then.
	await expect(cell(page, DISCLOSED, '自然人').first()).toHaveValue('');
	await dialog.getByRole('button', { name: '确认' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(cell(page, CARRIED_OUT, '自然人')).toHaveValue('6');

	// 一 + 二 = 42 but 三 + 四 = 41: the balance rule fails with both sides and the difference.
	const balance = page.locator('li[data-rule="requests.balance.natural"]');
	await expect(balance).toHaveAttribute('data-status', 'fail');
	await expect(balance).toContainText('一+二 = 42，三+四 = 41，相差 1');
	await balance.getByRole('button', { name: '在表格中标出' }).click();
	await expect(cell(page, CARRIED_OUT, '自然人').locator('xpath=..')).toHaveClass(/marked/);

	await cell(page, CARRIED_OUT, '自然人').click();
	await page.keyboard.type('7');
	await page.keyboard.press('Enter');
	await expect(balance).toHaveAttribute('data-status', 'pass');
	await expectSaved(page);

	await page.reload();
	await expect(cell(page, NEW, '自然人')).toHaveValue('40');
	await expect(cell(page, CARRIED_IN, '自然人')).toHaveValue('2');
	await expect(cell(page, CARRIED_OUT, '自然人')).toHaveValue('7');
	await expect(page.locator('li[data-rule="requests.balance.natural"]')).toHaveAttribute('data-status', 'pass');
});
