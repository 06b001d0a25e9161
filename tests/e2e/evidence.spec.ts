import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { campaignWithTargets, card, expectSaved, openAssess } from './helpers';
import { dumpDatabase } from './idb';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real PNG drawn by the browser: stripes, or noise, which PNG cannot compress (a large file). */
async function makePng(page: Page, width: number, height: number, noise = false): Promise<Buffer> {
	const base64 = await page.evaluate(
		async ([w, h, n]) => {
			const canvas = new OffscreenCanvas(w!, h!);
			const ctx = canvas.getContext('2d')!;
			for (let x = 0; x < w!; x += 20) {
				ctx.fillStyle = x % 40 === 0 ? '#1f5fa8' : '#f2c94c';
				ctx.fillRect(x, 0, 20, h!);
			}
			if (n) {
				const pixels = ctx.getImageData(0, 0, w!, h!);
				crypto.getRandomValues(pixels.data.subarray(0, Math.min(pixels.data.length, 65536)));
				for (let i = 65536; i < pixels.data.length; i += 65536) crypto.getRandomValues(pixels.data.subarray(i, Math.min(pixels.data.length, i + 65536)));
				for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = 255;
				ctx.putImageData(pixels, 0, 0);
			}
			const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
			let s = '';
			for (const b of bytes) s += String.fromCharCode(b);
			return btoa(s);
		},
		[width, height, noise ? 1 : 0]
	);
	return Buffer.from(base64, 'base64');
}

