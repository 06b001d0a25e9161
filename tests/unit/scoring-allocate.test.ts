import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, Outcome } from '$lib/domain/finding';
import { Framework, listIndicators, type FrameworkInput, type NaPolicy } from '$lib/domain/framework';
import { targetProblems } from '$lib/domain/rectification';
import { allocateLosses, problemLosses, scoreTarget } from '$lib/domain/scoring';
import { finding, miniFramework, TARGET, type MiniInput } from './fixtures/mini-framework';

const T = '2026-01-01T00:00:00.000Z';
const zh = (s: string) => ({ zh: s });

interface IndicatorShape {
	max: number;
	deductions: { points: number; per: 'each' | 'once' }[];
}
interface SectionShape {
	cap: number | undefined;
	indicators: IndicatorShape[];
	sections: readonly SectionShape[];
}

const indicatorArb: fc.Arbitrary<IndicatorShape> = fc.record({
	max: fc.constantFrom(1, 2, 2.5, 3, 5, 7, 10, 20),
	deductions: fc.array(fc.record({ points: fc.constantFrom(0.5, 1, 2, 3, 5, 10), per: fc.constantFrom('each' as const, 'once' as const) }), { maxLength: 3 })
});
const { section: sectionArb } = fc.letrec<{ section: SectionShape }>((tie) => ({
	section: fc.record({
		cap: fc.option(fc.constantFrom(1, 3, 4.5, 8, 15), { nil: undefined }),
		indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 4 }),
		sections: fc.oneof({ maxDepth: 2 }, fc.constant<SectionShape[]>([]), fc.array(tie('section'), { maxLength: 2 }))
	})
}));

/** A deduction-model framework of the given deduct sections (total = their points), a veto indicator, one category with the given N/A. */
function buildFramework(shapes: SectionShape[], naPolicy: NaPolicy, na: (id: string) => boolean): Framework {
	let n = 0;
	const sectionIds: string[] = [];
	const indicatorIds: string[] = [];
	let total = 0;
	const section = (shape: SectionShape): NonNullable<FrameworkInput['sections']>[number] => {
		const id = `s${++n}`;
		sectionIds.push(id);
		return {
			id,
			code: id,
			title: zh(id),
			part: 'deduct',
			...(shape.cap !== undefined ? { cap: shape.cap } : {}),
			indicators: shape.indicators.map((ind) => {
				const iid = `i${++n}`;
				indicatorIds.push(iid);
				total += ind.max;
				return { id: iid, code: iid, title: zh(iid), max: ind.max, deductions: ind.deductions.map((d, k) => ({ id: `d${k}`, title: zh(`d${k}`), ...d })) };
			}),
			sections: shape.sections.map(section)
		};
	};
	const deduct = shapes.map(section);
	const input: FrameworkInput = {
		id: 'random',
		version: '1',
		builtIn: false,
		title: zh('随机'),
		source: { title: '测试' },
		scoring: { model: 'deduction', total, passMark: 60, vetoScore: null, naPolicy, bonus: null, grades: [{ id: 'pass', title: zh('合格'), min: 60 }, { id: 'fail', title: zh('不合格'), min: 0 }] },
		categories: [{ id: 'c', title: zh('类'), bonus: false, naSections: sectionIds.filter(na), naIndicators: indicatorIds.filter(na) }],
		sections: [{ id: 'veto', code: 'v', title: zh('否决'), part: 'veto', indicators: [{ id: 'v1', code: 'v1', title: zh('否决'), max: 0 }] }, ...deduct],
		createdAt: T,
		updatedAt: T,
		updatedBy: 'test'
	};
	return Framework.parse(input);
}

const outcomeArb = fc.constantFrom<Outcome | null>('pass', 'fail', 'fail', 'partial', 'partial', 'na', null);
const caseArb = fc.record({
	sections: fc.array(sectionArb, { minLength: 1, maxLength: 3 }),
	naPolicy: fc.constantFrom<NaPolicy>('rescale', 'redistribute', 'exclude'),
	/** Which sections and indicators the category skips, by a hash of their id. */
	naSeed: fc.nat(),
	/** Per indicator (in order): an outcome and counts for up to three problem types. */
	grades: fc.array(fc.record({ outcome: outcomeArb, counts: fc.array(fc.nat({ max: 6 }), { minLength: 3, maxLength: 3 }) }), { minLength: 40, maxLength: 40 })
});

type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;

function build(c: Case) {
	const skip = (id: string) => (Math.imul(c.naSeed ^ Number(id.slice(1)), 2654435761) >>> 0) % 6 === 0;
	const fw = buildFramework(c.sections, c.naPolicy, skip);
	const findings: Finding[] = [];
	listIndicators(fw).forEach(({ indicator }, k) => {
		const g = c.grades[k % c.grades.length]!;
		// The veto indicator fails now and then, so vetoed targets are drawn too.
		const outcome = indicator.id === 'v1' ? (g.outcome === 'fail' && g.counts[0]! > 4 ? 'fail' : 'pass') : g.outcome;
		const counts = Object.fromEntries(indicator.deductions.map((d, j) => [d.id, g.counts[j] ?? 0]).filter(([, n]) => (n as number) > 0));
		findings.push(finding(indicator.id, outcome, counts));
	});
	return { fw, findings };
}

