import { expect, test, type Page } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, gradeRest, openAssess, openTargets } from './helpers';

async function startRound(page: Page, n: number, monitoringPoint: string) {
	await openTargets(page);
	await page.getByRole('button', { name: '开始复核轮次…' }).click();
	const dialog = page.getByRole('dialog', { name: `开始第 ${n} 轮（复核 / 回头看）` });
	await dialog.getByLabel('监测时间点').fill(monitoringPoint);
	await dialog.getByRole('button', { name: '开始新一轮' }).click();
	await expect(page.getByText(`第 ${n} 轮`, { exact: true })).toBeVisible();
}

async function grade(page: Page, overview: RegExp, policyProblem: boolean) {
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: overview }).click();
	const policy = card(page, 'publish-policy');
	if (policyProblem) await policy.getByRole('button', { name: '增加一处' }).first().click();
	else await policy.getByRole('button', { name: /^1 符合/ }).click();
	// Everything else 符合 (no bonus earned): only a complete round is a score to compare.
	await page.locator('[data-indicator]').first().focus();
	await gradeRest(page, '1', { bonus: '2' });
	await expectSaved(page);
}

test('re-check rounds: fixed and still failing in round 2, 回潮 in round 3, with score changes', async ({ page }) => {
	await campaignWithTargets(page);
	await grade(page, /^2 不符合/, true); // round 1: 概况信息 fails, 政策文件 stale (−5) → 93
	await expect(page.getByTestId('score-total')).toHaveText('93.0');
	// The round-1 problems become rectification items; the office reports a fixed link for one.
	await page.getByRole('link', { name: '整改', exact: true }).click();
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await page.locator('tr[data-rect="1"] button.linkish').click();
	await page.locator('[data-rect-detail="1"]').getByLabel('整改后链接').fill('https://www.example.gov.cn/gk/');
	await page.locator('[data-rect-detail="1"]').getByLabel('整改后链接').blur();
	await expect(page.locator('[data-rect-detail="1"]').getByLabel('整改后链接')).toHaveValue('https://www.example.gov.cn/gk/');

	await startRound(page, 2, '2026-12-15');
	// Round 2's assess screen lists last round's open items first, with the fixed link.
	await openAssess(page, '市人民政府');
	const recheck = page.getByTestId('recheck');
	await expect(recheck).toContainText('待复核整改事项（2）');
	await expect(recheck.locator('[data-recheck="publish-overview"]')).toContainText('https://www.example.gov.cn/gk/');
	await openTargets(page);
	await grade(page, /^1 符合/, true); // round 2: 概况信息 fixed, 政策文件 still stale → 95
	await page.getByRole('link', { name: '轮次比较' }).click();
	const totals = page.getByTestId('compare-totals');
	await expect(totals.locator('[data-total="fixed"]')).toContainText('1');
	await expect(totals.locator('[data-total="still"]')).toContainText('1');
	await expect(totals).toContainText('50%');
	await expect(page.locator('tr[data-compare-target="市人民政府"]')).toContainText('+2');
	await expect(page.locator('tr[data-change="fixed"][data-indicator="publish-overview"]')).toBeVisible();

	await startRound(page, 3, '2027-01-15');
	await grade(page, /^2 不符合/, false); // round 3: 概况信息 fails again (回潮), 政策文件 fixed
	await page.getByRole('link', { name: '轮次比较' }).click();
	await expect(page.locator('tr[data-change="regressed"][data-indicator="publish-overview"]')).toContainText('回潮');
	await expect(page.locator('tr[data-change="fixed"][data-indicator="publish-policy"]')).toBeVisible();
	// Scores by round as a table: 93 → 95 → 98.
	await page.locator('[data-chart="round-scores"]').getByRole('button', { name: '表格' }).click();
	await expect(page.locator('[data-chart="round-scores"] tbody tr').filter({ hasText: '市人民政府' })).toContainText(/93\.0\s*95\.0\s*98\.0/);
});
