/**
 * Bundled by the bench for the results floor: chart.js registered as the app registers it (`loadChart`) and the
 * results page's chart configs, built with the app's own functions from the campaign's records. The configs are
 * computed before the floor is timed; the floor only reads the records and draws.
 */
import type { ChartConfiguration } from 'chart.js';
import { loadChart } from '$lib/charts/chartjs';
import { bandsChart, PROBLEMS_TOP, problemsChart, progressChart, radarChart } from '$lib/charts/data';
import type { Finding } from '$lib/domain/finding';
import type { Framework } from '$lib/domain/framework/schema';
import { bandTones, scoreBands, radarData, sectionHeatmap, problemsByIndicator, progressByAssessor, progressByTarget, type IndicatorProblem, type ProgressRow } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import type { Target } from '$lib/domain/target';

/** The labels the results page shows in zh-CN (the bench's locale; strings of zh-CN.ts), without the app's i18n module. */
const zh = (t: { zh?: string } | undefined) => t?.zh ?? '';

/** Every chart config the results page can draw, by the `data-chart` id of its card (see its +page.svelte). */
export function resultsCharts(framework: Framework, targets: Target[], findings: Finding[]): Record<string, ChartConfiguration> {
	const scores = scoreCampaign(framework, targets, findings);
	const byTarget = new Map<string, Finding[]>();
	for (const f of findings) {
		const own = byTarget.get(f.targetId);
		if (own) own.push(f);
		else byTarget.set(f.targetId, [f]);
	}
	const findingsOf = (id: string) => byTarget.get(id) ?? [];
	const bandLabel = (id: string) => (id === 'vetoed' ? '单项否决' : zh(framework.scoring.grades.find((g) => g.id === id)?.title));
	const heatmap = sectionHeatmap(framework, targets, scores);
	const sections = heatmap.sections.map((s) => `${s.code} ${zh(s.title)}`);
	const problems = problemsByIndicator(framework, targets, findingsOf);
	const progressLabel = (r: ProgressRow) => r.label || '（未分配）';
	const configs: Record<string, ChartConfiguration> = {
		bands: bandsChart(scoreBands(framework, scores), bandLabel, bandTones(framework)),
		'progress-targets': progressChart(progressByTarget(targets, scores), progressLabel),
		'progress-assessors': progressChart(progressByAssessor(targets, scores, findingsOf), progressLabel)
	};
	const first = targets[0];
	if (first) configs.radar = radarChart(radarData(heatmap, first.id), { sections, target: first.name, mean: '全部对象平均' });
	if (problems.length > 0) configs.problems = problemsChart(problems, (p: IndicatorProblem) => `${p.code} ${zh(p.title)}`, PROBLEMS_TOP);
	return configs;
}

(globalThis as { __kaimingBenchCharts?: unknown }).__kaimingBenchCharts = { loadChart, resultsCharts };
