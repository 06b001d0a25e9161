import { describe, expect, it } from 'vitest';
import { nominalAgreement, orderedAgreement, type GradePair } from '$lib/domain/review';
import { roundedText } from '$lib/domain/rounding';

/** A figure at the precision it was published with. */
const at = (x: number | null | undefined, decimals: number) => roundedText(x!, decimals);

/** A two-way table (rows: first grader, columns: second) as one pair per item. */
function pairsOf<C>(categories: readonly C[], table: readonly (readonly number[])[]): GradePair<C>[] {
	const out: GradePair<C>[] = [];
	table.forEach((row, i) => row.forEach((count, j) => out.push(...Array.from({ length: count }, () => ({ first: categories[i]!, second: categories[j]! })))));
	return out;
}

describe('Cohen kappa on nominal grades', () => {
	it('gives the issue case: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15 → p_o 0.70, p_e 0.50, κ 0.40', () => {
		const a = nominalAgreement(pairsOf(['pass', 'fail'], [
			[20, 5],
			[10, 15]
		]));
		expect(a.items).toBe(50);
		expect(a.identical).toBe(35);
		expect(a.observed).toBeCloseTo(0.7, 12);
		expect(a.chance).toBeCloseTo(0.5, 12);
		expect(a.kappa).toBeCloseTo(0.4, 12);
		expect(a.noKappa).toBeNull();
	});

	it('matches SAS/STAT PROC FREQ, Getting Started "Agreement Study" (skin condition, 4 categories, n = 88): κ 0.3449, 95% CL 0.2030–0.4868', () => {
		// Table 3.2 "Skin Condition Data", Dermatologist 1 (rows) × Dermatologist 2 (columns), terrible/poor/marginal/clear:
		// https://documentation.sas.com/doc/en/pgmsascdc/9.4_3.5/statug/statug_freq_gettingstarted02.htm
		// "The kappa coefficient has the value 0.3449 … confidence interval of (0.2030, 0.4868)". The limits come from the
		// Fleiss–Cohen–Everitt standard error, so they check it too.
		const a = nominalAgreement(pairsOf(['terrible', 'poor', 'marginal', 'clear'], [
			[10, 4, 1, 0],
			[5, 10, 12, 2],
			[2, 4, 12, 5],
			[0, 2, 6, 13]
		]));
		expect(a.items).toBe(88);
		expect(at(a.kappa, 4)).toBe('0.3449');
		expect(at(a.ci95!.low, 4)).toBe('0.2030');
		expect(at(a.ci95!.high, 4)).toBe('0.4868');
	});
});

describe('weighted kappa on ordered grades', () => {
	// Kundel & Polansky (2003), "Measurement of observer agreement", Radiology 228:303–308, Table A1: 110 mammograms
	// rated by two readers as absent / minimal / moderate / severe (rows reader 2, columns reader 1), as shipped in
	// R's vcdExtra (data set `Mammograms`). Its documented example prints vcd::Kappa(Mammograms), whose default
	// weights are equal-spacing (1 − |i − j| / (r − 1), i.e. linear) and whose ASE is Fleiss, Cohen & Everitt's:
	//   Unweighted 0.3713 (ASE 0.06033), Weighted 0.5964 (ASE 0.04923)
	// https://friendly.github.io/vcdExtra/reference/Mammograms.html
	const MAMMOGRAMS = [
		[34, 10, 2, 0],
		[6, 8, 8, 2],
		[2, 5, 4, 12],
		[0, 1, 2, 14]
	];
	const ranks = [0, 1, 2, 3];

	it('matches the published linear weighted kappa and its ASE', () => {
		const a = orderedAgreement(pairsOf(ranks, MAMMOGRAMS), 'linear');
		expect(a.items).toBe(110);
		expect(at(a.kappa, 4)).toBe('0.5964');
		expect(at(a.standardError, 5)).toBe('0.04923');
	});

	it('matches the published unweighted kappa and its ASE on the same table', () => {
		const a = nominalAgreement(pairsOf(['absent', 'minimal', 'moderate', 'severe'], MAMMOGRAMS));
		expect(at(a.kappa, 4)).toBe('0.3713');
		expect(at(a.standardError, 5)).toBe('0.06033');
	});

	it('gives the quadratic weighted kappa Fleiss & Cohen (1973) showed equal to 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²)', () => {
		// Fleiss & Cohen (1973), "The equivalence of weighted kappa and the intraclass correlation coefficient as
		// measures of reliability", Educational and Psychological Measurement 33:613–619: with weights 1 − (i − j)²/(k − 1)²,
		// κ_w = 2·cov(x, y) / (var x + var y + (mean x − mean y)²), moments over n.
		const pairs = pairsOf(ranks, MAMMOGRAMS);
		const n = pairs.length;
		const xs = pairs.map((p) => p.first!);
		const ys = pairs.map((p) => p.second!);
		const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / n;
		const mx = mean(xs);
		const my = mean(ys);
		const sxy = mean(xs.map((x, i) => (x - mx) * (ys[i]! - my)));
		const sxx = mean(xs.map((x) => (x - mx) ** 2));
		const syy = mean(ys.map((y) => (y - my) ** 2));
		const a = orderedAgreement(pairs, 'quadratic');
		expect(a.kappa).toBeCloseTo((2 * sxy) / (sxx + syy + (mx - my) ** 2), 12);
		expect(a.kappa).toBeGreaterThan(orderedAgreement(pairs, 'linear').kappa!);
	});

	it('weights by the distance between the grades, not by their rank among the grades used', () => {
		// Counts 0, 1 and 5: a 0/5 disagreement weighs five times a 0/1 one (linear), so κ differs from ranks 0, 1, 2.
		const pairs: GradePair<number>[] = [
			{ first: 0, second: 0 },
			{ first: 0, second: 1 },
			{ first: 1, second: 1 },
			{ first: 5, second: 5 },
			{ first: 5, second: 0 }
		];
		const asRanks = pairs.map((p) => ({ first: p.first === 5 ? 2 : p.first, second: p.second === 5 ? 2 : p.second }));
		expect(orderedAgreement(pairs, 'linear').kappa).not.toBeCloseTo(orderedAgreement(asRanks, 'linear').kappa!, 3);
	});

	it('is the simple kappa when there are only two categories', () => {
		const pairs = pairsOf([0, 1], [
			[20, 5],
			[10, 15]
		]);
		expect(orderedAgreement(pairs, 'linear').kappa).toBeCloseTo(0.4, 12);
		expect(orderedAgreement(pairs, 'quadratic').kappa).toBeCloseTo(0.4, 12);
	});
});

