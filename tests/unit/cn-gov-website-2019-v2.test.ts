/**
 * Issue 15 point 1: the 2019 website indicators as the official texts have them (version 2019.2), the ×4/3 rule's
 * true scope, N/A only where the text allows it, the 待核 count, and the move of a campaign from 2019.1.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffFrameworks, Framework, listIndicators, movedFindings, planFrameworkMove, provisionalScoresText, provisionalValues, type Section } from '$lib/domain/framework';
import { requiredIndicators, scoreTarget } from '$lib/domain/scoring';
import { offeredOutcomes } from '$lib/domain/assess-keys';
import type { Finding, Outcome } from '$lib/domain/finding';
import { resultsSheets } from '$lib/domain/results';
import { builtInFrameworks, getBuiltInFramework } from '$lib/frameworks';
import oldRaw from './fixtures/previous-builtins/cn-gov-website-2019@2019.1.json';
import { finding, miniFramework } from './fixtures/mini-framework';

const fw = getBuiltInFramework('cn-gov-website-2019')!;
const old = Framework.parse(oldRaw);
const NSFC = 'http://www.nsfc.gov.cn/publish/portal0/tab442/info76099.htm';
const section = (f: Framework, id: string): Section => f.sections.find((s) => s.id === id)!;
const indicator = (f: Framework, id: string) => listIndicators(f).find((e) => e.indicator.id === id)!.indicator;
const T = 'target-1';

/** Every indicator the category requires, 符合 (bonus items too: earned), with `over` instead where given. */
function graded(categoryId: string, over: Record<string, Outcome> = {}, counts: Record<string, Record<string, number>> = {}): Finding[] {
	return requiredIndicators(fw, categoryId).map((i) => finding(i.id, over[i.id] ?? 'pass', counts[i.id] ?? {}, T));
}

