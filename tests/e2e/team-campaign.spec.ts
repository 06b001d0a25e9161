import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Browser, type Download, type Page } from '@playwright/test';
import type { Evidence } from '../../src/lib/domain/evidence';
import type { Finding } from '../../src/lib/domain/finding';
import type { FindingChange } from '../../src/lib/domain/finding-history';
import type { IssuedPackage } from '../../src/lib/domain/team';
import { downloadBackup, restoreInFreshBrowser, withoutSavePicker } from './backup-helpers';
import { card, createCampaign, expectSaved, openAssess, openTargets, pasteTargets } from './helpers';
import { dumpDatabase } from './idb';

/*
 * Issue 16 "Done when", one story on four machines (four browser contexts, four IndexedDBs): the lead assigns and
 * writes packages; two assessors grade offline with the normal screens and hand back; the lead has changed one of
 * assessor A's findings meanwhile, so the one merge of both returns shows it as a conflict, which the lead resolves;
 * a reviewer re-grades a 20% sample blind; the lead sees the agreement and rules on the disagreement; after a reload
 * every value and every history entry is where it should be, and importing the files again changes nothing.
 */

const TARGETS = [
	'市人民政府\t政府门户网站\twww.example.gov.cn\t市政府办公室',
	'市教育局\t部门网站\thttps://jyj.example.gov.cn\t市教育局',
	'国家统计局\t无对外服务职能\thttps://tjj.example.gov.cn\t国家统计局',
	'市财政局\t部门网站\thttps://czj.example.gov.cn\t市财政局'
].join('\n');
const LEAD = '赵六';
const A = '张三';
const B = '李四';
const REVIEWER = '王五';
const SEED = '20261205';
const GRADED = ['publish-overview', 'publish-functions', 'publish-policy'];
const A_URL = 'https://www.example.gov.cn/zn/';

type Upload = { name: string; mimeType: string; buffer: Buffer };

/** A download's bytes, read while its browser context is still open (its downloads go with it). */
const upload = async (d: Download): Promise<Upload> => ({ name: d.suggestedFilename(), mimeType: 'application/zip', buffer: readFileSync((await d.path())!) });

/** Another machine: a browser context of its own, with the package opened from the home page. */
async function openPackage(browser: Browser, file: Upload, banner: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await withoutSavePicker(page);
	await page.goto('/');
	await page.getByTestId('open-package-file').setInputFiles(file);
	await expect(page.getByTestId('package-banner')).toContainText(banner);
	return page;
}

/** 交回工作包: the return file, and that machine is done. */
async function handBack(page: Page): Promise<Upload> {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '交回工作包' }).click()]);
	await expect(page.getByTestId('package-returned')).toContainText(d.suggestedFilename());
	const file = await upload(d);
	await page.context().close();
	return file;
}

async function assign(page: Page, names: string[], assessor: string) {
	for (const name of names) await page.getByLabel(`勾选 ${name}`).check();
	await page.locator('input[name="assignAssessor"]').fill(assessor);
	await page.getByRole('button', { name: `分配 ${names.length}`, exact: true }).click();
	await expect(page.getByTestId('assign-done')).toHaveText(`已将 ${names.length} 个对象分配给 ${assessor}。`);
	for (const name of names) await page.getByLabel(`勾选 ${name}`).uncheck();
}

/** An assessor grades the three indicators 符合 with the mouse, a note on the first. */
async function gradeOffline(page: Page, target: string, note: string) {
	await openAssess(page, target);
	for (const id of GRADED) await card(page, id).getByRole('button', { name: /^1 符合/ }).click();
	await card(page, GRADED[0]!).getByLabel('问题说明').fill(note);
	await expectSaved(page);
}

