import { expect, test, type Page } from '@playwright/test';
import type { BackupData } from '../../src/lib/domain/backup';
import type { Campaign } from '../../src/lib/domain/campaign';
import type { Evidence } from '../../src/lib/domain/evidence';
import type { Finding } from '../../src/lib/domain/finding';
import { evidenceChange, findingChange, type FindingChange } from '../../src/lib/domain/finding-history';
import { nextRev } from '../../src/lib/domain/revision';
import { PACKAGE_BASE_PATH, packageContent, packageInfo, returnContent, type IssuedPackage } from '../../src/lib/domain/team';
import { writeBackup } from '../../src/lib/io/backup';
import { sha256Hex } from '../../src/lib/io/hash';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';
import { dumpDatabase } from './idb';

/*
 * Issue 16 point 4, the merge preview in detail. The whole story on real screens (packages written, opened, graded
 * offline and handed back) is team-campaign.spec.ts; here the assessor's return is made with the app's own package
 * and backup writers (domain/team/package.ts, io/backup.ts) from the lead's stored records, so a conflict, 另填's
 * checks and a return of many changes can be set up exactly. The lead's record of the issued package is stored as
 * 分发工作包 stores it; the import, preview, conflict, write and history are the app's.
 */

const AT = (minute: number) => `2026-03-02T08:${String(minute).padStart(2, '0')}:00.000Z`;
let n = 0;
const newId = () => crypto.randomUUID();
const revId = () => `r${++n}`;

/** The file bytes `writeBackup` streams out. */
async function writeFile(data: BackupData, scope: Parameters<typeof writeBackup>[1]['scope'], team: Record<string, unknown>): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	const writable = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) });
	await writeBackup(data, { appVersion: 'test', createdAt: AT(40), scope, team }, writable);
	return Buffer.concat(chunks);
}

/** The lead's records of the campaign, as the package writer reads them (an export of the campaign). */
async function exported(page: Page): Promise<BackupData> {
	const db = await dumpDatabase(page);
	const empty = { frameworks: [], frameworkVersions: [], rectifications: [], annualReports: [], evidenceFiles: [], settings: null };
	return { ...empty, campaigns: db.campaigns, targets: db.targets, findings: db.findings, evidence: db.evidence, findingChanges: db.findingChanges } as unknown as BackupData;
}

/** Stores the lead's record of a package written (what 分发工作包 keeps), straight into IndexedDB. */
async function storeIssued(page: Page, issued: IssuedPackage) {
	await page.evaluate(async (record) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open('kaiming');
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('issuedPackages', 'readwrite');
			tx.objectStore('issuedPackages').put(record);
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, issued);
}

/** 市人民政府 assigned to 张三 on the campaign page. */
async function assignToZhang(page: Page) {
	await page.getByLabel('勾选 市人民政府').check();
	await page.locator('input[name="assignAssessor"]').fill('张三');
	await page.getByRole('button', { name: '分配 1', exact: true }).click();
	await expect(page.getByTestId('assign-done')).toBeVisible();
}

/** 分发工作包 for 张三, from the lead's records as they are now: the package's content and base, the issued record stored. */
async function issueToZhang(page: Page) {
	const source = await exported(page);
	const campaign = source.campaigns[0] as Campaign;
	const target = source.targets.find((t) => t.name === '市人民政府')!;
	const info = packageInfo(campaign, { packageId: newId(), assessor: '张三', role: 'assessor', blind: false, targetIds: [target.id], issuedAt: AT(1), issuedBy: '组长' });
	const { data: pkg, base } = packageContent(source, info);
	const baseBytes = new TextEncoder().encode(JSON.stringify(base));
	await storeIssued(page, { id: info.packageId, campaignId: campaign.id, info, baseSha256: await sha256Hex(baseBytes), mergedReturns: [], createdAt: AT(1), updatedAt: AT(1), updatedBy: '组长' });
	return { campaign, target, info, pkg, base, baseBytes };
}

/** The assessor's offline write of a finding: the next revision and its history entry, by 张三. */
function grade(local: BackupData, before: Finding, patch: Partial<Finding>, minute: number): Finding {
	const after = { ...before, ...patch, rev: nextRev(before.rev, revId), updatedAt: AT(minute), updatedBy: '张三' } as Finding & { rev: string };
	local.findings = local.findings.map((f) => (f.id === after.id ? after : f));
	local.findingChanges.push(findingChange(before, after, newId())!);
	return after;
}

