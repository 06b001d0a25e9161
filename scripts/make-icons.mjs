/**
 * Renders the app icons (static/icons/*.png) from the SVG sources in scripts/icons/ with Chromium. Run once when
 * the icon changes and commit the PNGs: `node scripts/make-icons.mjs`. The glyph needs
 * the Noto Sans CJK SC font (Debian: fonts-noto-cjk).
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const icons = [
	{ svg: 'icon.svg', size: 192, out: 'icon-192.png' },
	{ svg: 'icon.svg', size: 512, out: 'icon-512.png' },
	{ svg: 'icon-maskable.svg', size: 192, out: 'icon-maskable-192.png' },
	{ svg: 'icon-maskable.svg', size: 512, out: 'icon-maskable-512.png' }
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
	for (const { svg, size, out } of icons) {
		const page = await browser.newPage({ viewport: { width: size, height: size } });
		const source = readFileSync(new URL(`icons/${svg}`, import.meta.url), 'utf8').replace(/width="512" height="512"/, `width="${size}" height="${size}"`);
		await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${source}`);
		await page.evaluate(() => document.fonts.ready);
		await page.screenshot({ path: `static/icons/${out}`, omitBackground: true });
		await page.close();
	}
} finally {
	await browser.close();
}
