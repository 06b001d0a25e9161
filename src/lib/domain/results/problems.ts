import type { Finding } from '../finding';
import { listIndicators, type Framework } from '../framework';
import type { Target } from '../target';
import { hasProblem } from '../what-if';
import { deductLosses, scopeCache } from './losses';
import { byIndicator, compareCode, groupByTarget } from './shared';
import type { IndicatorProblem } from './types';

/**
 * For each indicator, the targets that lost points or failed there (`hasProblem`), for the 通报's
 * "problems found" part. Findings on indicators a target's category skips, and on the bonus part, do not
 * count. `lost` is the deduct-part loss (before section caps), null for other parts and models. Most
 * common first, then by code; targets in the order given; indicators without problems are left out.
 */
export function problemsByIndicator(fw: Framework, targets: Pick<Target, 'id' | 'name' | 'categoryId'>[], findings: Finding[]): IndicatorProblem[] {
	const entries = listIndicators(fw);
	const hits = new Map<string, IndicatorProblem['targets']>();
	const scope = scopeCache(fw, true);
	const grouped = groupByTarget(findings);
	for (const t of targets) {
		const mine = byIndicator(grouped.get(t.id) ?? []);
		if (mine.size === 0) continue;
		const inScope = scope(t.categoryId);
		const losses = deductLosses(fw, t.categoryId, mine);
		for (const { indicator } of entries) {
			const f = mine.get(indicator.id);
			if (!f || !inScope.has(indicator.id) || !hasProblem(indicator, f)) continue;
			const list = hits.get(indicator.id) ?? [];
			list.push({ targetId: t.id, name: t.name, lost: losses.get(indicator.id) ?? null, note: f.note });
			hits.set(indicator.id, list);
		}
	}
	const out: (IndicatorProblem & { at: number })[] = [];
	entries.forEach(({ indicator, block }, at) => {
		const list = hits.get(indicator.id);
		if (list) out.push({ indicatorId: indicator.id, code: indicator.code, title: indicator.title, sectionTitle: block.title, targets: list, at });
	});
	return out
		.sort((a, b) => b.targets.length - a.targets.length || compareCode(a.code, b.code) || a.at - b.at)
		.map(({ at: _at, ...p }) => p);
}
