import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { createCampaign, expectSaved, gradeRest, openAssess, pasteTargets, openTargets } from './helpers';

/**
 * Issue 13's walk-through: five county portals, three fully graded (one vetoed), one graded 9 of 42, one not
 * at all. Only complete targets are results: the summary, rankings, 通报 (screen and Word), Excel and CSV
 * must count three, name the other two as unfinished, and agree with the screen cell for cell.
 */
const COUNTIES = ['甲县', '乙县', '丙县', '丁县', '戊县'];

async function download(page: Page, click: () => Promise<void>) {
	const [file] = await Promise.all([page.waitForEvent('download'), click()]);
	return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

async function toTargets(page: Page) {
	await openTargets(page);
	await expect(page.getByRole('heading', { name: /评估对象（5）/ })).toBeVisible();
}

test('five portals, two unfinished: every published number counts only the three complete ones', async ({ page }) => {
	test.setTimeout(180_000);
	await createCampaign(page, '2026年第四季度县级政府门户网站检查');
	await pasteTargets(page, COUNTIES.map((n) => `${n}人民政府\t政府门户网站\thttps://${n}.example.gov.cn\t${n}政府办公室`).join('\n'));
	await page.getByRole('button', { name: '导入 5 个对象' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（5）/ })).toBeVisible();

	// 甲县: everything 符合.
	await openAssess(page, '甲县人民政府');
	await gradeRest(page);
	await expectSaved(page);
	await toTargets(page);
	// 乙县: six veto items pass, 2.1.1 概况信息 fails as a whole (不符合 with nothing counted), the rest pass.
	await openAssess(page, '乙县人民政府');
	for (let i = 0; i < 6; i++) await page.keyboard.press('1');
	await page.keyboard.press('2');
	await page.keyboard.press('j');
	await gradeRest(page);
	await expectSaved(page);
	await toTargets(page);
	// 丙县: the first veto item fails, the rest pass.
	await openAssess(page, '丙县人民政府');
	await page.keyboard.press('2');
	await gradeRest(page);
	await expect(page.getByTestId('veto-reasons')).toBeVisible();
	await expectSaved(page);
	await toTargets(page);
	// 丁县: 9 of 42 graded.
	await openAssess(page, '丁县人民政府');
	for (let i = 0; i < 9; i++) await page.keyboard.press('1');
	await expect(page.getByTestId('indicator-progress')).toHaveText('已评 9 / 42 项');
	await expect(page.getByTestId('score-provisional')).toHaveText('评估中 · 已评 9/42');
	await expectSaved(page);
	await toTargets(page);

	// The targets list: a never-opened target shows "—", never 100; an unfinished one is marked provisional.
	await expect(page.locator('tr[data-target="戊县人民政府"] [data-status="unstarted"]')).toBeVisible();
	await expect(page.locator('tr[data-target="戊县人民政府"]')).not.toContainText('100.0');
	await expect(page.locator('tr[data-target="丁县人民政府"] [data-status="inProgress"]')).toBeVisible();

	await page.getByRole('link', { name: '结果' }).click();
	const summary = page.getByTestId('summary');
	await expect(summary.locator('[data-summary="targets"] .big')).toHaveText('5');
	await expect(summary.locator('[data-summary="complete"] .big')).toHaveText('3');
	await expect(summary.locator('[data-summary="unfinished"] .big')).toHaveText('2');
	await expect(summary.locator('[data-summary="passed"] .big')).toHaveText('2');
	await expect(summary.locator('[data-summary="passRate"] .big')).toHaveText('66.7%');

	const ranking = page.getByTestId('ranking-portal');
	await expect(ranking.locator('tr[data-rank-target]')).toHaveCount(3);
	await expect(ranking.locator('tr[data-rank-target="甲县人民政府"] td').first()).toHaveText('1');
	await expect(ranking.locator('tr[data-rank-target="乙县人民政府"] td').first()).toHaveText('2');
	await expect(ranking.locator('tr[data-rank-target="丙县人民政府"] td').first()).toHaveText('—');
	const unfinished = page.getByTestId('unfinished-portal');
	await expect(unfinished.locator('tr[data-unfinished-target]')).toHaveCount(2);
	await expect(unfinished.locator('tr[data-unfinished-target="丁县人民政府"]')).toContainText('评估中 · 已评 9/42');
	await expect(unfinished.locator('tr[data-unfinished-target="戊县人民政府"] [data-status="unstarted"]')).toBeVisible();
	const shown = async (name: string) => (await ranking.locator(`tr[data-rank-target="${name}"] td`).nth(2).textContent())!.trim();
	const jia = await shown('甲县人民政府');
	const yi = await shown('乙县人民政府');
	expect(jia).toMatch(/^\d+\.\d$/);
	expect(yi).toMatch(/^\d+\.\d$/);

	// Excel: only complete targets have a grade; scores are numbers equal to the screen's text.
	const xlsx = await download(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
	const sheets = (await readXlsxFile(xlsx.bytes)) as unknown as { sheet: string; data: (string | number | null)[][] }[];
	const scores = sheets.find((s) => s.sheet === '得分排名')!.data;
	const head = scores[0]!;
	const row = (name: string) => scores.find((r) => r[head.indexOf('名称')] === name)!;
	const col = (name: string, header: string) => row(name)[head.indexOf(header)];
	expect(col('甲县人民政府', '得分')).toBe(Number(jia));
	expect(col('乙县人民政府', '得分')).toBe(Number(yi));
	expect(col('甲县人民政府', '等次')).not.toMatch(/评估中|未开始/);
	expect(col('丁县人民政府', '等次')).toBe('评估中');
	expect(col('戊县人民政府', '等次')).toBe('未开始');
	expect(col('戊县人民政府', '得分')).toBeNull();
	expect(col('丁县人民政府', '类别内排名')).toBeNull();
	// The score column's number format is the framework's one decimal.
	expect(strFromU8(unzipSync(new Uint8Array(xlsx.bytes))['xl/styles.xml']!)).toContain('formatCode="0.0"');

	// CSV: the same text as the screen.
	const csv = await download(page, () => page.getByRole('button', { name: '得分 CSV' }).click());
	const lines = csv.bytes.toString('utf8').slice(1).trim().split(/\r?\n/);
	const csvRow = (name: string) => lines.find((l) => l.includes(name))!.split(',');
	const csvHead = lines[0]!.split(',');
	expect(csvRow('甲县人民政府')[csvHead.indexOf('得分')]).toBe(jia);
	expect(csvRow('丁县人民政府')[csvHead.indexOf('等次')]).toBe('评估中');
	expect(csvRow('戊县人民政府')[csvHead.indexOf('得分')]).toBe('');

	// 通报: on screen and in Word, word for word; exporting with unfinished targets asks first.
	await page.getByRole('link', { name: '通报' }).click();
	const report = page.getByTestId('campaign-report');
	const overview = '本次纳入评估5家单位，已完成评估3家，其中合格2家、不合格1家，合格率为66.7%（按已完成评估的单位计）。';
	const unfinishedLine = '另有2家单位评估尚未完成，其得分为暂计，不定等次、不排名，未计入上述统计。';
	await expect(report).toContainText(overview);
	await expect(report).toContainText(unfinishedLine);
	await expect(report).toContainText('丁县人民政府（已评9/42项）');
	await expect(report).toContainText('戊县人民政府（尚未开始）');
	await expect(report).not.toContainText('检查评估结果');
	await page.getByRole('button', { name: '导出 Word' }).first().click();
	const ask = page.getByRole('alertdialog');
	await expect(ask).toContainText('2家单位尚未评完');
	const docx = await download(page, () => ask.getByRole('button', { name: '仍然导出' }).click());
	const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
	const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
	for (const s of [overview, unfinishedLine, '丁县人民政府（已评9/42项）', jia, yi]) expect(words).toContain(s);
	// Every paragraph of the preview is in the document.
	for (const p of await report.locator('p, h1, h2, h3').allTextContents()) expect(words).toContain(p.trim());

	// Home agrees: 2 passed of 3 complete.
	await page.goto('/');
	await expect(page.locator('tr', { hasText: '2026年第四季度县级政府门户网站检查' })).toContainText('2 / 3');
});
