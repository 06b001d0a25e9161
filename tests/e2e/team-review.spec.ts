import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { downloadBackup, restoreInFreshBrowser, withoutSavePicker } from './backup-helpers';
import { campaignWithTargets, card, expectSaved, openAssess, openTargets } from './helpers';

/*
 * Issue 16 point 5, end to end on two machines: the lead draws a 复核 sample and writes the blind reviewer package, the
 * reviewer re-grades only the sampled items and hands it back, the lead imports the return, sees the agreement and
 * rules on the disagreement; after a reload the ruling, its history entry and the agreement are still there, and so is
 * the agreement on a new PC the lead's backup is restored onto.
 */

const GRADED = ['publish-overview', 'publish-functions', 'publish-policy', 'design-availability'];
const SEED = '20261205';

test.beforeEach(async ({ page }) => {
	await withoutSavePicker(page);
});

test('the lead draws a blind review sample, the reviewer re-grades it, the lead sees the agreement and adjudicates', async ({ page, browser }) => {
	// The lead: 市人民政府 assigned to 张三 and four indicators graded 符合.
	await campaignWithTargets(page);
	await page.getByLabel('勾选 市人民政府').check();
	await page.locator('input[name="assignAssessor"]').fill('张三');
	await page.getByRole('button', { name: '分配 1', exact: true }).click();
	await expect(page.getByTestId('assign-done')).toBeVisible();
	await openAssess(page, '市人民政府');
	for (const id of GRADED) {
		await card(page, id).getByRole('button', { name: /^1 符合/ }).click();
		await expectSaved(page);
	}
	await openTargets(page);

	// 复核抽样: a proposed seed is shown; a fixed one, 50% of the 4 graded, veto and 不符合 not forced.
	await page.getByRole('button', { name: '复核抽样' }).click();
	const dialog = page.getByRole('dialog', { name: '复核抽样' });
	const seed = dialog.locator('input[name="reviewSeed"]');
	await expect(seed).toHaveValue(/^\d+$/);
	await seed.fill(SEED);
	await expect(seed).toHaveValue(SEED);
	await dialog.locator('input[name="reviewPercent"]').fill('50');
	await dialog.getByLabel('单项否决指标全部复核').uncheck();
	await dialog.getByLabel('“不符合”的全部复核').uncheck();
	await expect(dialog.getByTestId('review-sample-count')).toHaveText('将复核 2 项（从已评的 4 项中随机抽取 2 项）');
	// The first grader cannot review their own work.
	await dialog.locator('input[name="reviewer"]').fill('张三');
	await expect(dialog.getByRole('alert')).toHaveText('张三 是「市人民政府」的首评人，不能复核这些项目。');
	await expect(dialog.getByRole('button', { name: '抽样并生成复核工作包' })).toBeDisabled();
	await dialog.locator('input[name="reviewer"]').fill('李四');
	const [pkg] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '抽样并生成复核工作包' }).click()]);
	expect(pkg.suggestedFilename()).toMatch(/^2026年第四季度政府网站检查-复核-李四-\d{4}-\d{2}-\d{2}\.kaiming$/);
	await expect(dialog.getByTestId('review-sample-written')).toHaveText(`已生成复核工作包 ${pkg.suggestedFilename()}，共 2 项。`);
	const packagePath = (await pkg.path())!;
	const manifest = JSON.parse(strFromU8(unzipSync(readFileSync(packagePath))['manifest.json']!)) as { scope: { package: { role: string; blind: boolean; items: unknown[] } } };
	expect(manifest.scope.package).toMatchObject({ role: 'reviewer', blind: true });
	expect(manifest.scope.package.items).toHaveLength(2);
	await dialog.getByRole('button', { name: '关闭' }).click();

	// The reviewer's machine: only the two sampled items, with no grades.
	const other = await browser.newContext();
	const reviewer = await other.newPage();
	await withoutSavePicker(reviewer);
	await reviewer.goto('/');
	await reviewer.getByTestId('open-package-file').setInputFiles(packagePath);
	await expect(reviewer.getByTestId('package-banner')).toContainText('李四');
	await openAssess(reviewer, '市人民政府');
	const cards = reviewer.locator('[data-indicator]');
	await expect(cards).toHaveCount(2);
	const sampled = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator')!));
	expect(GRADED).toEqual(expect.arrayContaining(sampled));
	await expect(reviewer.locator('[data-indicator] [aria-pressed="true"]')).toHaveCount(0);
	// One agrees with the lead, one does not.
	await card(reviewer, sampled[0]!).getByRole('button', { name: /^1 符合/ }).click();
	await expectSaved(reviewer);
	await card(reviewer, sampled[1]!).getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(reviewer);
	const [returned] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('button', { name: '交回工作包' }).click()]);
	// Read before the reviewer's context closes: its downloads go with it.
	const returnFile = { name: returned.suggestedFilename(), mimeType: 'application/zip', buffer: readFileSync((await returned.path())!) };
	await other.close();

	// The lead imports the return: the preview says second grades only, no finding changed; 确认合并 stores them.
	await page.getByTestId('team-merge-file').setInputFiles(returnFile);
	const preview = page.getByTestId('team-merge-preview');
	await expect(preview.getByTestId('team-review-return')).toHaveText('已收到 2 项复核结论（0 项未评），未改动任何评估结论。');
	await preview.getByRole('button', { name: '确认合并' }).click();
	await expect(page.getByTestId('team-merge-report')).toContainText('已收到 2 项复核结论（0 项未评），未改动任何评估结论。');

	const agreement = async () => {
		await expect(page.getByTestId('review-summary')).toContainText(/^复核 2 项，一致率 50(\.0+)?%/);
		await expect(page.locator('[data-chart="review-kappa"] canvas')).toBeVisible();
	};
	await page.getByRole('link', { name: '结果', exact: true }).click();
	await agreement();
	const row = page.getByTestId('review-disagreement');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('符合（张三）');
	await expect(row).toContainText('不符合（李四）');
	await row.getByRole('button', { name: '采用复核' }).click();
	await row.locator('input[name="rulingReason"]').fill('栏目确已停更');
	await row.getByRole('button', { name: '确定' }).click();
	await expect(page.getByTestId('review-disagreements')).toContainText('没有待裁定的分歧。');

	// After a reload: the agreement, the finding as ruled, and the ruling in its 历史.
	await page.reload();
	await agreement();
	await expect(page.getByTestId('review-disagreements')).toContainText('没有待裁定的分歧。');
	// The CSV export writes the table's text as the screen shows it.
	const shown = page.getByTestId('review-agreement').locator('tbody tr');
	const rows = await shown.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '').join(',')));
	expect(rows[0]).toMatch(/^总体,2,50\.0,/);
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
	expect(csv.suggestedFilename()).toBe('2026年第四季度政府网站检查-复核一致性.csv');
	const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
	expect(lines.slice(1, rows.length + 1)).toEqual(rows);
	await openTargets(page);
	await openAssess(page, '市人民政府');
	const ruled = card(page, sampled[1]!);
	await expect(ruled.getByRole('button', { name: /^2 不符合/ })).toHaveAttribute('aria-pressed', 'true');
	await ruled.click({ position: { x: 8, y: 8 } });
	await ruled.getByRole('button', { name: '历史' }).click();
	const entry = ruled.getByTestId('finding-history').getByRole('listitem').first();
	await expect(entry).toContainText('裁定');
	await expect(entry).toContainText('复核裁定：首评 符合（张三），复核 不符合（李四），采用复核；理由：栏目确已停更');

	// The lead's backup restored onto a new PC (its own IndexedDB) carries the 复核 items: the agreement is there too.
	const restored = await restoreInFreshBrowser(browser, await downloadBackup(page), '复核项：新增 2，覆盖 0，跳过 0');
	await expect(restored.getByTestId('restore-report')).toContainText('工作包：新增 1，覆盖 0，跳过 0');
	await restored.goto('/');
	await restored.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await restored.getByRole('link', { name: '结果', exact: true }).click();
	await expect(restored.getByTestId('review-summary')).toContainText(/^复核 2 项，一致率 50(\.0+)?%/);
	await expect(restored.getByTestId('review-disagreements')).toContainText('没有待裁定的分歧。');
	await restored.context().close();
});
