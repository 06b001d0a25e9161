import type { Heatmap } from '$lib/domain/results';
import { heatColor } from './data';

/** Draws the heatmap table onto a canvas for the PNG download (chart.js has no heatmap controller). */
export function heatmapToPng(heatmap: Heatmap, sectionLabel: (i: number) => string, fmt: (n: number | null) => string): Promise<Blob | null> {
	const cellW = 96;
	const nameW = 220;
	const rowH = 26;
	const canvas = document.createElement('canvas');
	const scale = 2;
	canvas.width = (nameW + cellW * heatmap.sections.length) * scale;
	canvas.height = rowH * (heatmap.rows.length + 1) * scale;
	const ctx = canvas.getContext('2d');
	if (!ctx) return Promise.resolve(null);
	ctx.scale(scale, scale);
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.font = "13px 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
	ctx.textBaseline = 'middle';
	ctx.fillStyle = '#1d2330';
	heatmap.sections.forEach((_, i) => ctx.fillText(sectionLabel(i), nameW + i * cellW + 6, rowH / 2, cellW - 8));
	heatmap.rows.forEach((row, r) => {
		const y = (r + 1) * rowH;
		ctx.fillStyle = '#1d2330';
		ctx.fillText(row.name, 6, y + rowH / 2, nameW - 10);
		row.cells.forEach((pct, i) => {
			ctx.fillStyle = heatColor(pct);
			ctx.fillRect(nameW + i * cellW + 1, y + 1, cellW - 2, rowH - 2);
			ctx.fillStyle = '#1d2330';
			ctx.fillText(fmt(pct), nameW + i * cellW + 8, y + rowH / 2);
		});
	});
	return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
