import { describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR } from '$lib/domain/calendar';
import type { Context } from '$lib/domain/common';
import type { Finding } from '$lib/domain/finding';
import { Rectification, type RectificationStatus, syncRectifications, impactsByTarget, isOverdue, overdueWorkingDays, rectificationRate, rectificationRates, sortByImpact } from '$lib/domain/rectification';
import type { Target } from '$lib/domain/target';
import { CAMPAIGN, finding, miniFramework, TARGET } from './fixtures/mini-framework';

const C2 = '00000000-0000-4000-8000-0000000000c2';
const T2 = '00000000-0000-4000-8000-0000000000d2';

let n = 0;
function item(status: RectificationStatus, over: Partial<Rectification> = {}): Rectification {
	n++;
	return Rectification.parse({
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		campaignId: CAMPAIGN,
		targetId: TARGET,
		indicatorId: 'a1',
		deductionId: `p${n}`,
		seq: n,
		description: '',
		pointsLost: null,
		veto: false,
		status,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'test',
		...over
	});
}

describe('overdue', () => {
	it('is overdue after the deadline day while the unit still owes work', () => {
		for (const status of ['open', 'inProgress', 'failed'] as const) {
			const r = item(status, { deadline: '2026-03-10' });
			expect(isOverdue(r, '2026-03-10')).toBe(false);
			expect(isOverdue(r, '2026-03-11')).toBe(true);
		}
		for (const status of ['fixed', 'passed', 'cannotFix', 'notApplicable'] as const) expect(isOverdue(item(status, { deadline: '2026-03-10' }), '2026-04-01')).toBe(false);
		expect(isOverdue(item('open'), '2099-01-01')).toBe(false);
	});
	it('counts how many working days late', () => {
		expect(overdueWorkingDays(item('open', { deadline: '2026-03-06' }), '2026-03-09', EMPTY_CALENDAR)).toBe(1); // Fri → Mon
		expect(overdueWorkingDays(item('open', { deadline: '2026-03-06' }), '2026-03-08', EMPTY_CALENDAR)).toBe(0); // the weekend costs nothing
		expect(overdueWorkingDays(item('open', { deadline: '2026-03-06' }), '2026-03-13', { holidays: ['2026-03-10'], workdays: [] })).toBe(4);
		expect(overdueWorkingDays(item('passed', { deadline: '2026-03-06' }), '2026-03-13', EMPTY_CALENDAR)).toBe(0);
	});
});

describe('rates', () => {
	const items = [
		item('passed'),
		item('passed', { targetId: T2 }),
		item('fixed'),
		item('open', { deadline: '2026-03-01', veto: true }),
		item('cannotFix', { targetId: T2 }),
		item('notApplicable'),
		item('open', { campaignId: C2, targetId: T2 })
	];
	it('counts 复核通过 over everything but 无需整改', () => {
		const { overall, byTarget, byCampaign } = rectificationRates(items, '2026-03-02');
		expect(overall).toEqual({
			total: 7,
			applicable: 6,
			counts: { open: 2, inProgress: 0, fixed: 1, passed: 2, failed: 0, cannotFix: 1, notApplicable: 1 },
			rate: 2 / 6,
			reportedRate: 3 / 6,
			overdue: 1,
			vetoOpen: 1
		});
		expect(byTarget.get(TARGET)).toMatchObject({ total: 4, applicable: 3, rate: 1 / 3 });
		expect(byTarget.get(T2)).toMatchObject({ total: 3, applicable: 3, rate: 1 / 3 });
		expect([...byCampaign.keys()]).toEqual([CAMPAIGN, C2]);
		expect(byCampaign.get(C2)).toMatchObject({ total: 1, rate: 0, overdue: 0 });
		expect(byCampaign.get(CAMPAIGN)).toMatchObject({ total: 6, applicable: 5, rate: 2 / 5 });
	});
	it('has no rate when nothing applies', () => {
		expect(rectificationRate([])).toBeNull();
		expect(rectificationRate([item('notApplicable')])).toBeNull();
		expect(rectificationRate([item('passed'), item('notApplicable')])).toBe(1);
		expect(rectificationRates([]).overall.overdue).toBe(0);
	});
});

describe('sorting by impact', () => {
	const fw = miniFramework();
	const target: Target = { id: TARGET, campaignId: CAMPAIGN, name: '甲', categoryId: 'portal', url: '', ownerUnit: '', assessor: '', order: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 't' };
	let id = 500;
	const ctx: Context = { now: () => '2026-03-02T08:00:00.000Z', newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, user: 'u' };
	const generate = (findings: Finding[]) =>
		syncRectifications({ framework: fw, campaign: { id: CAMPAIGN }, targets: [target], findings, evidence: [], existing: [], ctx, workingDays: 10, calendar: EMPTY_CALENDAR }).create;
	const keyOf = (r: Rectification) => `${r.indicatorId}/${r.deductionId ?? ''}`;

	it('puts the biggest score gain first, then points lost, then 序号', () => {
		const findings = [finding('a1', 'partial', { link: 3, stale: 1 }), finding('a2', 'fail'), finding('d1', 'fail', { err: 2 })];
		const items = generate(findings);
		const impacts = impactsByTarget(fw, [target], findings);
		const sorted = sortByImpact([...items].reverse(), impacts);
		// Gains: a2 20 (62 → 82), d1 10, a1 8 (shared by its two problem types: 5 before 3 points lost).
		expect(sorted.map(keyOf)).toEqual(['a2/', 'd1/err', 'a1/stale', 'a1/link']);
		expect(items.map(keyOf)).toEqual(['a1/link', 'a1/stale', 'a2/', 'd1/err']); // not mutated
	});

	it('puts the veto that alone decides the result first, then other veto items', () => {
		const findings = [finding('a2', 'fail'), finding('v2', 'fail')];
		const items = generate(findings);
		expect(sortByImpact(items, impactsByTarget(fw, [target], findings)).map(keyOf)).toEqual(['v2/', 'a2/']);
		// With two vetoes neither lifts the result alone; both still come before everything else.
		const two = [finding('a2', 'fail'), finding('v1', 'fail'), finding('v2', 'fail')];
		const twoItems = generate(two);
		expect(sortByImpact([...twoItems].reverse(), impactsByTarget(fw, [target], two)).map(keyOf)).toEqual(['v1/', 'v2/', 'a2/']);
		// Without impacts at hand the veto flag alone still ranks first; the rest keeps 序号 order.
		const plain = [item('open', { seq: 1 }), item('open', { seq: 2, veto: true }), item('open', { seq: 3, pointsLost: 4 })];
		expect(sortByImpact(plain, new Map()).map((r) => r.seq)).toEqual([2, 3, 1]);
	});
});
