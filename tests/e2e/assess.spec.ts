import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import config from '../../playwright.config';
import { campaignWithTargets, card, expectSaved, gradeRest, openAssess, openTargets } from './helpers';

const VETO_IDS = ['veto-security', 'veto-unreachable', 'veto-homepage-stale', 'veto-columns-stale', 'veto-interaction-poor', 'veto-service-unusable'];

test('grade by keyboard and mouse; closing and reopening the browser keeps every finding and the score', async () => {
	const profile = mkdtempSync(join(tmpdir(), 'kaiming-e2e-'));
	const launch = () =>
		chromium.launchPersistentContext(profile, {
			...config.use?.launchOptions,
			baseURL: config.use?.baseURL,
			locale: 'zh-CN'
		});
	try {
		let context = await launch();
		let page = context.pages()[0] ?? (await context.newPage());
		await campaignWithTargets(page);
		await openAssess(page, '市人民政府');

		// Keyboard: six veto items pass (1 moves on by itself), then 2.1.1 概况信息 fails (2, which stays for counts) → −2.
		for (let i = 0; i < VETO_IDS.length; i++) await page.keyboard.press('1');
		await page.keyboard.press('2');
		await expect(card(page, 'publish-overview').getByRole('button', { name: /不符合/ })).toHaveAttribute('aria-pressed', 'true');
		// n focuses the note, typing does not trigger shortcuts, Esc leaves the field.
		await page.keyboard.press('n');
		await page.keyboard.type('概况信息栏目为空 123');
		await page.keyboard.press('Escape');
		await page.keyboard.press('k');
		await expect(card(page, 'veto-service-unusable')).toBeFocused();

		// Mouse: 政策文件 column stale (−5, verified rule) and an evidence URL.
		const policy = card(page, 'publish-policy');
		await policy.getByRole('button', { name: '增加一处' }).first().click();
		await expect(policy.getByRole('button', { name: /部分符合/ })).toHaveAttribute('aria-pressed', 'true');
		await policy.getByLabel('添加佐证网址').fill('https://www.example.gov.cn/zcwj/');
		await policy.getByRole('button', { name: '添加', exact: true }).click();
		await expect(policy.getByRole('link', { name: 'https://www.example.gov.cn/zcwj/' })).toBeVisible();

		// A bad count shows its reason and changes nothing.
		const counter = policy.getByRole('textbox').nth(1);
		await counter.fill('-1');
		await expect(policy).toContainText('数量不能小于 0。');
		await counter.fill('1.5');
		await expect(policy).toContainText('请输入整数');
		await counter.fill('0');

		await expect(page.getByTestId('score-total')).toHaveText('93.0');
		// Fix these first: the −5 policy problem before the −2 overview one.
		const impacts = page.getByTestId('impacts').getByRole('listitem');
		await expect(impacts).toHaveCount(2);
		await expect(impacts.nth(0)).toContainText(/2\.1\.5\s*政策文件\s*\+5/);
		await expect(impacts.nth(1)).toContainText(/2\.1\.1\s*概况信息\s*\+2/);
		await impacts.nth(1).click();
		await expect(card(page, 'publish-overview')).toBeFocused();
		await expectSaved(page);
		await context.close();

		context = await launch();
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await page.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
		await openAssess(page, '市人民政府');
		await expect(page.getByTestId('score-total')).toHaveText('93.0');
		await expect(page.getByTestId('indicator-progress')).toHaveText('已评 8 / 42 项');
		for (const id of VETO_IDS) await expect(card(page, id).getByRole('button', { name: /符合$/ }).first()).toHaveAttribute('aria-pressed', 'true');
		await expect(card(page, 'publish-overview').getByRole('button', { name: /不符合/ })).toHaveAttribute('aria-pressed', 'true');
		await expect(card(page, 'publish-overview').locator('textarea')).toHaveValue('概况信息栏目为空 123');
		await expect(page.getByRole('link', { name: 'https://www.example.gov.cn/zcwj/' })).toBeVisible();
		const trace = page.getByTestId('trace');
		await expect(trace).toContainText('2.1.1 概况信息：不符合，扣除全部 2 分。');
		await expect(trace).toContainText('2.1.5 政策文件：扣 5 = 5');
		await expect(trace).toContainText('发布解读：31 − 7 = 24。');
		await expect(trace).toContainText('总分 = 93 + 0 = 93。');
		await context.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});

test('a veto shows 不合格 with its reason on the assess screen and in results', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市教育局');
	await card(page, 'veto-columns-stale').getByRole('button', { name: /不符合（否决）/ }).click();
	await expect(page.getByTestId('veto-reasons')).toContainText('栏目不更新');
	// A veto found early does not finish the target: no grade until every item is judged.
	await expect(page.getByTestId('score-grade')).toContainText('评分中');
	await expect(page.getByTestId('score-total')).toHaveText('—');
	await expect(page.getByTestId('trace')).toContainText('单项否决：1.4 栏目不更新 不符合 → 不合格。');
	await expect(page.getByTestId('impacts')).toContainText('解除否决后 100.0');
	await expectSaved(page);

	await page.getByRole('link', { name: '结果' }).click();
	const row = page.locator('tr[data-target="市教育局"]');
	await expect(row).toContainText('单项否决');
	await expect(row).toContainText('栏目不更新');
	await expect(row).toContainText('评分中');
	await expect(row).not.toContainText('不合格');
	// Once every item is judged, the veto decides: 不合格.
	await openTargets(page);
	await openAssess(page, '市教育局');
	await gradeRest(page);
	await expect(page.getByTestId('score-grade')).toHaveText('不合格');
	await expectSaved(page);
	await page.getByRole('link', { name: '结果' }).click();
	await expect(row).toContainText('不合格');
	// Targets not fully graded get no grade yet, only a provisional score.
	await expect(page.locator('tr[data-target="市人民政府"]')).toContainText('评分中');
	await expect(page.locator('tr[data-target="市人民政府"]')).not.toContainText('合格');
	// Sorted by score, descending: the vetoed target ranks last.
	await expect(page.locator('tbody tr').last()).toHaveAttribute('data-target', '市教育局');
});

