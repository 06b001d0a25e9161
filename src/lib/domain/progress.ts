import type { Campaign } from './campaign';
import type { Finding } from './finding';
import type { TargetScore } from './scoring';
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
		const done = s.applicable > 0 && s.graded === s.applicable;
		if (done) complete++;
		if (done && s.passed) passed++;
	}
	return { targets: targets.length, graded, applicable, passed, complete, lastEdited };
}
