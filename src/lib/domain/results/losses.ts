import type { LocalText } from '../common';
import type { Finding } from '../finding';
import { listIndicators, type Framework, type Indicator, type Section } from '../framework/schema';
import { allIndicators, applicability, applicableIndicators, EPS, perFramework } from '../scoring/core';
import { indicatorLoss, requiredIndicators } from '../scoring/score';

/**
 * What `deductLosses` adds to every applicable deduct indicator's max for one target: its share of the points
 * N/A left over under `redistribute` (as `scoreDeduction` counts it), else 0. `findings` are the target's own,
 * one per indicator (those judged 不适用 are enough); they are read only under `redistribute`.
 */
export function redistributedExtra(fw: Framework, categoryId: string, findings: Iterable<Finding>): number {
	const rules = fw.scoring;
	if (rules.model !== 'deduction' || rules.naPolicy !== 'redistribute') return 0;
	const app = applicability(
		fw.categories.find((c) => c.id === categoryId),
		findings
	);
	const { sections, fullMax } = deductPlan(fw);
	const applicable = sections.flatMap((s) => applicableIndicators(s, app));
	const skipped = fullMax - applicable.reduce((a, i) => a + i.max, 0);
	return skipped > EPS && applicable.length > 0 ? skipped / applicable.length : 0;
}

/** The deduct part of a framework and its full points, worked out once per framework rather than per target. */
function deductPlan(fw: Framework): { sections: Section[]; fullMax: number } {
	return perFramework(fw, 'deductPlan', () => {
		const sections = fw.sections.filter((s) => s.part === 'deduct');
		return { sections, fullMax: sections.flatMap(allIndicators).reduce((a, i) => a + i.max, 0) };
	});
}

/**
 * Points each applicable deduct-part indicator loses for one target, before section caps, exactly as
 * `scoreDeduction` counts them (redistributed points included in the indicator's max). Empty for the other
 * models. `findings` are the target's own.
 */
export function deductLosses(fw: Framework, categoryId: string, findings: Map<string, Finding>): Map<string, number> {
	const out = new Map<string, number>();
	if (fw.scoring.model !== 'deduction') return out;
	const app = applicability(
		fw.categories.find((c) => c.id === categoryId),
		findings.values()
	);
	const extra = redistributedExtra(fw, categoryId, findings.values());
	for (const s of deductPlan(fw).sections) for (const ind of applicableIndicators(s, app)) out.set(ind.id, indicatorLoss(ind, ind.max + extra, findings.get(ind.id)));
	return out;
}

/**
 * Indicators whose findings count for a category: what it must be judged on (category N/A and bonus
 * eligibility applied). With `problemsOnly`, bonus indicators drop out too: a bonus not earned is no problem.
 */
export function indicatorScope(fw: Framework, categoryId: string, problemsOnly: boolean): Set<string> {
	const bonus = new Set(
		listIndicators(fw)
			.filter((e) => e.block.part === 'bonus')
			.map((e) => e.indicator.id)
	);
	return new Set(
		requiredIndicators(fw, categoryId)
			.map((i) => i.id)
			.filter((id) => !problemsOnly || !bonus.has(id))
	);
}

/** Memoises `indicatorScope` per category for loops over many targets. */
export function scopeCache(fw: Framework, problemsOnly: boolean): (categoryId: string) => Set<string> {
	const cache = new Map<string, Set<string>>();
	return (categoryId) => {
		let s = cache.get(categoryId);
		if (!s) cache.set(categoryId, (s = indicatorScope(fw, categoryId, problemsOnly)));
		return s;
	};
}

/** The problems counted on a finding, in framework order: `points` is what that line costs (count × points, or the fixed amount). */
export function deductionLines(indicator: Indicator, finding: Finding): { title: LocalText; count: number; points: number }[] {
	const out: { title: LocalText; count: number; points: number }[] = [];
	for (const d of indicator.deductions) {
		const raw = finding.deductionCounts[d.id] ?? 0;
		const count = d.per === 'once' ? Math.min(raw, 1) : raw;
		if (count > 0) out.push({ title: d.title, count, points: count * d.points });
	}
	return out;
}
