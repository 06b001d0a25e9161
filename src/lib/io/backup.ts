/**
 * The backup file (`.kaiming`): a zip holding one `data/<store>.json` per store plus `data/settings.json`, the
 * original bytes of each screenshot as `evidence/<id>.<ext>`, and last `manifest.json`, which lists every data
 * entry with its SHA-256 and byte length. The zip is zip.js's (ZIP64 when needed: more than 65,535 entries or
 * 4 GiB), written as a stream and read entry by entry. Reading checks all of it, then validates every record
 * (`validateBackupData`), and either returns all the data or none of it with the reasons.
 */
import {
	ERR_INVALID_UNCOMPRESSED_SIZE,
	ERR_OVERLAPPING_ENTRY,
	Reader,
	Uint8ArrayReader,
	ZipReader,
	ZipWriter,
	type Entry,
	type FileEntry
} from '@zip.js/zip.js/lib/zip-core-native.js';
import {
	BACKUP_FORMAT,
	BACKUP_STORES,
	BACKUP_VERSION,
	BackupManifest,
	DATA_PATHS,
	MANIFEST_PATH,
	backupEntryPath,
	capProblems,
	checkDirectory,
	checkEvidenceFiles,
	checkEvidenceFileTypes,
	evidenceFilePath,
	isEvidencePath,
	isTeamPath,
	manifestLimits,
	requiredDataPaths,
	validateBackupData,
	type BackupData,
	type BackupProblem,
	type BackupScope,
	type FileDigest,
	type RawBackupData
} from '$lib/domain/backup';
import { describeError, formatIssuePath } from '$lib/domain/errors';
import { sniffImageMime } from '$lib/domain/evidence';
import { IoError, fileDetails } from './errors';
import { sha256Hex } from './hash';

export interface BackupMeta {
	appVersion: string;
	createdAt: string;
	scope: BackupScope;
	/**
	 * Team files (`team/*.json`, see domain/team) written after the stores, listed and checksummed like them: a value
	 * as JSON, or bytes as they are (a team file read before and handed on byte for byte, e.g. a return's base).
	 */
	team?: Record<string, unknown>;
}

/** A team file as read: its parsed JSON (unchecked: domain/team's schemas check it) and its SHA-256. */
export interface TeamFile {
	value: unknown;
	sha256: string;
	/** The file's text exactly as stored (a byte-order mark kept), so it can be written again with the same SHA-256. */
	text: string;
}

export type ReadBackupResult =
	| { ok: true; data: BackupData; manifest: BackupManifest; team: Record<string, TeamFile> }
	| { ok: false; problems: BackupProblem[] };

/** What was written for one entry, to check the file against once it is on disk. */
export interface WrittenEntry {
	path: string;
	bytes: number;
	crc32: number;
}

/**
 * No web workers: Vite does not bundle zip.js's worker script, and the browser's own CompressionStream and
 * DecompressionStream do the (de)compression in native code anyway.
 */
const NO_WORKERS = { useWebWorkers: false } as const;
/**
 * Every entry is read through its CRC-32 and stopped once it inflates past its declared size (by zip.js, and by
 * `inflate` below); an entry sharing bytes with one read before it is refused (overlapping-entry bombs). Names
 * are not refused by zip.js, so that an odd one is reported by name as unknown.
 */
const READ_OPTIONS = { ...NO_WORKERS, filenameValidation: 'tolerant', checkCrc32: true, checkOverlappingEntry: true } as const;
/** The check of a file just written: see `verifyBackup` for why without zip.js's overlap check. */
const VERIFY_OPTIONS = { ...READ_OPTIONS, checkOverlappingEntry: false } as const;

/**
 * Reads a file through an 8 MiB window. zip.js reads each entry's header and data with reads of its own, and in
 * Chromium every read of a Blob is a round trip to the browser process: 70,000 screenshots meant hundreds of
 * thousands of them. Entries are read in file order, so one window serves many entries.
 */