test('a bonus not earned is neutral 未得分, and earning it is listed as a bonus opportunity after the problems', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	const unearned = card(page, 'bonus-interp-formats').getByRole('button', { name: /^2 未得分$/ });
	await unearned.click();
	await expect(unearned).toHaveAttribute('aria-pressed', 'true');
	// Not the red of a failure (--c-fail #b42318).
	await expect(unearned).not.toHaveCSS('background-color', 'rgb(180, 35, 24)');
	await expect(card(page, 'bonus-interp-formats')).not.toHaveCSS('border-left-color', 'rgb(180, 35, 24)');
	const fixes = page.getByTestId('impact-fixes');
	const bonus = page.getByTestId('impact-bonus');
	await expect(fixes.getByRole('listitem')).toHaveCount(1);
	await expect(fixes).toContainText(/2\.1\.1\s*概况信息\s*\+2\.0/);
	await expect(bonus.getByRole('heading')).toHaveText('加分机会');
	await expect(bonus.getByRole('listitem')).toHaveCount(1);
	await expect(bonus).toContainText(/3\.1\s*解读形式多样\s*\+6\.0/);
	await expectSaved(page);
});

test('a State Council department portal without external service is scored out of 75 and rescaled ×100/75', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '国家统计局');
	await expect(page.getByText('本类别评估对象不适用此部分。')).toBeVisible();
	await expect(card(page, 'services-list')).toHaveCount(0);
	// 功能设计 可用性 fails entirely (4 of 75) → 71 × 100 / 75 = 94.7
	await card(page, 'design-availability').getByRole('button', { name: /^2 不符合/ }).click();
	await expect(page.getByTestId('score-total')).toHaveText('94.7');
	await expect(page.getByTestId('trace')).toContainText('折算：71 × 100 / 75 = 94.7。');
});

