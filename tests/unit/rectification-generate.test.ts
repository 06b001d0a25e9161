import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_CALENDAR, type WorkCalendar } from '$lib/domain/calendar';
import type { Context } from '$lib/domain/common';
import type { Evidence } from '$lib/domain/evidence';
import type { Finding, Outcome } from '$lib/domain/finding';
import { Rectification, rectificationKey, syncRectifications, type SyncInput, type SyncResult, changeStatus } from '$lib/domain/rectification';
import type { Target } from '$lib/domain/target';
import type { Framework } from '$lib/domain/framework';
import { CAMPAIGN, finding, miniFramework } from './fixtures/mini-framework';
import { cassFramework, checklistFramework } from './fixtures/other-models';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '00000000-0000-4000-8000-0000000000a1';
const T2 = '00000000-0000-4000-8000-0000000000a2';
const OTHER_CAMPAIGN = '00000000-0000-4000-8000-0000000000c9';

function context(user = '李四') {
	let id = 0;
	let minute = 0;
	const ctx: Context & { tick(): void } = {
		now: () => `2026-03-02T08:${String(minute).padStart(2, '0')}:00.000Z`,
		newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
		user,
		tick: () => void minute++
	};
	return ctx;
}

function target(id: string, categoryId: string, order: number, ownerUnit = ''): Target {
	return { id, campaignId: CAMPAIGN, name: id, categoryId, url: '', ownerUnit, assessor: '', order, createdAt: T0, updatedAt: T0, updatedBy: 'test' };
}

function judged(indicatorId: string, outcome: Outcome | null, counts: Record<string, number> = {}, targetId = T1, note = ''): Finding {
	return { ...finding(indicatorId, outcome, counts, targetId), note };
}

let ev = 0;
function evidence(f: Finding, kind: 'url' | 'text', url?: string): Evidence {
	return {
		id: `00000000-0000-4000-8000-${String(900 + ++ev).padStart(12, '0')}`,
		campaignId: f.campaignId,
		targetId: f.targetId,
		findingId: f.id,
		kind,
		...(url ? { url } : {}),
		text: kind === 'text' ? '截图说明' : '',
		observedAt: T0,
		createdAt: T0,
		updatedAt: T0,
		updatedBy: 'test'
	};
}

const fw = miniFramework((f) => {
	const a1 = f.sections[1]!.indicators![0]!;
	a1.basis = '国办秘函〔2019〕19号 第二部分';
	a1.suggestion = { zh: '逐条修复错链', en: 'Fix every broken link' };
	a1.deductions![0]!.title = { zh: '错链/死链' };
});

function input(over: Partial<SyncInput> & Pick<SyncInput, 'findings' | 'ctx'>): SyncInput {
	return {
		framework: fw,
		campaign: { id: CAMPAIGN },
		targets: [target(T1, 'portal', 1, '市政务服务数据管理局'), target(T2, 'nosvc', 0, '区司法局')],
		evidence: [],
		existing: [],
		workingDays: 10,
		calendar: EMPTY_CALENDAR,
		...over
	};
}

/** What the lead's storage would hold after saving a sync result. */
function apply(existing: Rectification[], r: SyncResult): Rectification[] {
	const updated = new Map(r.update.map((u) => [u.id, u]));
	return [...existing.map((e) => updated.get(e.id) ?? e), ...r.create];
}

const summary = (items: Rectification[]) => items.map((r) => [r.seq, r.targetId === T1 ? 'T1' : 'T2', r.indicatorId, r.deductionId, r.status]);

