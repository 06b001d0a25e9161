/**
 * The backup file (`.kaiming`): a zip holding `manifest.json`, one `data/<store>.json` per store plus
 * `data/settings.json`, and the original bytes of each screenshot as `evidence/<id>.<ext>`. The manifest lists every data entry with its SHA-256 and byte length; reading
 * checks all of it, then validates every record (`validateBackupData`), and either returns all the data
 * or none of it with the reasons.
 */
import {
	BACKUP_FORMAT,
	BACKUP_STORES,
	BACKUP_VERSION,
	BackupManifest,
	MANIFEST_PATH,
	backupEntryPath,
	capProblems,
	checkEvidenceFiles,
	evidenceFilePath,
	manifestLimits,
	validateBackupData,
	type BackupData,
	type BackupProblem,
	type BackupScope,
	type FileDigest,
	type RawBackupData
} from '$lib/domain/backup';
import { formatIssuePath } from '$lib/domain/errors';
import { sha256Hex } from './hash';
import { unzip } from './unzip';

export interface BackupMeta {
	appVersion: string;
	createdAt: string;
	scope: BackupScope;
}

export type ReadBackupResult = { ok: true; data: BackupData; manifest: BackupManifest } | { ok: false; problems: BackupProblem[] };

const DATA_PATHS = [...BACKUP_STORES.map((s) => backupEntryPath(s)), backupEntryPath('settings')];


const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The backup file's bytes. fflate is loaded on first use. */
export async function writeBackup(data: BackupData, meta: BackupMeta): Promise<Uint8Array<ArrayBuffer>> {
	const { zipSync } = await import('fflate');
	const files: [path: string, bytes: Uint8Array][] = [
		...BACKUP_STORES.map((store): [string, Uint8Array] => [backupEntryPath(store), encode(data[store])]),
		[backupEntryPath('settings'), encode(data.settings)]
	];
	const blobs = new Map(data.evidenceFiles.map((f) => [f.id, f.blob]));
	const images: [string, Uint8Array][] = [];
	for (const e of data.evidence) {
		const blob = e.kind === 'image' ? blobs.get(e.id) : undefined;
		if (blob) images.push([evidenceFilePath(e), new Uint8Array(await blob.arrayBuffer())]);
	}
	const entries = await Promise.all(
		[...files, ...images].map(async ([path, bytes]) => ({ path, sha256: await sha256Hex(bytes), bytes: bytes.length }))
	);
	const counts = { ...Object.fromEntries(BACKUP_STORES.map((s) => [s, data[s].length])), evidenceFiles: images.length } as BackupManifest['counts'];
	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		formatVersion: BACKUP_VERSION,
		appVersion: meta.appVersion,
		createdAt: meta.createdAt,
		scope: meta.scope,
		counts,
		entries
	};
	const zippable: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = Object.create(null) as Record<string, Uint8Array>;
	zippable[MANIFEST_PATH] = new TextEncoder().encode(JSON.stringify(manifest, null, '\t'));
	for (const [path, bytes] of files) zippable[path] = bytes;
	// Images are compressed already: storing them saves time and gains nothing in size.
	for (const [path, bytes] of images) zippable[path] = [bytes, { level: 0 }];
	return zipSync(zippable, { level: 6 }) as Uint8Array<ArrayBuffer>;
}

const refuse = (problems: BackupProblem[]): ReadBackupResult => ({ ok: false, problems: capProblems(problems) });

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
	} catch (e) {
		return { ok: false, message: e instanceof Error ? e.message : String(e) };
	}
}

