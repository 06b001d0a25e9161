import type { Framework, Section } from '../framework/schema';
import type { TargetScore } from '../scoring/score';
import { isComplete } from '../progress';
import type { Target } from '../target';
import type { Heatmap, HeatmapSection, RadarData } from './types';

const SCORED: ReadonlySet<Section['part']> = new Set(['deduct', 'weighted', 'checklist']);

/**
 * Top-level sections that carry points, in framework order: deduct, weighted and checklist parts, and the
 * bonus part only when one of the targets' categories can earn it. The veto part has no points.
 */
export function scoredSections(fw: Framework, targets: Pick<Target, 'categoryId'>[]): Section[] {
	const rules = fw.scoring;
	const bonus =
		rules.model === 'deduction' &&
		rules.bonus !== null &&
		targets.some((t) => fw.categories.find((c) => c.id === t.categoryId)?.bonus === true);
	return fw.sections.filter((s) => SCORED.has(s.part) || (bonus && s.part === 'bonus'));
}

/** A section's score as a % of its own max (after N/A handling); null when not applicable or not scored. */
export function sectionPercent(score: TargetScore, sectionId: string): number | null {
	const s = score.sections.find((x) => x.sectionId === sectionId);
	if (!s || !s.applicable || s.score === null || !(s.max > 0)) return null;
	return (s.score / s.max) * 100;
}

/**
 * Complete targets × scored sections, each cell the % of that section's max; rows in the order of `targets`.
 * Unfinished targets are left out: their provisional sections (an unopened one at 100%) would show as results
 * and pull the radar's mean.
 */
export function sectionHeatmap(fw: Framework, targets: Pick<Target, 'id' | 'name' | 'categoryId'>[], scores: TargetScore[]): Heatmap {
	const columns = scoredSections(fw, targets);
	const scoreOf = new Map(scores.map((s) => [s.targetId, s]));
	const rows: Heatmap['rows'] = [];
	for (const t of targets) {
		const score = scoreOf.get(t.id);
		if (!score || !isComplete(score)) continue;
		rows.push({ targetId: t.id, name: t.name, cells: columns.map((c) => sectionPercent(score, c.id)) });
	}
	return { sections: columns.map((s): HeatmapSection => ({ sectionId: s.id, code: s.code, title: s.title })), rows };
}

/** One target's section percentages against the campaign mean (over the targets where a section was scored). */
export function radarData(heatmap: Heatmap, targetId: string): RadarData {
	const row = heatmap.rows.find((r) => r.targetId === targetId);
	const mean = heatmap.sections.map((_, i) => {
		let sum = 0;
		let n = 0;
		for (const r of heatmap.rows) {
			const v = r.cells[i];
			if (v !== null && v !== undefined) {
				sum += v;
				n++;
			}
		}
		return n > 0 ? sum / n : null;
	});
	return { sections: heatmap.sections, target: heatmap.sections.map((_, i) => row?.cells[i] ?? null), mean };
}
