import type { Campaign } from './campaign';
import type { LocalText } from './common';
import type { ScoringRules } from './framework/schema';
import { scoreText } from './rounding';
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

/**
 * Where a target's assessment stands — the one rule home, results, reports, exports and rounds follow:
 * - `unstarted`: nothing graded; its score is shown as "—", never as the 100 an empty deduction sheet gives;
 * - `inProgress`: some graded; the score is provisional: no rank, no grade, not counted as 合格 or 不合格;
 * - `complete`: every applicable indicator has an outcome and every 部分符合 names what it costs
 *   (`TargetScore.complete`); only now is the score published. A veto found early does not finish a target:
 *   the 通报 lists all of its problems.
 */
export type TargetStatus = 'unstarted' | 'inProgress' | 'complete';

export function targetStatus(score: Pick<TargetScore, 'graded' | 'complete'>): TargetStatus {
	return score.complete ? 'complete' : score.graded > 0 ? 'inProgress' : 'unstarted';
}

export function isComplete(score: Pick<TargetScore, 'complete'>): boolean {
	return score.complete;
}

/** A target's score as every screen and export shows it; see `targetStatus`. */
export interface ShownScore {
	status: TargetStatus;
	/** The published score's text, provisional while in progress; "—" before any grading or without a number. */
	score: string;
	/** The published score as a number (for a spreadsheet cell); null where `score` is "—". */
	value: number | null;
	/**
	 * What stands in the score's place once complete where the framework gives no number (veto only): the grade,
	 * 合格 or 不合格. Lists on screen, the 通报, Excel and CSV all show it instead of `score`.
	 */
	verdict: LocalText | null;
	/** Only once complete: the grade and whether it passes. */
	grade: LocalText | null;
	gradeId: string | null;
	passed: boolean | null;
	graded: number;
	applicable: number;
}

/**
 * `rules.decimals` only pads the text: `total` is already rounded by the framework's own rule. `score` may be a
 * ranked row too: it has the same fields.
 */
export function shownScore(
	score: Pick<TargetScore, 'total' | 'graded' | 'applicable' | 'complete' | 'gradeId' | 'gradeTitle' | 'passed'>,
	rules: Pick<ScoringRules, 'decimals'> & Partial<Pick<ScoringRules, 'model'>>
): ShownScore {
	const status = targetStatus(score);
	const value = status === 'unstarted' ? null : score.total;
	const done = status === 'complete';
	return {
		status,
		score: scoreText(value, rules.decimals),
		value,
		verdict: done && rules.model === 'veto' ? score.gradeTitle : null,
		grade: done ? score.gradeTitle : null,
		gradeId: done ? score.gradeId : null,
		passed: done ? score.passed : null,
		graded: score.graded,
		applicable: score.applicable
	};
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
