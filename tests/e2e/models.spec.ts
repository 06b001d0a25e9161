import { expect, test, type Page } from '@playwright/test';
import { card } from './helpers';

async function campaignOn(page: Page, title: string, frameworkLabel: RegExp, target: string, category?: string) {
	await page.goto('/');
	await page.getByRole('button', { name: '新建评估任务' }).first().click();
	await page.getByLabel('任务名称').fill(title);
	const select = page.getByLabel('指标体系');
	// The library loads when the dialog opens: wait for the option before choosing it.
	const option = select.locator('option').filter({ hasText: frameworkLabel });
	await expect(option).toHaveCount(1);
	await select.selectOption({ label: (await option.textContent())! });
	await page.getByRole('button', { name: '创建' }).click();
	const form = page.getByRole('form', { name: '添加' });
	await form.getByLabel('名称').fill(target);
	if (category) await form.getByLabel('类别').selectOption({ label: category });
	await form.getByRole('button', { name: '添加' }).click();
	await page.getByRole('link', { name: target, exact: true }).click();
	await expect(page.getByTestId('score-panel')).toBeVisible();
}

test('a 工作要点 checklist (Tianshui 2021) shows deadlines and units and scores the share of tasks done', async ({ page }) => {
	await campaignOn(page, '天水2021回头看', /天水市2021年政务公开工作要点/, '市政府办公室');
	const first = card(page, 'ts-01-plans');
	await expect(first.getByTestId('deadline')).toHaveText('完成时限 2021-11-30');
	await expect(first).toContainText('责任单位：市政府办公室、市发展改革委');
	// Each outcome key moves on to the next task by itself.
	await page.keyboard.press('1'); // done
	await page.keyboard.press('0'); // not applicable
	await page.keyboard.press('2'); // not done
	// 1 of 21 applicable tasks done (the other 19 not yet graded count as not done); the unit type is not stated, so all apply.
	await expect(page.getByTestId('score-total')).toHaveText((100 / 21).toFixed(1));
	await expect(page.getByTestId('trace')).toContainText('完成率 1 / 21');

	// 回头看: the undone task becomes an item carrying its own responsible units.
	await page.getByTestId('save-status').and(page.locator('[data-state="saved"]')).waitFor();
	await page.getByRole('link', { name: '整改', exact: true }).click();
	await page.getByLabel('通知日期').fill('');
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	const item = page.getByTestId('rect-table').locator('tr[data-rect="1"]');
	await expect(item).toContainText('（三） 细化财政信息公开');
	await expect(item).toContainText('市财政局、市政府各部门、各县区政府、经开区管委会');
	await expect(page.getByTestId('rect-table').locator('tbody tr')).toHaveCount(1);
});

test('a Tianshui task is N/A for a unit type it does not name: shown with its responsible units on the assess screen and in the report', async ({ page }) => {
	await campaignOn(page, '天水2021回头看', /天水市2021年政务公开工作要点/, '市教育局', '市政府部门');
	await expect(card(page, 'ts-16-participation')).toHaveCount(0);
	const skipped = page.locator('[data-skipped="ts-16-participation"]');
	await expect(skipped).toHaveText('（十六） 扩大决策公众参与度 — 不适用：本项责任单位为各县区政府、经开区管委会，本对象类别为“市政府部门”。');
	await expect(page.getByTestId('indicator-progress')).toContainText('/ 19');

	await page.goto(page.url().replace(/\/assess\/([^/]+)$/, '/report/$1'));
	await expect(page.getByTestId('report-not-applicable').locator('[data-skipped="ts-16-participation"]')).toContainText('本项责任单位为各县区政府、经开区管委会');
});

test('moving a campaign to a newer framework version maps findings and changes nothing until confirmed', async ({ page }) => {
	// A copy of the 2019 framework, v1; a campaign graded on it.
	await page.goto('/frameworks');
	await page.locator('tr[data-framework="cn-gov-website-2019"]').getByRole('button', { name: '复制并编辑' }).click();
	await expect(page.getByRole('heading', { name: '编辑指标体系' })).toBeVisible();
	// The copy is stored on its first save (cancelling would leave nothing).
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByRole('link', { name: '编辑', exact: true })).toBeVisible();
	const fwUrl = page.url().replace(/\/edit$/, '');

	await campaignOn(page, '版本迁移测试', /政府网站检查指标（2019）（副本）/, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expect(page.getByTestId('score-total')).toHaveText('98.0');
	const campaignUrl = page.url().replace(/\/assess\/.*$/, '');

	// v2: 概况信息 worth 3, 机构职能 2.
	await page.goto(`${fwUrl}/edit`);
	await page.locator('[data-edit-indicator="publish-overview"]').getByLabel('分值').first().fill('3');
	await page.locator('[data-edit-indicator="publish-functions"]').getByLabel('分值').first().fill('2');
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByText('版本 2').first()).toBeVisible();

	await page.goto(campaignUrl);
	await page.getByRole('button', { name: '更换指标体系版本…' }).click();
	const dialog = page.getByRole('dialog', { name: '更换指标体系版本' });
	await dialog.getByLabel('改用').selectOption({ label: '政府网站检查指标（2019）（副本） · 版本 2' });
	await expect(dialog.getByTestId('move-plan')).toContainText('1 条评估记录中 1 条可按指标标识或编号对应到新版本。');
	await dialog.getByRole('button', { name: '取消' }).click();
	// Cancelled: still scored on version 1.
	await page.getByRole('link', { name: '市人民政府', exact: true }).click();
	await expect(page.getByTestId('score-total')).toHaveText('98.0');

	await page.goto(campaignUrl);
	await page.getByRole('button', { name: '更换指标体系版本…' }).click();
	await dialog.getByLabel('改用').selectOption({ label: '政府网站检查指标（2019）（副本） · 版本 2' });
	await dialog.getByRole('button', { name: '确认更换' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText('版本 2')).toBeVisible();
	await page.reload();
	await page.getByRole('link', { name: '市人民政府', exact: true }).click();
	await expect(page.getByTestId('score-total')).toHaveText('97.0');
});

test('a new-media (veto-only) campaign shows 不合格 with the veto reason where the score stands', async ({ page }) => {
	await campaignOn(page, '新媒体检查', /政务新媒体检查指标（2019）/, '甲公众号');
	// Each outcome key moves on: 安全 符合, 内容不更新 不符合, 互动回应差 符合.
	await page.keyboard.press('1');
	await page.keyboard.press('2');
	await page.keyboard.press('1');
	await page.getByTestId('save-status').and(page.locator('[data-state="saved"]')).waitFor();
	await page.getByRole('link', { name: '结果' }).click();
	const row = page.locator('tr[data-target="甲公众号"]');
	await expect(row.getByTestId('result-score')).toHaveText('不合格');
	await expect(row).toContainText('单项否决 内容不更新');
	// The ranking's score column (rank, name, score, grade, veto) says the same.
	await expect(page.locator('tr[data-rank-target="甲公众号"] td').nth(2)).toHaveText('不合格');
});
