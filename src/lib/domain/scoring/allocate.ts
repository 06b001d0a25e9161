import type { Finding } from '../finding';
import type { Framework, Indicator } from '../framework/schema';
import type { Target } from '../target';
import { applicability, FindingSlots } from './core';
import { deductPart, type IndicatorLossEntry } from './deduction';

/** One problem's part of its indicator's loss: a counted problem type, or the whole indicator (`deductionId` null). */
export interface ProblemLoss {
	deductionId: string | null;
	lost: number;
}

/** What one applicable deduct-part indicator costs the deduct score, and how that splits over its problems. */
export interface IndicatorAllocation {
	lost: number;
	/** Counted problem types in the indicator's deduction order, or one whole-indicator share when none is counted. */
	problems: ProblemLoss[];
}

/** The deduct part's points lost for one target, indicator by indicator and problem by problem. */
export interface LossAllocation {
	/** What the deduct part is out of, and its score before bonus (full precision): `max − deductScore` = Σ lost. */
	max: number;
	deductScore: number;
	/** Every applicable deduct-part indicator, in framework order. */
	indicators: Map<string, IndicatorAllocation>;
}

/**
 * Points lost that add up (issue 13): each applicable deduct-part indicator's loss in the deduct score, after its
 * own cap, its share of any capped section (in proportion to what each indicator lost within the section, nested
 * sections in turn) and the rescale factor, so the indicators' losses sum to `max − deductScore`. An indicator's
 * loss is split over its counted problem types in proportion to their raw points (count × points, or the fixed
 * amount), so the items of one indicator sum to what it lost. The numbers are `deductPart`'s own, the ones the
 * score is built from. A vetoed target's deduct part is allocated all the same: it is what fixing costs once the
 * veto is lifted. Empty for the other models. `own` are the target's findings (the last one per indicator wins).
 */
export function allocateLosses(framework: Framework, target: Pick<Target, 'categoryId'>, own: readonly Finding[]): LossAllocation {
	const rules = framework.scoring;
	if (rules.model !== 'deduction') return { max: 0, deductScore: 0, indicators: new Map() };
	const category = framework.categories.find((c) => c.id === target.categoryId);
	const byIndicator = new FindingSlots(framework, own);
	const app = applicability(category, byIndicator.judgedNa());
	const entries: IndicatorLossEntry[] = [];
	const part = deductPart({ framework, category, categoryLabel: '', byIndicator, app, trace: undefined }, rules, entries);
	const indicators = new Map<string, IndicatorAllocation>();
	for (const e of entries) indicators.set(e.indicator.id, { lost: e.lost, problems: shares(e.indicator, e.finding, e.lost) });
	return { max: part.max, deductScore: part.deductScore, indicators };
}

/** `lost` over the counted problem types in proportion to their raw points; all of it to the indicator when none is counted. */
function shares(indicator: Indicator, finding: Finding | undefined, lost: number): ProblemLoss[] {
	const counted: { deductionId: string; points: number }[] = [];
	let sum = 0;
	for (const d of indicator.deductions) {
		const raw = finding?.deductionCounts[d.id] ?? 0;
		const count = d.per === 'once' ? Math.min(raw, 1) : raw;
		if (count > 0) {
			counted.push({ deductionId: d.id, points: count * d.points });
			sum += count * d.points;
		}
	}
	if (counted.length === 0) return [{ deductionId: null, lost }];
	// Multiply first so whole numbers stay exact (10 × 5 / 15 rather than 10 × 0.333…).
	return counted.map((c) => ({ deductionId: c.deductionId, lost: (lost * c.points) / sum }));
}

/** Where a framework's losses can be 折算后 points (N/A rescaled or redistributed), so a column of them says so. */
export function lossesScaled(framework: Framework): boolean {
	return framework.scoring.model === 'deduction' && framework.scoring.naPolicy !== 'exclude';
}
