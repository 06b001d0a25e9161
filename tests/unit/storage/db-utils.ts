import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { closeDb, type KaimingDatabase } from '$lib/storage/db';
import { migrations, runMigrations } from '$lib/storage/migrations';

/** Call in beforeEach: drops the app's cached connection and starts from an empty IndexedDB. */
export async function resetDatabase(): Promise<void> {
	await closeDb();
	globalThis.indexedDB = new IDBFactory() as unknown as typeof globalThis.indexedDB;
}

export type RawData = Record<string, unknown[]>;

/**
 * Creates a database exactly as the app at schema version `version` left it: runs the first `version`
 * migration steps (shipped steps never change, so this reproduces that schema), then writes `data`
 * with plain IndexedDB, bypassing the repositories and their validation, as old code would have.
 * The connection is closed so the next open can upgrade it.
 */
export async function createDatabaseAtVersion(name: string, version: number, data: RawData = {}): Promise<void> {
	if (version < 1 || version > migrations.length) throw new Error(`no schema version ${version}`);
	const steps = migrations.slice(0, version);
	const db = await openDB(name, version, {
		upgrade: (database, oldVersion, _newVersion, tx) => {
			// A failing step aborts the open request, which rejects this openDB call.
			void runMigrations(database, tx, oldVersion, steps);
		}
	});
	const stores = Object.keys(data);
	if (stores.length > 0) {
		const tx = db.transaction(stores, 'readwrite');
		await Promise.all([...stores.flatMap((store) => data[store]!.map((record) => tx.objectStore(store).put(record))), tx.done]);
	}
	db.close();
}

/** Records that the code of one schema version wrote, saved in fixtures/db/v<version>.json. */
export interface DbFixture {
	version: number;
	/** Which app commit wrote the records, and how. */
	writtenBy: string;
	stores: RawData;
}

/** The fixture of a schema version, or undefined when nobody has added it yet. */
export function loadDbFixture(version: number): DbFixture | undefined {
	const file = new URL(`./fixtures/db/v${version}.json`, import.meta.url);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8'), reviveBlob) as DbFixture) : undefined;
}

/** JSON has no Blob: a fixture writes one as `{ "$blob": { "type", "base64" } }` (see `encodeBlobs`). */
function reviveBlob(_key: string, value: unknown): unknown {
	const blob = (value as { $blob?: { type: string; base64: string } } | null)?.$blob;
	if (!blob) return value;
	return new Blob([Uint8Array.from(atob(blob.base64), (c) => c.charCodeAt(0))], { type: blob.type });
}

/** The inverse of the reviver above, for writing a fixture. */
export async function encodeBlobs(data: RawData): Promise<RawData> {
	const encode = async (value: unknown): Promise<unknown> => {
		if (value instanceof Blob) {
			const bytes = new Uint8Array(await value.arrayBuffer());
			return { $blob: { type: value.type, base64: btoa(String.fromCharCode(...bytes)) } };
		}
		if (Array.isArray(value)) return Promise.all(value.map(encode));
		if (value && typeof value === 'object') return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await encode(v)])));
		return value;
	};
	return (await encode(data)) as RawData;
}

/** Every record of every store, read with plain IndexedDB. */
export async function readRawData(name: string): Promise<RawData> {
	const db = await openDB(name);
	try {
		const out: RawData = {};
		for (const store of [...db.objectStoreNames].sort()) out[store] = await db.getAll(store);
		return out;
	} finally {
		db.close();
	}
}

export interface SchemaShape {
	version: number;
	stores: Record<
		string,
		{
			keyPath: string | string[] | null;
			autoIncrement: boolean;
			indexes: Record<string, { keyPath: string | string[]; unique: boolean; multiEntry: boolean }>;
		}
	>;
}

/** Stores and indexes of an existing database, in a stable order for comparison with the snapshot. */
export async function readSchema(name: string): Promise<SchemaShape> {
	const db = await openDB(name);
	try {
		const names = [...db.objectStoreNames].sort();
		const tx = db.transaction(names, 'readonly');
		const stores: SchemaShape['stores'] = {};
		for (const storeName of names) {
			const store = tx.objectStore(storeName);
			const indexes: SchemaShape['stores'][string]['indexes'] = {};
			for (const indexName of [...store.indexNames].sort()) {
				const index = store.index(indexName);
				indexes[indexName] = { keyPath: plain(index.keyPath)!, unique: index.unique, multiEntry: index.multiEntry };
			}
			stores[storeName] = { keyPath: plain(store.keyPath), autoIncrement: store.autoIncrement, indexes };
		}
		await tx.done;
		return { version: db.version, stores };
	} finally {
		db.close();
	}
}

// Some implementations hand out DOMStringList-like objects for compound key paths.
function plain(keyPath: string | string[] | null): string | string[] | null {
	return keyPath === null || typeof keyPath === 'string' ? keyPath : [...keyPath];
}

/** Findings stored, across every target's record (findings are kept one record per target). */
export async function countFindings(db: KaimingDatabase): Promise<number> {
	return (await db.getAll('targetFindings')).reduce((n, sheet) => n + sheet.findings.length, 0);
}
