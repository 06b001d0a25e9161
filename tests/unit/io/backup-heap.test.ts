import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BACKUP_STORES, type BackupData } from '$lib/domain/backup';
import { verifyBackup, writeBackup, type BackupMeta, type WrittenEntry } from '$lib/io/backup';
import { makeCampaign, makeFinding, makeImageEvidence, makeTarget, PNG_1X1 } from '../storage/fixtures';

/**
 * Issue 14: a backup of 70,000 small screenshots grew the page's heap by 838 MB, per entry, not per byte. These
 * tests read the live heap (after a full collection) while a backup is written and verified, at known entries,
 * and bound what each further entry keeps alive. The heap is read from inside the work: a Blob the writer reads
 * and the `written` list the verifier walks, one entry at a time.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = () => {
	gc();
	gc();
	return process.memoryUsage().heapUsed;
};

const META: BackupMeta = { appVersion: 'test', createdAt: '2026-12-05T00:00:00.000Z', scope: { kind: 'all' } };
const ENTRIES = 3000;
/** Entries at which the heap is read: the slope between the first and the last is what an entry keeps. */
const FIRST = 500;
const LAST = 2500;

/** Bytes of live heap per entry between FIRST and LAST, from readings taken at entry indexes. */
function perEntry(readings: Map<number, number>): number {
	expect([...readings.keys()]).toEqual([FIRST, LAST]);
	return (readings.get(LAST)! - readings.get(FIRST)!) / (LAST - FIRST);
}

async function screenshots(onRead: (index: number) => void): Promise<BackupData> {
	const campaign = makeCampaign();
	const target = makeTarget(campaign.id);
	const finding = makeFinding(target);
	const { evidence: template } = await makeImageEvidence(finding);
	const evidence = Array.from({ length: ENTRIES }, () => ({ ...template, id: crypto.randomUUID() }));
	/** The writer reads each screenshot's Blob when its entry's turn comes. */
	class ReadBlob extends Blob {
		constructor(readonly index: number) {
			super([PNG_1X1.slice()], { type: 'image/png' });
		}
		override arrayBuffer() {
			onRead(this.index);
			return super.arrayBuffer();
		}
	}
	return {
		frameworks: [],
		frameworkVersions: [],
		campaigns: [campaign],
		targets: [target],
		findings: [finding],
		evidence,
		findingChanges: [],
		rectifications: [],
		annualReports: [],
		issuedPackages: [],
		reviewGrades: [],
		evidenceFiles: evidence.map((e, i) => ({ id: e.id, campaignId: e.campaignId, targetId: e.targetId, blob: new ReadBlob(i) })),
		settings: null
	};
}

const measured = (readings: Map<number, number>) => (index: number) => {
	if (index === FIRST || index === LAST) readings.set(index, liveHeap());
};

describe('backup heap per entry', () => {
	it('writing keeps no more than zip.js needs for the central directory and the manifest per entry', { timeout: 120_000 }, async () => {
		const readings = new Map<number, number>();
		const data = await screenshots(measured(readings));
		const stream = new TransformStream<Uint8Array, Uint8Array>();
		const file = new Response(stream.readable).blob();
		const written = await writeBackup(data, META, stream.writable);
		// one file per store, the settings and the manifest, then the screenshots
		expect(written).toHaveLength(ENTRIES + BACKUP_STORES.length + 2);
		expect((await file).size).toBeGreaterThan(ENTRIES * PNG_1X1.length);
		// Measured here (Node 20): 6.1 kB an entry before the fix (every add()'s entry held until close), 2.8 kB after.
		expect(perEntry(readings)).toBeLessThan(3500);
	});

	it('verifying keeps nothing per entry', { timeout: 120_000 }, async () => {
		const data = await screenshots(() => undefined);
		const stream = new TransformStream<Uint8Array, Uint8Array>();
		const file = new Response(stream.readable).blob();
		const written = await writeBackup(data, META, stream.writable);
		const readings = new Map<number, number>();
		const read = measured(readings);
		// The verifier takes the written entries one at a time, in file order; the heap is read as it takes them.
		const watched = new Proxy(written, {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) read(Number(key));
				return Reflect.get(target, key, receiver) as unknown;
			}
		}) as readonly WrittenEntry[];
		expect(await verifyBackup(await file, watched)).toBe(written.length);
		// Measured here (Node 20): 1.3 kB an entry read before the fix (zip.js's overlap check keeps each one; the
		// whole directory was held from the start as well), under 0.1 kB after.
		expect(perEntry(readings)).toBeLessThan(500);
	});
});
