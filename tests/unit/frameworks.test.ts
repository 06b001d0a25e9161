import { describe, expect, it } from 'vitest';
import { Framework, listIndicators, type Indicator, type Section } from '$lib/domain/framework';
import raw from '../../src/lib/frameworks/cn-gov-website-2019.json';
import { builtInFrameworks, getBuiltInFramework } from '../../src/lib/frameworks';

const fw = Framework.parse(raw);
const rules = fw.scoring.model === 'deduction' ? fw.scoring : null;
if (!rules) throw new Error('cn-gov-website-2019 must use the deduction model');
const section = (id: string): Section => {
	const s = fw.sections.find((x) => x.id === id);
	if (!s) throw new Error(`missing section ${id}`);
	return s;
};
const indicator = (id: string): Indicator => {
	const e = listIndicators(fw).find((x) => x.indicator.id === id);
	if (!e) throw new Error(`missing indicator ${id}`);
	return e.indicator;
};
const sumMax = (s: Section) => s.indicators.reduce((acc, i) => acc + i.max, 0);
const deductBlocks = () => fw.sections.filter((s) => s.part === 'deduct');

describe('cn-gov-website-2019', () => {
	it('parses with the Framework schema and is exposed by the index', () => {
		expect(() => Framework.parse(raw)).not.toThrow();
		expect(fw.id).toBe('cn-gov-website-2019');
		expect(fw.builtIn).toBe(true);
		expect(fw.source.docNo).toBe('国办秘函〔2019〕19号');
		expect(builtInFrameworks.map((f) => f.id)).toContain('cn-gov-website-2019');
		expect(getBuiltInFramework('cn-gov-website-2019')?.sections.length).toBe(fw.sections.length);
		expect(getBuiltInFramework('no-such-framework')).toBeUndefined();
	});

	it('has the top-level sections in order with their parts', () => {
		expect(fw.sections.map((s) => [s.id, s.part])).toEqual([
			['veto', 'veto'],
			['publish', 'deduct'],
			['services', 'deduct'],
			['interaction', 'deduct'],
			['design', 'deduct'],
			['bonus', 'bonus']
		]);
	});

	it('deduct block totals are 31/25/23/21 and sum to the scoring total of 100', () => {
		const totals = Object.fromEntries(deductBlocks().map((s) => [s.id, sumMax(s)]));
		expect(totals).toEqual({ publish: 31, services: 25, interaction: 23, design: 21 });
		const all = deductBlocks().reduce((acc, s) => acc + sumMax(s), 0);
		expect(all).toBe(100);
		expect(rules.total).toBe(all);
	});

	it('the no-service category (国务院部门门户网站) is out of 75 after dropping 办事服务', () => {
		const cat = fw.categories.find((c) => c.id === 'dept-no-service');
		expect(cat?.naSections).toEqual(['services']);
		expect(cat?.bonus).toBe(true);
		const remaining = deductBlocks()
			.filter((s) => !cat!.naSections.includes(s.id))
			.reduce((acc, s) => acc + sumMax(s), 0);
		expect(remaining).toBe(75);
		expect(rules.naPolicy).toBe('rescale');
		expect(rules.total / remaining).toBeCloseTo(4 / 3, 10);
	});

	it('has the six veto indicators, worth 0 with no deductions', () => {
		const veto = section('veto');
		expect(veto.indicators.map((i) => i.id)).toEqual([
			'veto-security',
			'veto-unreachable',
			'veto-homepage-stale',
			'veto-columns-stale',
			'veto-interaction-poor',
			'veto-service-unusable'
		]);
		for (const i of veto.indicators) {
			expect(i.max).toBe(0);
			expect(i.deductions).toEqual([]);
			expect(i.guidance?.zh.length).toBeGreaterThan(20);
		}
		expect(indicator('veto-unreachable').guidance?.zh).toMatch(/15秒.*5%/);
		expect(indicator('veto-service-unusable').provisional).toBe(true);
		expect(indicator('veto-security').provisional).toBeFalsy();
	});

	it('scoring rules: pass mark 60, bonus gate above 80, cap 30, portal-only bonus', () => {
		expect(fw.scoring.passMark).toBe(60);
		expect(fw.scoring.vetoScore).toBeNull();
		expect(rules.bonus).toMatchObject({ gate: 80, gateInclusive: false, cap: 30, provisional: true });
		// 加分指标适用于政府门户网站: the local government portals and the State Council department portals.
		expect(fw.categories.filter((c) => c.bonus).map((c) => c.id)).toEqual(['portal', 'dept-no-service']);
		expect(fw.scoring.grades.map((g) => [g.id, g.min])).toEqual([
			['pass', 60],
			['fail', 0]
		]);
	});

	it('bonus items can reach the cap and are all provisional', () => {
		const bonus = section('bonus');
		expect(bonus.indicators.length).toBeGreaterThan(0);
		expect(sumMax(bonus)).toBeGreaterThanOrEqual(rules.bonus!.cap);
		for (const i of bonus.indicators) expect(i.provisional).toBe(true);
	});

	it('every deduct indicator has max > 0 and at least one deduction within its cap', () => {
		for (const s of deductBlocks()) {
			for (const i of s.indicators) {
				expect(i.max, i.id).toBeGreaterThan(0);
				expect(i.deductions.length, i.id).toBeGreaterThan(0);
				for (const d of i.deductions) expect(d.points, `${i.id}/${d.id}`).toBeLessThanOrEqual(i.max);
				expect(i.guidance?.zh, i.id).toBeTruthy();
				expect(i.suggestion?.zh, i.id).toBeTruthy();
				expect(i.basis, i.id).toBeTruthy();
			}
		}
	});

	it('the three verified rules exist with 5/2/3 points and are not provisional', () => {
		const rule = (ind: string, ded: string) => {
			const d = indicator(ind).deductions.find((x) => x.id === ded);
			if (!d) throw new Error(`missing ${ind}/${ded}`);
			return d;
		};
		const verified = [
			[rule('publish-policy', 'policy-column-stale'), 5],
			[rule('services-stats', 'stats-stale'), 2],
			[rule('interaction-reply', 'reply-not-updated'), 3]
		] as const;
		for (const [d, points] of verified) {
			expect(d.points).toBe(points);
			expect(d.per).toBe('once');
			expect(d.provisional).toBeFalsy();
		}
		expect(rule('publish-policy', 'policy-column-stale').title.zh).toContain('6个月');
		expect(rule('services-stats', 'stats-stale').title.zh).toContain('3个月');
		expect(rule('interaction-reply', 'reply-not-updated').title.zh).toContain('2个月');
	});

	it('section and indicator ids are unique; deduction ids unique within an indicator', () => {
		const ids: string[] = [];
		const walk = (ss: Section[]) =>
			ss.forEach((s) => {
				ids.push(s.id, ...s.indicators.map((i) => i.id));
				walk(s.sections);
			});
		walk(fw.sections);
		expect(new Set(ids).size).toBe(ids.length);
		const codes = listIndicators(fw).map((e) => e.indicator.code);
		expect(new Set(codes).size).toBe(codes.length);
		for (const { indicator: i } of listIndicators(fw)) {
			const dIds = i.deductions.map((d) => d.id);
			expect(new Set(dIds).size, i.id).toBe(dIds.length);
		}
	});

	it('rejects a copy with a duplicate indicator id (the uniqueness check bites)', () => {
		const copy = structuredClone(raw) as typeof raw;
		copy.sections[1]!.indicators[1]!.id = copy.sections[1]!.indicators[0]!.id;
		expect(Framework.safeParse(copy).success).toBe(false);
	});

	it('every provisional item carries a provisionalNote in zh and en; every title has zh and en', () => {
		const missing: string[] = [];
		const seen = { provisional: 0 };
		const visit = (node: unknown, path: string) => {
			if (Array.isArray(node)) return node.forEach((x, k) => visit(x, `${path}[${k}]`));
			if (!node || typeof node !== 'object') return;
			const o = node as Record<string, unknown>;
			if (o.provisional === true) {
				seen.provisional++;
				const note = o.provisionalNote as { zh?: string; en?: string } | undefined;
				if (!note?.zh?.trim() || !note.en?.trim()) missing.push(path);
			}
			if ('title' in o && typeof o.title === 'object') {
				const title = o.title as { zh?: string; en?: string };
				if (!title.zh || !title.en) missing.push(`${path}.title`);
			}
			for (const [k, v] of Object.entries(o)) visit(v, `${path}.${k}`);
		};
		visit(fw, 'fw');
		expect(missing).toEqual([]);
		expect(seen.provisional).toBeGreaterThan(10);
	});
});