describe('cn-gov-website-2019 version 2019.2', () => {
	it('is a new version of the built-in; the 2019.1 data is kept as a fixture for the move', () => {
		expect(old.version).toBe('2019.1');
		expect(fw.version).toBe('2019.2');
		expect(builtInFrameworks.filter((f) => f.id === fw.id)).toHaveLength(1);
	});

	it('pins the block totals 31/25/23/21, no longer 待核, cited to the NSFC 2019 self-check', () => {
		const totals = Object.fromEntries(fw.sections.filter((s) => s.part === 'deduct').map((s) => [s.id, s.indicators.reduce((a, i) => a + i.max, 0)]));
		expect(totals).toEqual({ publish: 31, services: 25, interaction: 23, design: 21 });
		for (const id of Object.keys(totals)) {
			expect(section(fw, id).provisional, id).toBeFalsy();
			expect(section(fw, id).basisSource, id).toContain(NSFC);
		}
		expect(section(old, 'publish').basisSource).toBeUndefined();
	});

	it('adds the items the NSFC self-check names: 解读比例; 页面标签, 兼容性, 一号登录 (and 站内搜索); 数据发布 in the bonus', () => {
		const titles = (id: string) => section(fw, id).indicators.map((i) => i.title.zh);
		expect(titles('publish')).toEqual(['概况信息', '机构职能', '领导信息', '动态要闻', '政策文件', '政策解读', '解读比例', '解读关联', '其他栏目']);
		expect(titles('design')).toEqual(['域名名称', '网站标识', '可用性', '“我为政府网站找错”', '站内搜索', '页面标签', '兼容性', '一号登录', 'IPv6']);
		expect(titles('bonus')).toContain('数据发布（信息发布）');
		expect(section(fw, 'publish').indicators.map((i) => i.code)).toEqual(['2.1.1', '2.1.2', '2.1.3', '2.1.4', '2.1.5', '2.1.6', '2.1.7', '2.1.8', '2.1.9']);
		for (const id of ['publish-interp-ratio', 'design-page-tags', 'design-compatibility', 'design-single-login', 'bonus-data-release']) {
			const i = indicator(fw, id);
			expect(i.basisSource, id).toContain(NSFC);
			// The names are confirmed; their points are not.
			expect(i.provisional, id).toBe(true);
			expect(i.deductions.every((d) => d.provisional), id).toBe(true);
		}
	});

	it('keeps the veto items and thresholds; 1.2 reads 超过（含）15秒…占比超过（含）5%', () => {
		const veto = (f: Framework) => section(f, 'veto').indicators;
		expect(veto(fw).map((i) => [i.id, i.code, i.title.zh])).toEqual(veto(old).map((i) => [i.id, i.code, i.title.zh]));
		for (const i of veto(fw).filter((x) => x.id !== 'veto-unreachable')) expect(i.guidance, i.id).toEqual(indicator(old, i.id).guidance);
		expect(indicator(fw, 'veto-unreachable').guidance?.zh).toContain('超过（含）15秒网站仍打不开的次数累计占比超过（含）5%');
		expect(indicator(old, 'veto-unreachable').guidance?.zh).not.toContain('（含）');
		expect(fw.scoring).toMatchObject({ passMark: 60, vetoScore: null, total: 100, naPolicy: 'rescale', bonus: { gate: 80, gateInclusive: false, cap: 30 } });
	});

	it('国务院部门门户网站（无对外服务职能）: 办事服务 removed, the rest rescaled ×4/3, bonus earned', () => {
		const cat = fw.categories.find((c) => c.id === 'dept-no-service')!;
		expect(cat.title.zh).toBe('国务院部门门户网站（无对外服务职能）');
		expect(cat.basisSource).toContain('不检查办事服务');
		const required = requiredIndicators(fw, cat.id).map((i) => i.id);
		expect(required).not.toContain('services-items');
		expect(required).toContain('bonus-data-release');
		// 政策文件 (8 of 75) lost: 67 × 100 / 75 = 89.3, above the gate, so the one bonus item earned (数据发布, 4) counts.
		const over: Record<string, Outcome> = { 'publish-policy': 'fail' };
		for (const i of section(fw, 'bonus').indicators) if (i.id !== 'bonus-data-release') over[i.id] = 'fail';
		const s = scoreTarget(fw, { id: T, categoryId: cat.id }, graded(cat.id, over));
		expect(s.complete).toBe(true);
		expect(s.deductScore).toBeCloseTo(((75 - 8) * 100) / 75, 10);
		expect(s.bonusScore).toBe(4);
		expect(s.sections.find((x) => x.sectionId === 'services')?.applicable).toBe(false);
	});

	it('部门网站 (local departments): every deduct block checked, no rescale, no bonus — as the text says', () => {
		const cat = fw.categories.find((c) => c.id === 'dept-service')!;
		expect([cat.title.zh, cat.bonus, cat.naSections]).toEqual(['部门网站', false, []]);
		expect(cat.basisSource).toContain('加分指标适用于政府门户网站');
		const required = requiredIndicators(fw, cat.id).map((i) => i.id);
		expect(required).toContain('services-items');
		expect(required.some((id) => id.startsWith('bonus-'))).toBe(false);
		const s = scoreTarget(fw, { id: T, categoryId: cat.id }, graded(cat.id, { 'publish-policy': 'fail' }));
		expect([s.complete, s.deductScore, s.bonusScore, s.total]).toEqual([true, 92, 0, 92]);
	});

	it('lets an inspector mark nothing 不适用: no N/A button or key, and a stored N/A neither counts nor completes', () => {
		expect(fw.scoring.naJudgement).toBe('listed');
		for (const { indicator: i, block } of listIndicators(fw)) expect(offeredOutcomes(fw.scoring, i, block.part), i.id).not.toContain('na');
		const s = scoreTarget(fw, { id: T, categoryId: 'dept-service' }, graded('dept-service', { 'publish-policy': 'na' }));
		expect(s.complete).toBe(false);
		expect(s.graded).toBe(s.applicable - 1);
		// Not rescaled as if 政策文件 did not exist: nothing is out of 100 but what the category removes.
		expect(s.deductScore).toBe(100);
		expect(s.trace.some((x) => x.key === 'trace.naRefused')).toBe(true);
		// Frameworks that allow N/A everywhere (the default) still offer it.
		expect(offeredOutcomes(old.scoring, indicator(old, 'publish-policy'), 'deduct')).toContain('na');
	});
});

describe('per-indicator 不适用 rules', () => {
	// mini: deduct a1 20, a2 20, s1 25 (section S, which category nosvc removes; naPolicy rescale), d1 35 = 100.
	// Only a2 may be judged 不适用, and its points are then left out (exclude).
	const listed = miniFramework((f) => {
		f.scoring = { ...f.scoring, naJudgement: 'listed' } as typeof f.scoring;
		f.sections[1]!.indicators![1]!.naTreatment = 'exclude';
	});
	it('allows N/A only on the listed indicator and treats it as that indicator says', () => {
		const entries = listIndicators(listed);
		const offered = entries.filter((e) => offeredOutcomes(listed.scoring, e.indicator, e.block.part).includes('na')).map((e) => e.indicator.id);
		expect(offered).toEqual(['a2']);
	});

	const score = (categoryId: string, over: Record<string, Outcome>) =>
		scoreTarget(listed, { id: T, categoryId }, requiredIndicators(listed, categoryId).map((i) => finding(i.id, over[i.id] ?? 'pass', {}, T)));
	it('an N/A the indicator allows is left out (exclude); what the category removes is still rescaled', () => {
		const dept = score('dept', { a2: 'na', d1: 'fail' });
		expect([dept.complete, dept.deductScore]).toEqual([true, 80 - 35]);
		expect(dept.trace.some((s) => s.key === 'trace.exclude')).toBe(true);
		// 办事服务 (25) removed and rescaled, a2 (20) left out: 20 of 55 kept, scaled to 80 → 29.09…
		const nosvc = score('nosvc', { a2: 'na', d1: 'fail' });
		expect(nosvc.deductScore).toBeCloseTo((20 * 80) / 55, 10);
	});
	it('an N/A the framework does not allow leaves the target unfinished and changes no points', () => {
		const s = score('dept', { a1: 'na' });
		expect([s.complete, s.deductScore, s.graded]).toEqual([false, 100, s.applicable - 1]);
	});
});

