import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { strFromU8, unzipSync } from 'fflate';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';

test('整改清单: generated from findings, bulk owner and deadline, one item walked through the statuses with history, Excel read back', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await card(page, 'publish-overview').locator('textarea').fill('概况信息栏目为空');
	const policy = card(page, 'publish-policy');
	await policy.getByRole('button', { name: '增加一处' }).first().click();
	await policy.getByLabel('添加佐证网址').fill('https://www.example.gov.cn/zcwj/');
	await policy.getByRole('button', { name: '添加', exact: true }).click();
	await expectSaved(page);

	await page.getByRole('link', { name: '整改', exact: true }).click();
	await page.getByLabel('通知日期').fill('2026-09-30');
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await expect(page.getByRole('status').filter({ hasText: '新增 2 项' })).toBeVisible();
	const table = page.getByTestId('rect-table');
	const first = table.locator('tr[data-rect="1"]');
	const second = table.locator('tr[data-rect="2"]');
	await expect(first).toContainText('概况信息栏目为空');
	await expect(first).toContainText('市政府办公室'); // owner unit prefilled from the target
	await expect(second).toContainText('政策文件');
	// 10 working days after 2026-09-30 on the built-in 2026 arrangement (1–7 Oct off, Sat 10 Oct worked): 2026-10-20.
	await expect(second).toContainText('2026-10-20');

	// Bulk: both items to another unit and deadline.
	await first.getByRole('checkbox').check();
	await second.getByRole('checkbox').check();
	const bulk = page.getByTestId('bulk');
	await bulk.getByLabel('责任单位').fill('市政府办公室信息科');
	await bulk.getByLabel('整改时限').fill('2026-10-23');
	await bulk.getByRole('button', { name: '应用' }).click();
	await expect(first).toContainText('市政府办公室信息科');
	await expect(second).toContainText('2026-10-23');

	// Walk item 1: 未整改 → 整改中 → 已整改 → 复核未通过 → 整改中; 无法整改 needs a reason.
	await first.getByRole('button', { name: '概况信息栏目为空' }).click();
	const detail = page.locator('[data-rect-detail="1"]');
	await detail.getByRole('button', { name: '→ 无法整改' }).click();
	await expect(detail.getByRole('alert')).toContainText('须说明原因');
	await detail.getByRole('button', { name: '→ 整改中' }).click();
	await expect(first.locator('[data-status]')).toHaveAttribute('data-status', 'inProgress');
	await detail.getByLabel('整改后链接').fill('https://www.example.gov.cn/gk/');
	await detail.getByLabel('整改后链接').blur();
	await detail.getByLabel('说明').fill('已补充概况信息');
	await detail.getByRole('button', { name: '→ 已整改（待复核）' }).click();
	await detail.getByRole('button', { name: '→ 复核未通过' }).click();
	await detail.getByRole('button', { name: '→ 整改中' }).click();
	const history = detail.getByRole('list', { name: '状态记录' });
	await expect(history.getByRole('listitem')).toHaveCount(4);
	await expect(history).toContainText('未整改 → 整改中');
	await expect(history).toContainText('整改中 → 已整改（待复核）（已补充概况信息）');
	await expect(history).toContainText('复核未通过 → 整改中');

	// Survives a reload.
	await page.reload();
	await expect(page.getByTestId('rect-table').locator('tr[data-rect="1"] [data-status]')).toHaveAttribute('data-status', 'inProgress');

	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
	const sheets = (await readXlsxFile(readFileSync((await file.path())!))) as unknown as { sheet: string; data: (string | number | null)[][] }[];
	expect(sheets.map((s) => s.sheet)).toEqual(['整改清单', '市人民政府']);
	const [head, ...rows] = sheets[0]!.data;
	const col = (name: string) => head!.indexOf(name);
	expect(rows).toHaveLength(2);
	expect(rows[0]![col('被检查单位')]).toBe('市人民政府');
	// The bulk deadline 2026-10-23 is past (on any day after it), so the export flags the item as overdue.
	const late = new Date().toLocaleDateString('sv-SE') > '2026-10-23';
	expect(rows[0]![col('整改状态')]).toBe(late ? '整改中（逾期）' : '整改中');
	expect(rows[0]![col('整改后链接')]).toBe('https://www.example.gov.cn/gk/');
	expect(rows[1]![col('扣分（折算后）')]).toBe(5); // the framework rescales N/A, so the column says its points are 折算后
	expect(rows[1]![col('证据')]).toBe('https://www.example.gov.cn/zcwj/');

	// 整改通知 for one unit: Word, addressed to its owner unit, listing its open problems with evidence.
	await page.getByRole('combobox', { name: '名称', exact: true }).selectOption({ index: 1 }); // 市人民政府, the first target
	await page.getByLabel('整改通知联系人').fill('张三 0931-1234567');
	const [notice] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '整改通知（Word）' }).click()]);
	expect(notice.suggestedFilename()).toMatch(/\.docx$/);
	const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await notice.path())!)))['word/document.xml']!);
	expect(xml).toContain('关于市人民政府网站问题整改的通知');
	expect(xml).toContain('市政府办公室：');
	expect(xml).toContain('政策文件');
	expect(xml).toContain('联系人：张三 0931-1234567');
	// 依据 as document and item; the framework's internal provenance (见国管局自查报告) is never printed.
	expect(xml).toContain('国办秘函〔2019〕19号 2.1.5');
	expect(xml).not.toContain('国管局');
});

test('points lost are 折算后 where a section does not apply: the 整改清单 and the target report add up to the score', async ({ page }) => {
	await campaignWithTargets(page);
	// 国家统计局 has no external services: 办事服务 (25 of 100) is skipped and every loss counts 100/75.
	await openAssess(page, '国家统计局');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await card(page, 'publish-policy').getByRole('button', { name: '增加一处' }).first().click(); // 栏目不更新, 5 once
	await expectSaved(page);
	await expect(page.getByTestId('score-total')).toHaveText('90.7'); // 100 − (2 + 5) × 4/3

	await page.getByRole('link', { name: '整改', exact: true }).click();
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await expect(page.getByRole('status').filter({ hasText: '新增 2 项' })).toBeVisible();
	const table = page.getByTestId('rect-table');
	await expect(table.getByRole('columnheader', { name: '扣分（折算后）' })).toBeVisible();
	// 2 × 4/3 = 2.67 and 5 × 4/3 = 6.67 at the framework's one decimal: they add up to the 9.3 the score lost.
	await expect(table.locator('tr[data-rect="1"] td[data-lost]')).toHaveText('2.7');
	await expect(table.locator('tr[data-rect="2"] td[data-lost]')).toHaveText('6.7');
	await expect(page.getByTestId('lost-rule')).toContainText('按各自原始扣分（次数×分值）的比例分摊');

	await page.getByRole('link', { name: '结果' }).click();
	// Graded 2 of its items only: listed apart as unfinished, not ranked; its report is still there.
	const assessHref = await page.getByTestId('unfinished-dept-no-service').getByRole('link', { name: '国家统计局' }).getAttribute('href');
	await page.goto(assessHref!.replace('/assess/', '/report/'));
	const report = page.locator('[data-target-report="国家统计局"]');
	await expect(report.getByRole('columnheader', { name: '扣分（折算后）' })).toBeVisible();
	await expect(report.locator('tr[data-problem="publish-overview"] td.num')).toHaveText('2.7');
	await expect(report.locator('tr[data-problem="publish-policy"] td.num')).toHaveText('6.7');
	await expect(report.getByTestId('lost-rule')).toContainText('折算后列出');
});
