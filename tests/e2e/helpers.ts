import { expect, type Page } from '@playwright/test';

export const THREE_TARGETS = [
	'市人民政府\t政府门户网站\twww.example.gov.cn\t市政府办公室',
	'市教育局\t部门网站\thttps://jyj.example.gov.cn\t市教育局',
	'国家统计局\t无对外服务职能\thttps://tjj.example.gov.cn\t国家统计局'
].join('\n');

export async function createCampaign(page: Page, title = '2026年第四季度政府网站检查') {
	await page.goto('/');
	await page.getByRole('button', { name: '新建评估任务' }).first().click();
	await page.getByLabel('任务名称').fill(title);
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { name: /评估对象（0）/ })).toBeVisible();
}

export async function pasteTargets(page: Page, rows: string) {
	const toggle = page.getByRole('button', { name: '从 Excel 粘贴' });
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	await page.getByLabel('粘贴内容').fill(rows);
}

export async function campaignWithTargets(page: Page) {
	await createCampaign(page);
	await pasteTargets(page, THREE_TARGETS);
	await page.getByRole('button', { name: '导入 3 个对象' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（3）/ })).toBeVisible();
}

/** The assess screen's own status line turns "saved" only after IndexedDB committed every queued write. */
export async function expectSaved(page: Page) {
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

export function card(page: Page, indicatorId: string) {
	return page.locator(`[data-indicator="${indicatorId}"]`);
}

/** Goes to the campaign's target list and waits until it is there, so a link on the page left cannot be clicked. */
export async function openTargets(page: Page) {
	await page.getByRole('link', { name: '评估对象', exact: true }).click();
	await expect(page.getByRole('heading', { name: /^评估对象（\d+）/ })).toBeVisible();
}

/** Opens a target's assess screen and waits until it can take keys (its score panel is rendered). */
export async function openAssess(page: Page, targetName: string) {
	await page.getByRole('link', { name: targetName, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: targetName })).toBeVisible();
	await expect(page.getByTestId('score-panel')).toBeVisible();
}

/** What the next grading step decides on, read in one round trip (on a busy machine each costs tens of ms). */
function gradingState(page: Page) {
	return page.evaluate(() => {
		const card = document.activeElement?.closest('[data-indicator]');
		const progress = document.querySelector('[data-testid="indicator-progress"]')?.textContent ?? '';
		const m = /已评 (\d+) \/ (\d+)/.exec(progress);
		return {
			progress,
			complete: m != null && m[1] === m[2],
			indicator: card?.getAttribute('data-indicator') ?? null,
			graded: card?.querySelector('[aria-pressed="true"]') != null,
			bonus: card?.getAttribute('data-part') === 'bonus'
		};
	});
}

/**
 * Grades by keyboard alone, from the focused indicator on, with `key` (1 符合) until the target is complete:
 * an outcome key moves on by itself, except where the outcome waits for counts, then `j` does. Indicators
 * already graded are passed over with `j`, never overwritten.
 */
export async function gradeRest(page: Page, key = '1', keys: { bonus?: string } = {}) {
	// The indicator an outcome key was last pressed on: if the focus is still there at the next read, `j` moves on.
	let pressedOn: string | null | undefined;
	let state = await gradingState(page);
	for (let i = 0; i < 400; i++) {
		const stayed = pressedOn !== undefined && state.indicator === pressedOn;
		pressedOn = undefined;
		if (stayed) await page.keyboard.press('j');
		else if (state.complete) return;
		else if (state.graded) await page.keyboard.press('j');
		else {
			pressedOn = state.indicator;
			await page.keyboard.press(state.bonus && keys.bonus ? keys.bonus : key);
		}
		state = await gradingState(page);
	}
	throw new Error(`target not complete after 400 keys: ${state.progress}`);
}
