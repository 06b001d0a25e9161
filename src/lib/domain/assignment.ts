import { compareZh } from './results/shared';
import type { Target } from './target';

/** Which targets a bulk assignment applies to. */
export type AssignScope = { kind: 'selected'; ids: readonly string[] } | { kind: 'category'; categoryId: string } | { kind: 'unassigned' } | { kind: 'all' };

type Assignable = Pick<Target, 'id' | 'categoryId' | 'assessor'>;

/** An assessor's share of a campaign's targets; `assessor` '' is the unassigned row. */
export interface AssessorCount {
	assessor: string;
	count: number;
}

/** Targets per assigned assessor, by name, with the unassigned ones last (left out when there are none). */
export function assessorCounts(targets: readonly Pick<Target, 'assessor'>[]): AssessorCount[] {
	const counts = new Map<string, number>();
	for (const t of targets) {
		const who = t.assessor.trim();
		counts.set(who, (counts.get(who) ?? 0) + 1);
	}
	const unassigned = counts.get('') ?? 0;
	counts.delete('');
	const rows = [...counts].map(([assessor, count]) => ({ assessor, count })).sort((a, b) => compareZh(a.assessor, b.assessor));
	return unassigned > 0 ? [...rows, { assessor: '', count: unassigned }] : rows;
}

/** The targets of `scope` whose assessor is not `assessor` already: what assigning them changes, in list order. */
export function targetsToAssign<T extends Assignable>(targets: readonly T[], scope: AssignScope, assessor: string): T[] {
	const to = assessor.trim();
	const selected = scope.kind === 'selected' ? new Set(scope.ids) : null;
	const inScope = (t: T) =>
		scope.kind === 'all' || (scope.kind === 'unassigned' ? t.assessor.trim() === '' : scope.kind === 'category' ? t.categoryId === scope.categoryId : selected!.has(t.id));
	return targets.filter((t) => inScope(t) && t.assessor.trim() !== to);
}

/** Names to offer when assigning: every name given, trimmed, once, by name. */
export function knownAssessors(names: readonly string[]): string[] {
	return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))].sort(compareZh);
}
