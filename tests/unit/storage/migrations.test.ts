import { beforeEach, describe, expect, it } from 'vitest';
import { createDatabaseAtVersion, readRawData, readSchema, resetDatabase, type RawData } from './db-utils';
import { makeCampaign, makeEvidence, makeFinding, makeFramework, makeTarget } from './fixtures';
import snapshot from './schema-snapshot.json';
import { createIdbRepositories, DB_VERSION, migrations, openKaimingDb, type Migration } from '$lib/storage';

const NAME = 'kaiming-migration-test';

beforeEach(resetDatabase);

/** Records as the app wrote them at schema version 1. A later data-changing step adds its own older shapes. */
function version1Data(): RawData {
	const campaign = makeCampaign();
	const target = makeTarget(campaign.id);
	const finding = makeFinding(target);
	return {
		frameworks: [makeFramework()],
		campaigns: [campaign],
		targets: [target],
		findings: [finding],
		evidence: [makeEvidence(finding)],
		meta: [{ key: 'settings', value: { assessorName: '李四', locale: 'zh-CN' } }]
	};
}

/** Version 2 added the framework history; a version-2 database has each user framework in it too. */
function version2Data(): RawData {
	const data = version1Data();
	return { ...data, frameworkVersions: data.frameworks! };
}

/** Version 3 added rectification items. */
function version3Data(): RawData {
	const data = version2Data();
	const finding = data.findings![0] as { campaignId: string; targetId: string };
	const now = new Date().toISOString();
	const item = {
		id: crypto.randomUUID(),
		campaignId: finding.campaignId,
		targetId: finding.targetId,
		indicatorId: 'update-1',
		deductionId: 'stale',
		seq: 1,
		description: '首页更新不及时',
		pointsLost: 2,
		veto: false,
		status: 'open',
		createdAt: now,
		updatedAt: now,
		updatedBy: '李四'
	};
	return { ...data, rectifications: [item] };
}

const dataByVersion: Record<number, () => RawData> = { 1: version1Data, 2: version2Data, 3: version3Data };

/** What the data written at a version must look like once upgraded to the current version. */
const upgraded: Record<number, (data: RawData) => RawData> = {
	1: (data) => ({ ...data, frameworkVersions: data.frameworks!, rectifications: [] }),
	2: (data) => ({ ...data, rectifications: [] }),
	3: (data) => data
};

it('the database version is the number of migration steps', async () => {
	expect(DB_VERSION).toBe(migrations.length);
	const db = await openKaimingDb(NAME);
	expect(db.version).toBe(migrations.length);
	db.close();
});

describe.each(Object.keys(dataByVersion).map(Number))('opening a version %i database with data', (version) => {
	it('keeps every record and ends with the current schema', async () => {
		const data = dataByVersion[version]!();
		await createDatabaseAtVersion(NAME, version, data);

		const db = await openKaimingDb(NAME);
		expect(db.version).toBe(DB_VERSION);
		const repos = createIdbRepositories(async () => db);
		// Still readable through the validating repositories, not just present.
		expect(await repos.campaigns.list()).toHaveLength(data.campaigns!.length);
		expect(await repos.frameworks.list()).toHaveLength(data.frameworks!.length);
		expect((await repos.settings.get()).assessorName).toBe('李四');
		expect(await repos.frameworks.listVersions((data.frameworks![0] as { id: string }).id)).toHaveLength(1);
		db.close();

		// Every record survives; data-changing steps add what they derive (see `upgraded`).
		expect(await readRawData(NAME)).toEqual(upgraded[version]!(data));
		expect(await readSchema(NAME)).toEqual(snapshot);
	});
});

it('a failing step aborts the upgrade and leaves the old database and its data intact', async () => {
	const data = version1Data();
	await createDatabaseAtVersion(NAME, 1, data);
	const failing: Migration = async (_db, tx) => {
		await tx.objectStore('campaigns').clear();
		throw new Error('step 2 broke');
	};

	await expect(openKaimingDb(NAME, { migrations: [...migrations.slice(0, 1), failing] })).rejects.toThrow('step 2 broke');

	expect((await readSchema(NAME)).version).toBe(1);
	expect(await readRawData(NAME)).toEqual(data);
});

// Forces the pattern: appending step N+1 means adding the data version N wrote, so its upgrade is tested.
it('has test data for every schema version', () => {
	const versions = Object.keys(dataByVersion).map(Number).sort((a, b) => a - b);
	expect(versions).toEqual(migrations.map((_, i) => i + 1));
});
