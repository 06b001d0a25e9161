import { expect, test } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';
import { dumpDatabase } from './idb';

test('two tabs grading the same finding never lose a change: apart fields are merged, the same field is asked', async ({ page, context }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const here = card(page, 'publish-overview');
	await here.getByRole('button', { name: /^3 部分符合/ }).click();
	await expectSaved(page);

	// The second tab does not hear of the first one's writes (a frozen background tab, a late message); it still announces its own.
	const other = await context.newPage();
	await other.addInitScript(() => {
		window.BroadcastChannel = class extends BroadcastChannel {
			override addEventListener() {}
		};
	});
	await other.goto(page.url());
	await expect(other.getByTestId('score-panel')).toBeVisible();
	const there = card(other, 'publish-overview');
	await expect(there.getByRole('button', { name: /^3 部分符合/ })).toHaveAttribute('aria-pressed', 'true');

	// A note here, the outcome there: both are stored, and the second tab shows both.
	await here.locator('[data-role="note"]').fill('首页无概况信息');
	await expectSaved(page);
	await there.getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(other);
	const stored = async () => (((await dumpDatabase(page)).findings ?? []) as { indicatorId: string; outcome: string; note: string }[]).find((f) => f.indicatorId === 'publish-overview');
	expect(await stored()).toMatchObject({ outcome: 'fail', note: '首页无概况信息' });
	await expect(there.locator('[data-role="note"]')).toHaveValue('首页无概况信息');
	await expect(here.getByRole('button', { name: /^2 不符合/ })).toHaveAttribute('aria-pressed', 'true');

	// The outcome in both: the second tab shows both versions and asks; its value stays unsaved meanwhile.
	await here.getByRole('button', { name: /^1 符合/ }).click();
	await expectSaved(page);
	await there.getByRole('button', { name: /^3 部分符合/ }).click();
	const ask = other.getByTestId('finding-conflict');
	await expect(ask.locator('tr[data-field="outcome"] [data-side="mine"]')).toHaveText('部分符合');
	await expect(ask.locator('tr[data-field="outcome"] [data-side="theirs"]')).toHaveText('符合');
	expect((await stored())?.outcome).toBe('pass');
	await ask.getByRole('button', { name: '保留本窗口的修改' }).click();
	await expectSaved(other);
	expect(await stored()).toMatchObject({ outcome: 'partial', note: '首页无概况信息' });
	await expect(here.getByRole('button', { name: /^3 部分符合/ })).toHaveAttribute('aria-pressed', 'true');
	await expect(other.getByTestId('unsaved-banner')).toHaveCount(0);
});
