/**
 * What the merge preview lists of a plan's applied changes: one entry per target, so a return of 100 targets with
 * every finding changed (12,000 changes) is 100 rows, each opened on demand, not 12,000 rows at once.
 */
import type { AppliedItem, MergeItem } from './merge';

export interface AppliedTarget {
	targetId: string;
	items: AppliedItem[];
	/** Who made the returned changes, each once, in the order first met. */
	by: string[];
	/** The newest returned change's time. */
	lastAt: string;
}

/** A plan's applied items grouped by target, targets and items in the order the plan lists them. */
export function appliedByTarget(items: readonly MergeItem[]): AppliedTarget[] {
	const groups = new Map<string, AppliedTarget>();
	for (const item of items) {
		if (item.kind !== 'apply') continue;
		const { updatedBy, updatedAt } = item.returned;
		const group = groups.get(item.targetId);
		if (!group) {
			groups.set(item.targetId, { targetId: item.targetId, items: [item], by: [updatedBy], lastAt: updatedAt });
			continue;
		}
		group.items.push(item);
		if (!group.by.includes(updatedBy)) group.by.push(updatedBy);
		if (Date.parse(updatedAt) > Date.parse(group.lastAt)) group.lastAt = updatedAt;
	}
	return [...groups.values()];
}
