import type { Framework } from '../framework/schema';
import { gradeFor } from '../scoring/core';
import type { TargetScore } from '../scoring/score';
import { isComplete } from '../progress';
import type { BandCount, BandSummary } from './types';

/**
 * Score distribution of the complete targets: `vetoed` first, then one band per grade (best → worst) with its
 * [min, max) range. Each complete target is counted once: vetoed ones only under `vetoed`, the others by their
 * published total (a total below every band's min, or without a number, lands in the worst band). Unfinished
 * targets are counted apart and in nothing else: a provisional score is no result.
 */
export function scoreBands(fw: Framework, scores: TargetScore[]): BandSummary {
	const grades = fw.scoring.grades;
	const bands: BandCount[] = [
		{ id: 'vetoed', title: null, min: null, max: null, count: 0 },
		...grades.map((g, i) => ({ id: g.id, title: g.title, min: g.min, max: i === 0 ? null : grades[i - 1]!.min, count: 0 }))
	];
	let passed = 0;
	let complete = 0;
	for (const s of scores) {
		if (!isComplete(s)) continue;
		complete++;
		if (s.passed) passed++;
		// gradeFor with passed = true is the plain "highest band whose min the total reaches" (float noise tolerated).
		const at = s.vetoed ? 0 : grades.indexOf(gradeFor(fw, s.total, true)) + 1;
		bands[at]!.count++;
	}
	return { bands, targets: scores.length, complete, unfinished: scores.length - complete, passed, passRate: complete > 0 ? passed / complete : null };
}
