/**
 * What a backup zip may hold, checked on its directory before a single byte is inflated: only known names,
 * each once, each declaring an uncompressed size within its limit. A zip's declared sizes can lie, so the
 * reader also stops any entry that inflates past what it declared (`io/backup.ts`).
 */
import { MAX_IMAGE_BYTES, sniffImageMime, type Evidence } from '../evidence';
import { ANNUAL_REPORTS_VERSION, BACKUP_STORES, HISTORY_VERSION, MANIFEST_PATH, TEAM_RECORDS_VERSION, backupEntryPath, evidenceFilePath, type BackupProblem, type BackupStore } from './format';

/** The store files, in the order they are written and read. */
export const DATA_PATHS: readonly string[] = [...BACKUP_STORES.map((s) => backupEntryPath(s)), backupEntryPath('settings')];

/** The format version that added a store's file; the others were there from the first. */
const ADDED_IN: Partial<Record<BackupStore, number>> = {
	findingChanges: HISTORY_VERSION,
	annualReports: ANNUAL_REPORTS_VERSION,
	issuedPackages: TEAM_RECORDS_VERSION,
	reviewGrades: TEAM_RECORDS_VERSION
};

/** The store files a file of `formatVersion` must hold: one older than a store's format has no file of it. */
export const requiredDataPaths = (formatVersion: number): readonly string[] =>
	DATA_PATHS.filter((p) => !BACKUP_STORES.some((s) => backupEntryPath(s) === p && formatVersion < (ADDED_IN[s] ?? 1)));

export const isEvidencePath = (path: string) => /^evidence\/[^/]+$/.test(path);
/** Team files of a work package or its return (domain/team): JSON beside the store files, listed and checksummed like them. */
export const isTeamPath = (path: string) => /^team\/[a-z-]+\.json$/.test(path);

const MiB = 1024 * 1024;
/**
 * The largest uncompressed size accepted per kind of entry. A manifest lists ~130 bytes per file (64 MiB: about
 * half a million screenshots); a store file must become one JavaScript string, and V8 caps those at 2²⁹ − 24
 * characters; a screenshot is capped when it is pasted.
 */
export const ENTRY_LIMITS = { manifest: 64 * MiB, data: 256 * MiB, evidence: MAX_IMAGE_BYTES } as const;

/** The limit for an entry's path; null for a name a backup never holds. */
export function entryLimit(path: string): number | null {
	if (path === MANIFEST_PATH) return ENTRY_LIMITS.manifest;
	if (DATA_PATHS.includes(path) || isTeamPath(path)) return ENTRY_LIMITS.data;
	if (isEvidencePath(path)) return ENTRY_LIMITS.evidence;
	return null;
}

/** One record of the zip's central directory: the name and the uncompressed size it declares. */
export interface DirectoryEntry {
	path: string;
	bytes: number;
}

/** Unknown names, names present twice, and declared sizes over their limit, in directory order. */
export function checkDirectory(entries: readonly DirectoryEntry[]): BackupProblem[] {
	const problems: BackupProblem[] = [];
	const seen = new Map<string, number>();
	for (const { path } of entries) seen.set(path, (seen.get(path) ?? 0) + 1);
	const reported = new Set<string>();
	for (const { path, bytes } of entries) {
		if (reported.has(path)) continue;
		const count = seen.get(path)!;
		const limit = entryLimit(path);
		if (count > 1) {
			reported.add(path);
			problems.push({ code: 'backup.error.entryDuplicate', params: { path, count }, path });
		} else if (limit === null) problems.push({ code: 'backup.error.entryUnknown', params: { path }, path });
		else if (bytes > limit) problems.push({ code: 'backup.error.entryTooLarge', params: { path, size: mebibytes(bytes), limit: mebibytes(limit) }, path });
	}
	return problems;
}

const mebibytes = (bytes: number) => (bytes / MiB).toFixed(1);

/**
 * A screenshot file must be the image type its record says, sniffed from its first bytes as on paste: an SVG
 * (script in an image) or any other file under `image/png` is refused. `heads` maps a file path to its first bytes.
 */
export function checkEvidenceFileTypes(evidence: readonly Evidence[], heads: ReadonlyMap<string, Uint8Array>): BackupProblem[] {
	const problems: BackupProblem[] = [];
	evidence.forEach((e, index) => {
		if (e.kind !== 'image' || !e.image) return;
		const path = evidenceFilePath(e);
		const head = heads.get(path);
		if (head && sniffImageMime(head) !== e.image.mime) {
			problems.push({ code: 'backup.error.evidenceFileType', params: { n: index + 1, id: e.id, path, mime: e.image.mime }, store: 'evidence', index, id: e.id, path });
		}
	});
	return problems;
}
