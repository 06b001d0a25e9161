import { expect, test, type Page } from '@playwright/test';
import { ASSESS_KEYS, keyLabel } from '../../src/lib/domain/assess-keys';
import { zh } from '../../src/lib/i18n/zh-CN';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';
import { dumpDatabase } from './idb';

const VETO_IDS = ['veto-security', 'veto-unreachable', 'veto-homepage-stale', 'veto-columns-stale', 'veto-interaction-poor', 'veto-service-unusable'];
const outcomeButton = (page: Page, id: string, name: RegExp) => card(page, id).getByRole('button', { name });
const pressed = (page: Page, id: string) => card(page, id).locator('.outcomes [aria-pressed="true"]');

async function keys(page: Page, ...list: string[]) {
	for (const k of list) await page.keyboard.press(k);
}

test('a whole portal graded with the keyboard alone: outcomes move on, counts are typed, a clear is undone', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const targetId = page.url().split('/assess/')[1]!;
	// From here on, keys only.

	// 1.1–1.6 and 2.1.1 pass: each 1 moves on by itself.
	await keys(page, '1', '1', '1', '1', '1', '1', '1');
	await expect(card(page, 'publish-functions')).toBeFocused();
	for (const id of [...VETO_IDS, 'publish-overview']) await expect(pressed(page, id)).toHaveAttribute('aria-keyshortcuts', '1');

	// 2.1.2 部分符合: the focus stays for the counts, and the card says nothing is deducted yet.
	await keys(page, '3');
	await expect(card(page, 'publish-functions')).toBeFocused();
	const flag = card(page, 'publish-functions').getByTestId('uncounted-partial');
	await expect(flag).toHaveText('部分符合须至少计入一项扣分，否则不扣分且本对象不计为完成。');
	// c to the problem rows, Tab to the second, a digit sets it, + and − step it, Esc back to the indicator.
	await keys(page, 'c');
	const counts = card(page, 'publish-functions').locator('[data-role="count"]');
	await expect(counts.nth(0)).toBeFocused();
	await keys(page, 'Tab');
	await expect(counts.nth(1)).toBeFocused();
	await keys(page, '2');
	await expect(counts.nth(1)).toHaveValue('2');
	await keys(page, '+', '+');
	await expect(counts.nth(1)).toHaveValue('4');
	await keys(page, '-', 'ArrowDown');
	await expect(counts.nth(1)).toHaveValue('2');
	await keys(page, 'Escape');
	await expect(card(page, 'publish-functions')).toBeFocused();
	await expect(flag).toHaveCount(0);

	// 2.1.3 passes; 2.1.4 fails with nothing counted (all 6 lost), j moves on by hand.
	await keys(page, 'j', '1', '2');
	await expect(card(page, 'publish-news')).toBeFocused();
	await keys(page, 'j');
	// 2.1.5: Enter to its first problem (栏目不更新, counted once), 1 counts it, which makes the item 部分符合.
	await keys(page, 'Enter', '1', 'Escape');
	await expect(pressed(page, 'publish-policy')).toHaveAttribute('aria-keyshortcuts', '3');
	// The same outcome key again keeps it.
	await keys(page, '3');
	await expect(pressed(page, 'publish-policy')).toHaveAttribute('aria-keyshortcuts', '3');
	await expect(card(page, 'publish-policy')).toBeFocused();
	await keys(page, 'j');

	// 2.1.6–2.1.9, 2.2.1–2.2.6, 2.3.1–2.3.4, 2.4.1–2.4.2 pass.
	await keys(page, ...Array<string>(16).fill('1'));
	await expect(card(page, 'design-availability')).toBeFocused();

	// 2.4.3 fails; Backspace clears it (undo offered), Ctrl+Z brings it back.
	await keys(page, '2');
	await expect(pressed(page, 'design-availability')).toHaveAttribute('aria-keyshortcuts', '2');
	await keys(page, 'Backspace');
	await expect(pressed(page, 'design-availability')).toHaveCount(0);
	await expect(page.getByTestId('undo')).toContainText('已清除 2.4.3 可用性 的评估结果。');
	await expect(page.getByTestId('indicator-progress')).toHaveText('已评 27 / 42 项');
	await keys(page, 'Control+z');
	await expect(pressed(page, 'design-availability')).toHaveAttribute('aria-keyshortcuts', '2');
	await expect(page.getByTestId('undo')).toHaveCount(0);
	await keys(page, 'j');

	// 2.4.4–2.4.9 pass.
	await keys(page, ...Array<string>(6).fill('1'));
	await expect(card(page, 'bonus-interp-formats')).toBeFocused();
	// Bonus: 3.1 two forms counted (2 × 2), 3.2 earned in full, 3.3–3.6 not earned.
	await keys(page, '3', 'c', '2', 'Escape', 'j', '1', '2', '2', '2', '2');
	// The national text lets an inspector judge nothing 不适用: its key does nothing on 3.7, which is then not earned, as 3.8.
	await expect(card(page, 'bonus-intensive')).toBeFocused();
	await expect(card(page, 'bonus-intensive').getByRole('button', { name: /不适用/ })).toHaveCount(0);
	await keys(page, '0');
	await expect(card(page, 'bonus-intensive')).toBeFocused();
	await expect(pressed(page, 'bonus-intensive')).toHaveCount(0);
	await keys(page, '2', '2');

	await expect(page.getByTestId('indicator-progress')).toHaveText('已评 42 / 42 项');
	// Deduct part: 100 − 2 (2.1.2) − 6 (2.1.4) − 5 (2.1.5) − 4 (2.4.3) = 83, above the gate of 80; bonus 4 + 6.
	await expect(page.getByTestId('score-total')).toHaveText('93.0');
	await expectSaved(page);

	const findings = (await dumpDatabase(page)).findings as { targetId: string; indicatorId: string; outcome: string | null; deductionCounts: Record<string, number> }[];
	const mine = new Map(findings.filter((f) => f.targetId === targetId).map((f) => [f.indicatorId, f]));
	expect(mine.size).toBe(42);
	expect([...mine.values()].filter((f) => f.outcome === null)).toEqual([]);
	expect(mine.get('publish-functions')).toMatchObject({ outcome: 'partial', deductionCounts: { 'functions-element-missing': 2 } });
	expect(mine.get('publish-news')).toMatchObject({ outcome: 'fail', deductionCounts: {} });
	expect(mine.get('publish-policy')).toMatchObject({ outcome: 'partial', deductionCounts: { 'policy-column-stale': 1 } });
	expect(mine.get('design-availability')).toMatchObject({ outcome: 'fail', deductionCounts: {} });
	expect(mine.get('bonus-interp-formats')).toMatchObject({ outcome: 'partial', deductionCounts: { format: 2 } });
	expect(mine.get('bonus-intensive')?.outcome).toBe('fail');
	const byOutcome = (o: string) => [...mine.values()].filter((f) => f.outcome === o).length;
	expect([byOutcome('pass'), byOutcome('fail'), byOutcome('partial'), byOutcome('na')]).toEqual([31, 8, 3, 0]);
});

