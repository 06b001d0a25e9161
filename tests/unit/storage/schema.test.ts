import { beforeEach, expect, it } from 'vitest';
import { readSchema, resetDatabase } from './db-utils';
import { closeDb, DB_NAME, getDb } from '$lib/storage';

beforeEach(resetDatabase);

/*
 * Guards the append-only rule: changing a store or an index without a new migration step and a
 * deliberate snapshot update fails here. After appending a step, regenerate with
 * `npx vitest run tests/unit/storage/schema.test.ts -u` and review the diff of schema-snapshot.json.
 */
it('a fresh database matches the committed schema snapshot', async () => {
	await getDb();
	await closeDb();
	const schema = await readSchema(DB_NAME);
	await expect(`${JSON.stringify(schema, null, '\t')}\n`).toMatchFileSnapshot('./schema-snapshot.json');
});