describe('待核 values', () => {
	it('the README states, per built-in framework, the count provisionalValues gives', () => {
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		for (const f of builtInFrameworks) {
			const row = readme.split('\n').find((l) => l.startsWith(`| \`${f.id}\` |`));
			expect(row, f.id).toBeDefined();
			expect(row!.split('|').map((c) => c.trim())[3], f.id).toBe(String(provisionalValues(f).length));
		}
	});

	it('counts every flagged value: framework, bonus rule, grades, categories, sections, indicators, problem types', () => {
		const values = provisionalValues(fw);
		expect(values.length).toBe(JSON.stringify(fw).match(/"provisional":true/g)!.length);
		expect(values.some((v) => v.path.join('/') === 'cn-gov-website-2019/scoring/bonus')).toBe(true);
		expect(values.every((v) => v.note?.zh)).toBe(true);
	});

	it('an export of a campaign on it carries the provisional-scores text as its last row', () => {
		const t = (key: string, p?: Record<string, unknown>) => `${key}:${String(p?.count)}`;
		const note = provisionalScoresText(provisionalValues(fw).length, t);
		const target = { id: T, campaignId: 'c', name: '某部', url: '', ownerUnit: '', assessor: '', order: 0, categoryId: 'dept-service', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'x' };
		const findings = graded('dept-service');
		const scores = [scoreTarget(fw, target, findings)];
		const sheets = resultsSheets(fw, [target], scores, findings, [], undefined, note);
		for (const sheet of sheets) expect(sheet.rows.at(-1)).toEqual([`provisional.scores:${provisionalValues(fw).length}`]);
	});
});

describe('moving a campaign from 2019.1 to 2019.2', () => {
	it('keeps every finding on its indicator, and the diff is exactly the changes of issue 15 point 1', () => {
		const findings = listIndicators(old).map((e) => finding(e.indicator.id, 'pass', {}, T));
		const plan = planFrameworkMove(old, fw, findings, ['portal', 'dept-service', 'dept-no-service']);
		expect(plan.mapped).toBe(findings.length);
		expect(plan.unmapped).toEqual([]);
		expect(plan.missingCategories).toEqual([]);
		expect(plan.moves.every((m) => m.via === 'id' && m.to === m.finding.indicatorId)).toBe(true);
		expect(movedFindings(plan, { now: () => '2026-12-01T00:00:00.000Z', user: 'x', newId: () => 'x' })).toEqual([]);

		const d = diffFrameworks(old, fw);
		expect(d.framework.map((x) => x.field)).toEqual(['version', 'description']);
		expect(d.scoring.map((x) => x.field)).toEqual(['naJudgement']);
		expect(d.grades).toEqual({ added: [], removed: [], changed: [] });
		expect(d.categories.added).toEqual([]);
		expect(d.categories.removed).toEqual([]);
		expect(d.categories.changed.map((c) => [c.id, c.fields.map((x) => x.field)])).toEqual([
			['portal', ['basisSource']],
			['dept-service', ['title', 'basisSource']],
			['dept-no-service', ['title', 'bonus', 'basisSource', 'provisionalNote']]
		]);
		expect(d.sections.added).toEqual([]);
		expect(d.sections.removed).toEqual([]);
		expect(d.sections.changed.map((s) => [s.id, s.fields.map((x) => x.field)])).toEqual([
			['publish', ['basisSource']],
			['services', ['guidance', 'basisSource']],
			['interaction', ['basisSource']],
			['design', ['basisSource']],
			['bonus', ['provisionalNote']]
		]);
		expect(d.indicators.added.map((i) => i.id)).toEqual(['publish-interp-ratio', 'design-page-tags', 'design-compatibility', 'design-single-login', 'bonus-data-release']);
		expect(d.indicators.removed).toEqual([]);
		expect(d.indicators.moved).toEqual([]);
		expect(d.indicators.changed.map((i) => [i.id, i.fields.map((x) => x.field)])).toEqual([
			['veto-unreachable', ['guidance', 'basisSource']],
			['publish-interpretation', ['max', 'deductions']],
			['publish-interp-link', ['code']],
			['publish-other-columns', ['code']],
			['design-domain', ['max']],
			['design-identifiers', ['max']],
			['design-availability', ['max']],
			['design-search', ['title', 'max', 'basis', 'deductions']],
			['design-ipv6', ['code', 'basisSource', 'provisionalNote']]
		]);
	});
});
