import type { LocalText } from '../common';
import type { Outcome } from '../finding';
import { listIndicators, type Indicator } from '../framework/schema';
import { analyseRounds, type RoundInfo, type RoundInput, type RoundState, type ScorePoint } from './history';
import { failsIn, parseProblemKey } from './problems';

/**
 * How a problem moved from the previous round to this one:
 * - `fixed`: failing before, judged now and not failing;
 * - `still`: failing before and now;
 * - `new`: failing now and in no earlier round;
 * - `regressed` (回潮): failing now, fixed before (judged and not failing at its last check), and
 *   failing in some earlier round;
 * - `unchecked`: failing before, but its indicator was not judged now (not re-checked is not fixed).
 *
 * "Before" is the problem's last known state: a round in which the indicator was not judged (or the
 * target was absent) carries the earlier state forward, so a problem nobody re-checked in round 2 and
 * still failing in round 3 is `still`, not `new` or 回潮.
 */
export type ProblemChange = 'fixed' | 'still' | 'new' | 'regressed' | 'unchecked';

export const PROBLEM_CHANGES: readonly ProblemChange[] = ['fixed', 'still', 'new', 'regressed', 'unchecked'];

export type ChangeCounts = Record<ProblemChange, number>;

export interface ProblemChangeEntry {
	change: ProblemChange;
	lineageId: string;
	/** The target's id in the compared (latest) round. */
	targetId: string;
	/** Its id in the previous round, to find that round's rectification item; null if it was absent. */
	previousTargetId: string | null;
	targetName: string;
	indicatorId: string;
	/** null: the indicator failed as a whole (or a veto). */
	deductionId: string | null;
	code: string;
	title: LocalText;
	deductionTitle: LocalText | null;
	veto: boolean;
	/** The indicator's outcome in the compared round; null when not judged. */
	outcome: Outcome | null;
	/** Round number in which the problem was first found failing. */
	firstRound: number;
}

export interface TargetComparison {
	lineageId: string;
	targetId: string;
	previousTargetId: string | null;
	name: string;
	categoryId: string;
	/** null when the target was not in the previous round (added later). */
	before: ScorePoint | null;
	after: ScorePoint;
	/** after − before in points; null when either has no number (e.g. vetoed), is not complete, or the target is new. */
	change: number | null;
	counts: ChangeCounts;
	/** fixed / (fixed + still); null when nothing was failing before and re-checked. */
	rate: number | null;
	/** In framework order. */
	problems: ProblemChangeEntry[];
}

export interface RoundComparison {
	round: RoundInfo;
	previous: RoundInfo;
	/** Targets of the compared round, in their order. */
	targets: TargetComparison[];
	/** Every entry of every target, target by target. */
	problems: ProblemChangeEntry[];
	totals: ChangeCounts;
	/** 整改率: fixed / (fixed + still), null when 0; 回潮 and unchecked problems are left out. */
	rate: number | null;
	/** Targets of the previous round missing from this one; their problems are not classified. */
	droppedTargets: { lineageId: string; targetId: string; name: string }[];
}

/** One target's scores across all rounds, aligned with `rounds` (null where it was absent). */
export interface ScoreSeries {
	lineageId: string;
	/** Name and category as of the latest round the target appeared in. */
	name: string;
	categoryId: string;
	points: (ScorePoint | null)[];
}

export interface RoundsHistory {
	rounds: RoundInfo[];
	/** comparisons[i] compares rounds[i + 1] with rounds[i]. */
	comparisons: RoundComparison[];
	series: ScoreSeries[];
}

const zeroCounts = (): ChangeCounts => ({ fixed: 0, still: 0, new: 0, regressed: 0, unchecked: 0 });
const rateOf = (c: ChangeCounts) => (c.fixed + c.still === 0 ? null : c.fixed / (c.fixed + c.still));

interface IndicatorInfo {
	indicator: Indicator;
	veto: boolean;
	order: number;
}

/** Indicator texts from the newest framework that has them, so renamed indicators show current wording. */
function indicatorIndex(states: RoundState[]): Map<string, IndicatorInfo> {
	const index = new Map<string, IndicatorInfo>();
	for (const s of [...states].reverse()) {
		for (const e of listIndicators(s.campaign.framework)) {
			if (!index.has(e.indicator.id)) index.set(e.indicator.id, { indicator: e.indicator, veto: e.block.part === 'veto', order: index.size });
		}
	}
	return index;
}

type Known = 'failing' | 'ok' | 'unknown';

/**
 * The problem's state at the last round before `n` in which its indicator was judged. `covering`
 * lets a whole-indicator failure and a counted problem type stand for each other (see failsIn).
 */
function lastKnown(states: RoundState[], lineage: string, key: string, n: number, covering: boolean): Known {
	const { indicatorId } = parseProblemKey(key);
	for (let r = n - 1; r >= 0; r--) {
		const p = states[r]!.byLineage.get(lineage)?.problems;
		if (!p?.judged.has(indicatorId)) continue;
		return (covering ? failsIn(p, key) : p.problems.has(key)) ? 'failing' : 'ok';
	}
	return 'unknown';
}

function firstFailing(states: RoundState[], lineage: string, key: string, n: number): number {
	for (let r = 0; r <= n; r++) {
		const p = states[r]!.byLineage.get(lineage)?.problems;
		if (p && failsIn(p, key)) return states[r]!.info.round;
	}
	return states[n]!.info.round;
}

