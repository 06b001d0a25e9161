import type { Finding } from '../finding';
import type { Framework } from '../framework/schema';
import type { Rectification } from './schema';
import type { Target } from '../target';
import { whatIf, type Impact } from '../scoring/what-if';

/** What fixing each problem would do, per target (`whatIf` for every target, findings grouped once). */
export function impactsByTarget(framework: Framework, targets: Pick<Target, 'id' | 'categoryId'>[], findings: Finding[]): Map<string, Impact[]> {
	const byTarget = new Map<string, Finding[]>();
	for (const f of findings) {
		const list = byTarget.get(f.targetId);
		if (list) list.push(f);
		else byTarget.set(f.targetId, [f]);
	}
	return new Map(targets.map((t) => [t.id, whatIf(framework, t, byTarget.get(t.id) ?? [])]));
}

/**
 * The list ordered by what fixing an item does to its target's score: first items whose fix alone lifts a
 * veto, then the other veto items, then by score gain (an indicator's gain is shared by its problem
 * types), then by points lost, then by 序号. Items with no impact keep 序号 order at the end.
 */
export function sortByImpact(items: Rectification[], impacts: ReadonlyMap<string, Impact[]>): Rectification[] {
	const impactOf = (r: Rectification) => impacts.get(r.targetId)?.find((i) => i.indicatorId === r.indicatorId);
	const keyed = items.map((r) => {
		const impact = impactOf(r);
		const rank = impact?.liftsVeto ? 2 : r.veto || impact?.vetoShared ? 1 : 0;
		return { r, rank, gain: impact?.gain ?? 0, lost: r.pointsLost ?? 0 };
	});
	keyed.sort((a, b) => b.rank - a.rank || b.gain - a.gain || b.lost - a.lost || a.r.seq - b.r.seq);
	return keyed.map((k) => k.r);
}
