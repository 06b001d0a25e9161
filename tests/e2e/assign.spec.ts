import { expect, test } from '@playwright/test';
import { campaignWithTargets } from './helpers';

test('a lead assigns targets to assessors in bulk; counts, the list and the progress by assessor follow, after a reload too', async ({ page }) => {
	await campaignWithTargets(page);
	const counts = page.getByTestId('assessor-counts').locator('li');
	const assessorOf = (name: string) => page.locator(`tr[data-target="${name}"] td.assessor`);
	const scope = page.locator('select[name="assignScope"]');
	const name = page.locator('input[name="assignAssessor"]');
	await expect(counts).toHaveText(['未分配 3']);

	// Ticking targets makes them the scope.
	await page.getByLabel('勾选 市人民政府').check();
	await page.getByLabel('勾选 市教育局').check();
	await expect(scope).toHaveValue('selected');
	await name.fill('李四');
	await page.getByRole('button', { name: '分配 2', exact: true }).click();
	await expect(page.getByTestId('assign-done')).toHaveText('已将 2 个对象分配给 李四。');
	await expect(counts).toHaveText(['李四 2', '未分配 1']);
	await expect(assessorOf('市人民政府')).toHaveText('李四');
	await expect(assessorOf('国家统计局')).toHaveText('未分配');

	// The first category (the portal) to 王五: it re-assigns 市人民政府 only.
	await page.getByLabel('勾选全部对象').check();
	await page.getByLabel('勾选全部对象').uncheck();
	await expect(scope).toHaveValue('unassigned');
	await scope.selectOption('category');
	await page.locator('select[name="assignCategory"]').selectOption({ index: 0 });
	await name.fill('王五');
	await page.getByRole('button', { name: '分配 1', exact: true }).click();
	await expect(page.getByTestId('assign-done')).toHaveText('已将 1 个对象分配给 王五。');

	// The rest, unassigned, to 赵六.
	await scope.selectOption('unassigned');
	await name.fill('赵六');
	await page.getByRole('button', { name: '分配 1', exact: true }).click();
	await expect(counts).toHaveText(['李四 1', '王五 1', '赵六 1']);

	await page.reload();
	await expect(counts).toHaveText(['李四 1', '王五 1', '赵六 1']);
	await expect(assessorOf('市人民政府')).toHaveText('王五');
	await expect(assessorOf('市教育局')).toHaveText('李四');
	await expect(assessorOf('国家统计局')).toHaveText('赵六');

	// Taking an assignment away.
	await page.getByLabel('勾选 国家统计局').check();
	await page.getByRole('button', { name: '取消分配 1', exact: true }).click();
	await expect(page.getByTestId('assign-done')).toHaveText('已取消 1 个对象的分配。');
	await expect(counts).toHaveText(['李四 1', '王五 1', '未分配 1']);

	// Progress by assessor on the results page is by assignment.
	await page.getByRole('link', { name: '结果', exact: true }).click();
	const byAssessor = page.locator('[data-chart="progress-assessors"]');
	await byAssessor.getByRole('button', { name: '表格' }).click();
	await expect(byAssessor.locator('tbody tr td:first-child')).toHaveText(['李四', '王五', '（未分配）']);
});
