/*
 * The whole restore path (read the file, then write it) against damaged copies of a real backup:
 * truncated, bit-flipped, and edited with the checksums recomputed so the records themselves are
 * what is wrong. It never throws, a refusal writes nothing and names a reason the UI can show, and
 * an accepted file restores.
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { readBackup, writeBackup } from '$lib/io/backup';
import { sha256Hex } from '$lib/io/hash';
import { zh } from '$lib/i18n/zh-CN';
import { createIdbRepositories, getDb, type Repositories } from '$lib/storage';
import type { BackupData } from '$lib/domain/backup';
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
		rectifications: [],
		evidenceFiles: [shot.file],
		settings: null
	};
	return writeBackup(data, { appVersion: 'test', createdAt: '2026-11-21T00:00:00.000Z', scope: { kind: 'all' } });
}

/** What is already in the browser: a refused restore must leave exactly this. */
async function seedExisting() {
	const campaign = await repos.campaigns.put(makeCampaign({ title: '已有任务' }));
	const target = await repos.targets.put(makeTarget(campaign.id));
	await repos.findings.put(makeFinding(target));
}

const snapshot = async () => JSON.stringify(await encodeBlobs(await readRawData('kaiming')));

async function restoreOnce(bytes: Uint8Array): Promise<'refused' | 'restored'> {
	await resetDatabase();
	repos = createIdbRepositories(getDb);
	await seedExisting();
	const before = await snapshot();
	const read = await readBackup(bytes);
	if (!read.ok) {
		expect(read.problems.length).toBeGreaterThan(0);
		for (const p of read.problems) expect(Object.hasOwn(zh, p.code), `message for ${p.code}`).toBe(true);
		expect(await snapshot()).toBe(before);
		return 'refused';
	}
	const result = await repos.backup.restore(read.data, 'skip');
	expect(result.ok).toBe(true);
	return 'restored';
}

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