import type { TargetScore } from '../scoring/score';
import type { Target } from '../target';

export type ResultsSortKey = 'order' | 'name' | 'category' | 'score' | 'grade' | 'progress';

export interface ResultsRow {
	target: Target;
	score: TargetScore;
}

/**
 * Sorting for the results table. Scores sort vetoed targets (no number) below every scored one, so a
 * descending sort reads as a ranking.
 */
export function sortResults(rows: ResultsRow[], key: ResultsSortKey, dir: 'asc' | 'desc'): ResultsRow[] {
	const sign = dir === 'asc' ? 1 : -1;
	const value = (r: ResultsRow): number | string => {
		switch (key) {
			case 'order':
				return r.target.order;
			case 'name':
				return r.target.name;
			case 'category':
				return r.target.categoryId;
			case 'score':
				return r.score.vetoed ? -Infinity : (r.score.total ?? -Infinity);
			case 'grade':
				return r.score.gradeId;
			case 'progress':
				return r.score.applicable ? r.score.graded / r.score.applicable : 0;
		}
	};
	return [...rows].sort((a, b) => {
		const va = value(a);
		const vb = value(b);
		const c = typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb, 'zh-CN') : (va as number) - (vb as number);
		return c === 0 || Number.isNaN(c) ? a.target.order - b.target.order : sign * c;
	});
}
