import { expect, test } from '@playwright/test';
import { THREE_TARGETS, createCampaign, pasteTargets } from './helpers';

test('pasting targets shows row errors and saves nothing until every row is valid', async ({ page }) => {
	await createCampaign(page);
	await pasteTargets(
		page,
		['名称\t类别\t网址\t主管单位', '市人民政府\t政府门户网站\twww.example.gov.cn\t市政府办公室', '市教育局\t学校网站\tnot a url\t', '\t门户\t\t'].join('\n')
	);
	const preview = page.getByRole('table', { name: '粘贴预览' });
	await expect(page.getByTestId('paste-summary')).toContainText('共 3 行，其中 2 行有问题');
	await expect(preview.locator('tr[data-line="3"]')).toContainText('未知类别“学校网站”');
	await expect(preview.locator('tr[data-line="3"]')).toContainText('网址“not a url”无效');
	await expect(preview.locator('tr[data-line="4"]')).toContainText('名称为空');
	// The button says what blocks the import, not what it would import.
	await expect(page.getByRole('button', { name: '2 行有误（第 3、4 行），修正后才能导入' })).toBeDisabled();
	await expect(page.getByRole('button', { name: /导入 \d+ 个对象/ })).toHaveCount(0);
	await pasteTargets(page, ['市人民政府\t政府门户网站\t\t', '市教育局\t学校网站\t\t'].join('\n'));
	await expect(page.getByRole('button', { name: '第 2 行有误，修正后才能导入' })).toBeDisabled();
	await expect(page.getByRole('heading', { name: /评估对象（0）/ })).toBeVisible();

	// Nothing was written: a reload still shows no targets.
	await page.reload();
	await expect(page.getByRole('heading', { name: /评估对象（0）/ })).toBeVisible();

	await pasteTargets(page, THREE_TARGETS);
	await expect(page.getByTestId('paste-summary')).toContainText('共 3 行，均可导入');
	await page.getByRole('button', { name: '导入 3 个对象' }).click();
	const table = page.getByRole('table', { name: '评估对象列表' });
	await expect(table.locator('tbody tr')).toHaveCount(3);
	await expect(table.locator('tr[data-target="市人民政府"]')).toContainText('https://www.example.gov.cn');
	await expect(table.locator('tr[data-target="国家统计局"]')).toContainText('国务院部门门户网站（无对外服务职能）');

	// A duplicate of an existing name is caught against the campaign too.
	await pasteTargets(page, '市教育局\t政府门户网站\t\t');
	await expect(page.getByRole('table', { name: '粘贴预览' })).toContainText('名称“市教育局”已存在于本任务中');
});

test('a single target is validated next to its fields, edited and removed with an in-app confirmation', async ({ page }) => {
	await createCampaign(page);
	const form = page.getByRole('form', { name: '添加' });
	await form.getByRole('button', { name: '添加' }).click();
	await expect(form).toContainText('名称为空');
	await form.getByLabel('名称').fill('市财政局');
	await form.getByLabel('网址').fill('http://');
	await form.getByRole('button', { name: '添加' }).click();
	await expect(form).toContainText('网址“http://”无效');
	await form.getByLabel('网址').fill('czj.example.gov.cn');
	await form.getByRole('button', { name: '添加' }).click();
	const row = page.locator('tr[data-target="市财政局"]');
	await expect(row).toContainText('https://czj.example.gov.cn');

	await row.getByRole('button', { name: '编辑' }).click();
	const edit = page.getByRole('form', { name: '保存' });
	await edit.getByLabel('名称').fill('市财政局（改）');
	await edit.getByRole('button', { name: '保存' }).click();
	await expect(page.locator('tr[data-target="市财政局（改）"]')).toBeVisible();

	await page.locator('tr[data-target="市财政局（改）"]').getByRole('button', { name: '移除' }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText('移除评估对象？');
	await dialog.getByRole('button', { name: '移除' }).click();
	await expect(page.locator('tr[data-target="市财政局（改）"]')).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { name: /评估对象（0）/ })).toBeVisible();
});

