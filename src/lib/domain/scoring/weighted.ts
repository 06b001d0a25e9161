import type { Finding } from '../finding';
import type { Indicator, ScoringRules } from '../framework/schema';
import { applicableIndicators, EPS, publish, roundingStep, step, type ModelInput, type ModelResult, type SectionScore } from './core';

/**
 * Share of an indicator's points a finding earns, in [0, 1]: the chosen level, the k-of-n ratio, or the
 * outcome (符合 all, 不符合 none, 部分符合 half). Ungraded earns nothing: nothing has been confirmed yet.
 */
export function indicatorFraction(indicator: Indicator, finding: Finding | undefined): { fraction: number; how: string } {
	const outcome = finding?.outcome ?? null;
	if (indicator.method === 'levels' && finding?.level) {
		const level = indicator.levels.find((l) => l.id === finding.level);
		if (level && indicator.max > 0) return { fraction: Math.min(1, level.points / indicator.max), how: level.title.zh };
	}
	if (indicator.method === 'ratio' && finding?.ratio) {
		const { met, of } = finding.ratio;
		return { fraction: Math.min(1, met / of), how: `${met}/${of}` };
	}
	if (outcome === 'pass') return { fraction: 1, how: '' };
	if (outcome === 'partial') return { fraction: 0.5, how: '' };
	return { fraction: 0, how: '' };
}

/**
 * CASS-style index: each top-level section scores the share of its applicable points earned (N/A
 * indicators drop out), and the sections combine by weight; weights of wholly N/A sections are
 * renormalised away so the total stays out of 100.
 */
export function scoreWeighted(input: ModelInput, rules: ScoringRules): ModelResult {
	const { framework, byIndicator, app, trace } = input;
	const weighted = framework.sections.filter((s) => s.part === 'weighted');
	const parts = weighted.map((s) => {
		let earned = 0;
		let max = 0;
		for (const ind of applicableIndicators(s, app)) {
			const { fraction, how } = indicatorFraction(ind, byIndicator.get(ind.id));
			earned += fraction * ind.max;
			max += ind.max;
			if (fraction < 1 - EPS)
				trace?.push(step('trace.weightedIndicator', { code: ind.code, indicator: ind.title, how, fraction, max: ind.max, earned: fraction * ind.max }));
		}
		return { section: s, weight: s.weight ?? 0, earned, max, pct: max > 0 ? (earned / max) * 100 : null };
	});
	const applicableWeight = parts.reduce((a, p) => a + (p.pct === null ? 0 : p.weight), 0);
	const fullWeight = parts.reduce((a, p) => a + p.weight, 0);
	const sections: SectionScore[] = [];
	let total = 0;
	for (const p of parts) {
		if (p.pct === null) {
			trace?.push(step('trace.weightedSectionNa', { section: p.section.title, weight: p.weight }));
			sections.push({ sectionId: p.section.id, title: p.section.title, part: 'weighted', max: 0, score: null, lost: 0, applicable: false });
			continue;
		}
		const contribution = applicableWeight > 0 ? (p.pct * p.weight) / applicableWeight : 0;
		total += contribution;
		trace?.push(step('trace.weightedSection', { section: p.section.title, earned: p.earned, max: p.max, pct: p.pct, weight: p.weight, contribution }));
		const sectionMax = applicableWeight > 0 ? (100 * p.weight) / applicableWeight : 0;
		sections.push({ sectionId: p.section.id, title: p.section.title, part: 'weighted', max: sectionMax, score: contribution, lost: sectionMax - contribution, applicable: true });
	}
	if (applicableWeight > 0 && Math.abs(applicableWeight - fullWeight) > EPS)
		trace?.push(step('trace.weightedRenormalised', { applicable: applicableWeight, full: fullWeight }));
	trace?.push(step('trace.weightedTotal', { total }));
	const published = publish(rules, total);
	if (published !== total) trace?.push(roundingStep(rules, total, published));
	const passed = published >= rules.passMark - EPS;
	trace?.push(step(passed ? 'trace.passMarkMet' : 'trace.belowPassMark', { score: published, passMark: rules.passMark }));
	return { sections, deductScore: null, bonusScore: 0, total: published, rawTotal: total, passed };
}
