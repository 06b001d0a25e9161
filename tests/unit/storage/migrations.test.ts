import { beforeEach, expect, it } from 'vitest';
import { createDatabaseAtVersion, readRawData, readSchema, resetDatabase, type RawData } from './db-utils';
import { makeCampaign, makeEvidence, makeFinding, makeFramework, makeTarget } from './fixtures';
import { DB_VERSION, migrations, openKaimingDb, type Migration } from '$lib/storage';

const NAME = 'kaiming-migration-test';

beforeEach(resetDatabase);

/** Records as the app wrote them at schema version 1 (the faithful per-version fixtures are in migration-fixtures.test.ts). */
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

it('the database version is the number of migration steps', async () => {
	expect(DB_VERSION).toBe(migrations.length);
	const db = await openKaimingDb(NAME);
	expect(db.version).toBe(migrations.length);
	db.close();
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
