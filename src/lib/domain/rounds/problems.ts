import { deductionCount, type Finding } from '../finding';
import { listIndicators, type Framework, type Indicator } from '../framework/schema';
import { requiredIndicators } from '../scoring/score';
import type { Target } from '../target';

/**
 * A target as the round comparison needs it. `lineageId` is the target's id in the first round it
 * appeared in; a target without one started its own lineage, so its id is its lineage.
 */
export type LineageTarget = Pick<Target, 'id' | 'name' | 'categoryId'> & { lineageId?: string; order?: number };

export const lineageOf = (t: { id: string; lineageId?: string }) => t.lineageId ?? t.id;

/**
 * One problem of a target, the same triple a rectification item is keyed by (minus the target):
 * `${indicatorId} ${deductionId ?? ''}`. Slugs cannot contain spaces, so the key splits back safely.
 */
export const problemKey = (indicatorId: string, deductionId: string | null) => `${indicatorId} ${deductionId ?? ''}`;

export function parseProblemKey(key: string): { indicatorId: string; deductionId: string | null } {
	const [indicatorId = '', deductionId = ''] = key.split(' ');
	return { indicatorId, deductionId: deductionId === '' ? null : deductionId };
}

export interface RoundProblems {
	/** Problem keys the target currently fails. */
	problems: Set<string>;
	/** Indicators (required by the category, bonus excluded) the inspector judged, N/A included. */
	judged: Set<string>;
	/** Indicators with at least one problem: lets a whole-indicator failure match its counted problems. */
	failing: Set<string>;
}

/**
 * The problems of one target in one round, defined as a rectification list would list them:
 * - veto indicators: 不符合 (a veto is all or nothing; 部分符合 does not veto);
 * - deduct part: each problem type counted at least once, or the indicator itself when it is
 *   不符合 / 部分符合 without counts (counts on a 符合 finding do not score, so they are no problem);
 * - weighted and checklist parts: 不符合 / 部分符合 (a level or ratio below full sets 部分符合);
 * - bonus indicators are never problems, and indicators the category does not require are skipped,
 *   so a category change between rounds does not make problems appear or vanish as "fixed".
 */
export function roundProblems(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, findings: Finding[]): RoundProblems {
	const byIndicator = new Map(findings.filter((f) => f.targetId === target.id).map((f) => [f.indicatorId, f]));
	// The top-level block decides how an indicator scores, exactly as scoring walks the sections.
	const partOf = new Map(listIndicators(framework).map((e) => [e.indicator.id, e.block.part]));
	const out: RoundProblems = { problems: new Set(), judged: new Set(), failing: new Set() };
	for (const indicator of requiredIndicators(framework, target.categoryId)) {
		const part = partOf.get(indicator.id);
		if (part === 'bonus') continue;
		const finding = byIndicator.get(indicator.id);
		if (!finding || finding.outcome === null) continue;
		out.judged.add(indicator.id);
		for (const key of indicatorProblems(indicator, part, finding)) {
			out.problems.add(key);
			out.failing.add(indicator.id);
		}
	}
	return out;
}

function indicatorProblems(indicator: Indicator, part: string | undefined, finding: Finding): string[] {
	const { outcome } = finding;
	if (part === 'veto') return outcome === 'fail' ? [problemKey(indicator.id, null)] : [];
	if (outcome !== 'fail' && outcome !== 'partial') return [];
	if (part === 'deduct') {
		const counted = indicator.deductions.filter((d) => deductionCount(finding, d.id) > 0).map((d) => problemKey(indicator.id, d.id));
		if (counted.length > 0) return counted;
	}
	return [problemKey(indicator.id, null)];
}

/** The problem keys alone, for callers that only need "what is wrong with this target now". */
export function problemKeys(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, findings: Finding[]): Set<string> {
	return roundProblems(framework, target, findings).problems;
}

/**
 * Whether a problem counts as failing in a round. A whole-indicator failure (no problem type) and a
 * counted problem type of the same indicator describe the same indicator failing, so each covers the
 * other: an indicator that failed as a whole and now fails with counted problems is "still" failing,
 * not "fixed" plus "new".
 */
export function failsIn(state: RoundProblems, key: string): boolean {
	if (state.problems.has(key)) return true;
	const { indicatorId, deductionId } = parseProblemKey(key);
	return deductionId === null ? state.failing.has(indicatorId) : state.problems.has(problemKey(indicatorId, null));
}