test('the lead merges a return: the preview shows the applied changes and the conflict, the choice is written with its history, and the same file again changes nothing', async ({ page }) => {
	await campaignWithTargets(page);
	await assignToZhang(page);

	// The lead grades two indicators before the package is written: they are its base.
	await openAssess(page, '市人民政府');
	for (const id of ['publish-overview', 'publish-functions']) {
		await card(page, id).getByRole('button', { name: /^1 符合/ }).click();
		await expectSaved(page);
	}

	// 分发工作包 for 张三.
	const { campaign, target, info, pkg, base, baseBytes } = await issueToZhang(page);

	// 张三 grades offline: the overview differently from the lead (below), the functions only they change, and adds a URL.
	const local: BackupData = structuredClone(pkg);
	const of = (id: string) => local.findings.find((f) => f.indicatorId === id)!;
	grade(local, of('publish-overview'), { outcome: 'partial', note: '部分栏目空白' }, 10);
	const functions = grade(local, of('publish-functions'), { outcome: 'fail', note: '职能未公开' }, 11);
	const url: Evidence = { id: newId(), campaignId: campaign.id, targetId: target.id, findingId: functions.id, kind: 'url', url: 'https://www.example.gov.cn/zn/', text: '', observedAt: AT(12), createdAt: AT(12), updatedAt: AT(12), updatedBy: '张三' };
	local.evidence.push(url);
	local.findingChanges.push(evidenceChange(functions, url, 'added', { at: AT(12), by: '张三' }, newId()));
	const ret = returnContent(local, { base, packageChangeIds: pkg.findingChanges.map((c) => c.id) }, { returnId: newId(), returnedAt: AT(20) });
	const returnFile = { name: '张三-交回.kaiming', mimeType: 'application/zip', buffer: await writeFile(ret.data, { kind: 'return', package: info, return: ret.info }, { [PACKAGE_BASE_PATH]: baseBytes }) };

	// Meanwhile the lead changes the overview too.
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);

	await page.getByRole('link', { name: '评估对象', exact: true }).click();
	await page.getByTestId('team-merge-file').setInputFiles(returnFile);
	const preview = page.getByTestId('team-merge-preview');
	await expect(preview).toBeVisible();
	const applied = preview.getByTestId('team-merge-applied').locator('tbody tr');
	await expect(applied).toHaveCount(1);
	await expect(applied.first()).toContainText('市人民政府');
	await expect(applied.first()).toContainText('结果：符合 → 不符合');
	await expect(applied.first()).toContainText('张三');
	await expect(preview).toContainText('佐证：新增 1 条，删除 0 条');
	const conflict = preview.getByTestId('team-merge-conflict');
	await expect(conflict).toHaveCount(1);
	await expect(conflict.locator('tr[data-field="outcome"] td[data-side="local"]')).toHaveText('不符合');
	await expect(conflict.locator('tr[data-field="outcome"] td[data-side="returned"]')).toHaveText('部分符合');

	// Nothing is written before 确认合并, which waits for the conflict's answer: a value of the lead's own (另填),
	// with a problem count checked as on the assess screen, and a reason.
	const confirm = preview.getByRole('button', { name: '确认合并' });
	await expect(confirm).toBeDisabled();
	await conflict.getByLabel('另填').check();
	const value = conflict.getByTestId('merge-value');
	await value.getByLabel('结果').selectOption({ label: '部分符合' });
	const count = value.getByLabel(/概况信息内容陈旧或与实际不符/);
	await count.fill('x');
	await expect(value).toContainText('请输入整数（0、1、2…）。');
	await value.locator('input[name="merge-reason"]').fill('现场复查：概况陈旧');
	await expect(confirm).toBeDisabled();
	await count.fill('1');
	await confirm.click();
	await expect(page.getByTestId('team-merge-report')).toContainText('已合并：应用 1 项修改，解决 1 个冲突，新增佐证 1 条');

	await page.reload();
	await expect(page.getByRole('heading', { name: /评估对象（3）/ })).toBeVisible();
	const db = await dumpDatabase(page);
	const findings = db.findings as unknown as Finding[];
	const stored = (id: string) => findings.find((f) => f.targetId === target.id && f.indicatorId === id)!;
	expect(stored('publish-overview')).toMatchObject({ outcome: 'partial', deductionCounts: { 'overview-outdated': 1 }, note: '部分栏目空白' });
	expect(stored('publish-functions')).toMatchObject({ outcome: 'fail', note: '职能未公开' });
	expect((db.evidence as unknown as Evidence[]).map((e) => [e.url, e.findingId])).toEqual([[url.url, stored('publish-functions').id]]);
	const history = db.findingChanges as unknown as FindingChange[];
	const overview = history.filter((c) => c.findingId === stored('publish-overview').id);
	// The lead's 不符合 and 张三's 部分符合 (both versions not chosen), and a merge entry from each to the value entered.
	expect(overview.some((c) => c.kind === 'edit' && c.changes.some((x) => x.field === 'outcome' && x.to === 'fail'))).toBe(true);
	expect(overview.some((c) => c.kind === 'edit' && c.by === '张三' && c.changes.some((x) => x.field === 'outcome' && x.to === 'partial'))).toBe(true);
	const merges = overview.filter((c) => c.kind === 'merge');
	expect(merges.map((c) => c.reason)).toEqual(['现场复查：概况陈旧', '现场复查：概况陈旧']);
	const outdated = { field: 'deductionCounts', deductionId: 'overview-outdated', from: 0, to: 1 };
	expect(merges.map((c) => c.changes).sort((a, b) => a.length - b.length)).toEqual([
		[outdated],
		[{ field: 'outcome', from: 'fail', to: 'partial' }, outdated, { field: 'note', from: '', to: '部分栏目空白' }]
	]);
	expect(history.filter((c) => c.kind === 'merge')).toHaveLength(3);
	expect((db.issuedPackages as unknown as IssuedPackage[])[0]!.lastReturnAt).toBe(AT(20));

	// The 历史 panel shows the merge.
	await openAssess(page, '市人民政府');
	const c = card(page, 'publish-overview');
	await c.click({ position: { x: 8, y: 8 } });
	await c.getByRole('button', { name: '历史' }).click();
	await expect(c.getByTestId('finding-history').getByRole('listitem').first()).toContainText('合并');

	// The same file again changes nothing.
	await page.getByRole('link', { name: '评估对象', exact: true }).click();
	await page.getByTestId('team-merge-file').setInputFiles(returnFile);
	await expect(page.getByTestId('team-merge-unchanged')).toHaveText('张三-交回.kaiming：已导入，无变化。');
	await expect(preview.getByRole('button', { name: '确认合并' })).toBeDisabled();
	await preview.getByRole('button', { name: '取消' }).click();
	expect(await dumpDatabase(page)).toEqual(db);
});