describe('generating the rectification list', () => {
	const a1 = judged('a1', 'partial', { link: 3, stale: 2 }, T1, '首页栏目“通知公告”多处链接打不开');
	const findings = [
		judged('v1', 'fail'),
		a1,
		judged('a2', 'fail'),
		judged('d1', 'fail', { err: 10 }),
		judged('s1', 'pass'),
		judged('b1', 'fail'), // bonus: never an item
		judged('v2', 'partial'), // a veto is all or nothing
		judged('s1', 'fail', {}, T2), // not required for "nosvc"
		judged('a2', 'partial', {}, T2),
		judged('d1', 'na', { err: 2 }, T2)
	];
	const evs = [evidence(a1, 'url', 'https://www.example.gov.cn/tzgg/'), evidence(a1, 'text'), evidence(a1, 'url', 'https://www.example.gov.cn/a.html'), evidence(a1, 'url', 'https://www.example.gov.cn/tzgg/'), evidence(findings[2]!, 'url', 'https://www.example.gov.cn/zc/')];

	it('makes one item per target, indicator and problem type, in target, framework and deduction order', () => {
		const ctx = context();
		const { create, update } = syncRectifications(input({ findings, evidence: evs, ctx }));
		expect(update).toEqual([]);
		expect(summary(create)).toEqual([
			[1, 'T2', 'a2', null, 'open'],
			[2, 'T1', 'v1', null, 'open'],
			[3, 'T1', 'a1', 'link', 'open'],
			[4, 'T1', 'a1', 'stale', 'open'],
			[5, 'T1', 'a2', null, 'open'],
			[6, 'T1', 'd1', 'err', 'open']
		]);
		for (const r of create) expect(Rectification.parse(r)).toEqual(r);
		expect(new Set(create.map((r) => r.id)).size).toBe(6);
	});

	it('prefills description, evidence, basis, points lost, veto, suggestion and owner', () => {
		const { create } = syncRectifications(input({ findings, evidence: evs, ctx: context() }));
		const [t2a2, v1, link, stale, a2, d1] = create;
		expect(link).toMatchObject({
			description: '错链/死链 3处；首页栏目“通知公告”多处链接打不开',
			evidenceUrls: ['https://www.example.gov.cn/tzgg/', 'https://www.example.gov.cn/a.html'],
			basis: '国办秘函〔2019〕19号 第二部分',
			suggestion: '逐条修复错链',
			pointsLost: 3,
			veto: false,
			responsibleUnit: '市政务服务数据管理局',
			campaignId: CAMPAIGN,
			history: [],
			findingResolved: false,
			updatedBy: '李四'
		});
		// A once-only problem is named without a count and loses its fixed amount however often it was seen.
		expect(stale).toMatchObject({ description: '未更新；首页栏目“通知公告”多处链接打不开', pointsLost: 5 });
		// A whole failed indicator with no note is named by its title and loses its whole max.
		expect(a2).toMatchObject({ description: '政策', pointsLost: 20, evidenceUrls: ['https://www.example.gov.cn/zc/'], basis: '', suggestion: '' });
		// Counted points are capped at the indicator's max (10 × 5 > 35).
		expect(d1).toMatchObject({ description: '错误 10处', pointsLost: 35 });
		expect(v1).toMatchObject({ veto: true, pointsLost: null, description: '站点无法访问' });
		// 部分符合 with nothing counted loses nothing in the deduction model, and is still a problem to fix.
		expect(t2a2).toMatchObject({ pointsLost: 0, responsibleUnit: '区司法局' });
		expect(link!.noticeDate).toBeUndefined();
		expect(link!.deadline).toBeUndefined();
	});

	it('sets the notice date and a deadline counted in working days when a notice date is given', () => {
		const cal: WorkCalendar = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] };
		const { create } = syncRectifications(input({ findings, ctx: context(), noticeDate: '2026-09-29', calendar: cal }));
		for (const r of create) expect(r).toMatchObject({ noticeDate: '2026-09-29', deadline: '2026-10-19' });
		const quick = syncRectifications(input({ findings, ctx: context(), noticeDate: '2026-09-29', workingDays: 3 }));
		expect(quick.create[0]).toMatchObject({ deadline: '2026-10-02' });
	});

	it('ignores findings, targets and items of other campaigns', () => {
		const foreign = { ...judged('a2', 'fail'), campaignId: OTHER_CAMPAIGN };
		const r = syncRectifications(input({ findings: [foreign], targets: [{ ...target(T1, 'portal', 0), campaignId: OTHER_CAMPAIGN }], ctx: context() }));
		expect(r.create).toEqual([]);
	});

	it('makes one whole-indicator item for a failed or partial checklist or weighted indicator', () => {
		const check: Framework = checklistFramework();
		const r = syncRectifications(
			input({
				framework: check,
				targets: [target(T1, 'unit', 0)],
				findings: [judged('t1', 'fail'), judged('t2', 'partial'), judged('t3', 'pass'), judged('t4', 'na')],
				ctx: context()
			})
		);
		expect(r.create.map((x) => [x.indicatorId, x.deductionId, x.pointsLost, x.veto])).toEqual([
			['t1', null, null, false],
			['t2', null, null, false]
		]);

		const cass = cassFramework();
		const levels: Finding = { ...judged('platform-levels', 'partial'), level: 'basic' };
		const ratio: Finding = { ...judged('decision-r', 'partial'), ratio: { met: 8000, of: 10000 } };
		const w = syncRectifications(input({ framework: cass, targets: [target(T1, 'city', 0)], findings: [ratio, levels, judged('platform-binary', 'pass')], ctx: context() }));
		expect(w.create.map((x) => [x.indicatorId, x.deductionId, x.pointsLost])).toEqual([
			['decision-r', null, null],
			['platform-levels', null, null]
		]);
	});
});

