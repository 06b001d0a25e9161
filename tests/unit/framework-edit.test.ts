import { describe, expect, it } from 'vitest';
import { Framework, bumpVersion, duplicateFramework, nextVersion, describePath, movedFindings, planFrameworkMove } from '$lib/domain/framework';
import { finding, miniFramework } from './fixtures/mini-framework';

let n = 0;
const ctx = { now: () => '2026-05-01T00:00:00.000Z', newId: () => `0000000${++n}-0000-4000-8000-000000000000`, user: '王五' };

describe('framework editing helpers', () => {
	it('bumps the last number of a version', () => {
		expect(bumpVersion('2019.1')).toBe('2019.2');
		expect(bumpVersion('9')).toBe('10');
		expect(bumpVersion('draft')).toBe('draft.1');
	});
	it('duplicates into a valid user framework with its own id and version 1', () => {
		const fw = miniFramework((f) => (f.builtIn = true));
		const copy = duplicateFramework(fw, ctx, '（副本）');
		expect(Framework.safeParse(copy).success).toBe(true);
		expect(copy).toMatchObject({ builtIn: false, version: '1', title: { zh: '测试指标（副本）' }, updatedBy: '王五' });
		expect(copy.id).not.toBe(fw.id);
		expect(copy.sections).not.toBe(fw.sections);
		expect(nextVersion(copy, ctx).version).toBe('2');
	});
	it('describes a validation path with section and indicator codes', () => {
		const fw = miniFramework();
		expect(describePath(fw, ['sections', 1, 'indicators', 0, 'deductions', 1, 'points'])).toEqual([
			{ kind: 'section', code: '2', title: { zh: '发布' } },
			{ kind: 'indicator', code: '2.1', title: { zh: '动态' } },
			{ kind: 'item', list: 'deductions', index: 1 },
			{ kind: 'field', name: 'points' }
		]);
	});
});

describe('moving a campaign to another framework version', () => {
	it('maps findings by id, then by code, and lists what does not map', () => {
		const current = miniFramework();
		const next = miniFramework((f) => {
			f.version = '2';
			f.sections[1]!.indicators![0]!.id = 'a1-renamed'; // same code 2.1
			f.sections[1]!.indicators = [f.sections[1]!.indicators![0]!]; // a2 (2.2) removed
			f.sections[1]!.indicators[0]!.max = 40;
			f.categories = f.categories.filter((c) => c.id !== 'nosvc');
		});
		const findings = [finding('a1', 'fail'), finding('a2', 'fail'), finding('d1', 'pass')];
		const plan = planFrameworkMove(current, next, findings, ['portal', 'nosvc']);
		expect(plan.moves.map((m) => [m.finding.indicatorId, m.to, m.via])).toEqual([
			['a1', 'a1-renamed', 'code'],
			['a2', null, null],
			['d1', 'd1', 'id']
		]);
		expect(plan.mapped).toBe(2);
		expect(plan.missingCategories).toEqual(['nosvc']);
		expect(movedFindings(plan, ctx).map((f) => [f.indicatorId, f.updatedBy])).toEqual([['a1-renamed', '王五']]);
	});
});
