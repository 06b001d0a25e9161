import { expect, test, type Page } from '@playwright/test';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';
import { dumpDatabase, holdStore } from './idb';

/*
 * Two tabs on one 整改清单 (issue 14, point 2): two pages of one browser context share IndexedDB and BroadcastChannel,
 * as two tabs do. No change is lost: the page follows the other tab, a write based on a copy the other tab replaced
 * is refused by storage and re-applied field by field, and where both changed the same field the user chooses.
 */

type StoredItem = { seq: number; status: string; deadline?: string; history: { from: string; to: string; comment: string }[] };

async function storedItem(page: Page, seq: number): Promise<StoredItem> {
	const items = (await dumpDatabase(page)).rectifications as unknown as StoredItem[];
	return items.find((r) => r.seq === seq)!;
}

/** A campaign with two problems (市人民政府), its 整改清单 open and not generated yet. */
async function twoProblems(page: Page) {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await card(page, 'publish-overview').locator('textarea').fill('概况信息栏目为空');
	await card(page, 'publish-policy').getByRole('button', { name: '增加一处' }).first().click();
	await expectSaved(page);
	await page.getByRole('link', { name: '整改', exact: true }).click();
	await page.getByLabel('通知日期').fill('2026-09-30');
}

/** A campaign with two 整改 items (市人民政府: 2 problems), its 整改清单 open in tab A first, then in tab B. */
async function twoTabs(page: Page) {
	await twoProblems(page);
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await expect(page.getByRole('status').filter({ hasText: '新增 2 项' })).toBeVisible();
	const b = await page.context().newPage();
	await b.goto(page.url());
	await expect(b.getByTestId('rect-table').locator('tr[data-rect]')).toHaveCount(2);
	return b;
}

const row = (page: Page, seq: number) => page.getByTestId('rect-table').locator(`tr[data-rect="${seq}"]`);

async function moveToInProgress(page: Page, seq: number, comment: string) {
	await row(page, seq).locator('button.linkish').click();
	const detail = page.locator(`[data-rect-detail="${seq}"]`);
	await detail.getByLabel('说明').fill(comment);
	await detail.getByRole('button', { name: '→ 整改中' }).click();
}

async function bulkDeadline(page: Page, seq: number, date: string) {
	await row(page, seq).getByRole('checkbox').check();
	const bulk = page.getByTestId('bulk');
	await bulk.getByLabel('整改时限').fill(date);
	await bulk.getByRole('button', { name: '应用' }).click();
}

test('a status change with its comment in tab B and a bulk deadline in tab A, opened earlier, both survive', async ({ page: a }) => {
	const b = await twoTabs(a);

	// Tab A follows tab B: item 1 moves to 整改中 there and here, without a reload.
	await moveToInProgress(b, 1, '已安排专人整改');
	await expect(row(a, 1).locator('[data-status]')).toHaveAttribute('data-status', 'inProgress');
	await bulkDeadline(a, 1, '2026-10-22');
	await expect(row(a, 1)).toContainText('2026-10-22');
	await expect(row(b, 1)).toContainText('2026-10-22');
	await expect.poll(() => storedItem(a, 1)).toMatchObject({ status: 'inProgress', deadline: '2026-10-22', history: [{ from: 'open', to: 'inProgress', comment: '已安排专人整改' }] });

	// Both writes in flight at once on item 2: tab A's write is based on the copy tab B replaced. Storage refuses it,
	// tab A reads the item again and re-applies its deadline on top of the status change.
	const release = await holdStore(b, 'rectifications');
	await moveToInProgress(b, 2, '政策文件栏目由办公室补充');
	await bulkDeadline(a, 2, '2026-10-21');
	await release();
	await expect(row(a, 2).locator('[data-status]')).toHaveAttribute('data-status', 'inProgress');
	await expect(row(a, 2)).toContainText('2026-10-21');
	await expect.poll(() => storedItem(a, 2)).toMatchObject({ status: 'inProgress', deadline: '2026-10-21', history: [{ from: 'open', to: 'inProgress', comment: '政策文件栏目由办公室补充' }] });
	await expect(a.getByTestId('rect-conflict')).toHaveCount(0);
	await expect(a.getByRole('alert')).toHaveCount(0);
});

test('different deadlines set in both tabs at once: tab A shows both versions and keeps the one chosen', async ({ page: a }) => {
	const b = await twoTabs(a);
	const release = await holdStore(b, 'rectifications');
	await bulkDeadline(b, 1, '2026-10-25');
	await bulkDeadline(a, 1, '2026-10-22');
	await release();

	const dialog = a.getByRole('dialog', { name: '另一个窗口也修改了这些整改事项' });
	await expect(dialog).toBeVisible();
	const field = dialog.locator('tr[data-field="deadline"]');
	await expect(field.locator('[data-side="mine"]')).toHaveText('2026-10-22');
	await expect(field.locator('[data-side="theirs"]')).toHaveText('2026-10-25');
	// Until the user chooses, the other tab's version stands.
	expect((await storedItem(a, 1)).deadline).toBe('2026-10-25');

	await dialog.getByRole('button', { name: '保留本窗口的修改' }).click();
	await expect(dialog).toBeHidden();
	await expect.poll(async () => (await storedItem(a, 1)).deadline).toBe('2026-10-22');
	await expect(row(b, 1)).toContainText('2026-10-22');
});

test('the list generated in both tabs at once, writes in flight: one item per problem, each 序号 once', async ({ page: a }) => {
	await twoProblems(a);
	const b = await a.context().newPage();
	await b.goto(a.url());
	await expect(b.getByRole('button', { name: '生成 / 更新整改清单' })).toBeEnabled();
	// Both tabs generate from the same empty list; the second write waits for the first and is refused by storage.
	const release = await holdStore(b, 'rectifications');
	await a.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await b.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await release();
	for (const page of [a, b]) await expect(page.getByTestId('rect-table').locator('tr[data-rect]')).toHaveCount(2);
	await expect.poll(async () => ((await dumpDatabase(a)).rectifications as unknown as StoredItem[]).map((r) => r.seq).sort()).toEqual([1, 2]);
	for (const page of [a, b]) {
		await expect(page.getByRole('status').filter({ hasText: /新增 [02] 项/ })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
	}
});
