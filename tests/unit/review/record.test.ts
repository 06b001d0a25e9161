import { describe, expect, it } from 'vitest';
import type { Finding, Outcome } from '$lib/domain/finding';
import { listIndicators } from '$lib/domain/framework';
import { adjudicatedFinding, gradesDisagree, openDisagreements, reviewedItems, ReviewGrade } from '$lib/domain/review';
import { finding, miniFramework } from '../fixtures/mini-framework';

const framework = miniFramework();
const indicators = new Map(listIndicators(framework).map((e) => [e.indicator.id, e.indicator]));
const indicator = (id: string) => indicators.get(id)!;
const T = '2026-11-20T08:00:00.000Z';

function grade(indicatorId: string, first: Outcome | null, second: Outcome | null | undefined, counts: [Record<string, number>, Record<string, number>] = [{}, {}]): ReviewGrade {
	const f = finding(indicatorId, first, counts[0]);
	const s: Finding | undefined = second === undefined ? undefined : { ...f, outcome: second, deductionCounts: counts[1], note: '复核人备注', updatedBy: '赵六' };
	return ReviewGrade.parse({
		id: crypto.randomUUID(),
		campaignId: f.campaignId,
		targetId: f.targetId,
		indicatorId,
		findingId: f.id,
		packageId: crypto.randomUUID(),
		reviewer: '赵六',
		assessor: '张三',
		reasons: ['random'],
		first: f,
		...(s ? { second: s } : {}),
		createdAt: T,
		updatedAt: T,
		updatedBy: '王芳'
	});
}

describe('review grades', () => {
	it('refuse a second grade of another finding', () => {
		const g = grade('a2', 'pass', 'fail');
		expect(ReviewGrade.safeParse({ ...g, second: { ...g.second!, id: crypto.randomUUID() } }).success).toBe(false);
		expect(ReviewGrade.safeParse({ ...g, adjudication: { choice: 'new', reason: '  ', at: T, by: '王芳' } }).success).toBe(false);
	});

	it('feed only the items graded twice into the agreement report', () => {
		const items = reviewedItems([grade('a2', 'pass', 'pass'), grade('a2', 'fail', undefined), grade('d1', 'fail', 'pass')]);
		expect(items.map((i) => [i.indicatorId, i.first?.outcome, i.second?.outcome, i.assessor])).toEqual([
			['a2', 'pass', 'pass', '张三'],
			['d1', 'fail', 'pass', '张三']
		]);
	});

	it('disagree on the outcome or on the problems counted, not on the note', () => {
		const same = grade('d1', 'fail', 'fail', [{ err: 2 }, { err: 2 }]);
		expect(gradesDisagree(indicator('d1'), same.first, same.second!)).toBe(false);
		const counts = grade('d1', 'fail', 'fail', [{ err: 2 }, { err: 3 }]);
		expect(gradesDisagree(indicator('d1'), counts.first, counts.second!)).toBe(true);
		const outcome = grade('a2', 'pass', 'fail');
		expect(gradesDisagree(indicator('a2'), outcome.first, outcome.second!)).toBe(true);
	});

	it('list as open only disagreements not ruled on yet', () => {
		const open = grade('a2', 'pass', 'fail');
		const ruled = { ...grade('a2', 'pass', 'fail'), adjudication: { choice: 'first' as const, reason: '', at: T, by: '王芳' } };
		const agreed = grade('a2', 'pass', 'pass');
		const waiting = grade('a2', 'pass', undefined);
		expect(openDisagreements([open, ruled, agreed, waiting], (id) => indicators.get(id))).toEqual([open]);
	});

	it('adopt the chosen grade’s outcome and counts on the current finding, keeping its note', () => {
		const g = grade('d1', 'fail', 'fail', [{ err: 1 }, { err: 3 }]);
		const current: Finding = { ...g.first, note: '首评备注', rev: '3-abc' };
		const second = adjudicatedFinding(current, g, 'second')!;
		expect(second).toMatchObject({ outcome: 'fail', deductionCounts: { err: 3 }, note: '首评备注', rev: '3-abc', id: g.findingId });
		expect(adjudicatedFinding(current, g, 'first')).toBeNull();
		expect(adjudicatedFinding(current, g, 'new', { outcome: 'partial', deductionCounts: {} })).toMatchObject({ outcome: 'partial', deductionCounts: {} });
		expect(() => adjudicatedFinding(current, grade('d1', 'fail', undefined), 'second')).toThrow();
	});
});
