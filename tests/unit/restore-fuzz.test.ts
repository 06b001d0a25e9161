/*
 * The whole restore path (read the file, then write it) against damaged copies of a real backup:
 * truncated, bit-flipped, and edited with the checksums recomputed so the records themselves are
 * what is wrong; and against hostile zip structures (bombs, lying sizes, duplicate and overlapping
 * entries, truncated directories, ZIP64 records). It never throws, a refusal writes nothing and names
 * a reason the UI can show, and an accepted file restores.
 */
import { configure, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js/lib/zip-core-native.js';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBackup } from '$lib/io/backup';
import { backupBytes } from './io/backup-bytes';
import { sha256Hex } from '$lib/io/hash';
import { zh } from '$lib/i18n/zh-CN';
import { createIdbRepositories, getDb, type Repositories } from '$lib/storage';
import { ENTRY_LIMITS, type BackupData, type BackupProblem } from '$lib/domain/backup';
import { encodeBlobs, readRawData, resetDatabase } from './storage/db-utils';
import { makeCampaign, makeEvidence, makeFinding, makeFramework, makeImageEvidence, makeTarget } from './storage/fixtures';

let repos: Repositories;

beforeEach(async () => {
	await resetDatabase();
	repos = createIdbRepositories(getDb);
});

async function sampleBackup(): Promise<Uint8Array> {
	const campaign = makeCampaign();
	const target = makeTarget(campaign.id);
	const finding = makeFinding(target, { note: '首页\n“通知公告”超期' });
	const shot = await makeImageEvidence(finding);
	const data: BackupData = {
		frameworks: [makeFramework()],
		frameworkVersions: [],
		campaigns: [campaign],
		targets: [target, makeTarget(campaign.id, { order: 1, name: '市教育局' })],
		findings: [finding],
		evidence: [makeEvidence(finding), shot.evidence],
		findingChanges: [],
		rectifications: [],
		annualReports: [],
		issuedPackages: [],
		reviewGrades: [],
		evidenceFiles: [shot.file],
		settings: null
	};
	return backupBytes(data, { appVersion: 'test', createdAt: '2026-11-21T00:00:00.000Z', scope: { kind: 'all' } });
}

/** What is already in the browser: a refused restore must leave exactly this. */
async function seedExisting() {
	const campaign = await repos.campaigns.put(makeCampaign({ title: '已有任务' }));
	const target = await repos.targets.put(makeTarget(campaign.id));
	await repos.findings.put(makeFinding(target));
}

const snapshot = async () => JSON.stringify(await encodeBlobs(await readRawData('kaiming')));

/** Restores the file over an existing database; a refusal must name its reasons and leave the database as it was. */
async function restoreFile(bytes: Uint8Array): Promise<BackupProblem[] | 'restored'> {
	await resetDatabase();
	repos = createIdbRepositories(getDb);
	await seedExisting();
	const before = await snapshot();
	const read = await readBackup(bytes);
	if (!read.ok) {
		expect(read.problems.length).toBeGreaterThan(0);
		for (const p of read.problems) expect(Object.hasOwn(zh, p.code), `message for ${p.code}`).toBe(true);
		expect(await snapshot()).toBe(before);
		return read.problems;
	}
	const result = await repos.backup.restore(read.data, 'skip');
	expect(result.ok).toBe(true);
	return 'restored';
}

const restoreOnce = async (bytes: Uint8Array) => ((await restoreFile(bytes)) === 'restored' ? 'restored' : 'refused');

describe('restoring damaged backups', () => {
	it('truncated files are refused and change nothing', async () => {
		const good = await sampleBackup();
		await fc.assert(
			fc.asyncProperty(fc.nat({ max: good.length - 1 }), async (length) => {
				expect(await restoreOnce(good.slice(0, length))).toBe('refused');
			}),
			{ numRuns: 25 }
		);
	});

	it('bit flips are caught, or land where they change no data', async () => {
		const good = await sampleBackup();
		await fc.assert(
			fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.nat({ max: 7 }), async (at, bit) => {
				const bytes = good.slice();
				bytes[at] = bytes[at]! ^ (1 << bit);
				await restoreOnce(bytes);
			}),
			{ numRuns: 40 }
		);
	});

	it('records edited behind valid checksums are refused by validation, not by a crash', async () => {
		const good = await sampleBackup();
		const entries = Object.keys(unzipSync(good)).filter((p) => p !== 'manifest.json');
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...entries), fc.nat(), fc.string({ minLength: 1, maxLength: 4 }), async (path, at, insert) => {
				const files = unzipSync(good);
				const original = files[path]!;
				const i = at % original.length;
				const edited = new Uint8Array([...original.slice(0, i), ...strToU8(insert), ...original.slice(i + 1)]);
				files[path] = edited;
				const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { entries: { path: string; sha256: string; bytes: number }[] };
				const sha256 = await sha256Hex(edited);
				manifest.entries = manifest.entries.map((e) => (e.path === path ? { path, sha256, bytes: edited.length } : e));
				files['manifest.json'] = strToU8(JSON.stringify(manifest));
				await restoreOnce(zipSync(files));
			}),
			{ numRuns: 40 }
		);
	});

	it('deep nesting behind valid checksums is refused with its limit, not by a stack overflow', async () => {
		const good = await sampleBackup();
		const nestedSections = (text: string, levels: number) => {
			const campaigns = JSON.parse(text) as { framework: { sections: unknown[] } }[];
			let sections = campaigns[0]!.framework.sections;
			for (let d = 0; d < levels; d++) {
				const s = { id: `s${d}`, code: `9.${d}`, title: { zh: '层' }, part: 'deduct', indicators: [], sections: [] as unknown[] };
				sections.push(s);
				sections = s.sections;
			}
			return JSON.stringify(campaigns);
		};
		const attacks: [path: string, edit: (text: string) => string, code: string][] = [
			['data/campaigns.json', (t) => nestedSections(t, 1_000), 'limit.error.sectionDepth'],
			['data/campaigns.json', (t) => nestedSections(t, 13), 'limit.error.sectionDepth'],
			['data/findings.json', () => '['.repeat(100_000) + ']'.repeat(100_000), 'limit.error.depth'],
			['data/targets.json', (t) => t.replace('"name":', `"deep": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}, "name":`), 'limit.error.depth'],
			['data/settings.json', () => '[1e400]', 'limit.error.number']
		];
		for (const [path, edit, code] of attacks) {
			const files = unzipSync(good);
			files[path] = strToU8(edit(new TextDecoder().decode(files[path])));
			const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { entries: { path: string; sha256: string; bytes: number }[] };
			const sha256 = await sha256Hex(files[path]!);
			manifest.entries = manifest.entries.map((e) => (e.path === path ? { path, sha256, bytes: files[path]!.length } : e));
			files['manifest.json'] = strToU8(JSON.stringify(manifest));
			expect(await restoreOnce(zipSync(files))).toBe('refused');
			const read = await readBackup(zipSync(files));
			expect(read.ok === false && read.problems.map((p) => p.code)).toEqual([code]);
		}
		const files = unzipSync(good);
		files['manifest.json'] = strToU8(new TextDecoder().decode(files['manifest.json']).replace('"scope":', `"deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "scope":`));
		const read = await readBackup(zipSync(files));
		expect(read.ok === false && read.problems).toEqual([expect.objectContaining({ code: 'limit.error.depth', params: expect.objectContaining({ file: 'manifest.json', limit: 64 }) })]);
	});
});

