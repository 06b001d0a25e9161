import { describe, expect, it } from 'vitest';
import type { BackupData } from '$lib/domain/backup';
import { verifyBackup, writeBackup, type BackupMeta } from '$lib/io/backup';
import { makeCampaign, makeFinding, makeImageEvidence, makeTarget, PNG_1X1 } from '../storage/fixtures';

const META: BackupMeta = { appVersion: 'test', createdAt: '2026-12-05T00:00:00.000Z', scope: { kind: 'all' } };

async function dataWithScreenshots(count: number): Promise<BackupData> {
	const campaign = makeCampaign();
	const target = makeTarget(campaign.id);
	const finding = makeFinding(target);
	const { evidence: template } = await makeImageEvidence(finding);
	const evidence = Array.from({ length: count }, () => ({ ...template, id: crypto.randomUUID() }));
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
		evidenceFiles: evidence.map((e) => ({ id: e.id, campaignId: e.campaignId, targetId: e.targetId, blob: new Blob([PNG_1X1.slice()], { type: 'image/png' }) })),
		settings: null
	};
}

/** Writes into a Blob, as the download fallback does. */
async function write(data: BackupData) {
	const stream = new TransformStream<Uint8Array, Uint8Array>();
	const blob = new Response(stream.readable).blob();
	const written = await writeBackup(data, META, stream.writable);
	return { file: await blob, written };
}

describe('verifyBackup', () => {
	it('counts every file of a sound backup, and refuses one whose bytes changed or whose directory differs', async () => {
		const data = await dataWithScreenshots(3);
		const { file, written } = await write(data);
		expect(await verifyBackup(file, written)).toBe(written.length);

		// A byte of the first screenshot (stored, so its bytes are in the file as they are) flipped on disk.
		const bytes = new Uint8Array(await file.arrayBuffer());
		const png = bytes.findIndex((_, i) => PNG_1X1.every((b, j) => bytes[i + j] === b));
		bytes[png + 20]! ^= 0xff;
		await expect(verifyBackup(new Blob([bytes]), written)).rejects.toMatchObject({ code: 'verify-failed', details: { path: `evidence/${data.evidence[0]!.id}.png` } });
		// The directory lists what was written, no more, no less.
		await expect(verifyBackup(file, written.slice(1))).rejects.toMatchObject({ code: 'verify-failed' });
		await expect(verifyBackup(new Blob([bytes.subarray(0, 1000)]), written)).rejects.toMatchObject({ code: 'verify-failed' });
	});
});
