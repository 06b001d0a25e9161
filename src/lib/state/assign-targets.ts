import { touch, type Context } from '$lib/domain/common';
import type { Target } from '$lib/domain/target';
import { StorageError } from '$lib/storage/errors';
import type { TargetRepository } from '$lib/storage/repositories';

/** Rounds of read and write against tabs that keep writing the same targets: then the 'stale' failure stands. */
const ATTEMPTS = 3;

export interface Assigned {
	/** The targets as stored with their new assessor. */
	saved: Target[];
	/** Targets another tab re-assigned after this tab read them: that tab's assessor is kept. */
	kept: Target[];
	/** Every target of the campaign as stored now, when a stale write made the write read them again. */
	reread: Target[] | null;
}

/**
 * Sets the assessor of `bases` (the targets as this tab shows them) in one write. Storage refuses the write when
 * any of them was changed elsewhere ('stale'); then they are read again and the assessor is set on the stored
 * copies, except where another tab changed the assessor itself: that assignment is newer than the one on screen
 * and is kept (and reported), not overwritten.
 */
export async function assignTargets(repo: TargetRepository, campaignId: string, bases: readonly Target[], assessor: string, ctx: Context): Promise<Assigned> {
	const to = assessor.trim();
	let latest = [...bases];
	const kept: Target[] = [];
	let reread: Target[] | null = null;
	for (let attempt = 1; ; attempt++) {
		try {
			const saved = await repo.putMany(latest.map((t) => touch({ ...t, assessor: to }, ctx)));
			return { saved, kept, reread };
		} catch (e) {
			if (!(e instanceof StorageError && e.code === 'stale') || attempt === ATTEMPTS) throw e;
		}
		reread = await repo.listByCampaign(campaignId);
		const stored = new Map(reread.map((t) => [t.id, t]));
		latest = [];
		for (const base of bases) {
			const now = stored.get(base.id);
			// Deleted elsewhere, or already assigned as asked: nothing to write.
			if (!now || now.assessor.trim() === to) continue;
			if (now.assessor.trim() !== base.assessor.trim()) {
				if (!kept.some((k) => k.id === now.id)) kept.push(now);
			} else latest.push(now);
		}
	}
}
