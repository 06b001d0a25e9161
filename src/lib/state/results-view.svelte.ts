import { bandsChart, chartFileName, PROBLEMS_TOP, problemsChart, progressChart, radarChart } from '$lib/charts/data';
import type { Finding } from '$lib/domain/finding';
import type { Campaign } from '$lib/domain/campaign';
import { bandTones, scoreBands, radarData, sectionHeatmap, problemsByIndicator, progressByAssessor, progressByTarget, rankCampaign, sortResults, type ResultsSortKey, type IndicatorProblem, type ProgressRow } from '$lib/domain/results';
import type { TargetScore } from '$lib/domain/scoring';
import type { Target } from '$lib/domain/target';
import { formatNumber, t, text } from '$lib/i18n/index.svelte';

/** What the results view reads of the open campaign (a `CampaignState`, or a fake in tests). */
export interface ResultsSource {
	readonly campaign: Campaign | null;
	readonly targets: Target[];
	readonly scores: TargetScore[];
	findingsOf(targetId: string): Finding[];
}

/** One bar per target stops being readable (and a canvas has a height limit) long before a province's thousands. */
export const MAX_BARS = 60;

/** A percentage as the results tables and the heatmap PNG write it. */
export const pct = (n: number | null) => (n === null ? '—' : `${formatNumber(n)}%`);

/**
 * The results page of one campaign: rankings, bands, heatmap, radar, problems and progress, all derived from
 * the campaign's scores, with the page's choices (radar target, sort of the full table) and the heatmap PNG.
 */
export class ResultsView {
	readonly #cs: ResultsSource;
	#radarTarget = $state('');
	#radarChoosing = $state(false);
	#sortKey = $state<ResultsSortKey>('score');
	#sortDir = $state<'asc' | 'desc'>('desc');
	#allProblems = $state(false);

	constructor(campaign: ResultsSource) {
		this.#cs = campaign;
	}

	// Each target's own findings, read where needed: no flat copy of a province's findings to be grouped again.
	readonly #findingsOf = (targetId: string) => this.#cs.findingsOf(targetId);
	get #targets() {
		return this.#cs.targets;
	}
	get #scores() {
		return this.#cs.scores;
	}

	framework = $derived.by(() => this.#cs.campaign!.framework);
	decimals = $derived(this.framework.scoring.decimals);
	rankings = $derived(rankCampaign(this.framework, this.#targets, this.#scores));
	scoreOf = $derived(new Map(this.#targets.map((x, i) => [x.id, this.#scores[i]!])));
	summary = $derived(scoreBands(this.framework, this.#scores));
	vetoed = $derived(this.summary.bands.find((b) => b.id === 'vetoed')?.count ?? 0);
	heatmap = $derived(sectionHeatmap(this.framework, this.#targets, this.#scores));
	sectionNames = $derived(this.heatmap.sections.map((s) => `${s.code} ${text(s.title)}`));
	problems = $derived(problemsByIndicator(this.framework, this.#targets, this.#findingsOf));
	byTarget = $derived(progressByTarget(this.#targets, this.#scores));
	byAssessor = $derived(progressByAssessor(this.#targets, this.#scores, this.#findingsOf));

	// The radar compares complete targets only (the heatmap's rows): a provisional profile is no result.
	radarTargets = $derived.by(() => {
		const done = new Set(this.heatmap.rows.map((r) => r.targetId));
		return this.#targets.filter((x) => done.has(x.id));
	});
	radarId = $derived(this.#radarTarget || this.radarTargets[0]?.id || '');
	radar = $derived(this.radarId ? radarData(this.heatmap, this.radarId) : null);
	radarTargetRow = $derived(this.radarTargets.find((x) => x.id === this.radarId));
	/**
	 * The select holds only the chosen target until it is first focused or pressed: a province's 2,000 options
	 * were half the page's elements and a good part of the time to show it, and are needed only to choose.
	 */
	radarChoices = $derived(this.#radarChoosing ? this.radarTargets : this.radarTargetRow ? [this.radarTargetRow] : []);

	rows = $derived(sortResults(this.#targets.map((target, i) => ({ target, score: this.#scores[i]! })), this.#sortKey, this.#sortDir));

	bandLabel = (id: string) => (id === 'vetoed' ? t('score.vetoed') : text(this.framework.scoring.grades.find((g) => g.id === id)?.title));
	problemLabel = (p: IndicatorProblem) => `${p.code} ${text(p.title)}`;
	progressLabel = (r: ProgressRow) => r.label || t('results.unassigned');
	categoryTitle = (id: string) => text(this.framework.categories.find((c) => c.id === id)?.title) || id;

	bandsConfig = $derived(bandsChart(this.summary, this.bandLabel, bandTones(this.framework)));
	radarConfig = $derived(this.radar ? radarChart(this.radar, { sections: this.sectionNames, target: this.radarTargetRow?.name ?? '', mean: t('results.mean') }) : null);
	/** The chart leaves indicators out: its title says so (前15项) and a button shows them all. */
	problemsCut = $derived(!this.#allProblems && this.problems.length > PROBLEMS_TOP);
	problemsShown = $derived(this.problemsCut ? PROBLEMS_TOP : this.problems.length);
	problemsTitle = $derived(this.problemsCut ? t('results.problemsTop', { n: PROBLEMS_TOP, total: this.problems.length }) : t('results.problems'));
	problemsConfig = $derived(this.problems.length > 0 ? problemsChart(this.problems, this.problemLabel, this.problemsShown) : null);
	tooManyBars = $derived(this.byTarget.length > MAX_BARS);
	progressTargetsConfig = $derived(this.tooManyBars ? null : progressChart(this.byTarget, this.progressLabel));
	progressAssessorsConfig = $derived(progressChart(this.byAssessor, this.progressLabel));

	get allProblems() {
		return this.#allProblems;
	}
	/** All indicators with problems on the chart, or back to the most common `PROBLEMS_TOP`. */
	toggleAllProblems() {
		this.#allProblems = !this.#allProblems;
	}

	get sortKey() {
		return this.#sortKey;
	}
	get sortDir() {
		return this.#sortDir;
	}

	/** The same column again turns the order round; a new one starts high-first for numbers, A–Z otherwise. */
	sortBy(key: ResultsSortKey) {
		if (this.#sortKey === key) this.#sortDir = this.#sortDir === 'asc' ? 'desc' : 'asc';
		else {
			this.#sortKey = key;
			this.#sortDir = key === 'score' || key === 'progress' ? 'desc' : 'asc';
		}
	}

	chooseRadarTarget(targetId: string) {
		this.#radarTarget = targetId;
	}
	/** Fills the radar select with every target (see `radarChoices`). */
	openRadarChoices() {
		this.#radarChoosing = true;
	}

	/** The heatmap drawn as a PNG and downloaded; canvas and download code load only when asked. */
	async heatmapPng(): Promise<void> {
		const [{ heatmapToPng }, { downloadBlob }] = await Promise.all([import('$lib/charts/heatmap-png'), import('$lib/io/download')]);
		const blob = await heatmapToPng(this.heatmap, (i) => this.sectionNames[i] ?? '', pct);
		if (blob) downloadBlob(blob, chartFileName(this.#cs.campaign!.title, t('results.heatmap')));
	}
}