class WindowedBlobReader extends Reader<Blob> {
	static readonly WINDOW = 8 * 1024 * 1024;
	#window = new Uint8Array(0);
	#start = 0;
	constructor(readonly blob: Blob) {
		super(blob);
		this.size = blob.size;
	}
	async readUint8Array(index: number, length: number): Promise<Uint8Array> {
		const from = index - this.#start;
		if (from < 0 || from + length > this.#window.length) {
			const end = Math.min(this.size, index + Math.max(length, WindowedBlobReader.WINDOW));
			this.#window = new Uint8Array(await this.blob.slice(index, end).arrayBuffer());
			this.#start = index;
			return this.#window.slice(0, length);
		}
		// A copy: zip.js may keep or hand on what it reads, and the window is replaced as reading moves on.
		return this.#window.slice(from, from + length);
	}
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/**
 * zip.js keeps every `add()` call's promise, and with it the whole entry it resolved to, until `close()`, so that
 * an add nobody awaited can still fail the close. Each add here is awaited and its failure thrown, so nothing is
 * lost by letting them go; kept, they were 3.3 kB an entry (230 MB for 70,000 screenshots). What zip.js needs for
 * the central directory stays in its own list of entries.
 */
function forgetSettledAdds(zip: ZipWriter<unknown>) {
	const pending = (zip as unknown as { pendingErrors?: unknown }).pendingErrors;
	if (Array.isArray(pending)) pending.length = 0;
}

/**
 * Writes the backup into `writable` (a file picked by the user, or a Blob to download) and closes it. Entries go
 * one at a time and each screenshot is read from its Blob only when its turn comes, so memory holds one
 * screenshot, not all of them. The manifest comes last: it needs every entry's SHA-256.
 */
export async function writeBackup(data: BackupData, meta: BackupMeta, writable: WritableStream<Uint8Array>): Promise<WrittenEntry[]> {
	const zip = new ZipWriter(writable, { ...NO_WORKERS, level: 6 });
	const written: WrittenEntry[] = [];
	const entries: BackupManifest['entries'] = [];
	const add = async (path: string, bytes: Uint8Array, level: number) => {
		const entry = await zip.add(path, new Uint8ArrayReader(bytes), { level });
		forgetSettledAdds(zip);
		written.push({ path, bytes: entry.uncompressedSize, crc32: entry.crc32 ?? 0 });
	};
	const addData = async (path: string, bytes: Uint8Array, level: number) => {
		entries.push({ path, sha256: await sha256Hex(bytes), bytes: bytes.length });
		await add(path, bytes, level);
	};
	try {
		for (const store of BACKUP_STORES) await addData(backupEntryPath(store), encode(data[store]), 6);
		await addData(backupEntryPath('settings'), encode(data.settings), 6);
		for (const [path, value] of Object.entries(meta.team ?? {})) await addData(path, value instanceof Uint8Array ? value : encode(value), 6);
		const blobs = new Map(data.evidenceFiles.map((f) => [f.id, f.blob]));
		let images = 0;
		for (const e of data.evidence) {
			const blob = e.kind === 'image' ? blobs.get(e.id) : undefined;
			if (!blob) continue;
			// Images are compressed already: storing them saves time and gains nothing in size.
			await addData(evidenceFilePath(e), new Uint8Array(await blob.arrayBuffer()), 0);
			images++;
		}
		const counts = { ...Object.fromEntries(BACKUP_STORES.map((s) => [s, data[s].length])), evidenceFiles: images } as BackupManifest['counts'];
		const manifest: BackupManifest = {
			format: BACKUP_FORMAT,
			formatVersion: BACKUP_VERSION,
			appVersion: meta.appVersion,
			createdAt: meta.createdAt,
			scope: meta.scope,
			counts,
			entries
		};
		await add(MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest, null, '\t')), 6);
		await zip.close();
	} catch (e) {
		await writable.abort(e).catch(() => undefined);
		throw new IoError('save-failed', describeError(e), { cause: e });
	}
	return written;
}

/**
 * Reads a written backup back: its directory must list exactly the entries written, in order, with the same sizes
 * and CRC-32s, each entry must start after the previous one's data, and every entry must inflate to its size with
 * that CRC-32. Returns how many files were checked. Entries are taken from the directory one at a time and zip.js's
 * own overlap check is off: it keeps every entry read (9 kB each, 630 MB for 70,000 screenshots), where entries
 * written in order need only the previous one's end.
 */
export async function verifyBackup(file: Blob, written: readonly WrittenEntry[]): Promise<number> {
	const fail = (text: string, path?: string, cause?: unknown) =>
		new IoError('verify-failed', { ...fileDetails(file), ...(path ? { path } : {}), text }, { cause });
	let count = 0;
	let previousEnd = 0;
	try {
		for await (const entry of new ZipReader(new WindowedBlobReader(file), VERIFY_OPTIONS).getEntriesGenerator()) {
			const expected = written[count++];
			if (!expected) throw fail(`more entries in the file than the ${written.length} written`);
			if (entry.directory || entry.filename !== expected.path || entry.uncompressedSize !== expected.bytes || entry.crc32 !== expected.crc32) {
				throw fail(`directory record of ${entry.filename} differs from what was written`, expected.path);
			}
			if (entry.offset < previousEnd) throw fail(`${entry.filename} overlaps the entry before it`, expected.path);
			try {
				await entry.getData(new WritableStream(), VERIFY_OPTIONS);
			} catch (e) {
				throw fail(describeError(e), expected.path, e);
			}
			previousEnd = (entry.localDirectory?.dataOffset ?? entry.offset) + entry.compressedSize;
		}
	} catch (e) {
		throw e instanceof IoError ? e : fail(describeError(e), undefined, e);
	}
	if (count !== written.length) throw fail(`${count} entries in the file, ${written.length} written`);
	return count;
}

