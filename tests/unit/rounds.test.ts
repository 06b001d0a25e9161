import { describe, expect, it } from 'vitest';
import type { Campaign } from '$lib/domain/campaign';
import type { Context } from '$lib/domain/common';
import type { Finding, Outcome } from '$lib/domain/finding';
import { newCampaign } from '$lib/domain/campaign-new';
import type { Target } from '$lib/domain/target';
import { compareAll, compareRounds, problemKey, problemKeys, roundProblems, startRecheckRound, type RoundInput } from '$lib/domain/rounds';
import { finding, miniFramework } from './fixtures/mini-framework';
import { cassFramework, checklistFramework } from './fixtures/other-models';

function testContext(): Context {
	let n = 0;
	let t = 0;
	return {
		now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)).toISOString(),
		newId: () => `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
		user: 'lead'
	};
}

function target(campaignId: string, id: string, name: string, categoryId: string, order: number): Target {
	return {
		id,
		campaignId,
		name,
		categoryId,
		url: `https://${order}.example.gov.cn/`,
		ownerUnit: `${name}办公室`,
		assessor: '张三',
		order,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'lead'
	};
}

/** A finding of `t` in its campaign. */
const f = (t: Target, indicatorId: string, outcome: Outcome | null, counts: Record<string, number> = {}): Finding => ({
	...finding(indicatorId, outcome, counts, t.id),
	campaignId: t.campaignId
});

const keys = (...k: [string, string | null][]) => new Set(k.map(([i, d]) => problemKey(i, d)));
const entries = (c: ReturnType<typeof compareRounds>, name: string) =>
	c.targets.find((t) => t.name === name)!.problems.map((p) => [p.change, p.indicatorId, p.deductionId]);

/**
 * Three rounds on the mini framework (all 100 − deductions, bonus gate 80 never opens here):
 * 甲 (portal):  R1 a1 link×2, a2 fail, d1 err×1       → 100 − 2 − 20 − 5 = 73
 *               R2 a1 pass, a2 fail, d1 not judged, s1 fail → 100 − 20 − 25 = 55
 *               R3 a1 link×1 (回潮), a2 pass, d1 err×1, s1 fail, v2 fail → vetoed (no number)
 * 乙 (dept):    R1 a2 fail → 80;  R2 a2 pass → 100;  R3 d1 err×2 → 90
 * 丙 (dept):    only in R3, a1 fail → 80
 */
function threeRounds() {
	const ctx = testContext();
	const c1 = newCampaign(ctx, { title: '2025年第一季度', framework: miniFramework(), monitoringPoint: '2025-03-31', assessor: '李四' });
	const r1 = [target(c1.id, '20000000-0000-4000-8000-000000000001', '甲', 'portal', 0), target(c1.id, '20000000-0000-4000-8000-000000000002', '乙', 'dept', 1)];
	const [a1, b1] = r1 as [Target, Target];
	const f1 = [
		f(a1, 'v1', 'pass'),
		f(a1, 'v2', 'pass'),
		f(a1, 'a1', 'partial', { link: 2 }),
		f(a1, 'a2', 'fail'),
		f(a1, 's1', 'pass'),
		f(a1, 'd1', 'partial', { err: 1 }),
		f(b1, 'v1', 'pass'),
		f(b1, 'v2', 'pass'),
		f(b1, 'a1', 'pass'),
		f(b1, 'a2', 'fail'),
		f(b1, 's1', 'pass'),
		f(b1, 'd1', 'pass')
	];

	const { campaign: c2, targets: r2 } = startRecheckRound(c1, r1, { title: '第一季度复核', monitoringPoint: '2025-04-15' }, ctx);
	const [a2, b2] = r2 as [Target, Target];
	const f2 = [
		f(a2, 'v1', 'pass'),
		f(a2, 'v2', 'pass'),
		f(a2, 'a1', 'pass', { link: 1 }), // counts left on a 符合 finding do not score: fixed
		f(a2, 'a2', 'fail'),
		f(a2, 's1', 'fail'),
		f(a2, 'd1', null), // opened, never judged
		f(b2, 'v1', 'pass'),
		f(b2, 'v2', 'pass'),
		f(b2, 'a1', 'pass'),
		f(b2, 'a2', 'pass'),
		f(b2, 's1', 'pass'),
		f(b2, 'd1', 'pass')
	];

	const { campaign: c3, targets: r3copied } = startRecheckRound(c2, r2, { title: '回头看', monitoringPoint: '2025-06-30' }, ctx);
	const added = target(c3.id, '20000000-0000-4000-8000-000000000003', '丙', 'dept', 2);
	const r3 = [...r3copied, added];
	const [a3, b3] = r3 as [Target, Target];
	const f3 = [
		f(a3, 'v1', 'pass'),
		f(a3, 'v2', 'fail'),
		f(a3, 'a1', 'partial', { link: 1 }),
		f(a3, 'a2', 'pass'),
		f(a3, 's1', 'fail'),
		f(a3, 'd1', 'partial', { err: 1 }),
		f(b3, 'v1', 'pass'),
		f(b3, 'v2', 'pass'),
		f(b3, 'a1', 'pass'),
		f(b3, 'a2', 'pass'),
		f(b3, 's1', 'pass'),
		f(b3, 'd1', 'partial', { err: 2 }),
		f(added, 'a1', 'fail')
	];
	const rounds: RoundInput[] = [
		{ campaign: c1, targets: r1, findings: f1 },
		{ campaign: c2, targets: r2, findings: f2 },
		{ campaign: c3, targets: r3, findings: f3 }
	];
	return { rounds, c1, c2, c3, r1, r2, r3 };
}

