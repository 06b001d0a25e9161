import { touch, type Context } from '../common';
import type { Finding } from '../finding';
import { listIndicators, type Framework } from './schema';

export interface FindingMove {
	finding: Finding;
	/** Indicator id in the new framework, or null when nothing matches. */
	to: string | null;
	via: 'id' | 'code' | null;
}

export interface MovePlan {
	moves: FindingMove[];
	mapped: number;
	unmapped: FindingMove[];
	/** Target categories used by the campaign that the new framework does not define. */
	missingCategories: string[];
}

/**
 * How a campaign's findings land on another framework version: the same indicator id first, then the
 * same code. Unmatched findings are kept as they are (they no longer score) and listed for the
 * inspector; two findings of one target never land on the same indicator.
 */
export function planFrameworkMove(current: Framework, next: Framework, findings: Finding[], categoryIds: string[]): MovePlan {
	const oldCode = new Map(listIndicators(current).map((e) => [e.indicator.id, e.indicator.code]));
	const entries = listIndicators(next);
	const ids = new Set(entries.map((e) => e.indicator.id));
	const byCode = new Map(entries.map((e) => [e.indicator.code, e.indicator.id]));
	const taken = new Set(findings.filter((f) => ids.has(f.indicatorId)).map((f) => `${f.targetId} ${f.indicatorId}`));
	const moves = findings.map((finding): FindingMove => {
		if (ids.has(finding.indicatorId)) return { finding, to: finding.indicatorId, via: 'id' };
		const code = oldCode.get(finding.indicatorId);
		const to = code === undefined ? undefined : byCode.get(code);
		if (to === undefined || taken.has(`${finding.targetId} ${to}`)) return { finding, to: null, via: null };
		taken.add(`${finding.targetId} ${to}`);
		return { finding, to, via: 'code' };
	});
	const categories = new Set(next.categories.map((c) => c.id));
	const unmapped = moves.filter((m) => m.to === null);
	return { moves, mapped: moves.length - unmapped.length, unmapped, missingCategories: [...new Set(categoryIds)].filter((id) => !categories.has(id)) };
}

/** The findings whose indicator id changes under the plan, stamped as edited. */
export function movedFindings(plan: MovePlan, ctx: Context): Finding[] {
	return plan.moves.filter((m) => m.via === 'code').map((m) => touch({ ...m.finding, indicatorId: m.to! }, ctx));
}