test('a return of many changes is previewed one row per target, its changes listed when opened', async ({ page }) => {
	await campaignWithTargets(page);
	await assignToZhang(page);

	const { campaign, target, info, pkg, base, baseBytes } = await issueToZhang(page);

	// 张三 grades eight indicators the lead had not graded: eight changes of one target.
	const local: BackupData = structuredClone(pkg);
	const indicators = campaign.framework.sections.flatMap((s) => s.indicators).slice(0, 8);
	for (const [i, ind] of indicators.entries()) {
		const finding = { id: newId(), campaignId: campaign.id, targetId: target.id, indicatorId: ind.id, outcome: 'pass', deductionCounts: {}, note: '', reviewState: 'draft', rev: nextRev(undefined, revId), createdAt: AT(10 + i), updatedAt: AT(10 + i), updatedBy: '张三' } as Finding & { rev: string };
		local.findings.push(finding);
		local.findingChanges.push(findingChange(undefined, finding, newId())!);
	}
	const ret = returnContent(local, { base, packageChangeIds: pkg.findingChanges.map((c) => c.id) }, { returnId: newId(), returnedAt: AT(20) });
	const returnFile = { name: '张三-交回.kaiming', mimeType: 'application/zip', buffer: await writeFile(ret.data, { kind: 'return', package: info, return: ret.info }, { [PACKAGE_BASE_PATH]: baseBytes }) };

	await page.getByTestId('team-merge-file').setInputFiles(returnFile);
	const applied = page.getByTestId('team-merge-preview').getByTestId('team-merge-applied');
	await expect(applied.locator('caption')).toHaveText('将应用的修改（8）');
	const rows = applied.locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('市人民政府');
	await expect(rows.first()).toContainText('张三');
	await expect(rows.first().locator('.item')).toHaveCount(0);
	await rows.first().getByRole('button', { name: '8 项修改，展开' }).click();
	await expect(rows.first().locator('.item')).toHaveCount(8);
	await expect(rows.first().locator('.item').first()).toContainText(indicators[0]!.code);
	await expect(rows.first().getByRole('button', { name: '8 项修改，收起' })).toHaveAttribute('aria-expanded', 'true');
});