describe('edge cases are reported, never NaN or Infinity', () => {
	it('no items: no figures, and says so', () => {
		for (const a of [nominalAgreement([]), orderedAgreement([], 'linear')]) {
			expect(a).toMatchObject({ items: 0, oneSided: 0, observed: null, chance: null, kappa: null, noKappa: 'noItems', standardError: null, ci95: null });
		}
	});

	it('one category on both sides: p_o = p_e = 1, kappa undefined', () => {
		const pairs = Array.from({ length: 12 }, () => ({ first: 'pass', second: 'pass' }));
		const a = nominalAgreement(pairs);
		expect(a).toMatchObject({ items: 12, identical: 12, observed: 1, chance: 1, kappa: null, noKappa: 'oneCategory', ci95: null });
		const w = orderedAgreement(Array.from({ length: 3 }, () => ({ first: 2, second: 2 })), 'quadratic');
		expect(w).toMatchObject({ observed: 1, chance: 1, kappa: null, noKappa: 'oneCategory' });
	});

	it('each side always the same but different categories: p_e = 0, κ = 0', () => {
		const a = nominalAgreement(Array.from({ length: 4 }, () => ({ first: 'pass', second: 'fail' })));
		expect(a).toMatchObject({ observed: 0, chance: 0, kappa: 0, noKappa: null });
	});

	it('items graded on one side only are left out and counted; items graded on neither are neither', () => {
		const a = nominalAgreement([
			...pairsOf(['pass', 'fail'], [
				[20, 5],
				[10, 15]
			]),
			{ first: 'pass', second: null },
			{ first: 'fail', second: null },
			{ first: 'pass', second: null },
			{ first: null, second: 'fail' },
			{ first: null, second: null }
		]);
		expect(a.items).toBe(50);
		expect(a.oneSided).toBe(4);
		expect(a.kappa).toBeCloseTo(0.4, 12);
	});

	it('perfect agreement: κ 1 with a zero standard error', () => {
		const a = nominalAgreement(pairsOf(['pass', 'fail', 'partial'], [
			[3, 0, 0],
			[0, 2, 0],
			[0, 0, 4]
		]));
		expect(a.kappa).toBe(1);
		expect(a.standardError).toBe(0);
		expect(a.ci95).toEqual({ low: 1, high: 1 });
	});
	it('cuts the 95% interval to κ’s range: ten items with κ 0.58 reach 1.00, not 1.10', () => {
		const pairs = [...Array(5).fill(['pass', 'pass']), ...Array(3).fill(['fail', 'fail']), ['pass', 'fail'], ['fail', 'pass']].map(([first, second]) => ({ first, second }));
		const a = nominalAgreement(pairs);
		expect(roundedText(a.kappa!, 2)).toBe('0.58');
		expect(a.ci95!.high).toBe(1);
		expect(roundedText(a.ci95!.low, 2)).toBe('0.07');
	});
});
