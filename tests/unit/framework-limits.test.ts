import { describe, expect, it } from 'vitest';
import { Framework } from '$lib/domain/framework';
import { deductionCount } from '$lib/domain/finding';
import { scoreTarget } from '$lib/domain/scoring';
import { checklistFramework } from './fixtures/other-models';
import { finding, miniFramework, miniFrameworkInput, TARGET, type MiniInput } from './fixtures/mini-framework';

const problems = (input: unknown) => (Framework.safeParse(input).error?.issues ?? []).map((i) => ({ message: i.message, path: i.path.join('.') }));
const mini = (patch: (f: MiniInput) => void) => {
	const f = miniFrameworkInput();
	patch(f);
	return f;
};

describe('framework validation: ids', () => {
	it('refuses duplicate category and grade ids', () => {
		expect(problems(mini((f) => (f.categories[2]!.id = 'portal')))).toContainEqual({ message: 'fwcheck.duplicateCategory', path: 'categories.2.id' });
		expect(problems(mini((f) => (f.scoring.grades[1]!.id = 'excellent')))).toContainEqual({ message: 'fwcheck.duplicateGrade', path: 'scoring.grades.1.id' });
	});

	it('refuses ids every object already has as a property', () => {
		for (const id of ['constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf']) {
			const found = problems(mini((f) => (f.sections[1]!.indicators![0]!.deductions![0]!.id = id)));
			expect(found, id).toContainEqual({ message: 'fwcheck.reservedId', path: 'sections.1.indicators.0.deductions.0.id' });
		}
		expect(problems(mini((f) => (f.sections[2]!.id = 'constructor')))).toContainEqual({ message: 'fwcheck.reservedId', path: 'sections.2.id' });
		expect(problems(mini((f) => (f.categories[0]!.id = 'toString')))).toContainEqual({ message: 'fwcheck.reservedId', path: 'categories.0.id' });
	});
});

describe('deduction counts are own entries only', () => {
	// Scoring compared the function with 0 and came out right by luck; the assess counter showed the function's text.
	it('a deduction id "constructor" (a framework stored before ids were checked) counts 0 when not counted', () => {
		const fw = miniFramework();
		// Bypass the schema as an older stored framework would.
		fw.sections[1]!.indicators[0]!.deductions[0]!.id = 'constructor';
		const f = finding('a1', 'fail', {});
		expect(deductionCount(f, 'constructor')).toBe(0);
		expect(deductionCount(f, 'toString')).toBe(0);
		const score = scoreTarget(fw, { id: TARGET, categoryId: 'dept' }, [f]);
		expect(Number.isFinite(score.rawTotal)).toBe(true);
		expect(deductionCount({ deductionCounts: { constructor: 2 } }, 'constructor')).toBe(2);
	});
});

describe('framework validation: numbers', () => {
	it('refuses points and weights beyond 10⁶', () => {
		const huge = problems(mini((f) => (f.sections[1]!.indicators![0]!.deductions![0]!.points = 1e308)));
		expect(huge).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/1000000|too big/i), path: 'sections.1.indicators.0.deductions.0.points' }));
		expect(problems(mini((f) => (f.scoring.grades[2]!.min = -1e7))).map((p) => p.path)).toContain('scoring.grades.2.min');
	});

	it('two checklist weights of 1e308 are refused; the largest allowed still give a finite score', () => {
		const input = (max: number) => {
			const fw = structuredClone(checklistFramework()) as Record<string, unknown> & { sections: { indicators: { max: number }[] }[] };
			fw.sections[0]!.indicators[0]!.max = max;
			fw.sections[0]!.indicators[1]!.max = max;
			return fw;
		};
		expect(Framework.safeParse(input(1e308)).success).toBe(false);
		const fw = Framework.parse(input(1e6));
		const findings = ['t1', 't2', 't3', 't4'].map((id, i) => finding(id, i === 0 ? 'fail' : 'pass'));
		const score = scoreTarget(fw, { id: TARGET, categoryId: 'unit' }, findings);
		expect(Number.isFinite(score.rawTotal)).toBe(true);
		expect(score.rawTotal).toBeCloseTo(((1e6 + 3) / (2e6 + 3)) * 100, 6);
	});
});

describe('framework validation: size', () => {
	it('refuses sections nested more than 12 levels and more than 5,000 indicators', () => {
		const deep = mini((f) => {
			let s = f.sections[3]!;
			for (let d = 2; d <= 13; d++) {
				const child = { id: `deep${d}`, code: `4.${d}`, title: { zh: `第${d}层` }, part: 'deduct' as const, indicators: [] as never[] };
				s.sections = [child];
				s = child;
			}
			s.indicators = [{ id: 'leaf', code: '4.x', title: { zh: '叶' }, max: 0 }];
		});
		expect(problems(deep).map((p) => p.message)).toContain('fwcheck.tooDeep');
		const many = mini((f) => {
			f.sections[1]!.indicators!.push(...Array.from({ length: 5_000 }, (_, i) => ({ id: `m${i}`, code: `2.m${i}`, title: { zh: 'm' }, max: 0 })));
		});
		expect(problems(many)).toContainEqual({ message: 'fwcheck.tooManyIndicators', path: expect.stringMatching(/^sections\.1\.indicators\.\d+$/) });
	});
});
