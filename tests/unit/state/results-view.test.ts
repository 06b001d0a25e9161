import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '$lib/domain/finding';
import { scoreBands, radarData, sectionHeatmap, problemsByIndicator, progressByAssessor, progressByTarget, rankCampaign } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import type { Target } from '$lib/domain/target';
import { COLORS, PROBLEMS_TOP } from '$lib/charts/data';
import { MAX_BARS, pct, ResultsView, type ResultsSource } from '$lib/state/results-view.svelte';
import { completed, finding, miniFramework } from '../fixtures/mini-framework';
import { campaign, target } from '../results/helpers';
import { catchDownloads } from '../io/catch-downloads';

// Drawing needs a canvas, which node has not; the name of the download is what is tested here.
vi.mock('$lib/charts/heatmap-png', () => ({ heatmapToPng: async () => new Blob(['png']) }));

const fw = miniFramework();

function fake(targets: Target[], findings: Finding[]): ResultsSource {
	const byTarget = new Map<string, Finding[]>();
	for (const f of findings) byTarget.set(f.targetId, [...(byTarget.get(f.targetId) ?? []), f]);
	return { campaign: campaign(fw), targets, scores: scoreCampaign(fw, targets, findings), findingsOf: (id) => byTarget.get(id) ?? [] };
}

const P = target('P', '门户', 'portal', { assessor: '甲' });
const N = target('N', '无服务', 'nosvc', { assessor: '乙' });
const V = target('V', '否决', 'dept');
const findings = completed(fw, [P, N, V], [finding('a1', 'fail', { link: 5 }, 'P'), finding('b1', 'pass', {}, 'P'), finding('a2', 'fail', {}, 'N'), finding('v1', 'fail', {}, 'V'), finding('a1', 'fail', { link: 3 }, 'V')]);

