import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BACKUP_STORES, type BackupData, type BackupProblem } from '$lib/domain/backup';
import { Rectification } from '$lib/domain/rectification';
import { Settings } from '$lib/domain/settings';
import { readBackup, type BackupMeta } from '$lib/io/backup';
import { backupBytes } from './backup-bytes';
import { sha256Hex } from '$lib/io/hash';
import { makeCampaign, makeChange, makeEvidence, makeFinding, makeFramework, makeImageEvidence, makeIssuedPackage, makeReport, makeReviewGrade, makeTarget, PNG_1X1 } from '../storage/fixtures';

const T = '2025-04-01T08:00:00.000Z';
const META: BackupMeta = { appVersion: '0.1.0', createdAt: T, scope: { kind: 'all' } };

function sampleData(): BackupData {
	const fw = makeFramework();
	const campaign = makeCampaign();
	const target = makeTarget(campaign.id, { name: '某某市人民政府 "引号" \u2028' });
	const finding = makeFinding(target, { note: '第一行\n第二行' });
	const rectification = Rectification.parse({
		id: crypto.randomUUID(),
		campaignId: campaign.id,
		targetId: target.id,
		indicatorId: 'update-1',
		deductionId: 'stale',
		seq: 1,
		description: '首页长期未更新',
		pointsLost: 4,
		veto: false,
		status: 'inProgress',
		history: [{ at: T, by: '张三', from: 'open', to: 'inProgress' }],
		createdAt: T,
		updatedAt: T,
		updatedBy: 'tester'
	});
	const issued = makeIssuedPackage(campaign, [target.id], { mergedReturns: ['c'.repeat(64)], lastReturnAt: T });
	return {
		frameworks: [fw],
		frameworkVersions: [fw],
		campaigns: [campaign],
		targets: [target],
		findings: [finding],
		evidence: [makeEvidence(finding)],
		findingChanges: [makeChange(finding, { at: T }), makeChange(finding, { at: T, kind: 'evidence', changes: [{ field: 'evidence', removed: { id: crypto.randomUUID(), kind: 'text', caption: '旧摘录' } }] })],
		rectifications: [rectification],
		annualReports: [makeReport(target)],
		issuedPackages: [issued],
		reviewGrades: [makeReviewGrade(finding, issued.id, { second: { ...finding, outcome: 'pass' }, adjudication: { choice: 'first', reason: '', at: T, by: '组长' } })],
		evidenceFiles: [],
		settings: Settings.parse({ assessorName: '张三', locale: 'en' })
	};
}

/** Unzip, let the test change the entries, zip again. */
function rezip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
	const files = unzipSync(bytes);
	edit(files);
	return zipSync(files);
}

const json = (files: Record<string, Uint8Array>, path: string) => JSON.parse(strFromU8(files[path]!)) as Record<string, unknown>;

async function refused(bytes: Uint8Array): Promise<BackupProblem[]> {
	const result = await readBackup(bytes);
	if (result.ok) throw new Error('expected the backup to be refused');
	expect(result).not.toHaveProperty('data');
	return result.problems;
}

/** Rewrites an entry and fixes its manifest line, so only the content check can catch it. */
async function replaceEntry(bytes: Uint8Array, path: string, content: Uint8Array): Promise<Uint8Array> {
	const sha256 = await sha256Hex(content);
	return rezip(bytes, (files) => {
		files[path] = content;
		const manifest = json(files, 'manifest.json') as { entries: { path: string; sha256: string; bytes: number }[] };
		manifest.entries = manifest.entries.map((e) => (e.path === path ? { path, sha256, bytes: content.length } : e));
		files['manifest.json'] = strToU8(JSON.stringify(manifest));
	});
}