test('shortcuts help opens with ? and shortcuts do not fire while typing', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await page.keyboard.press('?');
	await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
	await page.keyboard.press('Escape');
	await card(page, 'veto-security').getByLabel('添加佐证网址').click();
	await page.keyboard.type('12');
	await expect(card(page, 'veto-security').getByRole('button', { name: /符合$/ }).first()).toHaveAttribute('aria-pressed', 'false');
	await expect(page.getByTestId('indicator-progress')).toHaveText('已评 0 / 42 项');
});

test('a failed write is shown as an error and the value stays on screen', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	await card(page, 'veto-security').getByRole('button', { name: /^1 符合/ }).click();
	await expectSaved(page);

	// The target disappears underneath this page (raw IndexedDB, so no tab is told): the next write fails for real.
	const targetId = page.url().split('/assess/')[1]!;
	await page.evaluate(
		(id) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('kaiming');
				open.onsuccess = () => {
					const tx = open.result.transaction('targets', 'readwrite');
					tx.objectStore('targets').delete(id);
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
				open.onerror = () => reject(open.error);
			}),
		targetId
	);

	const unreachable = card(page, 'veto-unreachable');
	await unreachable.getByRole('button', { name: /^1 符合/ }).click();
	await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');
	await expect(page.getByRole('alert').filter({ hasText: '项修改未能保存' })).toContainText('相关记录不存在');
	await expect(unreachable.getByRole('button', { name: /^1 符合/ })).toHaveAttribute('aria-pressed', 'true');
	await expect(unreachable).toContainText('未保存');
});

test('a count typed above what a count-once problem allows shows the stored count, not the typed one', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const count = card(page, 'publish-overview').getByRole('textbox', { name: /未发布概况信息/ });
	await count.fill('1');
	await expectSaved(page);
	await count.fill('3');
	await expect(count).toHaveValue('1');
	await expectSaved(page);
	await page.reload();
	await expect(card(page, 'publish-overview').getByRole('textbox', { name: /未发布概况信息/ })).toHaveValue('1');
});

test('stepping a problem count down to 0 by keyboard keeps the focus on the − button', async ({ page }) => {
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const overview = card(page, 'publish-overview');
	await overview.getByRole('button', { name: '增加一处' }).first().click();
	const minus = overview.getByRole('button', { name: '减少一处' }).first();
	await minus.focus();
	await page.keyboard.press('Enter');
	await expect(overview.getByRole('textbox', { name: /未发布概况信息/ })).toHaveValue('0');
	await expect(minus).toBeFocused();
	await expect(minus).toHaveAttribute('aria-disabled', 'true');
	await expectSaved(page);
});

test('findings damaged outside the app are named after the campaign opens, on its pages and at home', async ({ page }) => {
	await campaignWithTargets(page);
	const campaignUrl = page.url();
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	await expect(page.getByTestId('damaged-findings')).toHaveCount(0);

	// Another program (or a failing disk) changes the stored record: an outcome no version of the app writes.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('kaiming');
				open.onsuccess = () => {
					const tx = open.result.transaction('targetFindings', 'readwrite');
					const store = tx.objectStore('targetFindings');
					const all = store.getAll();
					all.onsuccess = () => {
						const sheet = all.result[0] as { findings: { outcome: string }[] };
						sheet.findings[0]!.outcome = 'maybe';
						store.put(sheet);
					};
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
				open.onerror = () => reject(open.error);
			})
	);

	await page.goto(campaignUrl);
	const banner = page.getByTestId('damaged-findings');
	await expect(banner).toContainText('未通过校验');
	await expect(banner).toContainText('市人民政府');
	await expect(banner).not.toContainText('市教育局');
	await expect(page.getByRole('heading', { name: /评估对象（3）/ })).toBeVisible();
	await page.getByRole('link', { name: '结果' }).click();
	await expect(page.getByTestId('damaged-findings')).toContainText('市人民政府');

	await page.goto('/');
	await expect(page.getByTestId('damaged-findings')).toContainText('2026年第四季度政府网站检查');
});
