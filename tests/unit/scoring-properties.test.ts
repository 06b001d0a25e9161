import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, Outcome } from '$lib/domain/finding';
import { roundScore, scoreCampaign, scoreLazily, scoreTarget, type TargetScore, fixed, hasProblem } from '$lib/domain/scoring';
import { listIndicators } from '$lib/domain/framework';
import { TARGET, finding, miniFramework } from './fixtures/mini-framework';

const fw = miniFramework();
const indicators = listIndicators(fw).map((e) => e.indicator);
const outcome = fc.constantFrom<Outcome | null>('pass', 'fail', 'partial', 'na', null);

/** Random findings on the mini framework: any outcome and problem counts on any indicator. */
const findingsArb = fc
	.array(
		fc.record({
			i: fc.nat({ max: indicators.length - 1 }),
			outcome,
			counts: fc.array(fc.nat({ max: 12 }), { minLength: 2, maxLength: 2 })
		}),
		{ maxLength: 12 }
	)
	.map((raw) => {
		const byId = new Map<string, Finding>();
		for (const r of raw) {
			const ind = indicators[r.i]!;
			const counts = Object.fromEntries(ind.deductions.map((d, k) => [d.id, r.counts[k] ?? 0]).filter(([, c]) => (c as number) > 0));
			byId.set(ind.id, finding(ind.id, r.outcome, counts));
		}
		return [...byId.values()];
	});
const categoryArb = fc.constantFrom('portal', 'dept', 'nosvc');

/** Replays a deduction-model trace: sections add to part 2, the rescale step gives part 2, part 2 + bonus = total. */
function recompute(s: TargetScore): number | null {
	if (s.vetoed) return s.total;
	const sections = s.trace.filter((t) => t.key === 'trace.section');
	for (const t of sections) expect((t.params.max as number) - (t.params.lost as number)).toBeCloseTo(t.params.score as number, 9);
	const sum = sections.reduce((a, t) => a + (t.params.score as number), 0);
	const rescale = s.trace.find((t) => t.key === 'trace.rescale');
	const part2 = rescale ? (sum * (rescale.params.total as number)) / (rescale.params.applicable as number) : sum;
	const total = s.trace.find((t) => t.key === 'trace.total')!.params;
	expect(total.deduct as number).toBeCloseTo(part2, 9);
	return part2 + (total.bonus as number);
}

