import { describe, expect, it } from 'vitest';
import { newFinding, parseCount, withDeductionCount, withOutcome } from '$lib/domain/finding-edit';
import { Finding } from '$lib/domain/finding';

let i = 0;
const ctx = {
	now: () => '2026-03-01T08:00:00.000Z',
	newId: () => `00000000-0000-4000-8000-${String(++i).padStart(12, '0')}`,
	user: '张三'
};
const C = '00000000-0000-4000-8000-00000000c000';
const T = '00000000-0000-4000-8000-00000000d000';

describe('finding edits', () => {
	it('creates a valid empty finding stamped with who and when', () => {
		const f = newFinding(ctx, C, T, 'a1');
		expect(Finding.parse(f)).toEqual(f);
		expect(f).toMatchObject({ outcome: null, updatedBy: '张三', reviewState: 'draft' });
	});
	it('toggles an outcome off when chosen twice', () => {
		const f = withOutcome(newFinding(ctx, C, T, 'a1'), 'fail', ctx);
		expect(f.outcome).toBe('fail');
		expect(withOutcome(f, 'fail', ctx).outcome).toBeNull();
		expect(withOutcome(f, 'pass', ctx).outcome).toBe('pass');
	});
	it('counting a problem turns 符合/unset into 部分符合 but leaves 不符合 alone; 0 removes the count', () => {
		const f = withDeductionCount(newFinding(ctx, C, T, 'a1'), 'link', 2, ctx);
		expect(f).toMatchObject({ outcome: 'partial', deductionCounts: { link: 2 } });
		const failed = withDeductionCount({ ...f, outcome: 'fail' }, 'link', 3, ctx);
		expect(failed.outcome).toBe('fail');
		expect(withDeductionCount(f, 'link', 0, ctx).deductionCounts).toEqual({});
	});
	it('parses counts: whole numbers from 0 only', () => {
		expect(parseCount(' 3 ')).toEqual({ ok: true, value: 3 });
		expect(parseCount('')).toEqual({ ok: true, value: 0 });
		expect(parseCount('1.5')).toEqual({ ok: false, code: 'countNotInteger' });
		expect(parseCount('abc')).toEqual({ ok: false, code: 'countNotInteger' });
		expect(parseCount('-1')).toEqual({ ok: false, code: 'countNegative' });
		expect(parseCount('100000')).toEqual({ ok: false, code: 'countTooLarge' });
	});
	it('rejects a negative or fractional count at the schema too', () => {
		const f = newFinding(ctx, C, T, 'a1');
		expect(Finding.safeParse({ ...f, deductionCounts: { link: -1 } }).success).toBe(false);
		expect(Finding.safeParse({ ...f, deductionCounts: { link: 1.5 } }).success).toBe(false);
	});
});