/** Reads and checks a backup file completely; never returns part of the data. */
export async function readBackup(bytes: Uint8Array): Promise<ReadBackupResult> {
	let files: Record<string, Uint8Array>;
	try {
		files = await unzip(bytes);
	} catch (e) {
		return refuse([{ code: 'backup.error.notZip', params: { message: e instanceof Error ? e.message : String(e) } }]);
	}

	const manifestBytes = Object.hasOwn(files, MANIFEST_PATH) ? files[MANIFEST_PATH] : undefined;
	if (!manifestBytes) return refuse([{ code: 'backup.error.noManifest', params: {}, path: MANIFEST_PATH }]);
	const manifestJson = parseJson(manifestBytes);
	if (!manifestJson.ok) return refuse([{ code: 'backup.error.json', params: { path: MANIFEST_PATH, message: manifestJson.message }, path: MANIFEST_PATH }]);
	const manifestTooBig = manifestLimits(manifestJson.value);
	if (manifestTooBig) return refuse([manifestTooBig]);

	// Format and version first: a newer version may have a manifest this code does not understand.
	const loose = manifestJson.value as { format?: unknown; formatVersion?: unknown } | null;
	const format = typeof loose === 'object' && loose !== null ? loose.format : undefined;
	if (format !== BACKUP_FORMAT) return refuse([{ code: 'backup.error.format', params: { format: String(format) }, path: MANIFEST_PATH }]);
	const version = loose?.formatVersion;
	if (typeof version === 'number' && version > BACKUP_VERSION) {
		return refuse([{ code: 'backup.error.newerVersion', params: { version, supported: BACKUP_VERSION }, path: MANIFEST_PATH }]);
	}

	const parsed = BackupManifest.safeParse(manifestJson.value);
	if (!parsed.success) {
		return refuse(
			parsed.error.issues.slice(0, 5).map((issue) => {
				const path = formatIssuePath(issue.path, 'dots');
				return { code: 'backup.error.manifest', params: { path, message: issue.message }, path };
			})
		);
	}
	const manifest = parsed.data;

	const problems: BackupProblem[] = [];
	const listed = new Set(manifest.entries.map((e) => e.path));
	const isData = (path: string) => DATA_PATHS.includes(path) || isEvidencePath(path);
	for (const path of DATA_PATHS) {
		if (!listed.has(path)) problems.push({ code: 'backup.error.entryNotListed', params: { path }, path });
	}
	for (const name of Object.keys(files)) {
		// Store files missing from the manifest were reported just above.
		if (name === MANIFEST_PATH || listed.has(name) || DATA_PATHS.includes(name)) continue;
		problems.push({ code: isEvidencePath(name) ? 'backup.error.entryNotListed' : 'backup.error.entryUnknown', params: { path: name }, path: name });
	}
	/** Evidence files whose checksum matched the manifest; matched against their records below. */
	const evidenceDigests = new Map<string, FileDigest>();
	const listedFiles = manifest.entries.map((entry) => ({ entry, content: isData(entry.path) && Object.hasOwn(files, entry.path) ? files[entry.path]! : null }));
	// Hashing runs off the main thread in the browser, so the store files are parsed meanwhile; what they hold
	// is only looked at once every checksum has matched.
	const hashing = Promise.all(listedFiles.map(({ content }) => (content ? sha256Hex(content) : null)));
	const raw = {} as RawBackupData;
	const jsonProblems: BackupProblem[] = [];
	for (const store of [...BACKUP_STORES, 'settings'] as const) {
		const path = backupEntryPath(store);
		if (!Object.hasOwn(files, path)) continue;
		const json = parseJson(files[path]!);
		if (json.ok) raw[store] = json.value;
		else jsonProblems.push({ code: 'backup.error.json', params: { path, message: json.message }, store, path });
	}
	const digests = await hashing;
	listedFiles.forEach(({ entry, content }, i) => {
		const actual = digests[i] ?? null;
		if (!isData(entry.path)) problems.push({ code: 'backup.error.entryUnknown', params: { path: entry.path }, path: entry.path });
		else if (content === null || actual === null) problems.push({ code: 'backup.error.entryMissing', params: { path: entry.path }, path: entry.path });
		else if (content.length !== entry.bytes || actual !== entry.sha256) {
			problems.push({
				code: 'backup.error.checksum',
				params: { path: entry.path, expected: entry.sha256, actual, expectedBytes: entry.bytes, actualBytes: content.length },
				path: entry.path
			});
		} else if (isEvidencePath(entry.path)) evidenceDigests.set(entry.path, { sha256: actual, bytes: content.length });
	});
	if (problems.length > 0) return refuse(problems);
	if (jsonProblems.length > 0) return refuse(jsonProblems);

	const counted: [string, number, number][] = [];
	for (const store of BACKUP_STORES) {
		const value = raw[store];
		if (Array.isArray(value)) counted.push([store, manifest.counts[store], value.length]);
	}
	counted.push(['evidenceFiles', manifest.counts.evidenceFiles, evidenceDigests.size]);
	for (const [store, expected, actual] of counted) {
		if (expected !== actual) {
			problems.push({ code: 'backup.error.count', params: { store, expected, actual }, store });
		}
	}

	const validation = validateBackupData(raw);
	if (!validation.ok) problems.push(...validation.problems);
	if (problems.length > 0 || !validation.ok) return refuse(problems);

	const evidenceCheck = checkEvidenceFiles(validation.data.evidence, evidenceDigests);
	if (evidenceCheck.problems.length > 0) return refuse(evidenceCheck.problems);
	const evidenceFiles = validation.data.evidence.flatMap((e) =>
		e.image ? [{ id: e.id, campaignId: e.campaignId, targetId: e.targetId, blob: new Blob([files[evidenceFilePath(e)]!.slice()], { type: e.image.mime }) }] : []
	);
	return { ok: true, data: { ...validation.data, evidenceFiles }, manifest };
}

const isEvidencePath = (path: string) => /^evidence\/[^/]+$/.test(path);
