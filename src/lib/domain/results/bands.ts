import type { Framework } from '../framework/schema';
import { gradeFor } from '../scoring/core';
import type { TargetScore } from '../scoring/score';
import type { BandCount, BandSummary } from './types';

/**
 * Score distribution: `vetoed` first, then one band per grade (best → worst) with its [min, max) range.
 * Each target is counted once: vetoed ones only under `vetoed`, the others by their total (a total below
 * every band's min, or without a number, lands in the worst band). `passed` counts `TargetScore.passed`,
 * finished or not.
 */
export function scoreBands(fw: Framework, scores: TargetScore[]): BandSummary {
	const grades = fw.scoring.grades;
	const bands: BandCount[] = [
		{ id: 'vetoed', title: null, min: null, max: null, count: 0 },
		...grades.map((g, i) => ({ id: g.id, title: g.title, min: g.min, max: i === 0 ? null : grades[i - 1]!.min, count: 0 }))
	];
	let passed = 0;
	for (const s of scores) {
		if (s.passed) passed++;
		// gradeFor with passed = true is the plain "highest band whose min the total reaches" (float noise tolerated).
		const at = s.vetoed ? 0 : grades.indexOf(gradeFor(fw, s.total, true)) + 1;
		bands[at]!.count++;
	}
	return { bands, targets: scores.length, passed, passRate: scores.length > 0 ? passed / scores.length : null };
}