/** What a screenshot tool puts on the clipboard, pasted where the focus is (Playwright cannot fill the OS clipboard with an image). */
async function pasteImage(page: Page, png: Buffer) {
	await page.evaluate((base64) => {
		const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
		const data = new DataTransfer();
		data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
		(document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
	}, png.toString('base64'));
}

async function dropFile(page: Page, indicatorId: string, name: string, type: string, content: string) {
	await card(page, indicatorId).evaluate(
		(el, [n, t, c]) => {
			const data = new DataTransfer();
			data.items.add(new File([c!], n!, { type: t }));
			el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
			el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
		},
		[name, type, content]
	);
}

/** The stored image evidence, the SHA-256 of each stored file by id, and the findings, read straight from IndexedDB. */
async function storedImages(page: Page) {
	const db = await dumpDatabase(page);
	type Image = { id: string; kind: string; text: string; findingId: string; image?: { sha256: string; width: number; height: number; bytes: number } };
	return {
		evidence: (db.evidence as Image[]).filter((e) => e.kind === 'image'),
		files: Object.fromEntries(db.evidenceFiles.map((f) => [f.id as string, f.sha256 as string])),
		findings: db.findings as { id: string; outcome: string | null }[]
	};
}

test('a pasted screenshot is stored with its finding, hash and thumbnail; viewed, captioned, deleted and undone; shown in the report and embedded in Word', async ({ page }, testInfo) => {
	test.setTimeout(180_000);
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const png = await makePng(page, 800, 600);

	// Select an indicator that has no finding yet and paste: the finding is created in the same transaction.
	await card(page, 'publish-overview').locator('h3').click();
	await pasteImage(page, png);
	const thumb = card(page, 'publish-overview').getByTestId('thumb');
	await expect(thumb).toHaveCount(1);
	await expectSaved(page);
	let stored = await storedImages(page);
	expect(stored.evidence).toHaveLength(1);
	const shot = stored.evidence[0]!;
	expect(shot.image).toMatchObject({ sha256: sha256(png), width: 800, height: 600, bytes: png.length });
	expect(stored.files[shot.id]).toBe(sha256(png));
	expect(stored.findings.find((f) => f.id === shot.findingId)?.outcome).toBeNull();

	// Not an image, and too large: refused with the file named, nothing stored.
	await dropFile(page, 'publish-overview', '说明.txt', 'text/plain', '这不是图片');
	await expect(card(page, 'publish-overview').getByRole('alert')).toContainText('“说明.txt”不是图片');
	const huge = Buffer.alloc(20 * 1024 * 1024 + 1);
	png.copy(huge);
	// Given as a file on disk, which a local browser reads in place: as a buffer, its 20 MB crossed the protocol (~8 s).
	const hugeFile = testInfo.outputPath('长图.png');
	writeFileSync(hugeFile, huge);
	await card(page, 'publish-overview').getByTestId('image-file').setInputFiles(hugeFile);
	await expect(card(page, 'publish-overview').getByRole('alert')).toContainText('“长图.png”为 20.0 MB，超过单张图片 20.0 MB 的上限');
	// A second, picked image on another indicator.
	await card(page, 'publish-policy').getByTestId('image-file').setInputFiles({ name: '政策文件栏目.png', mimeType: 'image/png', buffer: await makePng(page, 300, 200) });
	await expect(card(page, 'publish-policy').getByTestId('thumb')).toHaveCount(1);
	await expectSaved(page);
	expect((await storedImages(page)).evidence).toHaveLength(2);

	// The viewer: the original at full size, its details, an autosaved caption.
	await thumb.getByRole('button').click();
	const viewer = page.getByRole('dialog');
	await expect(viewer.getByTestId('evidence-full')).toHaveJSProperty('naturalWidth', 800);
	await expect(viewer.getByTestId('evidence-details')).toContainText('800 × 600 像素');
	await expect(viewer.getByTestId('evidence-sha')).toHaveText(sha256(png));
	await viewer.getByLabel('说明').fill('首页“概况信息”栏目为空');
	await viewer.getByRole('button', { name: '关闭' }).click();
	await expectSaved(page);
	expect((await storedImages(page)).evidence.find((e) => e.id === shot.id)?.text).toBe('首页“概况信息”栏目为空');

	// Delete, then undo: the evidence and its file are back, byte for byte.
	await thumb.getByRole('button').click();
	await page.getByRole('dialog').getByRole('button', { name: '删除截图' }).click();
	await expect(thumb).toHaveCount(0);
	await expectSaved(page);
	stored = await storedImages(page);
	expect(stored.files[shot.id]).toBeUndefined();
	await page.getByRole('button', { name: '撤销' }).click();
	await expect(thumb).toHaveCount(1);
	await expectSaved(page);
	await page.reload();
	await expect(card(page, 'publish-overview').getByTestId('thumb')).toHaveCount(1);
	stored = await storedImages(page);
	expect(stored.files[shot.id]).toBe(sha256(png));

	// Mark the indicator failed so it is a problem in the report, which shows the original screenshot.
	await card(page, 'publish-overview').getByRole('button', { name: /^2 不符合/ }).click();
	await expectSaved(page);
	const url = page.url();
	await page.goto(url.replace(/\/assess\//, '/report/'));
	const figure = page.getByTestId('report-screenshot');
	await expect(figure).toHaveCount(1);
	await expect(figure).toContainText('图1');
	await expect(figure).toContainText('首页“概况信息”栏目为空');
	await expect(figure.locator('img')).toHaveAttribute('src', /^blob:/);
	await expect(figure.locator('img')).toHaveJSProperty('naturalWidth', 800);

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Word' }).click()]);
	const docx = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
	const media = Object.keys(docx).filter((name) => name.startsWith('word/media/'));
	expect(media).toHaveLength(1);
	expect(sha256(docx[media[0]!]!)).toBe(sha256(png));

	// The 整改通知 for this unit carries the same original after the letter.
	await page.getByRole('link', { name: '整改' }).click();
	await page.getByRole('button', { name: '生成 / 更新整改清单' }).click();
	await expect(page.getByTestId('rect-table').locator('tr[data-rect]')).toHaveCount(1);
	const [notice] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '整改通知（Word）' }).click()]);
	const letter = unzipSync(new Uint8Array(readFileSync((await notice.path())!)));
	const pictures = Object.keys(letter).filter((name) => name.startsWith('word/media/'));
	expect(pictures.map((name) => sha256(letter[name]!))).toEqual([sha256(png)]);
});

test('a full disk refuses the screenshot with a clear message, writes nothing, and a retry stores it once space is back', async ({ page, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	const cdp = await page.context().newCDPSession(page);
	// Room for a campaign, not for a 1 MB screenshot. Chromium reads the quota when it first opens the
	// origin's database, so it is set before the app starts.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 600_000 });
	await campaignWithTargets(page);
	await openAssess(page, '市人民政府');
	const png = await makePng(page, 1000, 800, true);
	expect(png.length).toBeGreaterThan(1_000_000);

	await card(page, 'publish-overview').locator('h3').click();
	await pasteImage(page, png);
	await expect(page.getByRole('alert').filter({ hasText: '浏览器存储空间已满' })).toBeVisible();
	await expect(card(page, 'publish-overview').getByText('截图未保存')).toBeVisible();
	let stored = await storedImages(page);
	expect(stored.evidence).toHaveLength(0);
	expect(Object.keys(stored.files)).toHaveLength(0);
	expect(stored.findings).toHaveLength(0);

	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	await card(page, 'publish-overview').getByRole('button', { name: '重试保存' }).click();
	await expectSaved(page);
	await expect(card(page, 'publish-overview').getByText('截图未保存')).toHaveCount(0);
	stored = await storedImages(page);
	expect(stored.evidence).toHaveLength(1);
	expect(stored.files[stored.evidence[0]!.id]).toBe(sha256(png));
});