test('the top bar names who grades the open campaign: its assessor when the settings name none', async ({ page }) => {
	await createCampaign(page);
	const topbar = page.locator('header.topbar');
	await expect(topbar).toContainText('未设置评估人');
	await page.locator('input[name="campaignAssessor"]').fill('张三');
	await page.locator('input[name="campaignAssessor"]').press('Tab');
	await expect(topbar).toContainText('张三');
	await expect(topbar).not.toContainText('未设置评估人');
	await page.reload();
	await expect(topbar).toContainText('张三');
	// Outside the campaign nobody is named until the settings say who uses this computer.
	await page.getByRole('link', { name: '评估任务' }).first().click();
	await expect(topbar).toContainText('未设置评估人');
});

test('a campaign is deleted only after confirming in the app', async ({ page }) => {
	await createCampaign(page, '待删除的任务');
	await page.getByRole('link', { name: '评估任务' }).first().click();
	const row = page.getByRole('row', { name: /待删除的任务/ });
	await row.getByRole('button', { name: '删除' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '取消' }).click();
	await expect(row).toBeVisible();
	await row.getByRole('button', { name: '删除' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
	await expect(page.getByText('还没有评估任务')).toBeVisible();
	await expect(page.getByTestId('storage-line')).toContainText('本机存储');
});

test('a long target list renders only the rows in view and scrolls to every one of them', async ({ page }) => {
	await createCampaign(page);
	const rows = Array.from({ length: 300 }, (_, i) => `第${i + 1}号单位网站\t无对外服务职能\thttps://u${i + 1}.example.gov.cn\t市政府`).join('\n');
	await pasteTargets(page, rows);
	await page.getByRole('button', { name: '导入 300 个对象' }).click();
	const table = page.getByRole('table', { name: '评估对象列表' });
	await expect(table).toHaveAttribute('aria-rowcount', '301');
	const rendered = await table.locator('tbody tr[data-target]').count();
	expect(rendered).toBeGreaterThan(5);
	expect(rendered).toBeLessThan(100);
	await expect(table.locator('tr[data-target="第300号单位网站"]')).toHaveCount(0);
	await page.getByRole('region', { name: '评估对象列表' }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
	await expect(table.locator('tr[data-target="第300号单位网站"]')).toBeVisible();
	await expect(table.locator('tr[data-target="第1号单位网站"]')).toHaveCount(0);
});

test('an annual-report campaign shows its 报告年度 on its page and takes a new one there, refusing one outside the framework’s years', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: '新建评估任务' }).first().click();
	await page.getByLabel('任务名称').fill('年度报告检查');
	const select = page.getByLabel('指标体系');
	const option = select.locator('option').filter({ hasText: /年度报告完整性检查/ });
	await expect(option).toHaveCount(1);
	await select.selectOption({ label: (await option.textContent())! });
	await page.getByLabel('报告年度').fill('2024');
	await page.getByRole('button', { name: '创建' }).click();

	const year = page.locator('input[name="reportYear"]');
	await expect(year).toHaveValue('2024');
	await expect(page.locator('#campaign-year-hint')).toHaveText('所检查年度报告的年度；本指标体系适用于2021年度及以后的年度报告。');
	const stored = () =>
		page.evaluate(
			() =>
				new Promise<unknown>((resolve, reject) => {
					const open = indexedDB.open('kaiming');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const db = open.result;
						const all = db.transaction('campaigns').objectStore('campaigns').getAll();
						all.onsuccess = () => {
							db.close();
							resolve((all.result as { title: string; reportYear?: number }[]).find((c) => c.title === '年度报告检查')?.reportYear);
						};
						all.onerror = () => reject(all.error);
					};
				})
		);

	await year.fill('2020');
	await year.press('Tab');
	await expect(page.getByRole('alert')).toHaveText('本指标体系适用于2021年度及以后的年度报告，2020年度的报告不按此格式评判，请选用对应格式的指标体系。');
	await expect(year).toHaveAttribute('aria-invalid', 'true');
	expect(await stored()).toBe(2024);

	await year.fill('2022');
	await year.press('Tab');
	await expect(year).toHaveAttribute('aria-invalid', 'false');
	await expect.poll(stored).toBe(2022);
	await page.reload();
	await expect(year).toHaveValue('2022');
});