/** Where each entry's records are in a zip without ZIP64 or comment (as fflate writes it). */
function directory(bytes: Uint8Array): Map<string, { central: number; local: number }> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const end = bytes.length - 22;
	expect(view.getUint32(end, true)).toBe(0x06054b50);
	const out = new Map<string, { central: number; local: number }>();
	let at = view.getUint32(end + 16, true);
	for (let i = 0; i < view.getUint16(end + 10, true); i++) {
		const nameLength = view.getUint16(at + 28, true);
		const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
		out.set(name, { central: at, local: view.getUint32(at + 42, true) });
		at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
	}
	return out;
}

/** Sets a field in an entry's central record and, where it has one, in its local header. */
function patch(bytes: Uint8Array, name: string, edit: (view: DataView, central: number, local: number) => void): Uint8Array {
	const out = bytes.slice();
	const at = directory(out).get(name)!;
	edit(new DataView(out.buffer), at.central, at.local);
	return out;
}
const declareSize = (bytes: Uint8Array, name: string, size: number) =>
	patch(bytes, name, (view, central, local) => {
		view.setUint32(central + 24, size, true);
		view.setUint32(local + 22, size, true);
	});

/** The sample backup unpacked, for building hostile copies with fflate. */
const unpacked = async () => unzipSync(await sampleBackup());
/** Counts the inflation streams opened (by zip.js or anything else), to show a refusal came before any inflating. */
let inflations = 0;
const NativeDecompressionStream = DecompressionStream;
class CountingDecompressionStream extends NativeDecompressionStream {
	constructor(format: CompressionFormat) {
		super(format);
		inflations++;
	}
}