test('the help lists every key of the table; the setting turns moving on off', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: '键盘快捷键' });
	await expect(help).toBeVisible();
	const rows = help.locator('tr[data-action]');
	await expect(rows).toHaveCount(ASSESS_KEYS.length);
	for (const b of ASSESS_KEYS) {
		const row = help.locator(`tr[data-action="${b.action}"]`);
		await expect(row.locator('td').nth(0)).toHaveText(keyLabel(b));
		await expect(row.locator('td').nth(1)).toHaveText(zh[`shortcuts.${b.action}`]);
	}
	await expect(help).toContainText('按结果键后自动跳到下一项指标');
	await page.keyboard.press('Escape');

	await page.getByRole('link', { name: '设置' }).click();
	const advance = page.getByRole('checkbox', { name: '评估时按结果键后自动跳到下一项指标' });
	await expect(advance).toBeChecked();
	await advance.uncheck();
	await page.goBack();
	await expect(page.getByTestId('score-panel')).toBeVisible();
	await page.keyboard.press('1');
	await expect(pressed(page, 'veto-security')).toHaveAttribute('aria-keyshortcuts', '1');
	await page.keyboard.press('2');
	// Still on 1.1: the second key changed its outcome instead of grading 1.2.
	await expect(outcomeButton(page, 'veto-security', /^2 不符合/)).toHaveAttribute('aria-pressed', 'true');
	await expect(pressed(page, 'veto-unreachable')).toHaveCount(0);
	await page.keyboard.press('?');
	await expect(help).toContainText('按结果键后停留在本项指标');
});

test('the note box grows with its text up to a limit', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const note = card(page, 'veto-security').locator('textarea');
	const height = () => note.evaluate((el) => el.getBoundingClientRect().height);
	const empty = await height();
	await page.keyboard.press('n');
	await page.keyboard.type('首页“政策文件”栏目链接错误');
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Enter');
		await page.keyboard.type(`第 ${i + 2} 处问题`);
	}
	await expect.poll(height).toBeGreaterThan(empty * 2.5);
	for (let i = 0; i < 12; i++) {
		await page.keyboard.press('Enter');
		await page.keyboard.type('更多');
	}
	await expect.poll(height).toBe(160);
	await expect(note).toHaveValue(/第 4 处问题\n更多/);
});