describe('writeBackup / readBackup', () => {
	it('round-trips every store exactly', async () => {
		const data = sampleData();
		const bytes = await backupBytes(data, META);
		const result = await readBackup(bytes);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.data).toEqual(data);
		expect(result.team).toEqual({});
		expect(result.manifest).toMatchObject({ format: 'kaiming-backup', formatVersion: 5, appVersion: '0.1.0', createdAt: T, scope: { kind: 'all' } });
		expect(result.manifest.counts).toEqual({ frameworks: 1, frameworkVersions: 1, campaigns: 1, targets: 1, findings: 1, evidence: 1, findingChanges: 2, rectifications: 1, annualReports: 1, issuedPackages: 1, reviewGrades: 1, evidenceFiles: 0 });
	});

	it('writes a manifest with the SHA-256 and length of every data entry', async () => {
		const files = unzipSync(await backupBytes(sampleData(), META));
		expect(Object.keys(files).sort()).toEqual(['manifest.json', ...[...BACKUP_STORES, 'settings'].map((s) => `data/${s}.json`)].sort());
		const manifest = json(files, 'manifest.json') as { entries: { path: string; sha256: string; bytes: number }[] };
		expect(manifest.entries).toHaveLength(12);
		for (const entry of manifest.entries) {
			expect(entry.bytes).toBe(files[entry.path]!.length);
			expect(entry.sha256).toBe(await sha256Hex(files[entry.path]!));
		}
		// Known vector, so the hash is really SHA-256.
		expect(await sha256Hex(strToU8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('carries team files (work packages) listed and checksummed, and refuses one altered after writing', async () => {
		const base = { findings: [], evidenceIds: ['e-1'] };
		const bytes = await backupBytes(sampleData(), { ...META, team: { 'team/base.json': base } });
		const result = await readBackup(bytes);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const entry = unzipSync(bytes)['team/base.json']!;
		expect(result.team).toEqual({ 'team/base.json': { value: base, sha256: await sha256Hex(entry), text: JSON.stringify(base) } });

		const altered = rezip(bytes, (files) => {
			files['team/base.json'] = strToU8(JSON.stringify({ findings: [], evidenceIds: [] }));
		});
		expect((await refused(altered)).map((p) => p.code)).toEqual(['backup.error.checksum']);
		const unknown = rezip(bytes, (files) => {
			files['team/other/x.json'] = strToU8('{}');
		});
		expect((await refused(unknown)).map((p) => p.code)).toContain('backup.error.entryUnknown');
	});

	it('hands a team file on byte for byte: its text as read, written again as bytes, keeps its SHA-256', async () => {
		// Keys a re-encoding of the parsed value would reorder ("2" before "b"), a byte-order mark and spacing.
		const text = '\uFEFF{"findings": [], "evidenceIds": [], "b": 1, "2": 2}';
		const first = await backupBytes(sampleData(), { ...META, team: { 'team/base.json': new TextEncoder().encode(text) } });
		const read = await readBackup(first);
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		const file = read.team['team/base.json']!;
		expect(file.text).toBe(text);
		expect(file.sha256).toBe(await sha256Hex(new TextEncoder().encode(text)));
		const again = await readBackup(await backupBytes(sampleData(), { ...META, team: { 'team/base.json': new TextEncoder().encode(file.text) } }));
		if (!again.ok) throw new Error(JSON.stringify(again.problems));
		expect(again.team['team/base.json']!.sha256).toBe(file.sha256);
	});

	it('carries screenshot files byte for byte, stored uncompressed and listed with their hash', async () => {
		const data = sampleData();
		const shot = await makeImageEvidence(data.findings[0]!);
		data.evidence.push(shot.evidence);
		data.evidenceFiles.push(shot.file);
		const bytes = await backupBytes(data, META);
		const files = unzipSync(bytes);
		const path = `evidence/${shot.evidence.id}.png`;
		expect(files[path]).toEqual(PNG_1X1);
		const manifest = json(files, 'manifest.json') as { counts: Record<string, number>; entries: { path: string; sha256: string }[] };
		expect(manifest.counts.evidenceFiles).toBe(1);
		expect(manifest.entries.find((e) => e.path === path)?.sha256).toBe(shot.evidence.image!.sha256);

		const result = await readBackup(bytes);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.data.evidence).toEqual(data.evidence);
		expect(result.data.evidenceFiles.map((f) => f.id)).toEqual([shot.evidence.id]);
		const blob = result.data.evidenceFiles[0]!.blob;
		expect(blob.type).toBe('image/png');
		expect(new Uint8Array(await blob.arrayBuffer())).toEqual(PNG_1X1);
	});

	it('reports its progress through every entry, ending at the entry count', async () => {
		const data = sampleData();
		for (let i = 0; i < 600; i++) {
			const shot = await makeImageEvidence(data.findings[0]!);
			data.evidence.push(shot.evidence);
			data.evidenceFiles.push(shot.file);
		}
		const bytes = await backupBytes(data, META);
		const entries = Object.keys(unzipSync(bytes)).length;
		const seen: { done: number; total: number }[] = [];
		const result = await readBackup(bytes, (p) => seen.push(p));
		expect(result.ok).toBe(true);
		expect(seen.length).toBeGreaterThan(2);
		expect(seen.every((p) => p.total === entries)).toBe(true);
		expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
		expect(seen.at(-1)!.done).toBe(entries);
	});

	it('refuses a screenshot file that is missing, replaced, or has no evidence record', async () => {
		const data = sampleData();
		const shot = await makeImageEvidence(data.findings[0]!);
		data.evidence.push(shot.evidence);
		data.evidenceFiles.push(shot.file);
		const good = await backupBytes(data, META);
		const path = `evidence/${shot.evidence.id}.png`;

		const swapped = await replaceEntry(good, path, strToU8('not the screenshot'));
		expect((await refused(swapped)).map((p) => p.code)).toEqual(['backup.error.evidenceFileHash']);

		const missing = rezip(good, (files) => {
			delete files[path];
			const manifest = json(files, 'manifest.json') as { counts: Record<string, number>; entries: { path: string }[] };
			manifest.entries = manifest.entries.filter((e) => e.path !== path);
			manifest.counts.evidenceFiles = 0;
			files['manifest.json'] = strToU8(JSON.stringify(manifest));
		});
		expect(await refused(missing)).toEqual([expect.objectContaining({ code: 'backup.error.evidenceFileMissing', id: shot.evidence.id, path })]);

		// A file no record refers to, listed and counted so only the cross-check can catch it.
		const stray = `evidence/${crypto.randomUUID()}.png`;
		const sha256 = await sha256Hex(PNG_1X1);
		const orphan = rezip(good, (files) => {
			files[stray] = PNG_1X1;
			const manifest = json(files, 'manifest.json') as { counts: Record<string, number>; entries: { path: string; sha256: string; bytes: number }[] };
			manifest.entries.push({ path: stray, sha256, bytes: PNG_1X1.length });
			manifest.counts.evidenceFiles = 2;
			files['manifest.json'] = strToU8(JSON.stringify(manifest));
		});
		expect(await refused(orphan)).toEqual([expect.objectContaining({ code: 'backup.error.entryUnknown', path: stray })]);

		const unlisted = rezip(good, (files) => (files[stray] = PNG_1X1));
		expect(await refused(unlisted)).toEqual([expect.objectContaining({ code: 'backup.error.entryNotListed', path: stray })]);
	});

	it('refuses a screenshot file whose bytes are not the image type its record says (an SVG under image/png)', async () => {
		const data = sampleData();
		const svg = strToU8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
		const shot = await makeImageEvidence(data.findings[0]!, svg);
		const jpegAsPng = await makeImageEvidence(data.findings[0]!, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
		data.evidence.push(shot.evidence, jpegAsPng.evidence);
		data.evidenceFiles.push(shot.file, jpegAsPng.file);
		// Checksums and records all agree: only sniffing the bytes can tell.
		expect(await refused(await backupBytes(data, META))).toEqual([
			expect.objectContaining({ code: 'backup.error.evidenceFileType', id: shot.evidence.id, path: `evidence/${shot.evidence.id}.png`, params: expect.objectContaining({ mime: 'image/png' }) }),
			expect.objectContaining({ code: 'backup.error.evidenceFileType', id: jpegAsPng.evidence.id })
		]);
	});

	it('still reads version 1 files, which had no screenshot files', async () => {
		const data = sampleData();
		const v1 = await rezip(await backupBytes(data, META), (files) => {
			const manifest = json(files, 'manifest.json') as { formatVersion: number; counts: Record<string, number> };
			manifest.formatVersion = 1;
			delete manifest.counts.evidenceFiles;
			files['manifest.json'] = strToU8(JSON.stringify(manifest));
		});
		const result = await readBackup(v1);
		expect(result.ok && result.data.evidence).toEqual(data.evidence);
	});

	/** The file as an older version wrote it: without the store files (and their counts) that version did not have. */
	const asVersion = (version: number, stores: string[]) => (bytes: Uint8Array) =>
		rezip(bytes, (files) => {
			const manifest = json(files, 'manifest.json') as { formatVersion: number; counts: Record<string, number>; entries: { path: string }[] };
			manifest.formatVersion = version;
			for (const store of stores) {
				delete manifest.counts[store];
				manifest.entries = manifest.entries.filter((e) => e.path !== `data/${store}.json`);
				delete files[`data/${store}.json`];
			}
			files['manifest.json'] = strToU8(JSON.stringify(manifest));
		});
	const teamStores = ['issuedPackages', 'reviewGrades'];
	const asVersion2 = asVersion(2, ['findingChanges', 'annualReports', ...teamStores]);
	const asVersion3 = asVersion(3, ['annualReports', ...teamStores]);
	const asVersion4 = asVersion(4, teamStores);

	it('still reads version 2 files, which had no finding history: they restore without it', async () => {
		const data = sampleData();
		const result = await readBackup(await asVersion2(await backupBytes(data, META)));
		expect(result.ok && result.data).toEqual({ ...data, findingChanges: [], annualReports: [], issuedPackages: [], reviewGrades: [] });
	});

	it('still reads version 3 files, which had no annual reports: they restore with none', async () => {
		const data = sampleData();
		const result = await readBackup(await asVersion3(await backupBytes(data, META)));
		expect(result.ok && result.data).toEqual({ ...data, annualReports: [], issuedPackages: [], reviewGrades: [] });
	});

	it('still reads version 4 files, which had no team records: they restore with no issued packages and no 复核 items', async () => {
		const data = sampleData();
		const result = await readBackup(await asVersion4(await backupBytes(data, META)));
		expect(result.ok && result.data).toEqual({ ...data, issuedPackages: [], reviewGrades: [] });
	});

	it('refuses a version 5 file without its team records', async () => {
		const missing = await rezip(await asVersion4(await backupBytes(sampleData(), META)), (files) => {
			const manifest = json(files, 'manifest.json');
			files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, formatVersion: 5 }));
		});
		expect(await refused(missing)).toEqual([
			expect.objectContaining({ code: 'backup.error.entryNotListed', path: 'data/issuedPackages.json' }),
			expect.objectContaining({ code: 'backup.error.entryNotListed', path: 'data/reviewGrades.json' })
		]);
	});

	it('refuses a 复核 item failing its schema, naming the file, the row and the field', async () => {
		const bytes = await backupBytes(sampleData(), META);
		const grades = json(unzipSync(bytes), 'data/reviewGrades.json') as unknown as Record<string, unknown>[];
		const broken = [{ ...grades[0], adjudication: { choice: 'new', reason: '', at: T, by: '组长' } }];
		expect(await refused(await replaceEntry(bytes, 'data/reviewGrades.json', strToU8(JSON.stringify(broken))))).toEqual([
			expect.objectContaining({ code: 'backup.error.record', store: 'reviewGrades', index: 0, id: grades[0]!.id, path: 'adjudication.reason' })
		]);
	});

	it('refuses a version 4 file without its annual reports', async () => {
		const missing = await rezip(await asVersion3(await backupBytes(sampleData(), META)), (files) => {
			const manifest = json(files, 'manifest.json');
			files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, formatVersion: 4 }));
		});
		expect(await refused(missing)).toEqual([expect.objectContaining({ code: 'backup.error.entryNotListed', path: 'data/annualReports.json' })]);
	});

	it('refuses a version 3 file without its finding history, and a history file the manifest does not list', async () => {
		const bytes = await backupBytes(sampleData(), META);
		const missing = await rezip(await asVersion2(bytes), (files) => {
			const manifest = json(files, 'manifest.json');
			files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, formatVersion: 3 }));
		});
		expect(await refused(missing)).toEqual([expect.objectContaining({ code: 'backup.error.entryNotListed', path: 'data/findingChanges.json' })]);
		const unlisted = await rezip(await asVersion2(bytes), (files) => {
			files['data/findingChanges.json'] = strToU8('[]');
		});
		expect(await refused(unlisted)).toEqual([expect.objectContaining({ code: 'backup.error.entryNotListed', path: 'data/findingChanges.json' })]);
	});

	it('round-trips an empty database with no settings', async () => {
		const empty: BackupData = { frameworks: [], frameworkVersions: [], campaigns: [], targets: [], findings: [], evidence: [], findingChanges: [], rectifications: [], annualReports: [], issuedPackages: [], reviewGrades: [], evidenceFiles: [], settings: null };
		const result = await readBackup(await backupBytes(empty, META));
		expect(result).toMatchObject({ ok: true, data: empty });
	});

	it('records a campaign scope in the manifest', async () => {
		const data = sampleData();
		const scope = { kind: 'campaign' as const, campaignId: data.campaigns[0]!.id, title: data.campaigns[0]!.title };
		const result = await readBackup(await backupBytes({ ...data, frameworks: [], frameworkVersions: [], settings: null }, { ...META, scope }));
		expect(result.ok && result.manifest.scope).toEqual(scope);
		expect(result.ok && result.manifest.counts.frameworks).toBe(0);
	});

	it('refuses bytes that are not a zip', async () => {
		const random = crypto.getRandomValues(new Uint8Array(4096));
		expect(await refused(random)).toEqual([expect.objectContaining({ code: 'backup.error.notZip' })]);
		expect(await refused(new Uint8Array(0))).toEqual([expect.objectContaining({ code: 'backup.error.notZip' })]);
	});

	it('refuses a zip without a manifest', async () => {
		const bytes = zipSync({ 'data/targets.json': strToU8('[]') });
		expect(await refused(bytes)).toEqual([expect.objectContaining({ code: 'backup.error.noManifest' })]);
	});

	it('refuses a manifest that is not JSON, of another format, or invalid', async () => {
		const good = await backupBytes(sampleData(), META);
		const withManifest = (m: unknown) => rezip(good, (f) => (f['manifest.json'] = strToU8(typeof m === 'string' ? m : JSON.stringify(m))));
		expect(await refused(withManifest('{ nope'))).toEqual([expect.objectContaining({ code: 'backup.error.json', path: 'manifest.json' })]);
		expect(await refused(withManifest({ format: 'something-else' }))).toEqual([expect.objectContaining({ code: 'backup.error.format' })]);
		const manifest = json(unzipSync(good), 'manifest.json');
		expect(await refused(withManifest({ ...manifest, createdAt: 'yesterday' }))).toEqual([
			expect.objectContaining({ code: 'backup.error.manifest', path: 'createdAt' })
		]);
	});

	it('refuses a newer format version before reading anything else', async () => {
		const good = await backupBytes(sampleData(), META);
		const bytes = rezip(good, (f) => {
			// A future version may change anything else too.
			f['manifest.json'] = strToU8(JSON.stringify({ format: 'kaiming-backup', formatVersion: 6, entries: 'elsewhere' }));
		});
		expect(await refused(bytes)).toEqual([expect.objectContaining({ code: 'backup.error.newerVersion', params: { version: 6, supported: 5 } })]);
	});

	it('refuses a tampered entry, naming it', async () => {
		const good = await backupBytes(sampleData(), META);
		const bytes = rezip(good, (f) => {
			const targets = JSON.parse(strFromU8(f['data/targets.json']!)) as { name: string }[];
			targets[0]!.name = '篡改';
			f['data/targets.json'] = strToU8(JSON.stringify(targets));
		});
		expect(await refused(bytes)).toEqual([expect.objectContaining({ code: 'backup.error.checksum', path: 'data/targets.json' })]);
	});

	it('refuses an entry of the right hash but wrong length', async () => {
		const good = await backupBytes(sampleData(), META);
		const bytes = rezip(good, (f) => {
			const manifest = json(f, 'manifest.json') as { entries: { path: string; bytes: number }[] };
			manifest.entries[0]!.bytes += 1;
			f['manifest.json'] = strToU8(JSON.stringify(manifest));
		});
		expect(await refused(bytes)).toEqual([expect.objectContaining({ code: 'backup.error.checksum', path: 'data/frameworks.json' })]);
	});

	it('refuses a listed entry that is missing, a data file not listed, and an unknown file', async () => {
		const good = await backupBytes(sampleData(), META);
		const missing = rezip(good, (f) => delete f['data/evidence.json']);
		expect(await refused(missing)).toEqual([expect.objectContaining({ code: 'backup.error.entryMissing', path: 'data/evidence.json' })]);

		const unlisted = rezip(good, (f) => {
			const manifest = json(f, 'manifest.json') as { entries: { path: string }[] };
			manifest.entries = manifest.entries.filter((e) => e.path !== 'data/settings.json');
			f['manifest.json'] = strToU8(JSON.stringify(manifest));
		});
		expect(await refused(unlisted)).toEqual([expect.objectContaining({ code: 'backup.error.entryNotListed', path: 'data/settings.json' })]);

		const extra = rezip(good, (f) => (f['data/blobs.json'] = strToU8('[]')));
		expect(await refused(extra)).toEqual([expect.objectContaining({ code: 'backup.error.entryUnknown', path: 'data/blobs.json' })]);
	});

	it('refuses an entry that is not JSON, naming it', async () => {
		const good = await backupBytes(sampleData(), META);
		const bytes = await replaceEntry(good, 'data/findings.json', strToU8('[{"id": '));
		expect(await refused(bytes)).toEqual([expect.objectContaining({ code: 'backup.error.json', path: 'data/findings.json', store: 'findings' })]);
	});

	it('refuses a record failing its schema, naming store, index, id and field', async () => {
		const data = sampleData();
		const good = await backupBytes(data, META);
		const bad = [{ ...data.findings[0], outcome: 'maybe' }];
		const bytes = await replaceEntry(good, 'data/findings.json', strToU8(JSON.stringify(bad)));
		expect(await refused(bytes)).toEqual([
			expect.objectContaining({ code: 'backup.error.record', store: 'findings', index: 0, id: data.findings[0]!.id, path: 'outcome' })
		]);
	});

	it('refuses a dangling reference (finding → missing target) and duplicate ids', async () => {
		const data = sampleData();
		const orphan = makeFinding({ id: crypto.randomUUID(), campaignId: data.campaigns[0]!.id });
		const dangling = await readBackup(await backupBytes({ ...data, findings: [...data.findings, orphan] }, META));
		expect(dangling).toEqual({
			ok: false,
			problems: [expect.objectContaining({ code: 'backup.error.missingRef', store: 'findings', index: 1, id: orphan.id, path: 'targetId' })]
		});
		const dup = await readBackup(await backupBytes({ ...data, campaigns: [data.campaigns[0]!, data.campaigns[0]!] }, META));
		expect(dup).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'backup.error.duplicateId', store: 'campaigns', index: 1 })] });
	});

	it('refuses counts that disagree with the data', async () => {
		const good = await backupBytes(sampleData(), META);
		const bytes = rezip(good, (f) => {
			const manifest = json(f, 'manifest.json') as { counts: Record<string, number> };
			manifest.counts.targets = 5;
			f['manifest.json'] = strToU8(JSON.stringify(manifest));
		});
		expect(await refused(bytes)).toEqual([expect.objectContaining({ code: 'backup.error.count', store: 'targets', params: { store: 'targets', expected: 5, actual: 1 } })]);
	});
});