describe('ResultsView', () => {
	const cs = fake([P, N, V], findings);
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.restoreAllMocks();
	});

	it('derives every table of the results page from the campaign, as the domain functions give them', () => {
		const view = new ResultsView(cs);
		expect(view.framework).toBe(fw);
		expect(view.decimals).toBe(fw.scoring.decimals);
		expect(view.rankings).toEqual(rankCampaign(fw, cs.targets, cs.scores));
		expect(view.summary).toEqual(scoreBands(fw, cs.scores));
		expect(view.vetoed).toBe(1);
		expect(view.heatmap).toEqual(sectionHeatmap(fw, cs.targets, cs.scores));
		expect(view.problems).toEqual(problemsByIndicator(fw, cs.targets, findings));
		expect(view.byTarget).toEqual(progressByTarget(cs.targets, cs.scores));
		expect(view.byAssessor).toEqual(progressByAssessor(cs.targets, cs.scores, findings));
		expect(view.summary.complete).toBe(view.byTarget.filter((r) => r.complete > 0).length);
		expect(view.scoreOf.get('N')).toBe(cs.scores[1]);
		expect(view.sectionNames).toEqual(view.heatmap.sections.map((s) => `${s.code} ${s.title.zh}`));
	});

	it('shows the first target on the radar until another is chosen; the select lists all only once opened', () => {
		const view = new ResultsView(cs);
		expect(view.radarId).toBe('P');
		expect(view.radar).toEqual(radarData(view.heatmap, 'P'));
		expect(view.radarChoices).toEqual([P]);
		view.chooseRadarTarget('N');
		expect(view.radarTargetRow).toBe(N);
		expect(view.radar).toEqual(radarData(view.heatmap, 'N'));
		expect(view.radarConfig?.data.datasets[0]?.label).toBe('无服务');
		expect(view.radarChoices).toEqual([N]);
		view.openRadarChoices();
		expect(view.radarChoices).toEqual([P, N, V]);
		// An unfinished target is no choice: its profile would be provisional.
		const U = target('U', '未完', 'dept');
		const withUnfinished = new ResultsView(fake([U, P, N, V], [...findings, finding('a1', 'fail', {}, 'U')]));
		expect(withUnfinished.radarId).toBe('P');
		withUnfinished.openRadarChoices();
		expect(withUnfinished.radarChoices).toEqual([P, N, V]);
	});

	it('sorts the full table by score (high first), turns the order round on the same column, A–Z on a new one', () => {
		const view = new ResultsView(cs);
		expect([view.sortKey, view.sortDir]).toEqual(['score', 'desc']);
		const totals = () => view.rows.map((r) => r.score.total);
		expect(totals()).toEqual([...totals()].sort((a, b) => (b ?? -1) - (a ?? -1)));
		view.sortBy('score');
		expect(view.sortDir).toBe('asc');
		view.sortBy('name');
		expect([view.sortKey, view.sortDir]).toEqual(['name', 'asc']);
		view.sortBy('progress');
		expect([view.sortKey, view.sortDir]).toEqual(['progress', 'desc']);
	});

	it('has chart configs for the charts, and no per-target bar chart beyond MAX_BARS targets', () => {
		const view = new ResultsView(cs);
		expect(view.bandsConfig.type).toBe('bar');
		expect(view.problemsConfig).not.toBeNull();
		expect(view.tooManyBars).toBe(false);
		expect(view.progressTargetsConfig?.data.labels).toHaveLength(3);
		expect(view.progressAssessorsConfig.type).toBe('bar');

		const many = Array.from({ length: MAX_BARS + 1 }, (_, i) => target(`t${i}`, `站点${i}`, 'portal'));
		const big = new ResultsView(fake(many, []));
		expect(big.tooManyBars).toBe(true);
		expect(big.progressTargetsConfig).toBeNull();
		expect(big.problemsConfig).toBeNull();
	});

	it('colours the pass-band bars by grade: 不合格 and vetoed in the fail colour, 优秀 the best', () => {
		const view = new ResultsView(cs);
		const colours = Object.fromEntries(view.summary.bands.map((b, i) => [b.id, (view.bandsConfig.data.datasets[0]!.backgroundColor as string[])[i]]));
		expect(colours).toEqual({ vetoed: COLORS.fail, excellent: COLORS.pass, pass: '#6aa67f', fail: COLORS.fail });
	});

	it('says the problems chart shows the top 15 of more, and shows all on request', () => {
		const wide = miniFramework((f) => {
			const d = f.sections.find((s) => s.id === 'D')!;
			d.indicators = Array.from({ length: PROBLEMS_TOP + 5 }, (_, i) => ({ id: `d${i}`, code: `4.${i + 1}`, title: { zh: `功能${i + 1}` }, max: 35 / (PROBLEMS_TOP + 5) }));
		});
		const problems = wide.sections.find((s) => s.id === 'D')!.indicators.map((ind) => finding(ind.id, 'fail', {}, 'P'));
		const view = new ResultsView({ ...fake([P], problems), campaign: campaign(wide), scores: scoreCampaign(wide, [P], problems) });
		expect(view.problems).toHaveLength(PROBLEMS_TOP + 5);
		expect(view.problemsCut).toBe(true);
		expect(view.problemsTitle).toBe('各指标问题数量（前15项，共20项）');
		expect(view.problemsConfig?.data.labels).toHaveLength(PROBLEMS_TOP);
		view.toggleAllProblems();
		expect(view.allProblems).toBe(true);
		expect(view.problemsTitle).toBe('各指标问题数量');
		expect(view.problemsConfig?.data.labels).toHaveLength(PROBLEMS_TOP + 5);
		view.toggleAllProblems();
		expect(view.problemsConfig?.data.labels).toHaveLength(PROBLEMS_TOP);
		// Fifteen or fewer: nothing is left out, and the title says nothing of a cut.
		const few = new ResultsView(cs);
		expect([few.problemsCut, few.problemsTitle, few.problemsConfig?.data.labels?.length]).toEqual([false, '各指标问题数量', few.problems.length]);
	});

	it('names the heatmap PNG by the campaign and the chart title', async () => {
		const downloads = catchDownloads();
		await new ResultsView(cs).heatmapPng();
		expect(downloads.map((d) => d.name)).toEqual(['2026年第一季度网站检查-各部分得分率热力图.png']);
	});

	it('writes percentages with at most one decimal and a dash for none', () => {
		expect(pct(87.56)).toBe('87.6%');
		expect(pct(null)).toBe('—');
	});
});
