import { describe, expect, it } from 'vitest';
import { Framework } from '$lib/domain/framework';
import { miniFrameworkInput, type MiniInput } from './fixtures/mini-framework';
import { cassFramework } from './fixtures/other-models';

const problems = (input: unknown) => (Framework.safeParse(input).error?.issues ?? []).map((i) => ({ message: i.message, path: i.path.join('.'), params: 'params' in i ? i.params : undefined }));
const mini = (patch: (f: MiniInput) => void) => {
	const f = miniFrameworkInput();
	patch(f);
	return f;
};

describe('framework checks', () => {
	it('accepts the fixtures', () => {
		expect(problems(miniFrameworkInput())).toEqual([]);
	});
	it('names duplicate codes with their place', () => {
		expect(problems(mini((f) => (f.sections[2]!.indicators![0]!.code = '2.1')))).toContainEqual({
			message: 'fwcheck.duplicateCode',
			path: 'sections.2.indicators.0.code',
			params: { code: '2.1' }
		});
	});
	it('rejects an empty section', () => {
		expect(problems(mini((f) => f.sections.push({ id: 'E', code: '9', title: { zh: '空' }, part: 'deduct' })))).toContainEqual(
			expect.objectContaining({ message: 'fwcheck.emptySection', path: 'sections.5' })
		);
	});
	it('rejects a part the model cannot score, and a subsection of another part', () => {
		expect(problems(mini((f) => (f.sections[1]!.part = 'weighted'))).map((p) => p.message)).toContain('fwcheck.partForModel');
		const nested = mini((f) => {
			f.sections[1]!.sections = [{ id: 'sub', code: '2.9', title: { zh: '子' }, part: 'bonus', indicators: [{ id: 'x', code: '2.9.1', title: { zh: 'x' }, max: 1 }] }];
		});
		expect(problems(nested).map((p) => p.message)).toContain('fwcheck.partMismatch');
	});
	it('requires the deduct part to add up to the total', () => {
		expect(problems(mini((f) => (f.sections[1]!.indicators![0]!.max = 21)))).toContainEqual({
			message: 'fwcheck.deductTotal',
			path: 'scoring.total',
			params: { sum: 101, total: 100 }
		});
	});
	it('rejects negative points and a zero-point scored indicator', () => {
		expect(problems(mini((f) => (f.sections[1]!.indicators![0]!.deductions![0]!.points = -1))).map((p) => p.path)).toContain(
			'sections.1.indicators.0.deductions.0.points'
		);
		expect(problems(mini((f) => (f.sections[1]!.indicators![1]!.max = 0))).map((p) => p.message)).toContain('fwcheck.zeroMax');
	});
	it('requires weights summing to 100 in the weighted model, levels and ratio sizes', () => {
		const fw = cassFramework();
		const bad = { ...fw, sections: fw.sections.map((s) => (s.id === 'apply' ? { ...s, weight: 20 } : s)) };
		expect(problems(bad)).toContainEqual({ message: 'fwcheck.weightSum', path: 'scoring.model', params: { sum: 105 } });
		const noLevels = {
			...fw,
			sections: fw.sections.map((s) => (s.id === 'platform' ? { ...s, indicators: s.indicators.map((i) => ({ ...i, levels: i.levels.slice(0, 1) })) } : s))
		};
		expect(problems(noLevels).map((p) => p.message)).toContain('fwcheck.levelsMissing');
		const noRatio = { ...fw, sections: fw.sections.map((s) => ({ ...s, indicators: s.indicators.map((i) => ({ ...i, ratioOf: undefined })) })) };
		expect(problems(noRatio).map((p) => p.message)).toContain('fwcheck.ratioOfMissing');
	});
	it('requires bonus rules when there is a bonus part', () => {
		expect(problems(mini((f) => (f.scoring.bonus = null))).map((p) => p.message)).toContain('fwcheck.bonusRules');
	});
});
