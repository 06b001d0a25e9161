import { describe, expect, it } from 'vitest';
import { nextRev, Rev, revGeneration, withoutRev } from '$lib/domain/revision';

describe('revisions', () => {
	const ids = () => {
		let n = 0;
		return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
	};

	it("have CouchDB's _rev shape: <generation>-<id>", () => {
		expect(Rev.safeParse('1-967a00dff5e02add41819138abb3284d').success).toBe(true);
		for (const bad of ['', '0-abc', '1-', '-abc', 'a-b', '1-ab-c', '1_abc']) expect(Rev.safeParse(bad).success).toBe(false);
	});

	it('count the generation; absent is 0', () => {
		expect(revGeneration()).toBe(0);
		expect(revGeneration('1-abc')).toBe(1);
		expect(revGeneration('42-abc')).toBe(42);
	});

	it('next: one generation up with a fresh id, a valid Rev', () => {
		const newId = ids();
		const first = nextRev(undefined, newId);
		expect(first).toBe('1-00000000000040008000000000000001');
		const second = nextRev(first, newId);
		expect(second).toBe('2-00000000000040008000000000000002');
		expect(Rev.safeParse(second).success).toBe(true);
		// Two writers from the same base get different revisions.
		expect(nextRev(first, newId)).not.toBe(second);
	});

	it('a copy as a new record has none', () => {
		expect(withoutRev({ id: 'a', rev: '3-x' })).toEqual({ id: 'a' });
	});
});
