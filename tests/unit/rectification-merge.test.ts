import { describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR } from '$lib/domain/calendar';
import type { Context } from '$lib/domain/common';
import { Rectification, changeStatus, mergeRectification, setDeadline } from '$lib/domain/rectification';

const tabA: Context = { now: () => '2026-03-02T09:00:00.000Z', newId: () => '00000000-0000-4000-8000-0000000000aa', user: '甲' };
const tabB: Context = { now: () => '2026-03-02T10:00:00.000Z', newId: () => '00000000-0000-4000-8000-0000000000bb', user: '乙' };

const base = Rectification.parse({
	id: '00000000-0000-4000-8000-000000000001',
	campaignId: '00000000-0000-4000-8000-0000000000c1',
	targetId: '00000000-0000-4000-8000-0000000000d1',
	indicatorId: 'a1',
	deductionId: 'link',
	seq: 1,
	description: '错链 3处',
	pointsLost: 3,
	veto: false,
	status: 'open',
	rev: '1-base',
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: 'generator'
});

function edited(r: ReturnType<typeof changeStatus>): Rectification {
	if (!r.ok) throw new Error(r.problem.code);
	return r.item;
}
const inProgress = (from: Rectification, ctx = tabB) => edited(changeStatus(from, 'inProgress', { comment: '已安排专人整改' }, ctx));
const deadline = (from: Rectification, date: string, ctx = tabA) => edited(setDeadline(from, { deadline: date }, EMPTY_CALENDAR, 10, ctx));

describe('three-way merge of a rectification item', () => {
	it('a deadline set in one tab and a status change with its comment in the other both survive', () => {
		const theirs = { ...inProgress(base), rev: '2-b' };
		const mine = deadline(base, '2026-03-20');
		const { merged, conflicts } = mergeRectification(base, mine, theirs);
		expect(conflicts).toEqual([]);
		expect(merged).toMatchObject({ status: 'inProgress', deadline: '2026-03-20', rev: '2-b', updatedBy: '甲' });
		expect(merged.history).toEqual(theirs.history);
		expect(merged.history[0]).toMatchObject({ from: 'open', to: 'inProgress', comment: '已安排专人整改', by: '乙' });
	});

	it('the same change on both sides is no conflict', () => {
		const theirs = { ...deadline(base, '2026-03-20', tabB), rev: '2-b' };
		const { merged, conflicts } = mergeRectification(base, deadline(base, '2026-03-20'), theirs);
		expect(conflicts).toEqual([]);
		expect(merged.deadline).toBe('2026-03-20');
	});

	it('different deadlines on both sides are a conflict: theirs is kept until the user chooses', () => {
		const theirs = { ...deadline(base, '2026-03-25', tabB), rev: '2-b' };
		const mine = deadline(base, '2026-03-20');
		const merge = mergeRectification(base, mine, theirs);
		expect(merge.conflicts).toEqual(['deadline']);
		expect(merge.merged.deadline).toBe('2026-03-25');
		expect(merge.keepingMine).toMatchObject({ deadline: '2026-03-20', rev: '2-b' });
	});

	it('two status changes collide on the status: keeping mine logs both changes, keeping theirs only theirs', () => {
		const theirs = { ...inProgress(base), rev: '2-b' };
		const mine = edited(changeStatus(base, 'cannotFix', { reason: '系统已停用' }, tabA));
		const merge = mergeRectification(base, mine, theirs);
		expect(merge.conflicts).toEqual(['status', 'reason']);
		expect(merge.merged).toMatchObject({ status: 'inProgress', reason: '' });
		expect(merge.merged.history.map((h) => `${h.by}:${h.to}`)).toEqual(['乙:inProgress']);
		expect(merge.keepingMine.status).toBe('cannotFix');
		expect(merge.keepingMine.reason).toBe('系统已停用');
		expect(merge.keepingMine.history.map((h) => `${h.by}:${h.to}`)).toEqual(['乙:inProgress', '甲:cannotFix']);
	});

	it('a field mine removed and theirs left alone is removed; nothing changed on my side keeps theirs as it is', () => {
		const withDeadline = { ...base, deadline: '2026-03-20', workingDays: 5 };
		const mine = { ...withDeadline, workingDays: undefined };
		const theirs = { ...withDeadline, remarks: '乙的备注', rev: '2-b' };
		const { merged, conflicts } = mergeRectification(withDeadline, mine, theirs);
		expect(conflicts).toEqual([]);
		expect('workingDays' in merged).toBe(false);
		expect(merged.remarks).toBe('乙的备注');
		expect(mergeRectification(base, base, theirs).merged).toEqual(theirs);
	});
});
