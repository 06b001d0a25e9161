import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { editXlsx } from './xlsx';

async function duplicateWebsite2019(page: Page) {
	await page.goto('/frameworks');
	await page.locator('tr[data-framework="cn-gov-website-2019"]').getByRole('button', { name: '复制并编辑' }).click();
	await expect(page.getByRole('heading', { name: '编辑指标体系' })).toBeVisible();
}

const points = (page: Page, indicatorId: string) => page.locator(`[data-edit-indicator="${indicatorId}"]`).getByLabel('分值').first();

test('duplicate the 2019 framework, change points with validation as you type, save it, save a new version and see the diff', async ({ page }) => {
	await duplicateWebsite2019(page);
	await expect(page.getByTestId('validity')).toHaveAttribute('data-valid', 'true');

	await points(page, 'publish-overview').fill('3');
	// 101 points in the deduct part: listed with its location, save disabled.
	await expect(page.getByTestId('problems')).toContainText('扣分指标分值合计 101，与总分 100 不一致。');
	await expect(page.getByRole('button', { name: '保存', exact: true })).toBeDisabled();
	await points(page, 'publish-overview').fill('');
	await expect(page.getByTestId('problems')).toContainText('2.1 发布解读 › 2.1.1 概况信息 › 分值');
	await points(page, 'publish-overview').fill('3');
	await points(page, 'publish-functions').fill('2');
	await expect(page.getByTestId('validity')).toHaveAttribute('data-valid', 'true');
	// The copy is stored on its first save, as its version 1.
	await expect(page.getByText('保存为版本 1')).toBeVisible();
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByText('版本 1', { exact: false }).first()).toBeVisible();
	await expect(page.locator('[data-indicator="publish-overview"]')).toContainText('3 分');

	await page.getByRole('link', { name: '编辑', exact: true }).click();
	await expect(page.getByText('保存为版本 2')).toBeVisible();
	await points(page, 'publish-overview').fill('4');
	await points(page, 'publish-functions').fill('1');
	await page.getByRole('button', { name: '保存', exact: true }).click();
	await expect(page.getByText('版本 2', { exact: false }).first()).toBeVisible();
	await expect(page.locator('[data-indicator="publish-overview"]')).toContainText('4 分');

	// Version 1 vs the current version 2: exactly the two changed point values.
	await page.getByRole('link', { name: '与当前版本比较' }).click();
	const diff = page.getByTestId('diff');
	await expect(diff).toContainText('新增 0 项、删除 0 项、修改 2 项、移动 0 项指标。');
	await expect(diff.locator('[data-changed="publish-overview"]')).toContainText('分值');
	await expect(diff.locator('[data-changed="publish-overview"] .before')).toHaveText('3');
	await expect(diff.locator('[data-changed="publish-overview"] .after')).toHaveText('4');
	await expect(diff.locator('[data-changed="publish-functions"] .after')).toHaveText('1');
	// The library lists the copy as mine; the built-in is untouched.
	await page.goto('/frameworks');
	await expect(page.locator('tr[data-framework="cn-gov-website-2019"]')).toContainText('内置');
	await expect(page.getByRole('row', { name: /政府网站检查指标（2019）（副本）/ })).toContainText('自建');
});

test('cancelling 复制并编辑 leaves no copy behind', async ({ page }) => {
	await duplicateWebsite2019(page);
	await points(page, 'publish-overview').fill('3');
	await page.getByRole('button', { name: '取消' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '政府网站检查指标（2019）' })).toBeVisible();
	// A fresh load reads the library from storage: only the built-ins, no （副本）.
	await page.goto('/frameworks');
	await expect(page.locator('tbody tr')).toHaveCount(7);
	await expect(page.getByRole('row', { name: /（副本）/ })).toHaveCount(0);
});

test('the tree shows the bonus cap next to the bonus items’ sum', async ({ page }) => {
	await page.goto('/frameworks/cn-gov-website-2019');
	const heading = page.locator('#tree-bonus');
	await expect(heading).toContainText('40 分');
	await expect(heading).toContainText('加分合计最高计 30 分');
});

test('search within a framework narrows the tree', async ({ page }) => {
	await page.goto('/frameworks/cn-gov-website-2019');
	await page.getByRole('searchbox').fill('解读');
	await expect(page.getByRole('status').filter({ hasText: '找到' })).toBeVisible();
	await expect(page.locator('[data-indicator="publish-interp-link"]')).toBeVisible();
	await expect(page.locator('[data-indicator="design-search"]')).toHaveCount(0);
});

test('a malformed JSON framework file is refused with a specific message and nothing is saved', async ({ page }) => {
	await page.goto('/frameworks/import');
	await page.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "kaiming-framework", ') });
	await expect(page.getByTestId('import-problems')).toContainText('“broken.json”未导入');
	await page.goto('/frameworks');
	await expect(page.locator('tbody tr')).toHaveCount(7);
});

