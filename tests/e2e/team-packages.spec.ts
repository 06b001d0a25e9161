import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Download, type Page } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';

/** Headless Chromium's save picker aborts at once: without it, a file is a download. */
const withoutSavePicker = (page: Page) => page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);

const zipJson = (bytes: Buffer, path: string) => JSON.parse(strFromU8(unzipSync(bytes)[path]!)) as unknown;

async function assign(page: Page, names: string[], assessor: string) {
	for (const name of names) await page.getByLabel(`勾选 ${name}`).check();
	await page.locator('input[name="assignAssessor"]').fill(assessor);
	await page.getByRole('button', { name: `分配 ${names.length}`, exact: true }).click();
	await expect(page.getByTestId('assign-done')).toHaveText(`已将 ${names.length} 个对象分配给 ${assessor}。`);
}

test('the lead hands out work packages; an assessor opens one on another machine, grades only their targets and hands it back', async ({ page, browser }) => {
	// The lead's machine.
	await campaignWithTargets(page);
	await assign(page, ['市人民政府', '市教育局'], '张三');
	await page.getByLabel('勾选 市人民政府').uncheck();
	await page.getByLabel('勾选 市教育局').uncheck();

	const downloads: Download[] = [];
	page.on('download', (d) => downloads.push(d));
	await page.getByRole('button', { name: '分发工作包' }).click();
	const dialog = page.getByRole('dialog', { name: '分发工作包' });
	await expect(dialog.getByLabel('张三（2 个对象）')).toBeChecked();
	await expect(dialog.getByTestId('packages-unassigned')).toHaveText('未分配的 1 个对象不打包：国家统计局');
	await dialog.getByRole('button', { name: '写出 1 个工作包' }).click();
	await expect(dialog.getByTestId('package-results')).toContainText(/已写出并校验：2026年第四季度政府网站检查-张三-工作包-\d{4}-\d{2}-\d{2}\.kaiming/);
	await expect(dialog.getByText('已写出 1 个工作包，0 个失败。')).toBeVisible();
	expect(downloads.map((d) => d.suggestedFilename())).toEqual([expect.stringMatching(/-张三-工作包-/)]);
	const packagePath = (await downloads[0]!.path())!;
	const manifest = zipJson(readFileSync(packagePath), 'manifest.json') as { scope: { kind: string; package: { assessor: string; targetIds: string[] } } };
	expect(manifest.scope).toMatchObject({ kind: 'package', package: { assessor: '张三' } });
	expect(manifest.scope.package.targetIds).toHaveLength(2);

	// 团队进度: the package is out, nothing back yet; the 通报 page warns before publishing.
	await dialog.getByRole('button', { name: '关闭' }).click();
	const dashboard = page.getByTestId('team-dashboard');
	await expect(dashboard.getByTestId('team-dashboard-summary')).toHaveText('已发出 1 个工作包，1 个尚未交回；待裁定的复核分歧 0 项。');
	await expect(dashboard.locator('tr[data-member="张三"] [data-testid="team-packages"]')).toHaveText('0 / 1');
	await page.goto(`${page.url()}/report`);
	await expect(page.getByTestId('team-open-warning')).toHaveText('团队评估尚未完成：1 个工作包尚未交回。现在发布的通报可能不是最终结果。');

	// The assessor's machine: its own IndexedDB.
	const other = await browser.newContext();
	const assessor = await other.newPage();
	await withoutSavePicker(assessor);
	await assessor.goto('/');
	await assessor.getByTestId('open-package-file').setInputFiles(packagePath);
	await expect(assessor.getByTestId('package-banner')).toContainText('工作包 · 评估人 张三 · 2 个评估对象');
	await expect(assessor.getByRole('heading', { name: /^评估对象（2）/ })).toBeVisible();
	await expect(assessor.getByRole('link', { name: '国家统计局' })).toHaveCount(0);
	await expect(assessor.getByTestId('package-read-only')).toBeVisible();
	await expect(assessor.locator('input[name="campaignTitle"]')).toBeDisabled();
	await expect(assessor.getByRole('button', { name: '分发工作包' })).toHaveCount(0);
	await expect(assessor.getByRole('button', { name: '编辑' })).toHaveCount(0);

	await openAssess(assessor, '市人民政府');
	await card(assessor, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(assessor);

	const [returned] = await Promise.all([assessor.waitForEvent('download'), assessor.getByRole('button', { name: '交回工作包' }).click()]);
	expect(returned.suggestedFilename()).toMatch(/^2026年第四季度政府网站检查-张三-交回-.+\.kaiming$/);
	await expect(assessor.getByTestId('package-returned')).toContainText(returned.suggestedFilename());
	const bytes = readFileSync((await returned.path())!);
	const back = zipJson(bytes, 'manifest.json') as { scope: { kind: string; package: { assessor: string } } };
	expect(back.scope).toMatchObject({ kind: 'return', package: { assessor: '张三' } });
	const findings = zipJson(bytes, 'data/findings.json') as { indicatorId: string; outcome: string }[];
	expect(findings.map((f) => [f.indicatorId, f.outcome])).toEqual([['publish-overview', 'fail']]);
	// The base, byte for byte the package's.
	expect(strFromU8(unzipSync(bytes)['team/base.json']!)).toBe(strFromU8(unzipSync(readFileSync(packagePath))['team/base.json']!));

	// No 通报 from a package; and the home list marks it.
	await assessor.getByRole('link', { name: '结果', exact: true }).click();
	await expect(assessor).toHaveURL(/\/results$/);
	await assessor.goto(assessor.url().replace(/\/results$/, '/report'));
	await expect(assessor.getByTestId('package-no-publish')).toBeVisible();
	await assessor.goto('/');
	await expect(assessor.getByRole('row', { name: /2026年第四季度政府网站检查/ })).toContainText('工作包');

	// A package is not a backup: the restore panel says so and offers to open it.
	await assessor.goto('/settings');
	await assessor.getByTestId('restore-file').setInputFiles(packagePath);
	await expect(assessor.getByTestId('restore-refused')).toContainText('这是工作包，不能作为备份恢复');
	await other.close();

});
