/**
 * Merging two sets of the same kind of record (what this browser holds and what a file or a teammate
 * brings): records match by id, or else by a key that must be unique (a finding per target and
 * indicator, a 整改 item per target, indicator and problem type). A match that has two ids is a clash:
 * one record survives, under the local id, so whatever points to the local record stays attached.
 * Restore uses it; team merge will.
 */
import type { Finding } from './finding';

/** `id` is the record's key in its store. */
export interface Stamp {
	id: string;
	updatedAt: string;
}

/** Which side wins a match: always one side, or the newer (by `updatedAt`; a tie keeps the local one). */
export type MergePolicy = 'local' | 'incoming' | 'newer';
export type Side = 'local' | 'incoming';

export function winner(local: Stamp, incoming: Stamp, policy: MergePolicy): Side {
	if (policy !== 'newer') return policy;
	return Date.parse(incoming.updatedAt) > Date.parse(local.updatedAt) ? 'incoming' : 'local';
}

/** Two records of different ids for the same key, and which one was kept. */
export interface Clash {
	key: string;
	localId: string;
	incomingId: string;
	localUpdatedAt: string;
	incomingUpdatedAt: string;
	kept: Side;
}

export interface Match<L> {
	incomingId: string;
	local: L;
	/** Set when the ids differ. */
	clash?: Clash;
}

export interface MergePlan<L> {
	/** Incoming ids with no local match. */
	add: string[];
	/** Incoming records that win over their local match; they are written under `local.id`. */
	replace: Match<L>[];
	/** Incoming records whose local match wins. */
	skip: Match<L>[];
}

/**
 * Matches every incoming record with a local one (same id first, else same key) and decides each match by
 * `policy`. Incoming keys are unique (the caller validated them); so are local ones.
 */
export function mergeByKey<L extends Stamp, I extends Stamp>(local: Iterable<L>, incoming: readonly I[], keyOf: (r: L | I) => string, policy: MergePolicy): MergePlan<L> {
	const byId = new Map<string, L>();
	const byKey = new Map<string, L>();
	for (const l of local) {
		byId.set(l.id, l);
		byKey.set(keyOf(l), l);
	}
	const plan: MergePlan<L> = { add: [], replace: [], skip: [] };
	for (const r of incoming) {
		const key = keyOf(r);
		const l = byId.get(r.id) ?? byKey.get(key);
		if (!l) {
			plan.add.push(r.id);
			continue;
		}
		const kept = winner(l, r, policy);
		const match: Match<L> = { incomingId: r.id, local: l };
		if (l.id !== r.id) match.clash = { key, localId: l.id, incomingId: r.id, localUpdatedAt: l.updatedAt, incomingUpdatedAt: r.updatedAt, kept };
		(kept === 'incoming' ? plan.replace : plan.skip).push(match);
	}
	return plan;
}

/** A finding's unique key: one finding per target and indicator. */
export const findingKey = (f: Pick<Finding, 'targetId' | 'indicatorId'>) => `${f.targetId} ${f.indicatorId}`;

/**
 * Both sets of findings as one: per target and indicator the winner by `policy` (by default the newer,
 * a tie keeping the local one), an incoming winner taking the local id. Returns the merged set (local
 * order, then the incoming additions) and every clash of two ids.
 */
export function mergeFindings(local: readonly Finding[], incoming: readonly Finding[], policy: MergePolicy = 'newer'): { findings: Finding[]; clashes: Clash[] } {
	const plan = mergeByKey(local, incoming, (f) => findingKey(f as Finding), policy);
	const byId = new Map(incoming.map((f) => [f.id, f]));
	const replaced = new Map(plan.replace.map((m) => [m.local.id, { ...byId.get(m.incomingId)!, id: m.local.id }]));
	return {
		findings: [...local.map((f) => replaced.get(f.id) ?? f), ...plan.add.map((id) => byId.get(id)!)],
		clashes: [...plan.replace, ...plan.skip].flatMap((m) => (m.clash ? [m.clash] : []))
	};
}
