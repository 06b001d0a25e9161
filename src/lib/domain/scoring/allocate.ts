import { deductionCount, type Finding } from '../finding';
import type { Framework, Indicator } from '../framework/schema';
import type { Target } from '../target';
import { applicability, FindingSlots, indicatorPositions, type FindingLookup } from './core';
import { deductPart, type IndicatorLosses } from './deduction';

/** One problem's part of its indicator's loss: a counted problem type, or the whole indicator (`deductionId` null). */
export interface ProblemLoss {
	deductionId: string | null;
	lost: number;
}

/** What one applicable deduct-part indicator cost the deduct score, with the finding its problems come from. */
export interface IndicatorLoss {
	indicator: Indicator;
	finding: Finding | undefined;
	lost: number;
}

/**
 * The deduct part's points lost for one target, indicator by indicator; `problemLosses` splits an indicator's
 * loss over its problems. Kept as `deductPart` recorded it (flat arrays and a slot per framework indicator): the
 * results allocate every target of a province, and an object or a `Map` entry per indicator cost more than the
 * allocation itself.
 */
export class LossAllocation {
	/** What the deduct part is out of, and its score before bonus (full precision): `max − deductScore` = Σ lost. */
	readonly max: number;
	readonly deductScore: number;
	readonly #losses: IndicatorLosses;
	readonly #findings: FindingLookup;
	readonly #positions: ReadonlyMap<string, number>;
	/** Index into `#losses` + 1 for each framework indicator, 0 where it is not an applicable deduct-part one. */
	readonly #slots: Int32Array;

	constructor(framework: Framework, max: number, deductScore: number, losses: IndicatorLosses, findings: FindingLookup) {
		this.max = max;
		this.deductScore = deductScore;
		this.#losses = losses;
		this.#findings = findings;
		this.#positions = indicatorPositions(framework);
		this.#slots = new Int32Array(this.#positions.size);
		losses.indicators.forEach((ind, k) => (this.#slots[this.#positions.get(ind.id)!] = k + 1));
	}

	/** An applicable deduct-part indicator's loss; undefined for any other indicator. */
	get(indicatorId: string): IndicatorLoss | undefined {
		const at = this.#positions.get(indicatorId);
		const k = at === undefined ? 0 : this.#slots[at]!;
		return k === 0 ? undefined : this.#entry(k - 1);
	}

	/** Every applicable deduct-part indicator's loss, in framework order. */
	all(): IndicatorLoss[] {
		return this.#losses.indicators.map((_, k) => this.#entry(k));
	}

	#entry(k: number): IndicatorLoss {
		const indicator = this.#losses.indicators[k]!;
		return { indicator, finding: this.#findings.get(indicator.id), lost: this.#losses.lost[k]! };
	}
}

/**
 * Points lost that add up (issue 13): each applicable deduct-part indicator's loss in the deduct score, after its
 * own cap, its share of any capped section (in proportion to what each indicator lost within the section, nested
 * sections in turn) and the rescale factor, so the indicators' losses sum to `max − deductScore`. The numbers are
 * `deductPart`'s own, the ones the score is built from. A vetoed target's deduct part is allocated all the same:
 * it is what fixing costs once the veto is lifted. Empty for the other models. `own` are the target's findings
 * (the last one per indicator wins), or the `FindingSlots` a caller already holds for them.
 */
export function allocateLosses(framework: Framework, target: Pick<Target, 'categoryId'>, own: readonly Finding[] | FindingSlots): LossAllocation {
	const rules = framework.scoring;
	const byIndicator = own instanceof FindingSlots ? own : new FindingSlots(framework, own);
	const losses: IndicatorLosses = { indicators: [], lost: [] };
	if (rules.model !== 'deduction') return new LossAllocation(framework, 0, 0, losses, byIndicator);
	const category = framework.categories.find((c) => c.id === target.categoryId);
	const app = applicability(category, byIndicator.judgedNa());
	const part = deductPart({ framework, category, categoryLabel: '', byIndicator, app, trace: undefined }, rules, losses);
	return new LossAllocation(framework, part.max, part.deductScore, losses, byIndicator);
}

/**
 * An indicator's loss split over its problems, so one indicator's 整改 items add up to what it lost: over its
 * counted problem types in proportion to their raw points (count × points, or a once-only type's fixed amount), in
 * the indicator's deduction order; all of it to the indicator when nothing is counted; nothing when it lost nothing.
 */
export function problemLosses(entry: IndicatorLoss): ProblemLoss[] {
	const { indicator, finding, lost } = entry;
	if (lost === 0) return [];
	let sum = 0;
	for (const d of indicator.deductions) sum += timesCounted(d, finding) * d.points;
	if (sum === 0) return [{ deductionId: null, lost }];
	const out: ProblemLoss[] = [];
	for (const d of indicator.deductions) {
		const points = timesCounted(d, finding) * d.points;
		// Multiply first so whole numbers stay exact (10 × 5 / 15 rather than 10 × 0.333…).
		if (points > 0) out.push({ deductionId: d.id, lost: (lost * points) / sum });
	}
	return out;
}

/** How often a problem type counts on a finding: a once-only type at most once. */
function timesCounted(d: Indicator['deductions'][number], finding: Finding | undefined): number {
	const raw = deductionCount(finding, d.id);
	return d.per === 'once' ? Math.min(raw, 1) : raw;
}

/** Where a framework's losses can be 折算后 points (N/A rescaled or redistributed), so a column of them says so. */
export function lossesScaled(framework: Framework): boolean {
	return framework.scoring.model === 'deduction' && framework.scoring.naPolicy !== 'exclude';
}