/** The deduct part's points when everything the category and the findings leave applicable is counted. */
function applicableMax(fw: Framework, findings: Finding[]): number {
	const category = fw.categories[0]!;
	const judgedNa = new Set(findings.filter((f) => f.outcome === 'na').map((f) => f.indicatorId));
	const walk = (s: Framework['sections'][number]): number =>
		category.naSections.includes(s.id)
			? 0
			: sum(s.indicators.filter((i) => !category.naIndicators.includes(i.id) && !judgedNa.has(i.id)).map((i) => i.max)) + sum(s.sections.map(walk));
	return sum(fw.sections.filter((s) => s.part === 'deduct').map(walk));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocating points lost', () => {
	it('items add up to what each indicator lost, and to the deduct part’s max − its score, under every N/A policy', () => {
		fc.assert(
			fc.property(caseArb, (c) => {
				const { fw, findings } = build(c);
				const target = { id: TARGET, categoryId: 'c', ownerUnit: '' };
				const allocation = allocateLosses(fw, target, findings);
				const items = targetProblems(fw, target, findings, []);
				for (const a of allocation.all()) {
					expect(Math.abs(sum(problemLosses(a).map((p) => p.lost)) - a.lost)).toBeLessThan(1e-9);
					const state = items.get(a.indicator.id)!;
					// Every indicator that lost points has its items, and they carry exactly its loss.
					if (a.lost > 0) {
						expect(state.kind).toBe('judged');
						if (state.kind === 'judged') expect(Math.abs(sum(state.problems.map((p) => p.pointsLost!)) - a.lost)).toBeLessThan(1e-9);
					}
				}
				const score = scoreTarget(fw, target, findings);
				if (score.vetoed) return;
				// What the deduct part is out of, worked out here and not by the code under test.
				// With nothing applicable there is nothing to score out of, whatever the policy.
				const applicable = applicableMax(fw, findings);
				const max = c.naPolicy === 'exclude' || applicable === 0 ? applicable : fw.scoring.model === 'deduction' ? fw.scoring.total : 0;
				const itemsLost = sum([...items.values()].flatMap((s) => (s.kind === 'judged' ? s.problems.map((p) => p.pointsLost ?? 0) : [])));
				// `deductScore` is the full-precision deduct part before bonus (the framework here has none).
				expect(Math.abs(itemsLost - (max - score.deductScore!))).toBeLessThan(1e-9);
				expect(Math.abs(sum(allocation.all().map((a) => a.lost)) - (max - score.deductScore!))).toBeLessThan(1e-9);
			}),
			{ numRuns: 300 }
		);
	});

	it('shares an indicator’s capped loss over its problem types in proportion to their raw points', () => {
		// a1 (max 20): 20 broken links × 1 + stale 5 = 25, capped at 20 → 16 + 4.
		const a = allocateLosses(miniFramework(), { categoryId: 'portal' }, [finding('a1', 'partial', { link: 20, stale: 3 })]).get('a1')!;
		expect(a.lost).toBe(20);
		expect(problemLosses(a)).toEqual([
			{ deductionId: 'link', lost: 16 },
			{ deductionId: 'stale', lost: 4 }
		]);
	});

	it('rescales and redistributes losses as the score does', () => {
		const fails = [finding('a2', 'fail'), finding('d1', 'partial', { err: 2 })];
		// "nosvc" skips S (25 of 100): rescale multiplies every loss by 100/75.
		const rescale = allocateLosses(miniFramework(), { categoryId: 'nosvc' }, fails);
		expect(rescale.get('a2')!.lost).toBeCloseTo(80 / 3, 12);
		expect(rescale.get('d1')!.lost).toBeCloseTo(40 / 3, 12);
		// Redistribute adds 25/3 to each of a1, a2 and d1: a failed a2 loses 20 + 25/3.
		const redistribute = allocateLosses(miniFramework((f) => (f.scoring.naPolicy = 'redistribute')), { categoryId: 'nosvc' }, fails);
		expect(redistribute.get('a2')!.lost).toBeCloseTo(20 + 25 / 3, 12);
		expect(redistribute.get('d1')!.lost).toBe(10);
		expect(redistribute.all().map((e) => e.indicator.id)).toEqual(['a1', 'a2', 'd1']);
	});

	it('shares a capped section’s loss over its indicators in proportion, nested sections in turn', () => {
		// A (cap 12) holds a1 and a sub-section A2 (cap 6) with a2; D is uncapped.
		const nested = (f: MiniInput) => {
			const A = f.sections[1]!;
			A.cap = 12;
			const a2 = A.indicators!.pop()!;
			A.sections = [{ id: 'A2', code: '2.9', title: zh('子项'), part: 'deduct', cap: 6, indicators: [a2] }];
		};
		const fw = miniFramework(nested);
		const findings = [finding('a1', 'partial', { link: 10 }), finding('a2', 'fail'), finding('d1', 'partial', { err: 1 })];
		const a = allocateLosses(fw, { categoryId: 'portal' }, findings);
		// A2: a2 loses 20, capped at 6. A: a1 10 + A2 6 = 16, capped at 12 → a1 10 × 12/16, a2 6 × 12/16.
		expect(a.get('a1')!.lost).toBeCloseTo(7.5, 12);
		expect(a.get('a2')!.lost).toBeCloseTo(4.5, 12);
		expect(a.get('d1')!.lost).toBe(5);
		const score = scoreTarget(fw, { id: TARGET, categoryId: 'portal' }, findings);
		expect(a.max - a.deductScore).toBeCloseTo(100 - score.deductScore!, 12);
		expect(100 - score.deductScore!).toBeCloseTo(17, 12);
	});

	it('allocates nothing in the other models', async () => {
		const { checklistFramework } = await import('./fixtures/other-models');
		expect(allocateLosses(checklistFramework(), { categoryId: 'unit' }, [finding('t1', 'fail')]).all()).toEqual([]);
	});
});
