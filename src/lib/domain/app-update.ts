/**
 * When a new version of Kaiming may replace the running one. A reload throws away everything that is not yet in
 * IndexedDB, so it happens only when the user asked for it, no write is queued or in flight, and no form holds
 * typing that has not been submitted.
 */
export type UpdateStep =
	/** Nothing new: no banner. */
	| 'none'
	/** A new version is ready: offer to reload, wait for the user. */
	| 'offer'
	/** The user accepted; wait until the pending writes have committed, then decide again. */
	| 'saving'
	/** The user accepted but a form holds unsubmitted input: keep the page and say why. */
	| 'drafts'
	/** Safe: switch to the new version and reload. */
	| 'apply';

export interface UpdateFacts {
	/** A new version is installed and waiting, or has already taken over this page (accepted in another tab). */
	available: boolean;
	/** The user asked to reload. */
	accepted: boolean;
	/** Writes queued or not yet committed. */
	pendingWrites: number;
	/** A form holds input the user typed and has not submitted. */
	drafts: boolean;
}

export function updateStep(f: UpdateFacts): UpdateStep {
	if (!f.available) return 'none';
	if (!f.accepted) return 'offer';
	// Writes first: a draft the user submits while we wait only adds a write, which is waited for next.
	if (f.pendingWrites > 0) return 'saving';
	if (f.drafts) return 'drafts';
	return 'apply';
}