describe('problemKeys', () => {
	const t = { id: '20000000-0000-4000-8000-000000000009', categoryId: 'portal' };
	const at = (indicatorId: string, outcome: Outcome | null, counts: Record<string, number> = {}) => finding(indicatorId, outcome, counts, t.id);

	it('deduction model: one key per counted problem type, the indicator itself without counts, veto fails only', () => {
		const got = problemKeys(miniFramework(), t, [
			at('v1', 'fail'),
			at('v2', 'partial'),
			at('a1', 'partial', { link: 3, stale: 0 }),
			at('a2', 'partial'),
			at('s1', 'pass', { x: 1 }),
			at('d1', 'fail')
		]);
		expect(got).toEqual(keys(['v1', null], ['a1', 'link'], ['a2', null], ['d1', null]));
	});

	it('skips bonus indicators, indicators the category does not require, and other targets', () => {
		const fw = miniFramework();
		const other = finding('a2', 'fail', {}, '20000000-0000-4000-8000-000000000008');
		expect(problemKeys(fw, t, [at('b1', 'fail'), at('b2', 'partial', { each: 2 }), other])).toEqual(new Set());
		const nosvc = { ...t, categoryId: 'nosvc' };
		const r = roundProblems(fw, nosvc, [at('s1', 'fail'), at('a2', 'na'), at('a1', null)]);
		expect(r.problems).toEqual(new Set());
		// N/A is a judgement; an opened-but-empty finding and a skipped section are not.
		expect(r.judged).toEqual(new Set(['a2']));
	});

	it('weighted and checklist models: 不符合 and 部分符合 are problems, whatever the method', () => {
		const cass = { id: t.id, categoryId: 'city' };
		const w = [finding('decision-r', 'partial', {}, t.id), finding('platform-levels', 'fail', {}, t.id), finding('platform-binary', 'pass', {}, t.id)];
		expect(problemKeys(cassFramework(), cass, w)).toEqual(keys(['decision-r', null], ['platform-levels', null]));
		const unit = { id: t.id, categoryId: 'unit' };
		const c = [finding('t1', 'fail', {}, t.id), finding('t2', 'na', {}, t.id), finding('t3', 'partial', {}, t.id)];
		expect(problemKeys(checklistFramework(), unit, c)).toEqual(keys(['t1', null], ['t3', null]));
	});
});

