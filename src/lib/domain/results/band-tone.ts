import type { Framework } from '../framework/schema';
import { EPS } from '../scoring/core';

/**
 * How good a score band is, for its colour: `fail` for vetoed targets and the worst band (where every failed
 * target's grade lies), `below` for any other band starting under the pass mark, and `pass` for the best band and
 * the others at or above the pass mark, `step` counting down from the best (0) to the lowest passing one
 * (`steps` − 1). Colours follow the grade, never the band's position on the chart.
 */
export type BandTone = { tone: 'fail' } | { tone: 'below' } | { tone: 'pass'; step: number; steps: number };

/** The tone of each band `scoreBands` lists, by band id (`vetoed` and each grade's id). */
export function bandTones(fw: Framework): Map<string, BandTone> {
	const { grades, passMark } = fw.scoring;
	const last = grades.length - 1;
	const passing = grades.filter((g, i) => i < last && (i === 0 || g.min >= passMark - EPS));
	const out = new Map<string, BandTone>([['vetoed', { tone: 'fail' }]]);
	grades.forEach((g, i) => {
		const step = passing.indexOf(g);
		out.set(g.id, i === last ? { tone: 'fail' } : step >= 0 ? { tone: 'pass', step, steps: passing.length } : { tone: 'below' });
	});
	return out;
}
