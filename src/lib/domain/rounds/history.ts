import type { Campaign } from '../campaign';
import type { LocalText } from '../common';
import type { Finding, Outcome } from '../finding';
import { lineageOf, roundProblems, type LineageTarget, type RoundProblems } from './problems';
import { scoreTarget, type TargetScore } from '../scoring/score';

/** One round as the comparison reads it: the campaign, its targets and their findings. */
export interface RoundInput {
	campaign: Campaign;
	targets: LineageTarget[];
	findings: Finding[];
}

export interface RoundInfo {
	campaignId: string;
	round: number;
	title: string;
	monitoringPoint: string;
}

/** The part of a TargetScore a before/after view or a chart needs. */
export interface ScorePoint {
	targetId: string;
	/** Recorded score; null for a vetoed target when the framework records no number. */
	total: number | null;
	vetoed: boolean;
	passed: boolean;
	gradeId: string;
	gradeTitle: LocalText;
	/** How complete the round's grading was, so a partial re-check is not read as a final score. */
	graded: number;
	applicable: number;
	/** `targetStatus` complete: only then is `total` a result (else shown as 未复核, never as a score). */
	complete: boolean;
}

/** A target in one round: what it failed, what was judged, how it scored. */
export interface TargetRound {
	target: LineageTarget;
	problems: RoundProblems;
	/** Indicator → outcome as judged this round (null: opened, not judged). */
	outcomes: Map<string, Outcome | null>;
	score: ScorePoint;
}

export interface RoundState {
	info: RoundInfo;
	campaign: Campaign;
	/** Lineage → the target's state in this round. */
	byLineage: Map<string, TargetRound>;
	/** Lineages in the round's target order. */
	lineages: string[];
}

const toPoint = (s: TargetScore): ScorePoint => ({
	targetId: s.targetId,
	total: s.total,
	vetoed: s.vetoed,
	passed: s.passed,
	gradeId: s.gradeId,
	gradeTitle: s.gradeTitle,
	graded: s.graded,
	applicable: s.applicable,
	complete: s.complete
});

const label = (c: Campaign) => `round ${c.round} "${c.title}" (${c.id})`;

/**
 * Rounds must form one chain, oldest first: each names the one before as previousCampaignId and is
 * numbered one higher. Anything else would silently compare unrelated campaigns, so it throws.
 */
export function assertChain(rounds: RoundInput[]): void {
	const seen = new Set<string>();
	rounds.forEach(({ campaign }, i) => {
		if (seen.has(campaign.id)) throw new Error(`Round chain: ${label(campaign)} appears twice`);
		seen.add(campaign.id);
		if (i === 0) return;
		const prev = rounds[i - 1]!.campaign;
		if (campaign.previousCampaignId !== prev.id)
			throw new Error(`Round chain broken: ${label(campaign)} does not follow ${label(prev)} (its previousCampaignId is ${campaign.previousCampaignId ?? 'not set'})`);
		if (campaign.round !== prev.round + 1)
			throw new Error(`Round chain broken: ${label(campaign)} should be round ${prev.round + 1}, following ${label(prev)}`);
	});
}

/** Validates the chain, then scores every target and works out its problems once per round. */
export function analyseRounds(rounds: RoundInput[]): RoundState[] {
	assertChain(rounds);
	return rounds.map(({ campaign, targets, findings }) => {
		const byTarget = new Map<string, Finding[]>();
		for (const f of findings) {
			const list = byTarget.get(f.targetId);
			if (list) list.push(f);
			else byTarget.set(f.targetId, [f]);
		}
		// Stable sort: targets without an order keep the order they were given in.
		const ordered = targets.map((t, i) => ({ t, i })).sort((a, b) => (a.t.order ?? a.i) - (b.t.order ?? b.i) || a.i - b.i);
		const byLineage = new Map<string, TargetRound>();
		const lineages: string[] = [];
		for (const { t } of ordered) {
			const lineage = lineageOf(t);
			// Two targets of one lineage in a round cannot be told apart across rounds: refuse, don't guess.
			if (byLineage.has(lineage)) throw new Error(`${label(campaign)}: targets "${byLineage.get(lineage)!.target.name}" and "${t.name}" share lineage ${lineage}`);
			const own = byTarget.get(t.id) ?? [];
			byLineage.set(lineage, {
				target: t,
				problems: roundProblems(campaign.framework, t, own),
				outcomes: new Map(own.map((f) => [f.indicatorId, f.outcome])),
				score: toPoint(scoreTarget(campaign.framework, t, own))
			});
			lineages.push(lineage);
		}
		const info = { campaignId: campaign.id, round: campaign.round, title: campaign.title, monitoringPoint: campaign.monitoringPoint };
		return { info, campaign, byLineage, lineages };
	});
}
