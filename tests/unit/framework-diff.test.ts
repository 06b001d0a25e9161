import { describe, expect, it } from 'vitest';
import { Framework, type FrameworkInput, diffFrameworks, sameValue } from '$lib/domain/framework';
import { builtInFrameworks } from '$lib/frameworks';
import { miniFrameworkInput } from './fixtures/mini-framework';

/** The mini fixture: veto(v1,v2); A(a1 20 [link each 1, stale once 5], a2 20); S(s1 25); D(d1 35); B(b1, b2 [each 2]), bonus cap 30. */
function fw(patch: (f: FrameworkInput) => void = () => {}): Framework {
	const input = miniFrameworkInput();
	patch(input);
	return Framework.parse(input);
}

const section = (f: FrameworkInput, id: string) => f.sections.find((s) => s.id === id)!;
const indicator = (f: FrameworkInput, sectionId: string, id: string) => section(f, sectionId).indicators!.find((i) => i.id === id)!;

describe('diffFrameworks', () => {
	it('identical frameworks: nothing to report, metadata ignored', () => {
		const d = diffFrameworks(fw(), fw((f) => (f.updatedAt = '2027-01-01T00:00:00.000Z')));
		expect(d.same).toBe(true);
		expect(d.indicators).toEqual({ added: [], removed: [], changed: [], moved: [] });
	});

	it('a point value change gives one changed indicator with field max 20 → 25', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				indicator(f, 'A', 'a2').max = 15;
				indicator(f, 'A', 'a1').max = 25;
			})
		);
		expect(d.same).toBe(false);
		expect(d.indicators.changed.map((c) => [c.id, c.fields])).toEqual([
			['a1', [{ field: 'max', before: 20, after: 25 }]],
			['a2', [{ field: 'max', before: 20, after: 15 }]]
		]);
		expect(d.indicators.changed[0]!.section).toEqual({ id: 'A', code: '2', title: { zh: '发布' } });
		expect(d.indicators.added).toEqual([]);
		expect(d.indicators.removed).toEqual([]);
	});

	it('a removed and an added indicator', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				section(f, 'A').indicators = section(f, 'A').indicators!.filter((i) => i.id !== 'a2');
				section(f, 'D').indicators!.push({ id: 'd2', code: '4.2', title: { zh: '导航' }, max: 20 });
			})
		);
		expect(d.indicators.removed).toEqual([{ id: 'a2', code: '2.2', title: { zh: '政策' }, section: { id: 'A', code: '2', title: { zh: '发布' } } }]);
		expect(d.indicators.added.map((i) => [i.id, i.section.id])).toEqual([['d2', 'D']]);
		expect(d.indicators.changed).toEqual([]);
	});

	it("a deduction's points change: the field and the per-deduction detail", () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				indicator(f, 'A', 'a1').deductions![0]!.points = 2;
			})
		);
		expect(d.indicators.changed).toHaveLength(1);
		const c = d.indicators.changed[0]!;
		expect(c.fields.map((x) => x.field)).toEqual(['deductions']);
		expect(c.deductions!.changed).toEqual([
			{ id: 'link', before: { id: 'link', title: { zh: '错链' }, points: 1, per: 'each' }, after: { id: 'link', title: { zh: '错链' }, points: 2, per: 'each' }, fields: [{ field: 'points', before: 1, after: 2 }] }
		]);
		expect(c.deductions!.added).toEqual([]);
		expect(c.deductions!.removed).toEqual([]);
	});

	it('deductions added and removed', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				const a1 = indicator(f, 'A', 'a1');
				a1.deductions = [a1.deductions![1]!, { id: 'typo', title: { zh: '错别字' }, points: 1, per: 'each' }];
			})
		);
		const c = d.indicators.changed[0]!;
		expect(c.deductions!.removed.map((x) => x.id)).toEqual(['link']);
		expect(c.deductions!.added.map((x) => x.id)).toEqual(['typo']);
	});

	it('bonus cap change is a scoring change bonus.cap 30 → 20', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				if (f.scoring.model === 'deduction' && f.scoring.bonus) f.scoring.bonus.cap = 20;
			})
		);
		expect(d.scoring).toEqual([{ field: 'bonus.cap', before: 30, after: 20 }]);
		expect(d.same).toBe(false);
	});

	it('removing the bonus rules entirely, and other scoring fields', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				if (f.scoring.model !== 'deduction') return;
				f.scoring.bonus = null;
				f.scoring.passMark = 65;
				f.scoring.naPolicy = 'redistribute';
				f.sections = f.sections.filter((s) => s.part !== 'bonus');
			})
		);
		expect(d.scoring.map((x) => x.field).sort()).toEqual(['bonus', 'naPolicy', 'passMark']);
		expect(d.scoring.find((x) => x.field === 'bonus')).toEqual({ field: 'bonus', before: { gate: 80, gateInclusive: false, cap: 30 }, after: null });
		expect(d.sections.removed.map((s) => s.id)).toEqual(['B']);
		expect(d.indicators.removed.map((i) => i.id)).toEqual(['b1', 'b2']);
	});

	it('an indicator moved to another section (and changed at the same time)', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				const a2 = indicator(f, 'A', 'a2');
				section(f, 'A').indicators = section(f, 'A').indicators!.filter((i) => i !== a2);
				section(f, 'D').indicators!.push({ ...a2, title: { zh: '政策文件' } });
			})
		);
		expect(d.indicators.moved).toEqual([{ id: 'a2', code: '2.2', title: { zh: '政策文件' }, from: { id: 'A', code: '2', title: { zh: '发布' } }, to: { id: 'D', code: '4', title: { zh: '功能' } } }]);
		expect(d.indicators.changed.map((c) => c.fields)).toEqual([[{ field: 'title', before: { zh: '政策' }, after: { zh: '政策文件' } }]]);
		expect(d.indicators.added).toEqual([]);
	});

	it('ids that differ fall back to matching by code', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				indicator(f, 'A', 'a1').id = 'ind-2.1';
			})
		);
		expect(d.indicators.added).toEqual([]);
		expect(d.indicators.removed).toEqual([]);
		expect(d.indicators.changed.map((c) => c.fields)).toEqual([[{ field: 'id', before: 'a1', after: 'ind-2.1' }]]);
	});

	it('sections: added, changed (title, cap), matched by code when the id changed', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				section(f, 'A').title = { zh: '发布解读' };
				section(f, 'A').cap = 30;
				section(f, 'S').id = 'services';
				f.sections.push({ id: 'N', code: '6', title: { zh: '新增' }, part: 'bonus', indicators: [{ id: 'n1', code: '6.1', title: { zh: '新增项' }, max: 5 }] });
				for (const c of f.categories) if (c.naSections) c.naSections = c.naSections.map((x) => (x === 'S' ? 'services' : x));
			})
		);
		expect(d.sections.added.map((s) => s.id)).toEqual(['N']);
		expect(d.sections.changed).toEqual([
			{ id: 'A', code: '2', title: { zh: '发布解读' }, fields: [{ field: 'title', before: { zh: '发布' }, after: { zh: '发布解读' } }, { field: 'cap', before: undefined, after: 30 }] },
			{ id: 'services', code: '3', title: { zh: '办事' }, fields: [{ field: 'id', before: 'S', after: 'services' }] }
		]);
		// s1 stayed in the (renamed) services section: not a move.
		expect(d.indicators.moved).toEqual([]);
		expect(d.indicators.added.map((i) => i.id)).toEqual(['n1']);
	});

	it('category applicability: per indicator and per category', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				f.categories[1]!.naIndicators = ['a2'];
				f.categories[1]!.bonus = true;
			})
		);
		expect(d.indicators.changed.map((c) => [c.id, c.fields])).toEqual([['a2', [{ field: 'notApplicableFor', before: [], after: ['dept'] }]]]);
		expect(d.categories.changed).toEqual([
			{
				id: 'dept',
				title: { zh: '部门' },
				fields: [
					{ field: 'bonus', before: false, after: true },
					{ field: 'naIndicators', before: [], after: ['a2'] }
				]
			}
		]);
	});

	it('categories and grades added and removed; framework fields', () => {
		const d = diffFrameworks(
			fw(),
			fw((f) => {
				f.categories = f.categories.filter((c) => c.id !== 'nosvc');
				f.categories.push({ id: 'town', title: { zh: '乡镇' }, bonus: false });
				f.scoring.grades.splice(1, 0, { id: 'good', title: { zh: '良好' }, min: 80 });
				f.version = '2';
			})
		);
		expect(d.categories.removed.map((c) => c.id)).toEqual(['nosvc']);
		expect(d.categories.added.map((c) => c.id)).toEqual(['town']);
		expect(d.grades.added.map((g) => g.id)).toEqual(['good']);
		expect(d.framework).toEqual([{ field: 'version', before: '1', after: '2' }]);
	});

	it('method, levels and provisional flags on indicators', () => {
		const base = builtInFrameworks[0]!;
		const next = structuredClone(base);
		const ind = next.sections[1]!.indicators[0]!;
		ind.provisional = false;
		ind.guidance = { zh: '新的要点' };
		const d = diffFrameworks(base, next);
		expect(d.indicators.changed.map((c) => [c.id, c.fields.map((x) => x.field)])).toEqual([['publish-overview', ['guidance', 'provisional']]]);
	});

	it('sameValue treats undefined properties as missing and compares deeply', () => {
		expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(sameValue({ a: [1, { c: 2 }] }, { a: [1, { c: 3 }] })).toBe(false);
		expect(sameValue([1], { 0: 1 })).toBe(false);
	});
});
