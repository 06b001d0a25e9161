import type { LocalText } from '../common';
import { deductionCount, type Finding } from '../finding';
import { listIndicators, type Framework, type Indicator } from '../framework/schema';
import { requiredIndicators } from '../scoring/score';

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
		const raw = deductionCount(finding, d.id);
		const count = d.per === 'once' ? Math.min(raw, 1) : raw;
		if (count > 0) out.push({ title: d.title, count, points: count * d.points });
	}
	return out;
}
