import { describe, expect, it } from 'vitest';
import { backupReminder } from '$lib/domain/backup';

const day = (d: number) => new Date(Date.UTC(2026, 10, d)).toISOString();

describe('backupReminder', () => {
	it('reminds when work changed after a backup older than 7 days', () => {
		expect(backupReminder(day(1), [day(3)], day(9))).toEqual({ days: 8 });
		expect(backupReminder(day(1), [day(3)], day(7))).toBeNull();
	});
	it('does not remind when nothing changed since the backup, or there is no work', () => {
		expect(backupReminder(day(5), [day(3)], day(30))).toBeNull();
		expect(backupReminder(null, [], day(30))).toBeNull();
	});
	it('counts from the first edit when there was never a backup', () => {
		expect(backupReminder(null, [day(2), day(6)], day(10))).toEqual({ days: 8 });
	});
});
