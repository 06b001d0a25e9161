import { openDB } from 'idb';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeCampaign } from './fixtures';
import {
	createIdbRepositories,
	DB_NAME,
	DB_VERSION,
	getDb,
	onVersionChange,
	StorageError,
	type ConnectionEvent
} from '$lib/storage';

const events: ConnectionEvent[] = [];
let unsubscribe: () => void;

beforeEach(async () => {
	await resetDatabase();
	events.length = 0;
	unsubscribe = onVersionChange((event) => events.push(event));
});

afterEach(() => unsubscribe());

it('reconnects once and saves when the cached connection was closed underneath', async () => {
	const repos = createIdbRepositories(getDb);
	const first = await getDb();
	first.close();
	const campaign = await repos.campaigns.put(makeCampaign());
	expect(await repos.campaigns.get(campaign.id)).toEqual(campaign);
	expect(await getDb()).not.toBe(first);
});

it('gives up with "closed" when the provider keeps handing out a closed connection', async () => {
	const dead = await getDb();
	dead.close();
	const repos = createIdbRepositories(async () => dead);
	const error = await repos.campaigns.put(makeCampaign()).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(StorageError);
	expect((error as StorageError).code).toBe('closed');
});

it('steps aside when another tab upgrades, and then reports "closed" instead of writing to an old schema', async () => {
	const repos = createIdbRepositories(getDb);
	await repos.campaigns.put(makeCampaign());

	// The "other tab": newer code asking for the next version. It only opens if we close.
	const newer = await openDB(DB_NAME, DB_VERSION + 1);
	expect(events).toEqual([{ kind: 'blocking', currentVersion: DB_VERSION, requestedVersion: DB_VERSION + 1 }]);

	const error = await repos.campaigns.list().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(StorageError);
	expect((error as StorageError).code).toBe('closed');
	newer.close();
});
