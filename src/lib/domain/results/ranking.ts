import type { Framework } from '../framework/schema';
import { isComplete, targetStatus } from '../progress';
import type { TargetScore } from '../scoring/score';
import type { Target } from '../target';
import { compareZh } from './shared';
import type { CategoryRanking, RankedTarget } from './types';

export type RankingTarget = Pick<Target, 'id' | 'name' | 'categoryId' | 'url' | 'ownerUnit'>;

export function rankedTarget(target: RankingTarget, score: TargetScore, rank: number | null): RankedTarget {
	return {
		targetId: target.id,
		name: target.name,
		categoryId: target.categoryId,
		url: target.url,
		ownerUnit: target.ownerUnit,
		rank,
		total: score.total,
		gradeId: score.gradeId,
		gradeTitle: score.gradeTitle,
		passed: score.passed,
		vetoed: score.vetoed,
		vetoReasons: score.vetoReasons.map((r) => r.title),
		complete: isComplete(score),
		status: targetStatus(score),
		graded: score.graded,
		applicable: score.applicable
	};
}

/**
 * Ranks targets of one category. Only complete targets are ranked (see `targetStatus`): by published score
 * (desc; equal published scores share a rank whatever the hidden digits), ties by name; competition ranking
 * (1, 2, 2, 4). Complete vetoed targets (and any without a number) follow with rank null, by name. Unfinished
 * targets are not ranked: they come back apart, by progress (most graded first), then name.
 */
export function rankTargets(entries: { target: RankingTarget; score: TargetScore }[]): { rows: RankedTarget[]; unfinished: RankedTarget[] } {
	const done = entries.filter((e) => isComplete(e.score));
	const scored = done.filter((e) => !e.score.vetoed && e.score.total !== null).sort((a, b) => b.score.total! - a.score.total! || compareZh(a.target.name, b.target.name));
	const rest = done.filter((e) => e.score.vetoed || e.score.total === null).sort((a, b) => compareZh(a.target.name, b.target.name));
	const rows: RankedTarget[] = [];
	scored.forEach((e, i) => {
		const prev = rows[i - 1];
		const rank = prev && prev.total === e.score.total ? prev.rank : i + 1;
		rows.push(rankedTarget(e.target, e.score, rank));
	});
	for (const e of rest) rows.push(rankedTarget(e.target, e.score, null));
	const share = (s: TargetScore) => (s.applicable > 0 ? s.graded / s.applicable : 0);
	const unfinished = entries
		.filter((e) => !isComplete(e.score))
		.sort((a, b) => share(b.score) - share(a.score) || compareZh(a.target.name, b.target.name))
		.map((e) => rankedTarget(e.target, e.score, null));
	return { rows, unfinished };
}

/**
 * One ranking per framework category, in framework order (categories without targets included, empty).
 * Targets whose category the framework does not know get a ranking of their own at the end, titled by
 * the id, so nobody drops out of a published list. `scores` are matched by target id; a target without
 * a score is left out.
 */
export function rankCampaign(fw: Framework, targets: RankingTarget[], scores: TargetScore[]): CategoryRanking[] {
	const scoreOf = new Map(scores.map((s) => [s.targetId, s]));
	const groups = new Map<string, { target: RankingTarget; score: TargetScore }[]>(fw.categories.map((c) => [c.id, []]));
	for (const target of targets) {
		const score = scoreOf.get(target.id);
		if (!score) continue;
		const list = groups.get(target.categoryId);
		if (list) list.push({ target, score });
		else groups.set(target.categoryId, [{ target, score }]);
	}
	return [...groups].map(([categoryId, entries]) => ({
		categoryId,
		title: fw.categories.find((c) => c.id === categoryId)?.title ?? { zh: categoryId },
		...rankTargets(entries)
	}));
}