/** Whether the problem failed in any round before `n` (a fix in between makes its return 回潮). */
function failedBefore(states: RoundState[], lineage: string, key: string, n: number): boolean {
	return states.slice(0, n).some((s) => {
		const p = s.byLineage.get(lineage)?.problems;
		return p !== undefined && failsIn(p, key);
	});
}

function classifyTarget(states: RoundState[], n: number, lineage: string): Map<string, ProblemChange> {
	const now = states[n]!.byLineage.get(lineage)!.problems;
	const out = new Map<string, ProblemChange>();
	// Problems failing now: carried on, back again after a fix, or seen for the first time.
	for (const key of now.problems) {
		if (lastKnown(states, lineage, key, n, true) === 'failing') out.set(key, 'still');
		else out.set(key, failedBefore(states, lineage, key, n) ? 'regressed' : 'new');
	}
	// Problems failing at their last check and not literally failing now.
	const earlier = new Set(states.slice(0, n).flatMap((s) => [...(s.byLineage.get(lineage)?.problems.problems ?? [])]));
	for (const key of earlier) {
		if (out.has(key) || lastKnown(states, lineage, key, n, false) !== 'failing') continue;
		// Still failing under another key of the same indicator: already listed as `still` there.
		if (failsIn(now, key)) continue;
		out.set(key, now.judged.has(parseProblemKey(key).indicatorId) ? 'fixed' : 'unchecked');
	}
	return out;
}

function compareAt(states: RoundState[], n: number): RoundComparison {
	// Texts from the rounds compared only, so compareAll's pairs equal compareRounds on the same prefix.
	const index = indicatorIndex(states.slice(0, n + 1));
	const current = states[n]!;
	const previous = states[n - 1]!;
	const totals = zeroCounts();
	const targets: TargetComparison[] = current.lineages.map((lineage) => {
		const { target, score, outcomes } = current.byLineage.get(lineage)!;
		const prev = previous.byLineage.get(lineage);
		const counts = zeroCounts();
		const problems: ProblemChangeEntry[] = [];
		for (const [key, change] of classifyTarget(states, n, lineage)) {
			const { indicatorId, deductionId } = parseProblemKey(key);
			const info = index.get(indicatorId);
			counts[change]++;
			totals[change]++;
			problems.push({
				change,
				lineageId: lineage,
				targetId: target.id,
				previousTargetId: prev?.target.id ?? null,
				targetName: target.name,
				indicatorId,
				deductionId,
				code: info?.indicator.code ?? indicatorId,
				title: info?.indicator.title ?? { zh: indicatorId },
				deductionTitle: deductionId === null ? null : (info?.indicator.deductions.find((d) => d.id === deductionId)?.title ?? { zh: deductionId }),
				veto: info?.veto ?? false,
				outcome: outcomes.get(indicatorId) ?? null,
				firstRound: firstFailing(states, lineage, key, n)
			});
		}
		const order = (e: ProblemChangeEntry) => index.get(e.indicatorId)?.order ?? Number.MAX_SAFE_INTEGER;
		const dOrder = (e: ProblemChangeEntry) => (e.deductionId === null ? -1 : (index.get(e.indicatorId)?.indicator.deductions.findIndex((d) => d.id === e.deductionId) ?? 0));
		problems.sort((a, b) => order(a) - order(b) || dOrder(a) - dOrder(b));
		const before = prev?.score ?? null;
		return {
			lineageId: lineage,
			targetId: target.id,
			previousTargetId: prev?.target.id ?? null,
			name: target.name,
			categoryId: target.categoryId,
			before,
			after: score,
			change: before !== null && before.complete && score.complete && before.total !== null && score.total !== null ? score.total - before.total : null,
			counts,
			rate: rateOf(counts),
			problems
		};
	});
	const droppedTargets = previous.lineages
		.filter((l) => !current.byLineage.has(l))
		.map((l) => ({ lineageId: l, targetId: previous.byLineage.get(l)!.target.id, name: previous.byLineage.get(l)!.target.name }));
	return {
		round: current.info,
		previous: previous.info,
		targets,
		problems: targets.flatMap((t) => t.problems),
		totals,
		rate: rateOf(totals),
		droppedTargets
	};
}

/**
 * Compares the last round with the one before it; earlier rounds only supply history (what was
 * failing before, so a problem back after a fix is 回潮 rather than new). Rounds go oldest first and
 * must form one chain (see assertChain).
 */
export function compareRounds(rounds: RoundInput[]): RoundComparison {
	if (rounds.length < 2) throw new Error(`A round comparison needs at least two rounds, got ${rounds.length}`);
	const states = analyseRounds(rounds);
	return compareAt(states, states.length - 1);
}

/** Every consecutive pair compared (each with the history before it) plus per-target score series. */
export function compareAll(rounds: RoundInput[]): RoundsHistory {
	const states = analyseRounds(rounds);
	const comparisons = states.slice(1).map((_, i) => compareAt(states, i + 1));
	// Latest round's order first, then targets that dropped out, in the order they were last seen.
	const lineages = [...new Set([...states].reverse().flatMap((s) => s.lineages))];
	const series = lineages.map((lineage) => {
		const latest = [...states].reverse().find((s) => s.byLineage.has(lineage))!.byLineage.get(lineage)!.target;
		return {
			lineageId: lineage,
			name: latest.name,
			categoryId: latest.categoryId,
			points: states.map((s) => s.byLineage.get(lineage)?.score ?? null)
		};
	});
	return { rounds: states.map((s) => s.info), comparisons, series };
}
