import { expect, test } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess, openTargets } from './helpers';

/*
 * Issue 16 point 5, the 复核抽样 dialog's own rules: a seed is proposed (and can be fixed), the count follows the share,
 * and the first grader cannot be the reviewer. The whole blind review on separate machines — the package, the
 * reviewer's grades, the agreement, the ruling and its history, the CSV — is team-campaign.spec.ts's story.
 */

const GRADED = ['publish-overview', 'publish-functions', 'publish-policy', 'design-availability'];
const SEED = '20261205';

test('the review sample proposes a seed, counts the share drawn and refuses the first grader as reviewer', async ({ page }) => {
	// The lead: 市人民政府 assigned to 张三 and four indicators graded 符合.
	await campaignWithTargets(page);
	await page.getByLabel('勾选 市人民政府').check();
	await page.locator('input[name="assignAssessor"]').fill('张三');
	await page.getByRole('button', { name: '分配 1', exact: true }).click();
	await expect(page.getByTestId('assign-done')).toBeVisible();
	await openAssess(page, '市人民政府');
	for (const id of GRADED) await card(page, id).getByRole('button', { name: /^1 符合/ }).click();
	await expectSaved(page);
	await openTargets(page);

	// A proposed seed is shown; a fixed one, 50% of the 4 graded, veto and 不符合 not forced.
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
	// The first grader cannot review their own work; anyone else can.
	const confirm = dialog.getByRole('button', { name: '抽样并生成复核工作包' });
	await dialog.locator('input[name="reviewer"]').fill('张三');
	await expect(dialog.getByRole('alert')).toHaveText('张三 是「市人民政府」的首评人，不能复核这些项目。');
	await expect(confirm).toBeDisabled();
	await dialog.locator('input[name="reviewer"]').fill('李四');
	await expect(dialog.getByRole('alert')).toHaveCount(0);
	await expect(confirm).toBeEnabled();
});