/** Each target's score as the lead's target list shows it. */
async function scores(page: Page): Promise<Record<string, string>> {
	const rows = page.locator('tr[data-target]');
	await expect(rows).toHaveCount(4);
	return Object.fromEntries(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-target')!, tr.querySelector('[data-status]')!.textContent!.trim()])));
}

/** Opens the 历史 panel of an indicator on the assess screen (its card made current first); its entries. */
async function history(page: Page, indicatorId: string) {
	const c = card(page, indicatorId);
	await c.click({ position: { x: 8, y: 8 } });
	await c.getByRole('button', { name: '历史' }).click();
	return c.getByTestId('finding-history').getByRole('listitem');
}

test.beforeEach(async ({ page }) => {
	await withoutSavePicker(page);
});

test('a team campaign on four machines: packages out, both returns merged with one conflict, a blind 20% review, agreement and a ruling, all kept after a reload', async ({ page, browser }) => {
	// The lead's machine: their name, four targets, two assessors.
	await page.goto('/settings');
	await page.getByLabel('评估人姓名').fill(LEAD);
	await page.getByLabel('评估人姓名').blur();
	await expect(page.getByText('已保存。')).toBeVisible();
	await createCampaign(page);
	await pasteTargets(page, TARGETS);
	await page.getByRole('button', { name: '导入 4 个对象' }).click();
	await expect(page.getByRole('heading', { name: /评估对象（4）/ })).toBeVisible();
	await assign(page, ['市人民政府', '国家统计局'], A);
	await assign(page, ['市教育局', '市财政局'], B);

	// 分发工作包: one file each.
	const written: Download[] = [];
	page.on('download', (d) => written.push(d));
	await page.getByRole('button', { name: '分发工作包' }).click();
	const distribute = page.getByRole('dialog', { name: '分发工作包' });
	await expect(distribute.getByLabel(`${A}（2 个对象）`)).toBeChecked();
	await expect(distribute.getByLabel(`${B}（2 个对象）`)).toBeChecked();
	await distribute.getByRole('button', { name: '写出 2 个工作包' }).click();
	await expect(distribute.getByText('已写出 2 个工作包，0 个失败。')).toBeVisible();
	await expect.poll(() => written.length).toBe(2);
	const packageOf = async (who: string) => upload(written.find((d) => d.suggestedFilename().includes(`-${who}-工作包-`))!);
	const [packageA, packageB] = await Promise.all([packageOf(A), packageOf(B)]);
	await distribute.getByRole('button', { name: '关闭' }).click();
	page.removeAllListeners('download');

	// After issuing, the lead marks A's 概况信息 不符合 on their own machine.
	await openAssess(page, '市人民政府');
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	await openTargets(page);

	// A, offline: 符合 everywhere, a note, and a URL as evidence.
	const a = await openPackage(browser, packageA, `工作包 · 评估人 ${A} · 2 个评估对象`);
	await gradeOffline(a, '市人民政府', '概况信息齐全');
	const functions = card(a, 'publish-functions');
	await functions.getByLabel('添加佐证网址').fill(A_URL);
	await functions.getByRole('button', { name: '添加', exact: true }).click();
	await expect(functions.getByRole('link', { name: A_URL })).toBeVisible();
	await expectSaved(a);
	const returnA = await handBack(a);

	// B, offline, on another machine.
	const b = await openPackage(browser, packageB, `工作包 · 评估人 ${B} · 2 个评估对象`);
	await gradeOffline(b, '市教育局', '栏目更新及时');
	const returnB = await handBack(b);

	// One merge of both returns: the preview lists what applies and the one conflict, side by side.
	await page.getByTestId('team-merge-file').setInputFiles([returnA, returnB]);
	const preview = page.getByTestId('team-merge-preview');
	const fileA = preview.getByTestId('team-merge-file-result').filter({ hasText: returnA.name });
	const fileB = preview.getByTestId('team-merge-file-result').filter({ hasText: returnB.name });
	// One row per target, its few changes listed in it.
	await expect(fileA.getByTestId('team-merge-applied').locator('caption')).toHaveText('将应用的修改（2）');
	await expect(fileA.getByTestId('team-merge-applied').locator('tbody tr')).toHaveCount(1);
	await expect(fileA).toContainText('佐证：新增 1 条，删除 0 条');
	const rowB = fileB.getByTestId('team-merge-applied').locator('tbody tr');
	await expect(fileB.getByTestId('team-merge-applied').locator('caption')).toHaveText('将应用的修改（3）');
	await expect(rowB).toHaveCount(1);
	await expect(rowB.locator('.item')).toHaveCount(3);
	await expect(rowB.locator('.item').first()).toContainText('结果：未评 → 符合');
	await expect(rowB).toContainText(B);
	await expect(fileB.getByTestId('team-merge-conflict')).toHaveCount(0);
	const conflict = fileA.getByTestId('team-merge-conflict');
	await expect(conflict).toHaveCount(1);
	await expect(conflict.locator('caption')).toContainText('市人民政府');
	await expect(conflict.locator('tr[data-field="outcome"] td[data-side="local"]')).toHaveText('不符合');
	await expect(conflict.locator('tr[data-field="outcome"] td[data-side="returned"]')).toHaveText('符合');
	await expect(conflict.locator('tr[data-field="note"] td').nth(1)).toHaveText('概况信息齐全');
	const confirm = preview.getByRole('button', { name: '确认合并' });
	await expect(confirm).toBeDisabled();
	await conflict.getByLabel('用交回').check();
	await confirm.click();
	await expect(page.getByTestId('team-merge-report')).toContainText(/^已合并：应用 5 项修改，解决 1 个冲突，新增佐证 1 条，删除佐证 0 条/);
	const dashboard = page.getByTestId('team-dashboard-summary');
	await expect(dashboard).toHaveText('已发出 2 个工作包，0 个尚未交回；待裁定的复核分歧 0 项。');
	for (const who of [A, B]) {
		const member = page.locator(`[data-testid="team-dashboard"] tr[data-member="${who}"]`);
		await expect(member.getByTestId('team-packages')).toHaveText('1 / 1');
		await expect(member.locator('time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
	}

	// 复核抽样: 20% of the six graded findings with a fixed seed, for a third person.
	await page.getByRole('button', { name: '复核抽样' }).click();
	const sampleDialog = page.getByRole('dialog', { name: '复核抽样' });
	await expect(sampleDialog.locator('input[name="reviewPercent"]')).toHaveValue('20');
	await sampleDialog.locator('input[name="reviewSeed"]').fill(SEED);
	await expect(sampleDialog.getByTestId('review-sample-count')).toHaveText('将复核 2 项（从已评的 6 项中随机抽取 2 项）');
	await sampleDialog.locator('input[name="reviewer"]').fill(REVIEWER);
	const [reviewDownload] = await Promise.all([page.waitForEvent('download'), sampleDialog.getByRole('button', { name: '抽样并生成复核工作包' }).click()]);
	expect(reviewDownload.suggestedFilename()).toMatch(new RegExp(`^2026年第四季度政府网站检查-复核-${REVIEWER}-\\d{4}-\\d{2}-\\d{2}\\.kaiming$`));
	await expect(sampleDialog.getByTestId('review-sample-written')).toHaveText(`已生成复核工作包 ${reviewDownload.suggestedFilename()}，共 2 项。`);
	const reviewPackage = await upload(reviewDownload);
	const manifest = JSON.parse(strFromU8(unzipSync(reviewPackage.buffer)['manifest.json']!)) as { scope: { package: { role: string; blind: boolean; items: unknown[] } } };
	expect(manifest.scope.package).toMatchObject({ role: 'reviewer', blind: true, assessor: REVIEWER });
	expect(manifest.scope.package.items).toHaveLength(2);
	await sampleDialog.getByRole('button', { name: '关闭' }).click();

	// The reviewer, blind: only the sampled items, no first grade, note or evidence; the first agrees, the second not.
	const r = await openPackage(browser, reviewPackage, REVIEWER);
	const heading = r.getByRole('heading', { name: /^评估对象（\d+）/ });
	const count = Number(/（(\d+)）/.exec((await heading.textContent())!)![1]);
	await expect(r.locator('tr[data-target]')).toHaveCount(count);
	const sampledTargets = await r.locator('tr[data-target]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-target')!));
	const sampled: { target: string; indicator: string; second: 'pass' | 'fail' }[] = [];
	for (const [i, target] of sampledTargets.entries()) {
		if (i > 0) await openTargets(r);
		await openAssess(r, target);
		const cards = r.locator('[data-indicator]');
		await expect(cards.first()).toBeVisible();
		await expect(r.locator('[data-indicator] [aria-pressed="true"]')).toHaveCount(0);
		expect(await r.locator('textarea[data-role="note"]').evaluateAll((ts) => ts.map((t) => (t as HTMLTextAreaElement).value).join(''))).toBe('');
		await expect(r.getByRole('link', { name: A_URL })).toHaveCount(0);
		const items = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator')!));
		// The progress line counts this target's sampled items only.
		await expect(r.getByTestId('indicator-progress')).toHaveText(`已复核 0 / ${items.length} 项`);
		for (const indicator of items) {
			const second = sampled.length === 0 ? 'pass' : 'fail';
			await card(r, indicator).getByRole('button', { name: second === 'pass' ? /^1 符合/ : /^2 不符合/ }).click();
			sampled.push({ target, indicator, second });
		}
		await expectSaved(r);
		await expect(r.getByTestId('indicator-progress')).toHaveText(`已复核 ${items.length} / ${items.length} 项`);
	}
	expect(sampled).toHaveLength(2);
	const returnR = await handBack(r);
	const ruled = sampled[1]!;
	const ruledAssessor = ['市人民政府', '国家统计局'].includes(ruled.target) ? A : B;

	// The lead imports the second grades: findings untouched, one disagreement open.
	const before = await scores(page);
	await page.getByTestId('team-merge-file').setInputFiles(returnR);
	await expect(preview.getByTestId('team-review-return')).toHaveText('已收到 2 项复核结论（0 项未评），未改动任何评估结论。');
	await confirm.click();
	await expect(page.getByTestId('team-merge-report')).toContainText('已收到 2 项复核结论（0 项未评）');
	await expect(dashboard).toHaveText('已发出 3 个工作包，0 个尚未交回；待裁定的复核分歧 1 项。');

	// Agreement on the results page (n, 一致率, κ: all first grades 符合, so p_e = 0.5 and κ = 0), and the ruling.
	await page.getByRole('link', { name: '结果', exact: true }).click();
	const summary = page.getByTestId('review-summary');
	await expect(summary).toHaveText(/^复核 2 项，一致率 50\.0%，κ = 0\.00/);
	const row = page.getByTestId('review-disagreement');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText(ruled.target);
	await expect(row).toContainText(`符合（${ruledAssessor}）`);
	await expect(row).toContainText(`不符合（${REVIEWER}）`);
	await row.getByRole('button', { name: '采用复核' }).click();
	await row.locator('input[name="rulingReason"]').fill('栏目确已停更');
	await row.getByRole('button', { name: '确定' }).click();
	await expect(page.getByTestId('review-disagreements')).toContainText('没有待裁定的分歧。');

	// After a reload: the agreement (table, chart, CSV with the screen's text), no open disagreement, the scores (only the ruled target's lower).
	await page.reload();
	await expect(summary).toHaveText(/^复核 2 项，一致率 50\.0%，κ = 0\.00/);
	await expect(page.locator('[data-chart="review-kappa"] canvas')).toBeVisible();
	await expect(page.getByTestId('review-disagreements')).toContainText('没有待裁定的分歧。');
	const shown = page.getByTestId('review-agreement').locator('tbody tr');
	const rows = await shown.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '').join(',')));
	expect(rows[0]).toMatch(/^总体,2,50\.0,/);
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
	expect(csv.suggestedFilename()).toBe('2026年第四季度政府网站检查-复核一致性.csv');
	const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
	expect(lines.slice(1, rows.length + 1)).toEqual(rows);
	await openTargets(page);
	for (const [name, score] of Object.entries(before)) {
		const shownScore = page.locator(`tr[data-target="${name}"] [data-status]`);
		if (name === ruled.target) await expect.poll(async () => Number(await shownScore.textContent())).toBeLessThan(Number(score));
		else await expect(shownScore).toHaveText(score);
	}

	// Every stored value and history entry.
	const db = await dumpDatabase(page);
	const targetId = Object.fromEntries((db.targets as { id: string; name: string }[]).map((t) => [t.name, t.id]));
	const findings = db.findings as unknown as Finding[];
	const stored = (target: string, indicator: string) => findings.find((f) => f.targetId === targetId[target] && f.indicatorId === indicator)!;
	const expected = (target: string, indicator: string) => (target === ruled.target && indicator === ruled.indicator ? 'fail' : 'pass');
	for (const [target, note] of [['市人民政府', '概况信息齐全'], ['市教育局', '栏目更新及时']] as const) {
		for (const indicator of GRADED) expect(stored(target, indicator), `${target} ${indicator}`).toMatchObject({ outcome: expected(target, indicator) });
		expect(stored(target, 'publish-overview').note).toBe(note);
	}
	expect(findings.filter((f) => f.outcome !== null)).toHaveLength(6);
	expect((db.evidence as unknown as Evidence[]).map((e) => [e.url, e.findingId])).toEqual([[A_URL, stored('市人民政府', 'publish-functions').id]]);
	const changes = db.findingChanges as unknown as FindingChange[];
	const overview = changes.filter((c) => c.findingId === stored('市人民政府', 'publish-overview').id);
	// The lead's 不符合 (not chosen) stays, beside A's 符合 and the merge that chose it.
	expect(overview.some((c) => c.kind === 'edit' && c.by === LEAD && c.changes.some((x) => x.field === 'outcome' && x.to === 'fail'))).toBe(true);
	expect(overview.some((c) => c.kind === 'edit' && c.by === A && c.changes.some((x) => x.field === 'outcome' && x.to === 'pass'))).toBe(true);
	expect(changes.filter((c) => c.kind === 'merge')).toHaveLength(5 + 1);
	expect(overview.find((c) => c.kind === 'merge')).toMatchObject({ by: LEAD, changes: expect.arrayContaining([{ field: 'outcome', from: 'fail', to: 'pass' }]) });
	const issued = db.issuedPackages as unknown as IssuedPackage[];
	for (const who of [A, B]) expect(issued.find((p) => p.info.assessor === who)).toMatchObject({ mergedReturns: [expect.any(String)], lastReturnAt: expect.any(String) });
	const ruling = changes.filter((c) => c.findingId === stored(ruled.target, ruled.indicator).id && c.kind === 'adjudicate');
	expect(ruling).toHaveLength(1);
	expect(ruling[0]).toMatchObject({ by: LEAD, changes: expect.arrayContaining([{ field: 'outcome', from: 'pass', to: 'fail' }]) });

	// The 历史 panel words them: the merge, and the ruling naming both grades.
	await openAssess(page, '市人民政府');
	await expect((await history(page, 'publish-overview')).filter({ hasText: '合并' })).toHaveCount(1);
	if (ruled.target !== '市人民政府') {
		await openTargets(page);
		await openAssess(page, ruled.target);
	}
	await expect(card(page, ruled.indicator).getByRole('button', { name: /^2 不符合/ })).toHaveAttribute('aria-pressed', 'true');
	await expect((await history(page, ruled.indicator)).first()).toContainText(
		`复核裁定：首评 符合（${ruledAssessor}），复核 不符合（${REVIEWER}），采用复核；理由：栏目确已停更`
	);

	// All three files again: nothing changes.
	await openTargets(page);
	await page.getByTestId('team-merge-file').setInputFiles([returnA, returnB, returnR]);
	await expect(preview.getByTestId('team-merge-unchanged')).toHaveText([`${returnA.name}：已导入，无变化。`, `${returnB.name}：已导入，无变化。`, `${returnR.name}：已导入，无变化。`]);
	await expect(confirm).toBeDisabled();
	await preview.getByRole('button', { name: '取消' }).click();
	expect(await dumpDatabase(page)).toEqual(db);

	// Every package back and every disagreement ruled: the 通报 page no longer warns.
	await page.goto(`${page.url()}/report`);
	await expect(page.getByRole('heading', { level: 1, name: '通报', exact: true })).toBeVisible();
	await expect(page.getByTestId('team-open-warning')).toHaveCount(0);

	// A new PC for the lead: the backup restored there carries the packages issued and the 复核 items, so the returns
	// are known as merged and the agreement is there.
	const restored = await restoreInFreshBrowser(browser, await downloadBackup(page), '工作包：新增 3，覆盖 0，跳过 0');
	await expect(restored.getByTestId('restore-report')).toContainText('复核项：新增 2，覆盖 0，跳过 0');
	await restored.goto('/');
	await restored.getByRole('link', { name: '2026年第四季度政府网站检查' }).click();
	await restored.getByTestId('team-merge-file').setInputFiles([returnA, returnB, returnR]);
	await expect(restored.getByTestId('team-merge-unchanged')).toHaveCount(3);
	await restored.getByTestId('team-merge-preview').getByRole('button', { name: '取消' }).click();
	await restored.getByRole('link', { name: '结果', exact: true }).click();
	await expect(restored.getByTestId('review-summary')).toContainText(/^复核 2 项，一致率 50(\.0+)?%/);
	await expect(restored.getByTestId('review-disagreements')).toContainText('没有待裁定的分歧。');
	await restored.context().close();
});