describe('startRecheckRound', () => {
	it('makes round N+1 with a deep-copied framework, new target ids and the lineage kept', () => {
		const { c1, c2, c3, r1, r2, r3 } = threeRounds();
		expect(c2.round).toBe(2);
		expect(c3.round).toBe(3);
		expect(c2.previousCampaignId).toBe(c1.id);
		expect(c3.previousCampaignId).toBe(c2.id);
		expect(c2.title).toBe('第一季度复核');
		expect(c2.monitoringPoint).toBe('2025-04-15');
		expect(c2.assessor).toBe('李四');
		expect(c2.id).not.toBe(c1.id);
		expect(c2.framework).toEqual(c1.framework);
		expect(c2.framework).not.toBe(c1.framework);
		expect(c2.framework.sections[1]!.indicators[0]).not.toBe(c1.framework.sections[1]!.indicators[0]);

		expect(r2.map((t) => t.campaignId)).toEqual([c2.id, c2.id]);
		for (const [i, t] of r2.entries()) {
			const { id, campaignId, lineageId, createdAt, updatedAt, ...rest } = t;
			const { id: oldId, campaignId: _c, createdAt: _a, updatedAt: _u, ...oldRest } = r1[i]!;
			expect(id).not.toBe(oldId);
			expect(lineageId).toBe(oldId);
			expect(rest).toEqual(oldRest);
			expect([campaignId, createdAt, updatedAt].every(Boolean)).toBe(true);
		}
		// Round 3 keeps the first round's id as lineage, not round 2's.
		expect(r3.slice(0, 2).map((t) => t.lineageId)).toEqual(r1.map((t) => t.id));
		expect(new Set([...r1, ...r2, ...r3].map((t) => t.id)).size).toBe(7);
	});

	it('does not copy the report settings', () => {
		const ctx = testContext();
		const c1: Campaign = {
			...newCampaign(ctx, { title: 'Q1', framework: miniFramework(), monitoringPoint: '2025-03-31', assessor: '' }),
			rectificationDays: 5,
			report: { title: '通报', issuer: '办公室', intro: '', demand: '', closing: '' }
		};
		const { campaign } = startRecheckRound(c1, [], { title: ' 复核 ', monitoringPoint: '2025-04-10' }, ctx);
		expect(campaign.report).toBeUndefined();
		expect(campaign.rectificationDays).toBe(5);
		expect(campaign.title).toBe('复核');
	});

	it('refuses a bad date, an empty title and targets of another campaign', () => {
		const ctx = testContext();
		const c1 = newCampaign(ctx, { title: 'Q1', framework: miniFramework(), monitoringPoint: '2025-03-31', assessor: '' });
		const foreign = target('30000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '甲', 'portal', 0);
		expect(() => startRecheckRound(c1, [], { title: '复核', monitoringPoint: '2025-13-01' }, ctx)).toThrow(/date/);
		expect(() => startRecheckRound(c1, [], { title: '  ', monitoringPoint: '2025-04-01' }, ctx)).toThrow(/title/);
		expect(() => startRecheckRound(c1, [foreign], { title: '复核', monitoringPoint: '2025-04-01' }, ctx)).toThrow(/belongs to campaign/);
	});
});

describe('compareRounds', () => {
	it('round 2 vs 1: fixed, still, new and unchecked (not judged is not fixed)', () => {
		const { rounds } = threeRounds();
		const c = compareRounds(rounds.slice(0, 2));
		expect(entries(c, '甲')).toEqual([
			['fixed', 'a1', 'link'],
			['still', 'a2', null],
			['new', 's1', null],
			['unchecked', 'd1', 'err']
		]);
		expect(entries(c, '乙')).toEqual([['fixed', 'a2', null]]);
		expect(c.totals).toEqual({ fixed: 2, still: 1, new: 1, regressed: 0, unchecked: 1 });
		expect(c.rate).toBeCloseTo(2 / 3);
		expect(c.round.round).toBe(2);
		expect(c.previous.round).toBe(1);
	});

	it('round 3 vs 2: 回潮 after a fix, still through an unchecked round, new, and a target added later', () => {
		const { rounds, r2, r3 } = threeRounds();
		const c = compareRounds(rounds);
		expect(entries(c, '甲')).toEqual([
			['new', 'v2', null],
			['regressed', 'a1', 'link'],
			['fixed', 'a2', null],
			['still', 's1', null],
			['still', 'd1', 'err']
		]);
		expect(entries(c, '乙')).toEqual([['new', 'd1', 'err']]);
		expect(entries(c, '丙')).toEqual([['new', 'a1', null]]);
		expect(c.totals).toEqual({ fixed: 1, still: 2, new: 3, regressed: 1, unchecked: 0 });
		expect(c.rate).toBeCloseTo(1 / 3);

		const jia = c.problems.find((p) => p.change === 'regressed')!;
		expect(jia).toMatchObject({
			targetName: '甲',
			targetId: r3[0]!.id,
			previousTargetId: r2[0]!.id,
			lineageId: r3[0]!.lineageId,
			code: '2.1',
			title: { zh: '动态' },
			deductionTitle: { zh: '错链' },
			veto: false,
			outcome: 'partial',
			firstRound: 1
		});
		expect(c.problems.find((p) => p.indicatorId === 'v2')).toMatchObject({ veto: true, code: '1.2', deductionTitle: null, firstRound: 3 });
		expect(c.problems.find((p) => p.indicatorId === 'd1' && p.targetName === '甲')!.firstRound).toBe(1);

		const bing = c.targets.find((t) => t.name === '丙')!;
		expect(bing.before).toBeNull();
		expect(bing.previousTargetId).toBeNull();
		expect(bing.lineageId).toBe(bing.targetId);
		expect(bing.rate).toBeNull();
		expect(c.droppedTargets).toEqual([]);
	});

	it('reports scores before and after, with vetoes', () => {
		const { rounds } = threeRounds();
		const two = compareRounds(rounds.slice(0, 2));
		const jia2 = two.targets.find((t) => t.name === '甲')!;
		// 甲 (a portal: its bonus items too) is not fully graded in either round: no change is a result.
		expect([jia2.before!.total, jia2.after.total, jia2.change]).toEqual([73, 55, null]);
		expect([jia2.before!.complete, jia2.after.complete]).toEqual([false, false]);
		expect(two.targets.find((t) => t.name === '乙')!.change).toBe(20);

		const three = compareRounds(rounds);
		const jia3 = three.targets.find((t) => t.name === '甲')!;
		expect(jia3.after).toMatchObject({ vetoed: true, total: null, passed: false });
		expect(jia3.change).toBeNull();
		expect(jia3.counts).toEqual({ fixed: 1, still: 2, new: 1, regressed: 1, unchecked: 0 });
		const yi = three.targets.find((t) => t.name === '乙')!;
		expect([yi.before!.total, yi.after.total, yi.change, yi.after.vetoed]).toEqual([100, 90, -10, false]);
		expect(three.targets.find((t) => t.name === '丙')!.after.total).toBe(80);
	});

	it('a whole-indicator failure and its counted problems are the same problem still failing', () => {
		const ctx = testContext();
		const c1 = newCampaign(ctx, { title: 'Q1', framework: miniFramework(), monitoringPoint: '2025-03-31', assessor: '' });
		const t1 = target(c1.id, '20000000-0000-4000-8000-000000000001', '甲', 'dept', 0);
		const { campaign: c2, targets: [t2] } = startRecheckRound(c1, [t1], { title: '复核', monitoringPoint: '2025-04-10' }, ctx);
		const c = compareRounds([
			{ campaign: c1, targets: [t1], findings: [f(t1, 'a1', 'fail'), f(t1, 'd1', 'partial', { err: 1 })] },
			{ campaign: c2, targets: [t2!], findings: [f(t2!, 'a1', 'partial', { link: 1 }), f(t2!, 'd1', 'fail')] }
		]);
		expect(entries(c, '甲')).toEqual([
			['still', 'a1', 'link'],
			['still', 'd1', null]
		]);
	});

	it('lists targets that dropped out of the latest round', () => {
		const { rounds, r1 } = threeRounds();
		const c = compareRounds([rounds[0]!, { ...rounds[1]!, targets: rounds[1]!.targets.slice(0, 1) }]);
		expect(c.droppedTargets).toEqual([{ lineageId: r1[1]!.id, targetId: r1[1]!.id, name: '乙' }]);
		expect(c.targets.map((t) => t.name)).toEqual(['甲']);
	});

	it('throws when the rounds are not one chain', () => {
		const { rounds, c2 } = threeRounds();
		expect(() => compareRounds([rounds[0]!])).toThrow(/at least two rounds/);
		expect(() => compareRounds([rounds[1]!, rounds[0]!])).toThrow(/chain broken/);
		expect(() => compareRounds([rounds[0]!, rounds[2]!])).toThrow(/does not follow/);
		expect(() => compareRounds([rounds[0]!, { ...rounds[1]!, campaign: { ...c2, round: 3 } }])).toThrow(/should be round 2/);
		expect(() => compareRounds([rounds[0]!, rounds[0]!])).toThrow(/appears twice/);
		const twin = { ...rounds[1]!, targets: [rounds[1]!.targets[0]!, { ...rounds[1]!.targets[1]!, lineageId: rounds[1]!.targets[0]!.lineageId }] };
		expect(() => compareRounds([rounds[0]!, twin])).toThrow(/share lineage/);
	});
});

describe('compareAll', () => {
	it('compares every consecutive pair and gives each target a score series', () => {
		const { rounds, r3 } = threeRounds();
		const all = compareAll(rounds);
		expect(all.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
		expect(all.comparisons.map((c) => [c.previous.round, c.round.round, c.totals])).toEqual([
			[1, 2, { fixed: 2, still: 1, new: 1, regressed: 0, unchecked: 1 }],
			[2, 3, { fixed: 1, still: 2, new: 3, regressed: 1, unchecked: 0 }]
		]);
		expect(all.comparisons[0]).toEqual(compareRounds(rounds.slice(0, 2)));
		expect(all.comparisons[1]).toEqual(compareRounds(rounds));
		expect(all.series.map((s) => [s.name, s.lineageId, s.points.map((p) => p?.total ?? (p ? 'veto' : '—'))])).toEqual([
			['甲', r3[0]!.lineageId, [73, 55, 'veto']],
			['乙', r3[1]!.lineageId, [80, 100, 90]],
			['丙', r3[2]!.id, ['—', '—', 80]]
		]);
	});

	it('a single round has no comparison but still a series', () => {
		const { rounds } = threeRounds();
		const all = compareAll(rounds.slice(0, 1));
		expect(all.comparisons).toEqual([]);
		expect(all.series.map((s) => s.points.length)).toEqual([1, 1]);
	});
});
