import { describe, expect, it } from 'vitest';
import { COLORS, agreementChart, bandColor, bandsChart, chartFileName, heatColor, problemsChart, progressChart, radarChart } from '$lib/charts/data';
import type { BandTone } from '$lib/domain/results';
import { safeFileName } from '$lib/io/download';
import type { Agreement } from '$lib/domain/review';

describe('chart data', () => {
	it('bands: one bar per band with its count, coloured by grade', () => {
		const cfg = bandsChart(
			{
				targets: 5,
				complete: 5,
				unfinished: 0,
				passed: 3,
				passRate: 0.6,
				bands: [
					{ id: 'vetoed', title: null, min: null, max: null, count: 1 },
					{ id: 'pass', title: { zh: '合格' }, min: 60, max: null, count: 3 },
					{ id: 'fail', title: { zh: '不合格' }, min: 0, max: 60, count: 1 }
				]
			},
			(id) => id.toUpperCase(),
			new Map<string, BandTone>([
				['vetoed', { tone: 'fail' }],
				['pass', { tone: 'pass', step: 0, steps: 1 }],
				['fail', { tone: 'fail' }]
			])
		);
		expect(cfg.data.labels).toEqual(['VETOED', 'PASS', 'FAIL']);
		expect(cfg.data.datasets[0]!.data).toEqual([1, 3, 1]);
		expect(cfg.data.datasets[0]!.backgroundColor).toEqual([COLORS.fail, COLORS.pass, COLORS.fail]);
	});
	it('band colours: the best passing grade the pass green, lower ones lighter, amber under the pass mark', () => {
		const pass = (step: number, steps: number) => bandColor({ tone: 'pass', step, steps });
		expect([pass(0, 3), pass(1, 3), pass(2, 3)]).toEqual([COLORS.pass, '#3f8f5f', '#6aa67f']);
		expect([pass(0, 2), pass(1, 2)]).toEqual([COLORS.pass, '#6aa67f']);
		expect(pass(3, 5)).toBe('#6aa67f');
		expect(bandColor({ tone: 'below' })).toBe(COLORS.partial);
		expect(bandColor({ tone: 'fail' })).toBe(COLORS.fail);
		expect(bandColor(undefined)).toBe(COLORS.fail);
	});
	it('radar: target and mean series over the same sections, gaps allowed', () => {
		const cfg = radarChart(
			{ sections: [], target: [80, null], mean: [70, 90] },
			{ sections: ['A', 'B'], target: '市政府', mean: '平均' }
		);
		expect(cfg.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['市政府', [80, null]],
			['平均', [70, 90]]
		]);
	});
	it('problems: the most common first, at most `top` bars', () => {
		const p = (n: number) => ({ indicatorId: `i${n}`, code: `${n}`, title: { zh: `指标${n}` }, sectionTitle: { zh: 'x' }, targets: Array.from({ length: n }, (_, k) => ({ targetId: `${k}`, name: `${k}`, lost: 1, note: '' })) });
		const cfg = problemsChart([p(5), p(3), p(1)], (x) => x.code, 2);
		expect(cfg.data.labels).toEqual(['5', '3']);
		expect(cfg.data.datasets[0]!.data).toEqual([5, 3]);
	});
	it('progress: percent graded, 0 when nothing applies', () => {
		const cfg = progressChart(
			[
				{ key: 'a', label: '甲', graded: 3, applicable: 4, targets: 1, complete: 0 },
				{ key: 'b', label: '乙', graded: 0, applicable: 0, targets: 0, complete: 0 }
			],
			(r) => r.label
		);
		expect(cfg.data.datasets[0]!.data).toEqual([75, 0]);
	});
	it('names a chart PNG by its campaign and title, safe for file systems once downloaded', () => {
		expect(chartFileName('2026年第四季度读网督查', '问题分布')).toBe('2026年第四季度读网督查-问题分布.png');
		expect(safeFileName(chartFileName('2026/Q4: 检查 ', ' 各指标问题数量'))).toBe('2026_Q4_ 检查-各指标问题数量.png');
		expect(chartFileName('', '热力图')).toBe('热力图.png');
	});
	it('heat colours go from red to green and grey for N/A', () => {
		expect(heatColor(null)).toBe('#eceef2');
		expect(heatColor(0)).toMatch(/^hsl\(0 /);
		expect(heatColor(100)).toMatch(/^hsl\(120 /);
		expect(heatColor(Number.NaN)).toBe('#eceef2');
	});
	it('agreement: one bar per group at the published κ (2 decimals), none where κ has no value', () => {
		const a = (kappa: number | null) => ({ weighting: 'none', items: 10, oneSided: 0, identical: 7, observed: 0.7, chance: 0.5, kappa, standardError: null, ci95: null }) as unknown as Agreement;
		const cfg = agreementChart([
			{ label: '首评人：张三', agreement: a(0.40000000000000013) },
			{ label: '首评人：李四', agreement: a(0.125) },
			{ label: '栏目：2 发布', agreement: a(null) }
		]);
		expect(cfg.data.labels).toEqual(['首评人：张三', '首评人：李四', '栏目：2 发布']);
		expect(cfg.data.datasets[0]!.data).toEqual([0.4, 0.13, null]);
	});
});
