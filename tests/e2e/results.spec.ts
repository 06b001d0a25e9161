import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContextOptions, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { campaignWithTargets, expectSaved, gradeRest, openAssess, openTargets } from './helpers';

/**
 * 市人民政府 98 (概况信息 −2, every other item 符合, no bonus earned), 市教育局 vetoed (安全、泄密事故), both
 * fully graded; 国家统计局 not opened.
 */
async function gradeCampaign(page: Page) {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	for (let i = 0; i < 6; i++) await page.keyboard.press('1');
	await page.keyboard.press('2');
	await page.keyboard.press('j');
	await gradeRest(page, '1', { bonus: '2' });
	await expect(page.getByTestId('score-total')).toHaveText('98.0');
	await expectSaved(page);
	await openTargets(page);
	await openAssess(page, '市教育局');
	await page.keyboard.press('2');
	await expect(page.getByTestId('veto-reasons')).toBeVisible();
	await gradeRest(page);
	await expectSaved(page);
}

/** The graded campaign's results page. */
async function openResults(page: Page) {
	await page.goto('/');
	await page.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await page.getByRole('link', { name: '结果' }).click();
	await expect(page.getByTestId('summary')).toBeVisible();
}

type StorageState = Exclude<BrowserContextOptions['storageState'], undefined>;
/**
 * Grading by keyboard is most of a test's time, and is assess.spec's and keyboard.spec's business: it is done once
 * per worker, and each test of `gradedTest` starts in a fresh browser context holding the database it left
 * (Playwright's storage state carries IndexedDB), which is what a reload of that browser would read.
 */
const gradedTest = test.extend<object, { gradedState: StorageState }>({
	gradedState: [
		async ({ browser }, use, workerInfo) => {
			const { baseURL, locale } = workerInfo.project.use;
			const context = await browser.newContext({ baseURL, locale });
			await gradeCampaign(await context.newPage());
			const state = await context.storageState({ indexedDB: true });
			await context.close();
			await use(state);
		},
		{ scope: 'worker', timeout: 180_000 }
	],
	storageState: async ({ gradedState }, use) => use(gradedState)
});

async function download(page: Page, button: string) {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
	return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

gradedTest('results: rankings, charts drawn, table views with the same numbers', async ({ page }) => {
	await openResults(page);
	const portal = page.getByTestId('ranking-portal');
	await expect(portal.locator('tr[data-rank-target="市人民政府"]')).toContainText('98.0');
	const dept = page.getByTestId('ranking-dept-service');
	await expect(dept.locator('tr[data-rank-target="市教育局"]')).toContainText('安全、泄密事故等严重问题');
	await expect(dept.locator('tr[data-rank-target="市教育局"] td').first()).toHaveText('—');

	// The bands chart is drawn: its canvas has coloured pixels.
	const canvas = page.locator('[data-chart="bands"] canvas');
	await expect(canvas).toBeVisible();
	await expect
		.poll(() => canvas.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).some((v, i) => i % 4 === 3 && v > 0)))
		.toBe(true);
	// PNGs are named by campaign and chart, not by the chart's id.
	const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-chart="bands"]').getByRole('button', { name: '下载 PNG' }).click()]);
	expect(png.suggestedFilename()).toBe('2026年第四季度政府网站检查-合格率与分数段.png');
	const [heat] = await Promise.all([page.waitForEvent('download'), page.locator('[data-chart="heatmap"]').getByRole('button', { name: '下载 PNG' }).click()]);
	expect(heat.suggestedFilename()).toBe('2026年第四季度政府网站检查-各部分得分率热力图.png');
	await page.locator('[data-chart="bands"]').getByRole('button', { name: '表格' }).click();
	await expect(page.locator('[data-chart="bands"] tr[data-band="vetoed"]')).toContainText('1');
	// Only the two complete targets are counted: 98 in 合格, the veto apart; 国家统计局 is not a result yet.
	await expect(page.locator('[data-chart="bands"] tr[data-band="pass"]')).toContainText('1');
	await expect(page.getByTestId('unfinished-dept-no-service').locator('tr[data-unfinished-target="国家统计局"]')).toBeVisible();

	await expect(page.locator('tr[data-heat-target="市人民政府"]')).toContainText('93.5%'); // 发布解读 29/31
	await page.locator('[data-chart="problems"]').getByRole('button', { name: '表格' }).click();
	await expect(page.locator('[data-chart="problems"] tr[data-problem="publish-overview"]')).toContainText('市人民政府');

	// The radar's select lists every complete target once it is used (until then only the one shown).
	const radar = page.locator('[data-chart="radar"]');
	const choose = radar.getByRole('combobox', { name: '雷达图对象' });
	await expect(choose.locator('option')).toHaveCount(1);
	await choose.click();
	await expect(choose.locator('option')).toHaveCount(2);
	await choose.selectOption({ label: '市教育局' });
	await radar.getByRole('button', { name: '表格' }).click();
	await expect(radar.locator('thead')).toContainText('市教育局');
	await expect(page.locator('body')).not.toContainText('NaN');
});

