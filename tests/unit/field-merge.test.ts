import { describe, expect, it } from 'vitest';
import { followStored, mergeFields, mergeWhole, sameValue } from '$lib/domain/field-merge';

interface Rec {
	id: string;
	rev?: string;
	title: string;
	days: number;
	assessor: string;
	report?: { title: string; intro: string; date?: string };
	calendar?: { holidays: string[] };
}

const base: Rec = { id: 'c1', rev: '1-a', title: '第一季度', days: 10, assessor: '张三', report: { title: '通报', intro: '' }, calendar: { holidays: ['2026-01-01'] } };
const FIELDS = ['title', 'days', 'assessor', 'report.title', 'report.intro', 'report.date', 'calendar'];

describe('mergeFields (three-way, field by field)', () => {
	it('keeps a change of one field made here and of another made there, on their revision', () => {
		const mine = { ...base, title: '第二季度' };
		const theirs = { ...base, rev: '2-b', assessor: '李四' };
		const r = mergeFields(base, mine, theirs, FIELDS);
		expect(r.conflicts).toEqual([]);
		expect(r.merged).toEqual({ ...base, rev: '2-b', title: '第二季度', assessor: '李四' });
		expect(r.keepingMine).toEqual(r.merged);
	});

	it('reports the same field changed to different values on both sides, keeping theirs unless mine is chosen', () => {
		const mine = { ...base, title: '第二季度', days: 15 };
		const theirs = { ...base, rev: '2-b', title: '二季度' };
		const r = mergeFields(base, mine, theirs, FIELDS);
		expect(r.conflicts).toEqual([{ field: 'title', mine: '第二季度', theirs: '二季度' }]);
		expect(r.merged).toMatchObject({ rev: '2-b', title: '二季度', days: 15 });
		expect(r.keepingMine).toMatchObject({ rev: '2-b', title: '第二季度', days: 15 });
	});

	it('the same change made on both sides is no conflict, and with nothing left to add the result is theirs itself', () => {
		const mine = { ...base, title: '第二季度' };
		const theirs = { ...base, rev: '2-b', title: '第二季度' };
		const r = mergeFields(base, mine, theirs, FIELDS);
		expect(r.conflicts).toEqual([]);
		expect(r.merged).toBe(theirs);
	});

	it('merges nested fields one by one and compares objects by value', () => {
		const mine = { ...base, report: { title: '通报', intro: '根据……', date: '2026-03-01' }, calendar: { holidays: ['2026-01-01'] } };
		const theirs = { ...base, rev: '2-b', report: { title: '关于……的通报', intro: '' } };
		const r = mergeFields(base, mine, theirs, FIELDS);
		expect(r.conflicts).toEqual([]);
		expect(r.merged.report).toEqual({ title: '关于……的通报', intro: '根据……', date: '2026-03-01' });
		expect(base.report).toEqual({ title: '通报', intro: '' });

		const both = mergeFields(base, { ...base, calendar: { holidays: ['2026-05-01'] } }, { ...base, rev: '2-b', calendar: { holidays: ['2026-10-01'] } }, FIELDS);
		expect(both.conflicts).toEqual([{ field: 'calendar', mine: { holidays: ['2026-05-01'] }, theirs: { holidays: ['2026-10-01'] } }]);
	});

	it('a field cleared on my side is removed from theirs; a nested object missing in theirs is created', () => {
		const withDate: Rec = { ...base, report: { title: '通报', intro: '', date: '2026-03-01' } };
		const cleared = mergeFields(withDate, { ...withDate, report: { title: '通报', intro: '' } }, { ...withDate, rev: '2-b', days: 20 }, FIELDS);
		expect(cleared.merged.report).toEqual({ title: '通报', intro: '' });
		expect('date' in cleared.merged.report!).toBe(false);

		const noReport: Rec = { ...base, report: undefined };
		const created = mergeFields(noReport, { ...noReport, report: { title: '通报', intro: '' } }, { ...noReport, rev: '2-b', days: 20 }, ['report.title']);
		expect(created.merged).toMatchObject({ days: 20, report: { title: '通报' } });
	});

	it('fields outside the list are always theirs', () => {
		const r = mergeFields(base, { ...base, id: 'x', title: '新' }, { ...base, rev: '2-b' }, ['title']);
		expect(r.merged).toMatchObject({ id: 'c1', rev: '2-b', title: '新' });
	});
});

describe('mergeWhole (a record chosen as a whole)', () => {
	it('writes mine over the copy it was made from', () => {
		const mine = { ...base, title: '新' };
		const r = mergeWhole(base, mine, base);
		expect(r.conflicts).toEqual([]);
		expect(r.merged).toEqual(mine);
	});
	it('asks when theirs is another revision: theirs whole, or mine on their revision', () => {
		const mine = { ...base, title: '新' };
		const theirs = { ...base, rev: '2-b', days: 20 };
		const r = mergeWhole(base, mine, theirs);
		expect(r.conflicts).toHaveLength(1);
		expect(r.merged).toBe(theirs);
		expect(r.keepingMine).toEqual({ ...mine, rev: '2-b' });
	});
});

describe('sameValue', () => {
	it('compares deeply, treating an undefined key as absent and key order as irrelevant', () => {
		expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
		expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
		expect(sameValue('', undefined)).toBe(false);
		expect(sameValue([], {})).toBe(false);
	});
});

describe('followStored (a form following the stored record)', () => {
	const fields = ['title', 'days', 'assessor'];
	it('takes the stored value in fields the user is not changing, and keeps the base of a field being changed', () => {
		const shown = { ...base };
		const form = { ...base, title: '正在输入' };
		const stored = { ...base, rev: '2-b', title: '另一个窗口', days: 20 };
		const r = followStored(shown, form, stored, fields);
		expect(r.form).toMatchObject({ title: '正在输入', days: 20 });
		expect(r.shown).toMatchObject({ title: '第一季度', days: 20 });
	});
	it('a field the form already shows as stored (its own save) is in step again', () => {
		const r = followStored({ ...base }, { ...base, title: '已保存' }, { ...base, title: '已保存' }, fields);
		expect(r.shown.title).toBe('已保存');
		expect(r.form.title).toBe('已保存');
	});
});