const refuse = (problems: BackupProblem[]): ReadBackupResult => ({ ok: false, problems: capProblems(problems) });

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
	} catch (e) {
		return { ok: false, message: e instanceof Error ? e.message : String(e) };
	}
}

/** How far a read has come: entries inflated and checked, of all the file's entries. */
export interface ReadProgress {
	done: number;
	total: number;
}

/** Entries between two progress reports: often enough to move a bar, rarely enough to cost nothing. */
const PROGRESS_EVERY = 250;

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; problem: BackupProblem };

/** One entry's bytes, never more than it declares: a lying size stops the inflation at the first extra chunk. */
async function inflate(entry: FileEntry): Promise<Inflated> {
	const path = entry.filename;
	const declared = entry.uncompressedSize;
	const overflow = (): Inflated => ({ ok: false, problem: { code: 'backup.error.entryOverflow', params: { path, bytes: declared }, path } });
	const chunks: Uint8Array[] = [];
	let size = 0;
	const sink = new WritableStream<Uint8Array>({
		write(chunk) {
			size += chunk.length;
			if (size > declared) throw new Error(ERR_INVALID_UNCOMPRESSED_SIZE);
			chunks.push(chunk);
		}
	});
	try {
		await entry.getData(sink, READ_OPTIONS);
	} catch (e) {
		const message = describeError(e);
		if (size > declared || message.includes(ERR_INVALID_UNCOMPRESSED_SIZE)) return overflow();
		if (message.includes(ERR_OVERLAPPING_ENTRY)) return { ok: false, problem: { code: 'backup.error.entryOverlap', params: { path }, path } };
		return { ok: false, problem: { code: 'backup.error.entryDamaged', params: { path, message }, path } };
	}
	if (size !== declared) return overflow();
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.length;
	}
	return { ok: true, bytes };
}

/**
 * Reads and checks a backup file completely; never returns part of the data. In order: the zip's directory
 * (names, duplicates, declared sizes: nothing is inflated before it passes), the manifest, the listing against
 * the manifest, then each entry inflated one at a time and checked against its SHA-256, then the records.
 */