test('a framework file nesting sections 1,000 deep is refused with the limit and where, not as unreadable', async ({ page }) => {
	const fw = JSON.parse(readFileSync('src/lib/frameworks/cn-gov-website-2019.json', 'utf8')) as { id: string; sections: unknown[] };
	let sections = fw.sections;
	for (let d = 0; d < 1_000; d++) {
		const s = { id: `deep-${d}`, code: `9.${d}`, title: { zh: '层' }, part: 'deduct', indicators: [], sections: [] as unknown[] };
		sections.push(s);
		sections = s.sections;
	}
	await page.goto('/frameworks/import');
	await page.getByTestId('import-file').setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...fw, id: 'deep' })) });
	const problems = page.getByTestId('import-problems');
	await expect(problems).toContainText('“deep.json”未导入');
	await expect(problems).toContainText(/“deep\.json”的 sections\[\d+\](\.sections\[0\]){11}\.sections 处指标组超过 12 层/);
	await expect(problems).not.toContainText('无法读取');
	await page.goto('/frameworks');
	await expect(page.locator('tbody tr')).toHaveCount(7);
});

test('import the template .xlsx: a bad row is refused at that row with nothing saved; fixed, it imports and a campaign can grade on it', async ({ page }) => {
	await page.goto('/frameworks/import');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 Excel 模板' }).click()]);
	const template = readFileSync((await download.path())!);

	const broken = await editXlsx(template, (sheets) => {
		const rows = sheets.find((s) => s.sheet === '指标')!.data;
		const col = rows[0]!.indexOf('分值/权重');
		rows[2]![col] = '三十';
	});
	await page.getByTestId('import-file').setInputFiles({ name: 'template.xlsx', mimeType: 'application/octet-stream', buffer: broken });
	const problems = page.getByTestId('import-problems');
	await expect(problems).toContainText('“template.xlsx”未导入');
	const row = problems.locator('tr[data-row="3"]');
	await expect(row).toContainText('指标');
	await expect(row).toContainText('分值/权重');
	await page.goto('/frameworks');
	await expect(page.locator('tbody tr')).toHaveCount(7);

	await page.goto('/frameworks/import');
	await page.getByTestId('import-file').setInputFiles({ name: 'template.xlsx', mimeType: 'application/octet-stream', buffer: template });
	await expect(page.getByTestId('import-preview')).toContainText('自定义指标体系（示例）');
	await page.getByRole('button', { name: '保存到指标体系库' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '自定义指标体系（示例）' })).toBeVisible();

	await page.goto('/');
	await page.getByRole('button', { name: '新建评估任务' }).first().click();
	await page.getByLabel('任务名称').fill('自定义指标检查');
	await page.getByLabel('指标体系').selectOption({ label: '自定义指标体系（示例）（某办发〔2026〕1号）' });
	await page.getByRole('button', { name: '创建' }).click();
	const form = page.getByRole('form', { name: '添加' });
	await form.getByLabel('名称').fill('示例县政府');
	await form.getByRole('button', { name: '添加' }).click();
	await page.getByRole('link', { name: '示例县政府', exact: true }).click();
	await expect(page.getByTestId('score-panel')).toBeVisible();
	await page.keyboard.press('1'); // moves on by itself
	await page.keyboard.press('2');
	await expect(page.getByTestId('score-total')).toHaveText('70.0');
});

test('a veto-only framework (new media 2019) shows no pass mark, veto score or grade lines, in its view and in the editor', async ({ page }) => {
	await page.goto('/frameworks/cn-gov-newmedia-2019');
	const rules = page.getByRole('heading', { name: '计分规则' }).locator('..');
	await expect(rules.getByText('等次', { exact: true })).toBeVisible();
	await expect(rules).toContainText('合格；不合格');
	for (const word of ['合格线', '否决时记分', '≥']) await expect(rules).not.toContainText(word);

	await page.goto('/frameworks');
	await page.locator('tr[data-framework="cn-gov-newmedia-2019"]').getByRole('button', { name: '复制并编辑' }).click();
	await expect(page.getByRole('heading', { name: '编辑指标体系' })).toBeVisible();
	await expect(page.getByLabel('计分方式')).toHaveValue('veto');
	await expect(page.getByLabel('等次名称')).toHaveCount(2);
	for (const label of ['合格线', '否决时记分', '最低分']) await expect(page.getByLabel(label)).toHaveCount(0);
	// A model that gives a score reads them again.
	await page.getByLabel('计分方式').selectOption('checklist');
	await expect(page.getByLabel('合格线')).toBeVisible();
	await expect(page.getByLabel('否决时记分')).toBeVisible();
	await expect(page.getByLabel('最低分')).toHaveCount(2);
});
