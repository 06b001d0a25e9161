import type { ChartConfiguration } from 'chart.js';
import type { BandSummary, BandTone, IndicatorProblem, ProgressRow, RadarData } from '$lib/domain/results';
import { AGREEMENT_DECIMALS, type Agreement } from '$lib/domain/review';
import { roundScore } from '$lib/domain/rounding';

/** Chart configs from results data: pure, so they are tested in node; the wrapper only draws them. */

export const COLORS = {
	primary: '#1f4e79',
	primarySoft: 'rgba(31, 78, 121, 0.18)',
	mean: '#a15c00',
	meanSoft: 'rgba(161, 92, 0, 0.12)',
	fail: '#b42318',
	pass: '#1e7a46',
	/** --c-partial: 部分符合, and grades under the pass mark. */
	partial: '#a15c00',
	grid: '#d9dde3'
};

/**
 * A chart's PNG is named by its campaign and its title ("2026年第四季度检查-各指标问题数量.png"), so downloads from
 * several campaigns and charts tell themselves apart; `downloadBlob` then makes the name safe for file systems.
 */
export function chartFileName(campaign: string, chart: string): string {
	return `${[campaign, chart].map((s) => s.trim()).filter((s) => s !== '').join('-') || 'chart'}.png`;
}

/** Passing grades from the best down: the design's pass green, then lighter. */
const PASS_SHADES = [COLORS.pass, '#3f8f5f', '#6aa67f'];

/** A band's colour from its grade (`bandTones`): red for fail, amber under the pass mark, greens for passing grades. */
export function bandColor(tone: BandTone | undefined): string {
	if (!tone || tone.tone === 'fail') return COLORS.fail;
	if (tone.tone === 'below') return COLORS.partial;
	const at = tone.steps > 1 ? Math.round((tone.step * (PASS_SHADES.length - 1)) / (tone.steps - 1)) : 0;
	return PASS_SHADES[at]!;
}

export function bandsChart(summary: BandSummary, label: (id: string) => string, tones: ReadonlyMap<string, BandTone>): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: summary.bands.map((b) => label(b.id)),
			datasets: [
				{
					label: '',
					data: summary.bands.map((b) => b.count),
					backgroundColor: summary.bands.map((b) => bandColor(tones.get(b.id)))
				}
			]
		},
		options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
	};
}

export function radarChart(data: RadarData, labels: { sections: string[]; target: string; mean: string }): ChartConfiguration<'radar'> {
	return {
		type: 'radar',
		data: {
			labels: labels.sections,
			datasets: [
				{ label: labels.target, data: data.target, borderColor: COLORS.primary, backgroundColor: COLORS.primarySoft, fill: true, spanGaps: true },
				{ label: labels.mean, data: data.mean, borderColor: COLORS.mean, backgroundColor: COLORS.meanSoft, fill: true, spanGaps: true }
			]
		},
		options: { responsive: true, maintainAspectRatio: false, scales: { r: { min: 0, max: 100, ticks: { stepSize: 20 } } } }
	};
}

/** The problems chart shows this many indicators, the most common first, until the user asks for all. */
export const PROBLEMS_TOP = 15;

/** The first `top` problems (the list comes most common first). */
export function problemsChart(problems: IndicatorProblem[], label: (p: IndicatorProblem) => string, top: number): ChartConfiguration<'bar'> {
	const shown = problems.slice(0, top);
	return {
		type: 'bar',
		data: { labels: shown.map(label), datasets: [{ label: '', data: shown.map((p) => p.targets.length), backgroundColor: COLORS.fail }] },
		options: {
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			plugins: { legend: { display: false } },
			scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
		}
	};
}

export function progressChart(rows: ProgressRow[], label: (r: ProgressRow) => string): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: rows.map(label),
			datasets: [{ label: '', data: rows.map((r) => (r.applicable > 0 ? (r.graded / r.applicable) * 100 : 0)), backgroundColor: COLORS.primary }]
		},
		options: {
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			plugins: { legend: { display: false } },
			scales: { x: { min: 0, max: 100 } }
		}
	};
}

/** Heatmap cell colour: red (0%) → amber → green (100%); grey when not applicable. */
export function heatColor(pct: number | null): string {
	if (pct === null || Number.isNaN(pct)) return '#eceef2';
	const p = Math.max(0, Math.min(100, pct)) / 100;
	const hue = Math.round(p * 120);
	return `hsl(${hue} 55% ${88 - p * 10}%)`;
}

/** The annual-report rules most reports failed: one bar per rule, labelled by its formula. */
export function failuresChart(failures: readonly { formula: string; reports: number }[], top: number): ChartConfiguration<'bar'> {
	const shown = failures.slice(0, top);
	return {
		type: 'bar',
		data: { labels: shown.map((f) => f.formula), datasets: [{ label: '', data: shown.map((f) => f.reports), backgroundColor: COLORS.fail }] },
		options: {
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			plugins: { legend: { display: false } },
			scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
		}
	};
}

/** κ of each group (first grader, section): one bar each at the published κ, none where κ has no value. */
export function agreementChart(groups: readonly { label: string; agreement: Agreement }[]): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: groups.map((g) => g.label),
			datasets: [{ label: 'κ', data: groups.map((g) => (g.agreement.kappa === null ? null : roundScore(g.agreement.kappa, AGREEMENT_DECIMALS.kappa))), backgroundColor: COLORS.primary }]
		},
		options: {
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			plugins: { legend: { display: false } },
			scales: { x: { suggestedMin: 0, max: 1 } }
		}
	};
}