export async function readBackup(file: Blob | Uint8Array, onProgress?: (progress: ReadProgress) => void): Promise<ReadBackupResult> {
	const blob = file instanceof Blob ? file : new Blob([file as Uint8Array<ArrayBuffer>]);
	let entries: Entry[];
	try {
		entries = await new ZipReader(new WindowedBlobReader(blob), READ_OPTIONS).getEntries();
	} catch (e) {
		return refuse([{ code: 'backup.error.notZip', params: { message: describeError(e) } }]);
	}
	const directoryProblems = checkDirectory(entries.map((e) => ({ path: e.filename, bytes: e.uncompressedSize })));
	if (directoryProblems.length > 0) return refuse(directoryProblems);
	// Names are unique and known now; a directory entry has an unknown name ("…/"), so every entry is a file.
	const files = new Map(entries.flatMap((e) => (e.directory ? [] : [[e.filename, e] as const])));

	const manifestEntry = files.get(MANIFEST_PATH);
	if (!manifestEntry) return refuse([{ code: 'backup.error.noManifest', params: {}, path: MANIFEST_PATH }]);
	const manifestBytes = await inflate(manifestEntry);
	if (!manifestBytes.ok) return refuse([manifestBytes.problem]);
	const manifestJson = parseJson(manifestBytes.bytes);
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

	// The listing, against the directory's declared sizes: still nothing inflated but the manifest.
	const problems: BackupProblem[] = [];
	const listed = new Set(manifest.entries.map((e) => e.path));
	const isData = (path: string) => DATA_PATHS.includes(path) || isEvidencePath(path) || isTeamPath(path);
	const required = requiredDataPaths(manifest.formatVersion);
	for (const path of required) {
		if (!listed.has(path)) problems.push({ code: 'backup.error.entryNotListed', params: { path }, path });
	}
	for (const name of files.keys()) {
		// Store files missing from the manifest were reported just above.
		if (name === MANIFEST_PATH || listed.has(name) || required.includes(name)) continue;
		problems.push({ code: 'backup.error.entryNotListed', params: { path: name }, path: name });
	}
	for (const entry of manifest.entries) {
		const file = files.get(entry.path);
		if (!isData(entry.path)) problems.push({ code: 'backup.error.entryUnknown', params: { path: entry.path }, path: entry.path });
		else if (!file) problems.push({ code: 'backup.error.entryMissing', params: { path: entry.path }, path: entry.path });
		else if (file.uncompressedSize !== entry.bytes) {
			problems.push({
				code: 'backup.error.checksum',
				params: { path: entry.path, expected: entry.sha256, expectedBytes: entry.bytes, actualBytes: file.uncompressedSize },
				path: entry.path
			});
		}
	}
	if (problems.length > 0) return refuse(problems);

	const total = files.size;
	let done = 1;
	onProgress?.({ done, total });
	/** Inflates a listed entry and checks it against the manifest; null (with a problem recorded) when it fails. */
	const readListed = async (entry: BackupManifest['entries'][number]): Promise<{ bytes: Uint8Array; sha256: string } | null> => {
		const inflated = await inflate(files.get(entry.path)!);
		if (++done % PROGRESS_EVERY === 0 || done === total) onProgress?.({ done, total });
		if (!inflated.ok) {
			problems.push(inflated.problem);
			return null;
		}
		const sha256 = await sha256Hex(inflated.bytes);
		if (sha256 === entry.sha256) return { bytes: inflated.bytes, sha256 };
		problems.push({
			code: 'backup.error.checksum',
			params: { path: entry.path, expected: entry.sha256, actual: sha256, expectedBytes: entry.bytes, actualBytes: inflated.bytes.length },
			path: entry.path
		});
		return null;
	};

	const raw = {} as RawBackupData;
	const jsonProblems: BackupProblem[] = [];
	for (const store of [...BACKUP_STORES, 'settings'] as const) {
		const path = backupEntryPath(store);
		const entry = manifest.entries.find((e) => e.path === path);
		// Only a store an older format did not have can be absent here (checked above): it restores as empty.
		if (!entry) {
			raw[store] = [];
			continue;
		}
		const content = await readListed(entry);
		if (!content) continue;
		const json = parseJson(content.bytes);
		if (json.ok) raw[store] = json.value;
		else jsonProblems.push({ code: 'backup.error.json', params: { path, message: json.message }, store, path });
	}
	const team: Record<string, TeamFile> = {};
	for (const entry of manifest.entries) {
		if (!isTeamPath(entry.path)) continue;
		const content = await readListed(entry);
		if (!content) continue;
		const json = parseJson(content.bytes);
		if (json.ok) team[entry.path] = { value: json.value, sha256: content.sha256, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(content.bytes) };
		else jsonProblems.push({ code: 'backup.error.json', params: { path: entry.path, message: json.message }, path: entry.path });
	}
	/** Screenshot files whose checksum matched the manifest: their digest, first bytes and bytes as a Blob. */
	const evidenceDigests = new Map<string, FileDigest>();
	const heads = new Map<string, Uint8Array>();
	const blobs = new Map<string, Blob>();
	for (const entry of manifest.entries) {
		if (!isEvidencePath(entry.path)) continue;
		const content = await readListed(entry);
		if (!content) continue;
		evidenceDigests.set(entry.path, { sha256: content.sha256, bytes: content.bytes.length });
		const head = content.bytes.slice(0, 16);
		heads.set(entry.path, head);
		// A Blob leaves the JavaScript heap (Chromium keeps large ones on disk), so screenshots do not pile up here.
		// It gets the sniffed type now: a record whose type differs is refused below, so this is the record's type,
		// and one Blob per screenshot is made instead of two (making a Blob was half the time of 70,000 of them).
		blobs.set(entry.path, new Blob([content.bytes as Uint8Array<ArrayBuffer>], { type: sniffImageMime(head) ?? '' }));
	}
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
	// The bytes are the recorded ones; they must also be the image the record says (sniffed, as on paste).
	const typeProblems = checkEvidenceFileTypes(validation.data.evidence, heads);
	if (typeProblems.length > 0) return refuse(typeProblems);
	const evidenceFiles = validation.data.evidence.flatMap((e) =>
		e.image ? [{ id: e.id, campaignId: e.campaignId, targetId: e.targetId, blob: blobs.get(evidenceFilePath(e))! }] : []
	);
	return { ok: true, data: { ...validation.data, evidenceFiles }, manifest, team };
}