describe('syncing an existing list', () => {
	function firstRound() {
		const ctx = context();
		const a1 = judged('a1', 'partial', { link: 3, stale: 1 }, T1, '链接打不开');
		const findings = [judged('v1', 'fail'), a1, judged('a2', 'fail'), judged('d1', 'fail', { err: 2 })];
		const items = apply([], syncRectifications(input({ findings, ctx })));
		ctx.tick();
		return { ctx, findings, items, a1 };
	}
	const byKey = (items: Rectification[], indicatorId: string, deductionId: string | null = null) =>
		items.find((r) => r.targetId === T1 && r.indicatorId === indicatorId && r.deductionId === deductionId)!;

	it('changes nothing when nothing changed (a second sync is a no-op)', () => {
		const { ctx, findings, items } = firstRound();
		expect(syncRectifications(input({ findings, ctx, existing: items }))).toEqual({ create: [], update: [] });
	});

	it('refreshes an open item from its finding but keeps what people set on it', () => {
		const { ctx, findings, items, a1 } = firstRound();
		const edited = items.map((r) => (r.indicatorId === 'a1' && r.deductionId === 'link' ? { ...r, responsibleUnit: '办公室', responsiblePerson: '王五', remarks: '已电话通知' } : r));
		const a1now = { ...a1, deductionCounts: { link: 5, stale: 1 }, note: '首页与栏目页链接打不开' };
		const evs = [evidence(a1now, 'url', 'https://www.example.gov.cn/x.html')];
		const r = syncRectifications(input({ findings: findings.with(1, a1now), evidence: evs, ctx, existing: edited }));
		expect(r.create).toEqual([]);
		expect(r.update.map((u) => [u.indicatorId, u.deductionId])).toEqual([
			['a1', 'link'],
			['a1', 'stale']
		]);
		const link = r.update[0]!;
		expect(link).toMatchObject({
			status: 'open',
			description: '错链/死链 5处；首页与栏目页链接打不开',
			pointsLost: 5,
			evidenceUrls: ['https://www.example.gov.cn/x.html'],
			responsibleUnit: '办公室',
			responsiblePerson: '王五',
			remarks: '已电话通知',
			seq: byKey(items, 'a1', 'link').seq,
			id: byKey(items, 'a1', 'link').id,
			createdAt: byKey(items, 'a1', 'link').createdAt,
			updatedAt: '2026-03-02T08:01:00.000Z',
			history: []
		});
		expect(r.update[1]).toMatchObject({ description: '未更新；首页与栏目页链接打不开', status: 'open' });
	});

	it('marks an open item whose problem is gone 无需整改, with a history entry', () => {
		const { ctx, findings, items, a1 } = firstRound();
		const now = findings.with(1, { ...a1, deductionCounts: { link: 3 } }).with(2, judged('a2', 'pass'));
		const r = syncRectifications(input({ findings: now, ctx, existing: items }));
		expect(r.create).toEqual([]);
		expect(r.update.map((u) => [u.indicatorId, u.deductionId, u.status])).toEqual([
			['a1', 'stale', 'notApplicable'],
			['a2', null, 'notApplicable']
		]);
		for (const u of r.update) {
			expect(u.history).toEqual([{ at: '2026-03-02T08:01:00.000Z', by: '李四', from: 'open', to: 'notApplicable', comment: 'rect.auto.findingResolved' }]);
			expect(Rectification.parse(u)).toEqual(u);
		}
	});

	it('keeps the status of an item someone worked on and flags it instead', () => {
		const { ctx, findings, items } = firstRound();
		const d1 = byKey(items, 'd1', 'err');
		const started = changeStatus(d1, 'inProgress', { comment: '已安排' }, ctx);
		if (!started.ok) throw new Error('setup');
		const worked = items.map((r) => (r.id === d1.id ? started.item : r));
		const now = findings.with(3, judged('d1', 'pass'));
		const r = syncRectifications(input({ findings: now, ctx, existing: worked }));
		expect(r.update).toHaveLength(1);
		expect(r.update[0]).toMatchObject({ id: d1.id, status: 'inProgress', findingResolved: true, history: started.item.history });
		// The flag clears if the problem comes back.
		const again = syncRectifications(input({ findings, ctx, existing: apply(worked, r) }));
		expect(again.update).toHaveLength(1);
		expect(again.update[0]).toMatchObject({ id: d1.id, status: 'inProgress', findingResolved: false });
	});

	it('reopens a 无需整改 item whose problem came back, with a history entry, and keeps its 序号', () => {
		const { ctx, findings, items } = firstRound();
		const gone = apply(items, syncRectifications(input({ findings: findings.with(2, judged('a2', 'pass')), ctx, existing: items })));
		expect(byKey(gone, 'a2').status).toBe('notApplicable');
		ctx.tick();
		const back = syncRectifications(input({ findings: findings.with(2, judged('a2', 'fail', {}, T1, '政策文件未公开')), ctx, existing: gone }));
		expect(back.create).toEqual([]);
		expect(back.update).toHaveLength(1);
		const a2 = back.update[0]!;
		expect(a2).toMatchObject({ status: 'open', seq: byKey(items, 'a2').seq, description: '政策文件未公开' });
		expect(a2.history.map((h) => [h.from, h.to, h.comment])).toEqual([
			['open', 'notApplicable', 'rect.auto.findingResolved'],
			['notApplicable', 'open', 'rect.auto.findingReturned']
		]);
	});

	it('leaves items alone while their indicator is not judged (finding removed or outcome cleared)', () => {
		const { ctx, findings, items } = firstRound();
		const cleared = findings.with(2, judged('a2', null)).filter((f) => f.indicatorId !== 'd1');
		expect(syncRectifications(input({ findings: cleared, ctx, existing: items }))).toEqual({ create: [], update: [] });
	});

	it('retires open items of an indicator the category no longer requires', () => {
		const ctx = context();
		const items = apply([], syncRectifications(input({ findings: [judged('s1', 'fail')], ctx })));
		expect(items).toHaveLength(1);
		const r = syncRectifications(input({ findings: [judged('s1', 'fail')], ctx, existing: items, targets: [target(T1, 'nosvc', 0)] }));
		expect(r.update.map((u) => u.status)).toEqual(['notApplicable']);
	});

	it('continues 序号 after the largest one and never touches targets left out of the sync', () => {
		const { ctx, findings, items } = firstRound();
		const max = Math.max(...items.map((r) => r.seq));
		const more = [...findings, judged('a2', 'fail', {}, T2)];
		const r = syncRectifications(input({ findings: more, ctx, existing: items }));
		expect(r.create.map((c) => [c.seq, c.targetId])).toEqual([[max + 1, T2]]);
		// Syncing T2 alone: T1's items stay as they are even though no T1 finding is passed in.
		const alone = syncRectifications(input({ findings: [], ctx, existing: items, targets: [target(T2, 'nosvc', 0)] }));
		expect(alone).toEqual({ create: [], update: [] });
	});

	it('keeps the list consistent over any sequence of findings: nothing lost, keys unique, open items match problems', () => {
		const outcome = fc.constantFrom<Outcome | null>('pass', 'fail', 'partial', 'na', null);
		const findingsArb = fc.record({
			v1: outcome,
			a1: fc.tuple(outcome, fc.nat(3), fc.nat(2)),
			a2: outcome,
			d1: fc.tuple(outcome, fc.nat(3))
		});
		const build = (x: { v1: Outcome | null; a1: [Outcome | null, number, number]; a2: Outcome | null; d1: [Outcome | null, number] }) => [
			judged('v1', x.v1),
			judged('a1', x.a1[0], { link: x.a1[1], stale: x.a1[2] }),
			judged('a2', x.a2),
			judged('d1', x.d1[0], { err: x.d1[1] })
		];
		fc.assert(
			fc.property(fc.array(findingsArb, { minLength: 1, maxLength: 4 }), (rounds) => {
				const ctx = context();
				let items: Rectification[] = [];
				for (const round of rounds) {
					const fs = build(round);
					const before = items.length;
					const r = syncRectifications(input({ findings: fs, ctx, existing: items }));
					items = apply(items, r);
					expect(items.length).toBe(before + r.create.length);
					expect(new Set(items.map(rectificationKey)).size).toBe(items.length);
					expect(new Set(items.map((i) => i.seq)).size).toBe(items.length);
					// Idempotent: syncing the same findings again changes nothing.
					expect(syncRectifications(input({ findings: fs, ctx, existing: items }))).toEqual({ create: [], update: [] });
					// Every item of a judged indicator is open exactly when its problem exists.
					const problems = new Set(syncRectifications(input({ findings: fs, ctx: context() })).create.map(rectificationKey));
					for (const it of items) {
						const f = fs.find((x) => x.indicatorId === it.indicatorId)!;
						if (f.outcome === null) continue;
						expect(it.status === 'open').toBe(problems.has(rectificationKey(it)));
					}
				}
			})
		);
	});
});

