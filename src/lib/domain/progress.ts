import type { Campaign } from './campaign';
import type { Finding } from './finding';
import type { TargetScore } from './scoring/score';
import type { Target } from './target';

export interface CampaignSummary {
	targets: number;
	graded: number;
	applicable: number;
	/** Targets fully graded and not failed. */
	passed: number;
	/** Targets with every applicable indicator graded. */
	complete: number;
	lastEdited: string;
}

/** Every applicable indicator judged: only then is a grade final (a veto is decisive earlier). */
export function isComplete(score: Pick<TargetScore, 'graded' | 'applicable'>): boolean {
	return score.applicable > 0 && score.graded === score.applicable;
}

export function summarizeCampaign(campaign: Campaign, targets: Target[], findings: Finding[], scores: TargetScore[]): CampaignSummary {
	let lastEdited = campaign.updatedAt;
	for (const r of [...targets, ...findings]) if (r.updatedAt > lastEdited) lastEdited = r.updatedAt;
	let graded = 0;
	let applicable = 0;
	let passed = 0;
	let complete = 0;
	for (const s of scores) {
		graded += s.graded;
		applicable += s.applicable;
		const done = isComplete(s);
		if (done) complete++;
		if (done && s.passed) passed++;
	}
	return { targets: targets.length, graded, applicable, passed, complete, lastEdited };
}
