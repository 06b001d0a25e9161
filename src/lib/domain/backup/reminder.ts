/** Days without a backup after which Home reminds, once something changed since the last one. */
export const BACKUP_REMIND_DAYS = 7;

/**
 * A reminder is due when work was changed after the last backup (or there never was one) and the last
 * backup is older than the limit. Returns how many days it has been, or null.
 */
export function backupReminder(lastBackup: string | null, lastEdits: string[], now: string, limitDays = BACKUP_REMIND_DAYS): { days: number } | null {
	const latest = lastEdits.reduce<string | null>((m, e) => (m === null || e > m ? e : m), null);
	if (latest === null || (lastBackup !== null && latest <= lastBackup)) return null;
	const since = lastBackup ?? lastEdits.reduce((m, e) => (e < m ? e : m), latest);
	const days = Math.floor((Date.parse(now) - Date.parse(since)) / 86_400_000);
	return days >= limitDays ? { days } : null;
}