describe('points lost that add up (issue 13)', () => {
	const lost = (r: SyncResult) => r.create.map((x) => [x.targetId === T1 ? 'T1' : 'T2', x.indicatorId, x.deductionId, x.pointsLost]);

	it('shares an indicator’s capped loss over its problem types instead of capping each type at the max', () => {
		// a1 (max 20) lost 20: 20 broken links × 1 + stale 5 = 25 → 16 + 4, not 20 + 5.
		const r = syncRectifications(input({ findings: [judged('a1', 'partial', { link: 20, stale: 1 })], ctx: context() }));
		expect(lost(r)).toEqual([
			['T1', 'a1', 'link', 16],
			['T1', 'a1', 'stale', 4]
		]);
	});

	it('gives 折算后 points under rescale: what the problem cost the rescaled score', () => {
		// "nosvc" skips S (25 of 100), so its losses count 100/75 times.
		const r = syncRectifications(input({ findings: [judged('a2', 'fail', {}, T2), judged('d1', 'partial', { err: 3 }, T2)], ctx: context() }));
		expect(r.create.map((x) => x.pointsLost)).toEqual([(20 * 100) / 75, (15 * 100) / 75]);
	});

	it('gives a failed indicator its max with the redistributed points under redistribute', () => {
		const redistribute = miniFramework((f) => (f.scoring.naPolicy = 'redistribute'));
		// S's 25 points go to a1, a2 and d1: 25/3 each, so a failed a2 loses 20 + 25/3.
		const r = syncRectifications(input({ framework: redistribute, findings: [judged('a2', 'fail', {}, T2)], ctx: context() }));
		expect(r.create[0]!.pointsLost).toBeCloseTo(20 + 25 / 3, 12);
	});

	it('shares a capped section’s loss over its indicators in proportion to what each lost', () => {
		const capped = miniFramework((f) => (f.sections[1]!.cap = 13));
		// A loses 6 + 20 = 26, capped at 13: a1 gets 6 × 13/26 = 3, a2 20 × 13/26 = 10.
		const r = syncRectifications(input({ framework: capped, findings: [judged('a1', 'partial', { link: 6 }), judged('a2', 'fail')], ctx: context() }));
		expect(lost(r)).toEqual([
			['T1', 'a1', 'link', 3],
			['T1', 'a2', null, 10]
		]);
	});

	it('corrects the points lost of an existing open item', () => {
		const ctx = context();
		const findings = [judged('a1', 'partial', { link: 20, stale: 1 })];
		// Items as the earlier generator saved them: each problem type capped at the indicator's max on its own.
		const old = apply([], syncRectifications(input({ findings, ctx }))).map((r) => ({ ...r, pointsLost: r.deductionId === 'link' ? 20 : 5 }));
		ctx.tick();
		const r = syncRectifications(input({ findings, ctx, existing: old }));
		expect(r.create).toEqual([]);
		expect(r.update.map((u) => [u.seq, u.deductionId, u.pointsLost, u.status, u.history])).toEqual([
			[1, 'link', 16, 'open', []],
			[2, 'stale', 4, 'open', []]
		]);
		expect(r.update.map((u) => u.id)).toEqual(old.map((o) => o.id));
	});
});

