import { describe, expect, it } from 'vitest';
import { assessLayout, assessProgress, packageLayout } from '$lib/domain/assess-layout';
import { sortResults } from '$lib/domain/results';
import { scoreTarget } from '$lib/domain/scoring';
import type { Target } from '$lib/domain/target';
import { finding, miniFramework, TARGET } from './fixtures/mini-framework';

describe('assessLayout', () => {
	it('lists every section in order and leaves out what the category skips, saying why', () => {
		const groups = assessLayout(miniFramework(), 'nosvc');
		expect(groups.map((g) => [g.section.id, g.notApplicable, g.entries.map((e) => e.indicator.id)])).toEqual([
			['veto', null, ['v1', 'v2']],
			['A', null, ['a1', 'a2']],
			['S', 'category', []],
			['D', null, ['d1']],
			['B', 'bonus', []]
		]);
		expect(groups.find((g) => g.section.id === 'veto')!.max).toBeNull();
	});
	it('shows the bonus block of a portal at its cap', () => {
		const bonus = assessLayout(miniFramework(), 'portal').find((g) => g.section.id === 'B')!;
		expect(bonus.entries.map((e) => e.part)).toEqual(['bonus', 'bonus']);
		expect(bonus.max).toBe(30);
	});
	it('lists an indicator the category skips one by one under its section, with the category and its responsible units', () => {
		const fw = miniFramework((f) => {
			f.categories[0]!.naIndicators = ['a2'];
			f.sections[1]!.indicators![1]!.responsibleUnits = ['各县区政府'];
		});
		const category = fw.categories[0]!;
		const groups = assessLayout(fw, category.id);
		const a = groups.find((g) => g.section.id === 'A')!;
		expect(a.entries.map((e) => e.indicator.id)).toEqual(['a1']);
		expect(a.skipped.map((x) => [x.indicator.id, x.reason])).toEqual([['a2', { category: category.title, responsibleUnits: ['各县区政府'] }]]);
		expect(groups.filter((g) => g.section.id !== 'A').every((g) => g.skipped.length === 0)).toBe(true);
	});
});

describe('sortResults', () => {
	const fw = miniFramework();
	const target = (n: number, name: string): Target => ({
		id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
		campaignId: '00000000-0000-4000-8000-000000000001',
		name,
		categoryId: 'dept',
		url: '',
		ownerUnit: '',
		assessor: '',
		order: n,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: ''
	});
	const rows = [
		{ t: target(0, '乙'), f: [finding('v1', 'fail', {}, target(0, '').id)] },
		{ t: target(1, '甲'), f: [finding('a1', 'fail', {}, target(1, '').id)] },
		{ t: target(2, '丙'), f: [] }
	].map(({ t, f }) => ({ target: t, score: scoreTarget(fw, t, f) }));

	it('ranks by score with vetoed targets last, and keeps list order for ties', () => {
		expect(sortResults(rows, 'score', 'desc').map((r) => r.target.order)).toEqual([2, 1, 0]);
		expect(sortResults(rows, 'score', 'asc').map((r) => r.target.order)).toEqual([0, 1, 2]);
	});
	it('sorts names in Chinese collation order', () => {
		expect(sortResults(rows, 'name', 'asc').map((r) => r.target.name)).toEqual(['丙', '甲', '乙']);
	});
});

describe('packageLayout', () => {
	it('keeps only the sampled indicators of this target and drops groups left empty', () => {
		const groups = assessLayout(miniFramework(), 'nosvc');
		const items = [
			{ targetId: 't1', indicatorId: 'a2' },
			{ targetId: 't1', indicatorId: 'd1' },
			{ targetId: 't2', indicatorId: 'v1' }
		];
		expect(packageLayout(groups, 't1', items).map((g) => [g.section.id, g.entries.map((e) => e.indicator.id)])).toEqual([
			['A', ['a2']],
			['D', ['d1']]
		]);
		expect(packageLayout(groups, 't3', items)).toEqual([]);
	});
	it('leaves the layout alone without sampled items', () => {
		const groups = assessLayout(miniFramework(), 'nosvc');
		expect(packageLayout(groups, 't1', undefined)).toBe(groups);
	});
});

describe('assessProgress', () => {
	const score = { graded: 1, applicable: 5 };
	it('counts only the target’s sampled items in a reviewer’s package, done once they have an outcome', () => {
		const items = [
			{ targetId: TARGET, indicatorId: 'a2' },
			{ targetId: TARGET, indicatorId: 'd1' },
			{ targetId: 't2', indicatorId: 'v1' }
		];
		const findings = [finding('a2', 'pass'), finding('d1', null), finding('a1', 'fail')];
		expect(assessProgress(score, TARGET, findings, items)).toEqual({ kind: 'reviewed', done: 1, total: 2 });
		expect(assessProgress(score, TARGET, [], items)).toEqual({ kind: 'reviewed', done: 0, total: 2 });
	});
	it('is the score’s graded of applicable indicators otherwise', () => {
		expect(assessProgress(score, TARGET, [finding('a2', 'pass')], undefined)).toEqual({ kind: 'graded', done: 1, total: 5 });
	});
});
