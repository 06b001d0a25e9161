/**
 * Agreement between two graders of the same items: observed agreement p_o, chance agreement p_e and Cohen's
 * kappa κ = (p_o − p_e) / (1 − p_e), on nominal categories (Cohen 1960) or on ordered ones with linear or
 * quadratic agreement weights (Cohen 1968; the weights of Cicchetti & Allison 1971 and Fleiss & Cohen 1973).
 */

/** `nominal`: only identical grades agree. `linear` / `quadratic`: partial credit falling with the distance. */
export type Weighting = 'nominal' | 'linear' | 'quadratic';

/** Why a figure has no kappa: no item graded on both sides, or both graders used one and the same category (p_e = 1). */
export type NoKappa = 'noItems' | 'oneCategory';

/** One item's two grades; `null` where that side has not graded it. */
export interface GradePair<C> {
	first: C | null;
	second: C | null;
}

export interface Agreement {
	weighting: Weighting;
	/** Items graded on both sides: the n behind every figure below. */
	items: number;
	/** Items graded on one side only, left out of every figure. */
	oneSided: number;
	/** Items whose two grades are identical. */
	identical: number;
	/** p_o (weighted for ordered categories); null without items. */
	observed: number | null;
	/** p_e from the two graders' marginal distributions; null without items. */
	chance: number | null;
	kappa: number | null;
	noKappa: NoKappa | null;
	/**
	 * Large-sample standard error of κ (Fleiss, Cohen & Everitt 1969, not assuming κ = 0) and the 95% Wald
	 * interval κ ± 1.96·SE, cut to κ's range [−1, 1] (few items give wide intervals, and a bound past 1 is no κ);
	 * null where κ is.
	 */
	standardError: number | null;
	ci95: { low: number; high: number } | null;
}

/** z for a two-sided 95% interval (the normal quantile 0.975), as SAS and R print it. */
const Z95 = 1.959963984540054;

/**
 * Agreement of nominal grades (e.g. the outcomes 符合/不符合/部分符合/不适用). Categories are the grades either side
 * used: one neither used changes no figure.
 */
export function nominalAgreement<C extends string>(pairs: readonly GradePair<C>[]): Agreement {
	return agreement(pairs, 'nominal', (a, b) => (a === b ? 0 : 1));
}

/**
 * Agreement of ordered grades given as numbers on their scale (a level's rank, a count of problems). The
 * disagreement of two grades is their distance (linear) or its square (quadratic), scaled by the largest
 * distance between grades used so that agreement weights run from 1 (same grade) to 0. κ does not depend
 * on that scaling; the weighted p_o and p_e do, as in every package that scales by the table's range.
 */
export function orderedAgreement(pairs: readonly GradePair<number>[], weighting: 'linear' | 'quadratic'): Agreement {
	const power = weighting === 'linear' ? 1 : 2;
	return agreement(pairs, weighting, (a, b) => Math.abs(a - b) ** power);
}

function agreement<C>(pairs: readonly GradePair<C>[], weighting: Weighting, distance: (a: C, b: C) => number): Agreement {
	const both = pairs.filter((p): p is { first: C; second: C } => p.first !== null && p.second !== null);
	const oneSided = pairs.filter((p) => (p.first === null) !== (p.second === null)).length;
	const n = both.length;
	const identical = both.filter((p) => p.first === p.second).length;
	const empty = { weighting, items: n, oneSided, identical, observed: null, chance: null, kappa: null, standardError: null, ci95: null };
	if (n === 0) return { ...empty, noKappa: 'noItems' };

	const categories = [...new Set(both.flatMap((p) => [p.first, p.second]))];
	const index = new Map(categories.map((c, i) => [c, i]));
	const k = categories.length;
	const cells = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	for (const p of both) cells[index.get(p.first)!]![index.get(p.second)!]!++;
	const rows = cells.map((r) => r.reduce((a, b) => a + b, 0));
	const cols = categories.map((_, j) => cells.reduce((a, r) => a + r[j]!, 0));

	const d = categories.map((a) => categories.map((b) => distance(a, b)));
	const dMax = Math.max(...d.flat());
	// Agreement weights: 1 on the diagonal, 0 for the farthest grades used.
	const w = d.map((r) => r.map((x) => (dMax === 0 ? 1 : 1 - x / dMax)));

	// Disagreement sums in whole counts, so that "one category only" is an exact zero, not a rounding accident.
	let observedOff = 0;
	let chanceOff = 0;
	for (let i = 0; i < k; i++)
		for (let j = 0; j < k; j++) {
			observedOff += d[i]![j]! * cells[i]![j]!;
			chanceOff += d[i]![j]! * rows[i]! * cols[j]!;
		}
	const observed = dMax === 0 ? 1 : 1 - observedOff / (dMax * n);
	const chance = dMax === 0 ? 1 : 1 - chanceOff / (dMax * n * n);
	if (chanceOff === 0) return { ...empty, observed, chance, noKappa: 'oneCategory' };

	const kappa = 1 - (n * observedOff) / chanceOff;
	const standardError = fleissCohenEverittSe(cells, rows, cols, w, n, kappa, chance);
	return {
		weighting,
		items: n,
		oneSided,
		identical,
		observed,
		chance,
		kappa,
		noKappa: null,
		standardError,
		ci95: { low: Math.max(-1, kappa - Z95 * standardError), high: Math.min(1, kappa + Z95 * standardError) }
	};
}

/**
 * Fleiss, Cohen & Everitt (1969), "Large sample standard errors of kappa and weighted kappa", Psychological
 * Bulletin 72, 323–327; the form SAS PROC FREQ (AGREE) documents:
 * var(κ) = [Σᵢⱼ pᵢⱼ (wᵢⱼ − (w̄ᵢ. + w̄.ⱼ)(1 − κ))² − (κ − p_e(1 − κ))²] / (n (1 − p_e)²),
 * with w̄ᵢ. = Σⱼ p.ⱼ wᵢⱼ and w̄.ⱼ = Σᵢ pᵢ. wᵢⱼ. With 0/1 weights it is the simple kappa's.
 */
function fleissCohenEverittSe(cells: number[][], rows: number[], cols: number[], w: number[][], n: number, kappa: number, chance: number): number {
	const k = rows.length;
	const rowMean = w.map((r) => r.reduce((a, wij, j) => a + (cols[j]! / n) * wij, 0));
	const colMean = cols.map((_, j) => w.reduce((a, r, i) => a + (rows[i]! / n) * r[j]!, 0));
	let sum = 0;
	for (let i = 0; i < k; i++)
		for (let j = 0; j < k; j++) {
			const p = cells[i]![j]! / n;
			if (p > 0) sum += p * (w[i]![j]! - (rowMean[i]! + colMean[j]!) * (1 - kappa)) ** 2;
		}
	const variance = (sum - (kappa - chance * (1 - kappa)) ** 2) / (n * (1 - chance) ** 2);
	// Perfect agreement gives 0 up to rounding, which can fall just below it.
	return Math.sqrt(Math.max(0, variance));
}
