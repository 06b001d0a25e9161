import type { LocalText } from '../common';
import type { Finding } from '../finding';
import { listIndicators, type Framework, type Indicator } from '../framework/schema';
import { countedSum } from './core';
import { indicatorFraction, scoreTarget, type TargetScore } from './score';
import type { Target } from '../target';

export interface Impact {
	indicatorId: string;
	code: string;
	title: LocalText;
	/**
	 * Score after fixing only this problem, and the rise from the recorded score (a veto's none counts as 0).
	 * Never negative: lifting a veto can leave a score below the veto score (59 → 53), which is no gain.
	 */
	newTotal: number | null;
	gain: number;
	/** Fixing this alone removes the veto. */
	liftsVeto: boolean;
	/** A failed veto indicator that is not the only one: it must be fixed too, but gains nothing alone. */
	vetoShared: boolean;
	/** The target passes after this fix (a lifted veto may still leave it below the pass mark). */
	passes: boolean;
	/** A bonus point not yet earned: an opportunity, listed after every problem that loses points. */
	bonus: boolean;
	/** Grade after the fix when it differs from the current one. */
	newGrade: { id: string; title: LocalText } | null;
}

/** A finding that leaves points on the table: failed, partial, counted problems, or a level/ratio below full. */
export function hasProblem(indicator: Indicator, finding: Finding): boolean {
	if (finding.outcome === 'fail' || finding.outcome === 'partial') return true;
	if (finding.outcome === 'na' || finding.outcome === null) return false;
	// countedSum, not countedPoints: this runs on every finding of a campaign, and the formula is not needed.
	if (countedSum(indicator, finding).hasCounts) return true;
	return indicatorFraction(indicator, finding).fraction < 1 && (finding.level !== undefined || finding.ratio !== undefined);
}

/** The same finding with its problem gone: 符合, nothing counted, the top level, every element present. */
export function fixed(indicator: Indicator, finding: Finding): Finding {
	const top = indicator.levels.reduce<Indicator['levels'][number] | undefined>((best, l) => (!best || l.points > best.points ? l : best), undefined);
	return {
		...finding,
		outcome: 'pass',
		deductionCounts: {},
		level: finding.level !== undefined && top ? top.id : finding.level,
		ratio: finding.ratio ? { met: finding.ratio.of, of: finding.ratio.of } : undefined
	};
}

/**
 * For each problem of a target, what fixing that one problem would do to the score. Sorted so the
 * inspector and the agency see first what changes the result most: vetoes, then the largest gain; bonus
 * opportunities (points not earned, not lost) follow every problem, largest first.
 */
export function whatIf(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, findings: Finding[], current?: TargetScore): Impact[] {
	const now = current ?? scoreTarget(framework, target, findings);
	const entries = new Map(listIndicators(framework).map((e) => [e.indicator.id, e]));
	const impacts: Impact[] = [];
	findings.forEach((f, i) => {
		const entry = entries.get(f.indicatorId);
		if (!entry || f.targetId !== target.id || !hasProblem(entry.indicator, f)) return;
		const { indicator, block } = entry;
		const after = scoreTarget(framework, target, findings.with(i, fixed(indicator, f)));
		const gain = Math.max(0, (after.total ?? 0) - (now.total ?? 0));
		const liftsVeto = now.vetoed && !after.vetoed;
		const vetoShared = now.vetoed && after.vetoed && now.vetoReasons.some((r) => r.indicatorId === f.indicatorId);
		if (gain <= 1e-9 && !liftsVeto && !vetoShared) return;
		impacts.push({
			indicatorId: indicator.id,
			code: indicator.code,
			title: indicator.title,
			newTotal: after.total,
			gain: vetoShared ? 0 : gain,
			liftsVeto,
			vetoShared,
			passes: after.passed,
			bonus: block.part === 'bonus',
			newGrade: after.gradeId !== now.gradeId ? { id: after.gradeId, title: after.gradeTitle } : null
		});
	});
	const rank = (x: Impact) => (x.bonus ? -1 : x.liftsVeto ? 2 : x.vetoShared ? 1 : 0);
	return impacts.sort((a, b) => rank(b) - rank(a) || b.gain - a.gain || a.code.localeCompare(b.code));
}
