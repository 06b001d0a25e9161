import { describe, expect, it } from 'vitest';
import { mergeByKey, mergeFindings, winner } from '$lib/domain/record-merge';
import { finding } from './fixtures/mini-framework';

const at = (day: number) => `2026-03-0${day}T08:00:00.000Z`;

describe('winner', () => {
	it('takes the newer by updatedAt, a tie keeps the local one, across time-zone offsets', () => {
		expect(winner({ id: 'a', updatedAt: at(1) }, { id: 'b', updatedAt: at(2) }, 'newer')).toBe('incoming');
		expect(winner({ id: 'a', updatedAt: at(2) }, { id: 'b', updatedAt: at(1) }, 'newer')).toBe('local');
		expect(winner({ id: 'a', updatedAt: at(1) }, { id: 'b', updatedAt: at(1) }, 'newer')).toBe('local');
		// 16:00+08:00 is 08:00Z: the same instant, so the local one stays; 16:01+08:00 is later.
		expect(winner({ id: 'a', updatedAt: '2026-03-01T08:00:00.000Z' }, { id: 'b', updatedAt: '2026-03-01T16:00:00.000+08:00' }, 'newer')).toBe('local');
		expect(winner({ id: 'a', updatedAt: '2026-03-01T08:00:00.000Z' }, { id: 'b', updatedAt: '2026-03-01T16:01:00.000+08:00' }, 'newer')).toBe('incoming');
		expect(winner({ id: 'a', updatedAt: at(9) }, { id: 'b', updatedAt: at(1) }, 'incoming')).toBe('incoming');
	});
});

describe('mergeByKey', () => {
	it('matches by id first, else by key; a match of two ids is a clash', () => {
		const local = [
			{ id: 'l1', updatedAt: at(1), k: 'x' },
			{ id: 'l2', updatedAt: at(3), k: 'y' }
		];
		const incoming = [
			{ id: 'l1', updatedAt: at(2), k: 'x' },
			{ id: 'i2', updatedAt: at(2), k: 'y' },
			{ id: 'i3', updatedAt: at(2), k: 'z' }
		];
		const plan = mergeByKey(local, incoming, (r) => r.k, 'newer');
		expect(plan.add).toEqual(['i3']);
		expect(plan.replace).toEqual([{ incomingId: 'l1', local: local[0] }]);
		expect(plan.skip).toEqual([{ incomingId: 'i2', local: local[1], clash: { key: 'y', localId: 'l2', incomingId: 'i2', localUpdatedAt: at(3), incomingUpdatedAt: at(2), kept: 'local' } }]);
	});
});

describe('mergeFindings', () => {
	it('one finding per target and indicator: the newer values under the local id, additions appended, clashes reported', () => {
		const mine = { ...finding('a1', 'fail', { link: 1 }), updatedAt: at(1) };
		const keep = { ...finding('a2', 'pass'), updatedAt: at(5) };
		const theirs = { ...finding('a1', 'pass'), updatedAt: at(2) };
		const older = { ...finding('a2', 'fail'), updatedAt: at(4) };
		const added = { ...finding('d1', 'pass'), updatedAt: at(1) };
		const { findings, clashes } = mergeFindings([mine, keep], [theirs, older, added]);
		expect(findings).toEqual([{ ...theirs, id: mine.id }, keep, added]);
		expect(clashes.map((c) => [c.key.split(' ')[1], c.kept])).toEqual([
			['a1', 'incoming'],
			['a2', 'local']
		]);
		expect(mergeFindings([mine], [theirs], 'local').findings).toEqual([mine]);
	});
});
