import type { Finding } from '../finding';
import { listIndicators, type Framework } from '../framework/schema';
import { allocateLosses, type LossAllocation } from '../scoring/allocate';
import { FindingSlots } from '../scoring/core';
import type { Target } from '../target';
import { hasProblem } from '../scoring/what-if';
import { scopeCache } from './losses';
import { compareCode, findingsOf, type FindingsOf } from './shared';
import type { IndicatorProblem } from './types';

/**
 * For each indicator, the targets that lost points or failed there (`hasProblem`), for the 通报's
 * "problems found" part. Findings on indicators a target's category skips, and on the bonus part, do not
 * count. `lost` is what the problem cost the deduct score (`allocateLosses`: section caps and N/A rescaling
 * applied), null for other parts and models. Most common first, then by code; targets in the order given;
 * indicators without problems are left out.
 */
export function problemsByIndicator(fw: Framework, targets: Pick<Target, 'id' | 'name' | 'categoryId'>[], findings: readonly Finding[] | FindingsOf): IndicatorProblem[] {
	const entries = listIndicators(fw);
	const hits = new Map<string, IndicatorProblem['targets']>();
	const scope = scopeCache(fw, true);
	const own = findingsOf(findings);
	const deduction = fw.scoring.model === 'deduction';
	for (const t of targets) {
		const list = own(t.id);
		if (list.length === 0) continue;
		const mine = new FindingSlots(fw, list);
		const inScope = scope(t.categoryId);
		// Allocated once per target, and only for one with a deduct-part problem to show.
		let losses: LossAllocation | undefined;
		for (const { indicator, block } of entries) {
			const f = mine.get(indicator.id);
			if (!f || !inScope.has(indicator.id) || !hasProblem(indicator, f)) continue;
			let lost: number | null = null;
			if (deduction && block.part === 'deduct') {
				losses ??= allocateLosses(fw, t, mine);
				lost = losses.get(indicator.id)?.lost ?? null;
			}
			const at = hits.get(indicator.id);
			const hit = { targetId: t.id, name: t.name, lost, note: f.note };
			if (at) at.push(hit);
			else hits.set(indicator.id, [hit]);
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