describe('工作要点 tasks', () => {
	it('take the task’s responsible units and, without a notice date, its own deadline', async () => {
		const { checklistFramework } = await import('./fixtures/other-models');
		const { syncRectifications } = await import('$lib/domain/rectification');
		const { finding, TARGET, CAMPAIGN } = await import('./fixtures/mini-framework');
		const fw = checklistFramework();
		const target = { id: TARGET, campaignId: CAMPAIGN, categoryId: 'unit', ownerUnit: '某局', order: 0 };
		let n = 0;
		const ctx = { now: () => '2021-10-08T00:00:00.000Z', newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, user: '督查组' };
		const base = { framework: fw, campaign: { id: CAMPAIGN }, targets: [target], evidence: [], existing: [], ctx, workingDays: 10, calendar: { holidays: [], workdays: [] } };
		const { create } = syncRectifications({ ...base, findings: [finding('t1', 'fail'), finding('t2', 'fail')] });
		expect(create.map((r) => [r.indicatorId, r.responsibleUnit, r.deadline])).toEqual([
			['t1', '市政府办公室', '2021-09-30'],
			['t2', '某局', undefined]
		]);
		const withNotice = syncRectifications({ ...base, findings: [finding('t1', 'fail')], noticeDate: '2021-10-08' }).create;
		expect(withNotice[0]!.deadline).toBe('2021-10-22');
	});
});
