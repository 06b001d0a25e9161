import { deductionCount, type Finding } from '../finding';
import type { Indicator } from '../framework/schema';

/**
 * The ordered scale beside the outcome that an indicator's grades sit on: the chosen level (`levels`), the
 * elements present (`ratio`), or the problems counted (an indicator with deductions). Null: the outcome is
 * the only grade.
 */
export type OrderedScale = 'level' | 'ratio' | 'count';

export function orderedScale(indicator: Indicator): OrderedScale | null {
	if (indicator.method === 'levels' && indicator.levels.length > 0) return 'level';
	if (indicator.method === 'ratio') return 'ratio';
	if (indicator.deductions.length > 0) return 'count';
	return null;
}

/** The outcome a finding records, or null where it records none yet. */
export function outcomeGrade(finding: Finding | undefined): Finding['outcome'] {
	return finding?.outcome ?? null;
}

/**
 * A finding's place on its indicator's ordered scale: the level's rank by points (lowest 0; equal points keep
 * the framework's order), the elements met, or the problems counted over the indicator's deductions. Null
 * where there is none: no outcome yet, 不适用 (a nominal grade only), or no level or ratio chosen.
 */
export function orderedGrade(indicator: Indicator, finding: Finding | undefined): number | null {
	if (!finding || finding.outcome === null || finding.outcome === 'na') return null;
	switch (orderedScale(indicator)) {
		case 'level': {
			const rank = levelRanks(indicator).get(finding.level ?? '');
			return rank ?? null;
		}
		case 'ratio':
			return finding.ratio?.met ?? null;
		case 'count':
			return indicator.deductions.reduce((sum, d) => sum + deductionCount(finding, d.id), 0);
		default:
			return null;
	}
}

function levelRanks(indicator: Indicator): Map<string, number> {
	const ordered = indicator.levels.map((level, i) => ({ level, i })).sort((a, b) => a.level.points - b.level.points || a.i - b.i);
	return new Map(ordered.map(({ level }, rank) => [level.id, rank]));
}