describe('scoring properties', () => {
	it('scoring without building the trace gives the same score, and the same trace once it is read', () => {
		fc.assert(
			fc.property(findingsArb, categoryArb, (findings, categoryId) => {
				const target = { id: TARGET, categoryId };
				const full = scoreTarget(fw, target, findings);
				const lazy = scoreLazily(fw, target, findings);
				const [inCampaign] = scoreCampaign(fw, [target], findings);
				for (const s of [lazy, inCampaign!]) {
					expect({ ...s, trace: [] }).toEqual({ ...full, trace: [] });
					expect(s.trace).toEqual(full.trace);
				}
			})
		);
	});

	it('fixing a problem never lowers the score', () => {
		fc.assert(
			fc.property(findingsArb, categoryArb, fc.nat(), (findings, categoryId, pick) => {
				const target = { id: TARGET, categoryId };
				const before = scoreTarget(fw, target, findings);
				const problems = findings.map((f, i) => [f, i] as const).filter(([f]) => hasProblem(indicators.find((x) => x.id === f.indicatorId)!, f));
				if (problems.length === 0) return;
				const [f, i] = problems[pick % problems.length]!;
				const after = scoreTarget(fw, target, findings.with(i, fixed(indicators.find((x) => x.id === f.indicatorId)!, f)));
				const value = (s: TargetScore) => (s.vetoed ? -Infinity : s.total!);
				expect(value(after)).toBeGreaterThanOrEqual(value(before) - 1e-9);
			})
		);
	});

	it('deductions never push an indicator or section below 0', () => {
		fc.assert(
			fc.property(findingsArb, categoryArb, (findings, categoryId) => {
				const s = scoreTarget(fw, { id: TARGET, categoryId }, findings);
				for (const sec of s.sections) if (sec.score !== null) expect(sec.score).toBeGreaterThanOrEqual(-1e-9);
				for (const t of s.trace.filter((x) => x.key === 'trace.indicatorCounted' || x.key === 'trace.indicatorFailed'))
					expect(t.params.lost as number).toBeLessThanOrEqual((t.params.max as number) + 1e-9);
				if (s.total !== null) expect(s.total).toBeGreaterThanOrEqual(0);
			})
		);
	});

	it('with nothing N/A, rescale, redistribute and exclude give the same score', () => {
		const policies = (['rescale', 'redistribute', 'exclude'] as const).map((p) => miniFramework((f) => (f.scoring.naPolicy = p)));
		fc.assert(
			fc.property(findingsArb, fc.constantFrom('portal', 'dept'), (findings, categoryId) => {
				const noNa = findings.filter((f) => f.outcome !== 'na');
				const [a, b, c] = policies.map((p) => scoreTarget(p, { id: TARGET, categoryId }, noNa).total);
				expect(b).toBe(a);
				expect(c).toBe(a);
			})
		);
	});

	it('the bonus never exceeds its cap', () => {
		fc.assert(
			fc.property(findingsArb, fc.integer({ min: 1, max: 40 }), (findings, cap) => {
				const capped = miniFramework((f) => (f.scoring.bonus!.cap = cap));
				const s = scoreTarget(capped, { id: TARGET, categoryId: 'portal' }, findings);
				expect(s.bonusScore).toBeLessThanOrEqual(cap);
				expect(s.bonusScore).toBeGreaterThanOrEqual(0);
			})
		);
	});

	it('the trace always recomputes to the reported score', () => {
		fc.assert(
			fc.property(findingsArb, categoryArb, (findings, categoryId) => {
				const s = scoreTarget(fw, { id: TARGET, categoryId }, findings);
				const r = recompute(s);
				if (s.total === null) expect(r).toBeNull();
				else {
					expect(r!).toBeCloseTo(s.rawTotal!, 9);
					// The published score is the full-precision one rounded as the framework states, nothing else.
					expect(s.total).toBe(roundScore(s.rawTotal!, fw.scoring.decimals));
				}
			})
		);
	});

	it('the last finding on an indicator wins, and findings on indicators the framework lacks change nothing', () => {
		const extra = fc.array(
			fc.record({ i: fc.nat({ max: indicators.length }), outcome, count: fc.nat({ max: 5 }) }).map(({ i, outcome: o, count }) => {
				const ind = indicators[i];
				// Index past the end: an indicator the framework does not have (e.g. deleted after grading).
				return ind ? finding(ind.id, o, count > 0 ? { [ind.deductions[0]?.id ?? 'x']: count } : {}) : finding('gone-indicator', o);
			}),
			{ maxLength: 8 }
		);
		fc.assert(
			fc.property(findingsArb, extra, categoryArb, (findings, earlier, categoryId) => {
				const target = { id: TARGET, categoryId };
				// `earlier` comes first, so every indicator of `findings` is judged by its finding there.
				const all = [...earlier, ...findings];
				const lastWins = new Map(all.map((f) => [f.indicatorId, f]));
				const expected = scoreTarget(fw, target, [...lastWins.values()].filter((f) => f.indicatorId !== 'gone-indicator'));
				expect(scoreTarget(fw, target, all)).toEqual(expected);
				const [inCampaign] = scoreCampaign(fw, [target], all);
				expect({ ...inCampaign!, trace: [] }).toEqual({ ...expected, trace: [] });
				expect(inCampaign!.trace).toEqual(expected.trace);
			})
		);
	});

	it('a lazy score lists its trace among its own keys, as a full score does', () => {
		const full = scoreTarget(fw, { id: TARGET, categoryId: 'portal' }, [finding(indicators[0]!.id, 'fail')]);
		const lazy = scoreLazily(fw, { id: TARGET, categoryId: 'portal' }, [finding(indicators[0]!.id, 'fail')]);
		expect(Object.keys(lazy).sort()).toEqual(Object.keys(full).sort());
		expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(full)));
		expect(lazy.trace).toBe(lazy.trace);
	});
});