describe('restoring hostile zip structures', () => {
	beforeAll(() => {
		configure({ DecompressionStream: CountingDecompressionStream });
		globalThis.DecompressionStream = CountingDecompressionStream;
	});
	afterAll(() => {
		configure({ DecompressionStream: NativeDecompressionStream });
		globalThis.DecompressionStream = NativeDecompressionStream;
	});
	beforeEach(() => void (inflations = 0));

	it('a bomb: a small entry declaring more than its limit is refused before anything is inflated', async () => {
		const files = await unpacked();
		const path = [...Object.keys(files)].find((p) => p.startsWith('evidence/'))!;
		// 32 MiB of zeros deflate to ~32 kB: past the screenshot limit, small on disk.
		const bomb = zipSync({ ...files, [path]: [new Uint8Array(32 * 1024 * 1024), { level: 9 }] });
		expect(bomb.length).toBeLessThan(100_000);
		const problems = await restoreFile(bomb);
		expect(problems).toEqual([expect.objectContaining({ code: 'backup.error.entryTooLarge', path, params: { path, size: '32.0', limit: (ENTRY_LIMITS.evidence / 2 ** 20).toFixed(1) } })]);
		expect(inflations).toBe(0);
	});

	it('a lying declared size: an entry that inflates past it is stopped, not inflated whole', async () => {
		const files = await unpacked();
		const path = 'data/findings.json';
		const declared = files[path]!.length;
		// Valid JSON of 64 MiB whose header claims the original few hundred bytes.
		const big = new Uint8Array(64 * 1024 * 1024).fill(0x20);
		big[0] = 0x5b;
		big[big.length - 1] = 0x5d;
		const lying = declareSize(zipSync({ ...files, [path]: [big, { level: 9 }] }), path, declared);
		expect(await restoreFile(lying)).toEqual([expect.objectContaining({ code: 'backup.error.entryOverflow', path, params: { path, bytes: declared } })]);
	});

	it('duplicate names are refused before anything is inflated', async () => {
		const files = await unpacked();
		// Two entries, the second renamed in place to the first's name (same length).
		const twice = patch(zipSync({ ...files, 'data/targets.jsoX': files['data/targets.json']! }), 'data/targets.jsoX', (view, central, local) => {
			const name = strToU8('data/targets.json');
			new Uint8Array(view.buffer).set(name, central + 46);
			new Uint8Array(view.buffer).set(name, local + 30);
		});
		expect(await restoreFile(twice)).toEqual([expect.objectContaining({ code: 'backup.error.entryDuplicate', path: 'data/targets.json', params: { path: 'data/targets.json', count: 2 } })]);
		expect(inflations).toBe(0);
	});

	it('overlapping entries (two names, one set of bytes) are refused', async () => {
		const files = await unpacked();
		// Equal contents, so the second record can point at the first entry's data and still match it.
		expect(files['data/rectifications.json']).toEqual(files['data/frameworkVersions.json']);
		const zip = zipSync(files, { level: 6 });
		const first = directory(zip).get('data/frameworkVersions.json')!.local;
		const overlapping = patch(zip, 'data/rectifications.json', (view, central) => view.setUint32(central + 42, first, true));
		expect(await restoreFile(overlapping)).toEqual([expect.objectContaining({ code: 'backup.error.entryOverlap', path: 'data/rectifications.json' })]);
	});

	it('unknown names, path tricks and directories are refused by name before anything is inflated', async () => {
		const files = await unpacked();
		for (const name of ['../../evil.json', 'data/../manifest.json', '__MACOSX/', 'evidence/a/b.png', 'Data/targets.json']) {
			inflations = 0;
			const problems = await restoreFile(zipSync({ ...files, [name]: strToU8('[]') }));
			expect(problems).toEqual([expect.objectContaining({ code: 'backup.error.entryUnknown', path: name })]);
			expect(inflations).toBe(0);
		}
	});

	it('a truncated or miscounted central directory is refused as not a zip', async () => {
		const zip = zipSync(await unpacked());
		const view = new DataView(zip.buffer);
		const end = zip.length - 22;
		const start = view.getUint32(end + 16, true);
		// The end record kept, the directory cut in half.
		const cut = new Uint8Array([...zip.subarray(0, start + (end - start) / 2), ...zip.subarray(end)]);
		expect(await restoreFile(cut)).toEqual([expect.objectContaining({ code: 'backup.error.notZip' })]);
		// More entries claimed than the directory holds.
		const miscounted = zip.slice();
		new DataView(miscounted.buffer).setUint16(end + 8, 60_000, true);
		new DataView(miscounted.buffer).setUint16(end + 10, 60_000, true);
		expect(await restoreFile(miscounted)).toEqual([expect.objectContaining({ code: 'backup.error.notZip' })]);
	});

	it('ZIP64 records: a ZIP64 backup restores; a ZIP64 size or count past any limit is refused without inflating', async () => {
		const files = await unpacked();
		const stream = new TransformStream<Uint8Array, Uint8Array>();
		const blob = new Response(stream.readable).blob();
		const writer = new ZipWriter(stream.writable, { zip64: true, useWebWorkers: false });
		for (const [name, bytes] of Object.entries(files)) await writer.add(name, new Uint8ArrayReader(bytes));
		await writer.close();
		const zip64 = new Uint8Array(await (await blob).arrayBuffer());
		expect(await restoreFile(zip64)).toBe('restored');

		// The ZIP64 extra field of the evidence entry's central record (tag 1: uncompressed size first).
		const path = Object.keys(files).find((p) => p.startsWith('evidence/'))!;
		const name = strToU8(path);
		const record = indexOf(zip64, [0x50, 0x4b, 0x01, 0x02], (at) => zip64.subarray(at + 46, at + 46 + name.length).every((b, i) => b === name[i]));
		const view = new DataView(zip64.buffer);
		const extra = record + 46 + view.getUint16(record + 28, true);
		expect(view.getUint16(extra, true)).toBe(1);
		expect(view.getUint32(record + 24, true)).toBe(0xffffffff);
		const huge = zip64.slice();
		new DataView(huge.buffer).setBigUint64(extra + 4, 2n ** 40n, true);
		inflations = 0;
		expect(await restoreFile(huge)).toEqual([expect.objectContaining({ code: 'backup.error.entryTooLarge', path })]);
		expect(inflations).toBe(0);

		// The ZIP64 end record claiming 2⁴⁰ entries.
		const end64 = indexOf(zip64, [0x50, 0x4b, 0x06, 0x06], () => true);
		const countless = zip64.slice();
		new DataView(countless.buffer).setBigUint64(end64 + 24, 2n ** 40n, true);
		new DataView(countless.buffer).setBigUint64(end64 + 32, 2n ** 40n, true);
		expect(await restoreFile(countless)).toEqual([expect.objectContaining({ code: 'backup.error.notZip' })]);
	});
});

/** The last position of a 4-byte signature that `accept` takes. */
function indexOf(bytes: Uint8Array, signature: number[], accept: (at: number) => boolean): number {
	for (let at = bytes.length - 4; at >= 0; at--) {
		if (signature.every((b, i) => bytes[at + i] === b) && accept(at)) return at;
	}
	throw new Error('signature not found');
}