gradedTest('exports: Excel read back has the same scores; CSV has a BOM and parses', async ({ page }) => {
	await openResults(page);
	const xlsx = await download(page, '导出 Excel');
	expect(xlsx.name).toMatch(/\.xlsx$/);
	const sheets = (await readXlsxFile(xlsx.bytes)) as unknown as { sheet: string; data: (string | number | null)[][] }[];
	const scores = sheets.find((s) => s.sheet === '得分排名')!.data;
	const head = scores[0]!;
	const row = (name: string) => scores.find((r) => r[head.indexOf('名称')] === name)!;
	expect(row('市人民政府')[head.indexOf('得分')]).toBe(98);
	// Never opened: no score (not the 100 of an empty sheet) and no grade.
	expect(row('国家统计局')[head.indexOf('得分')]).toBeNull();
	expect(row('国家统计局')[head.indexOf('等次')]).toBe('未开始');
	expect(row('市教育局')[head.indexOf('否决原因')]).toContain('安全、泄密事故等严重问题');
	expect(sheets.find((s) => s.sheet === '评估明细')!.data.some((r) => r.includes('概况信息'))).toBe(true);

	const csv = await download(page, '得分 CSV');
	expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	const lines = csv.bytes.toString('utf8').slice(1).trim().split(/\r?\n/);
	expect(lines[0]).toContain('名称');
	expect(lines.some((l) => l.includes('市人民政府') && l.includes('98'))).toBe(true);
});

gradedTest('reports: Word files hold the names and scores; print gives an A4 PDF with Chinese text', async ({ page }) => {
	await openResults(page);
	await page.getByRole('link', { name: '通报' }).click();
	await page.getByLabel('发文单位').fill('市政务公开办');
	await page.getByLabel('发文单位').blur();
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	await expect(page.getByTestId('campaign-report')).toContainText('本次纳入评估3家单位，已完成评估2家，其中合格1家、不合格1家，合格率为50%');

	// 国家统计局 is unfinished: the export asks first.
	await page.getByRole('button', { name: '导出 Word' }).first().click();
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('alertdialog').getByRole('button', { name: '仍然导出' }).click()]);
	const docx = { bytes: readFileSync((await file.path())!) };
	const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
	expect(xml).toContain('市人民政府');
	expect(xml).toContain('98.0');
	expect(xml).toContain('市政务公开办');

	const zip = await download(page, '各对象报告（Word，压缩包）');
	const files = Object.keys(unzipSync(new Uint8Array(zip.bytes)));
	expect(files.length).toBe(3);
	expect(files.some((f) => f.includes('国家统计局'))).toBe(true);

	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ format: 'A4' });
	const text = pdf.toString('latin1');
	expect((text.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
	// Chinese text was laid out with the CJK font, which Chromium embeds.
	expect(text).toMatch(/NotoSans(Mono)?CJK/);
	await expect(page.locator('.topbar')).toBeHidden();
});

test('a campaign with nothing graded still renders every results view and report without NaN', async ({ page }) => {
	await campaignWithTargets(page);
	await page.getByRole('link', { name: '结果' }).click();
	await expect(page.getByTestId('summary')).toContainText('0');
	await expect(page.locator('[data-chart="problems"]')).toContainText('未发现失分问题');
	await expect(page.locator('body')).not.toContainText('NaN');
	await page.getByRole('link', { name: '通报' }).click();
	await expect(page.getByTestId('campaign-report')).toContainText('本次评估未发现触发单项否决指标的情况');
	await expect(page.getByTestId('campaign-report')).toContainText('另有3家单位评估尚未完成');
	await expect(page.locator('body')).not.toContainText('NaN');
	await expect(page.locator('body')).not.toContainText('undefined');
});
