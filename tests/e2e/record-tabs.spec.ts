import { expect, test, type Page } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';
import { dumpDatabase } from './idb';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A tab that does not hear of the other tabs' writes (a frozen background tab, a late message); it still announces its own. */
async function deafTab(page: Page) {
	const other = await page.context().newPage();
	await other.addInitScript(() => {
		window.BroadcastChannel = class extends BroadcastChannel {
			override addEventListener() {}
		};
	});
	await other.goto(page.url());
	return other;
}

/** Opens the target's row form, changes the given fields and saves. */
async function editTarget(page: Page, name: string, fields: Record<string, string>) {
	await page.locator(`tr[data-target="${name}"]`).getByRole('button', { name: '编辑' }).click();
	const form = page.getByRole('form', { name: '保存' });
	for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
	await form.getByRole('button', { name: '保存' }).click();
}

test('two tabs editing the same target never lose a change: apart fields are merged, the same field is asked', async ({ page }) => {
	await campaignWithTargets(page);
	const other = await deafTab(page);
	await expect(other.locator('tr[data-target="市教育局"]')).toBeVisible();

	const stored = async () => (((await dumpDatabase(page)).targets ?? []) as { id: string; name: string; ownerUnit: string; order: number }[]).find((x) => x.order === 1);

	// 主管单位 here, the name there: both are stored, and both tabs show both.
	await editTarget(page, '市教育局', { 主管单位: '市教育局办公室' });
	await expect(page.locator('tr[data-target="市教育局"]')).toContainText('市教育局办公室');
	await editTarget(other, '市教育局', { 名称: '市教育局（本级）' });
	const renamed = other.locator('tr[data-target="市教育局（本级）"]');
	await expect(renamed).toContainText('市教育局办公室');
	expect(await stored()).toMatchObject({ name: '市教育局（本级）', ownerUnit: '市教育局办公室' });
	await expect(page.locator('tr[data-target="市教育局（本级）"]')).toContainText('市教育局办公室');

	// The name in both: the second tab shows both versions and keeps the one chosen.
	await editTarget(page, '市教育局（本级）', { 名称: '市教育局机关' });
	await expect(page.locator('tr[data-target="市教育局机关"]')).toBeVisible();
	await editTarget(other, '市教育局（本级）', { 名称: '教育局本级' });
	const ask = other.getByTestId('record-conflict');
	await expect(ask).toContainText('评估对象：市教育局机关');
	await expect(ask.locator('tr[data-field="name"] th')).toHaveText('名称');
	await expect(ask.locator('tr[data-field="name"] [data-side="mine"]')).toHaveText('教育局本级');
	await expect(ask.locator('tr[data-field="name"] [data-side="theirs"]')).toHaveText('市教育局机关');
	expect((await stored())?.name).toBe('市教育局机关');
	await ask.getByRole('button', { name: '保留本窗口的修改' }).click();
	await expect(ask).toHaveCount(0);
	await expect(other.locator('tr[data-target="教育局本级"]')).toContainText('市教育局办公室');
	expect(await stored()).toMatchObject({ name: '教育局本级', ownerUnit: '市教育局办公室' });
	await expect(page.locator('tr[data-target="教育局本级"]')).toBeVisible();
	await expect(other.getByRole('alert')).toHaveCount(0);
});

test('a screenshot caption changed in two tabs is asked above the open viewer, and the kept one is saved', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByTestId('image-file').setInputFiles({ name: '首页.png', mimeType: 'image/png', buffer: PNG_1X1 });
	await expectSaved(page);
	const other = await deafTab(page);
	await expect(card(other, 'publish-overview').getByTestId('thumb')).toHaveCount(1);

	await card(page, 'publish-overview').getByTestId('thumb').getByRole('button').click();
	await page.getByRole('dialog').getByLabel('说明').fill('首页概况为空');
	await expectSaved(page);
	await card(other, 'publish-overview').getByTestId('thumb').getByRole('button').click();
	const caption = other.getByRole('dialog', { name: '截图佐证' }).getByLabel('说明');
	await caption.fill('概况信息栏目为空');
	const ask = other.getByTestId('record-conflict');
	await expect(ask.locator('tr[data-field="text"] [data-side="mine"]')).toHaveText('概况信息栏目为空');
	await expect(ask.locator('tr[data-field="text"] [data-side="theirs"]')).toHaveText('首页概况为空');
	await ask.getByRole('button', { name: '保留本窗口的修改' }).click();
	await expect(ask).toHaveCount(0);
	await expectSaved(other);
	const stored = async () => (((await dumpDatabase(page)).evidence ?? []) as { text: string }[]).map((e) => e.text);
	expect(await stored()).toEqual(['概况信息栏目为空']);
	// Its next change is based on what it stored.
	await caption.fill('概况信息栏目为空（2026）');
	await expectSaved(other);
	expect(await stored()).toEqual(['概况信息栏目为空（2026）']);
});
