import { describe, expect, it } from 'vitest';
import type { Finding } from '$lib/domain/finding';
import { mergeFinding } from '$lib/domain/finding-merge';

const base: Finding = {
	id: 'f1',
	campaignId: 'c1',
	targetId: 't1',
	indicatorId: 'a1',
	outcome: 'partial',
	deductionCounts: { link: 1 },
	note: '',
	reviewState: 'draft',
	createdAt: '2026-03-01T00:00:00.000Z',
	updatedAt: '2026-03-01T00:00:00.000Z',
	updatedBy: '张三'
};
const edit = (f: Finding, patch: Partial<Finding>, who: string): Finding => ({ ...f, ...patch, updatedAt: `2026-03-02T0${who === '李四' ? 2 : 1}:00:00.000Z`, updatedBy: who });

describe('mergeFinding (three-way, field by field)', () => {
	it('keeps a note written in one tab and an outcome set in the other', () => {
		const mine = edit(base, { note: '栏目为空' }, '张三');
		const theirs = edit(base, { outcome: 'fail' }, '李四');
		const r = mergeFinding(base, mine, theirs);
		expect(r.conflicts).toEqual([]);
		expect(r.merged).toMatchObject({ outcome: 'fail', note: '栏目为空', updatedBy: '张三', deductionCounts: { link: 1 } });
	});

	it('merges each deduction count on its own, a count back to 0 included', () => {
		const mine = edit(base, { deductionCounts: { link: 1, image: 2 } }, '张三');
		const theirs = edit(base, { deductionCounts: {} }, '李四');
		const r = mergeFinding(base, mine, theirs);
		expect(r.conflicts).toEqual([]);
		expect(r.merged.deductionCounts).toEqual({ image: 2 });
	});

	it('reports a field both changed differently, keeping theirs in `merged` and mine in `mine`', () => {
		const mine = edit(base, { outcome: 'pass', note: '已整改' }, '张三');
		const theirs = edit(base, { outcome: 'fail', ratio: { met: 1, of: 2 } }, '李四');
		const r = mergeFinding(base, mine, theirs);
		expect(r.conflicts).toEqual([{ field: 'outcome', mine: 'pass', theirs: 'fail' }]);
		expect(r.merged).toMatchObject({ outcome: 'fail', note: '已整改', ratio: { met: 1, of: 2 } });
		expect(r.mine).toMatchObject({ outcome: 'pass', note: '已整改', ratio: { met: 1, of: 2 } });
	});

	it('sees the same change made on both sides as no conflict, and writes nothing new when mine adds nothing', () => {
		const mine = edit(base, { outcome: 'fail' }, '张三');
		const theirs = edit(base, { outcome: 'fail', note: '首页无概况' }, '李四');
		const r = mergeFinding(base, mine, theirs);
		expect(r.conflicts).toEqual([]);
		expect(r.merged).toBe(theirs);
	});

	it('merges two findings created at once for one indicator into theirs (its id), from an empty base', () => {
		const mine: Finding = edit({ ...base, id: 'f2', outcome: null, deductionCounts: {} }, { outcome: 'pass' }, '张三');
		const theirs: Finding = edit({ ...base, outcome: null, deductionCounts: {} }, { note: '待复核' }, '李四');
		const r = mergeFinding(undefined, mine, theirs);
		expect(r.conflicts).toEqual([]);
		expect(r.merged).toMatchObject({ id: 'f1', outcome: 'pass', note: '待复核' });
	});
});
