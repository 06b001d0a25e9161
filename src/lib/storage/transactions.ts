import type { IDBPTransaction, StoreNames } from 'idb';
import type { KaimingDatabase, KaimingDB } from './db';
import { StorageError, isClosedConnectionError, toStorageError } from './errors';
import { estimateStorage } from './quota';

/**
 * What repositories need from the connection owner; `stale` asks for a replacement of a dead connection.
 * `current`, when given, returns the open connection without waiting, so a write can start its transaction
 * in the same task as the keystroke instead of after the page's re-render (a microtask queued earlier).
 */
export type DbProvider = ((stale?: KaimingDatabase) => Promise<KaimingDatabase>) & { current?: () => KaimingDatabase | undefined };

export type WriteTx<Name extends StoreNames<KaimingDB>> = IDBPTransaction<KaimingDB, Name[], 'readwrite'>;

/**
 * Runs `op` against the current connection. A closed connection (another tab upgraded, the browser
 * dropped it) gets one retry on a fresh one: the failed attempt wrote nothing, because an
 * IndexedDB transaction commits entirely or not at all. Every failure leaves as a StorageError.
 */
export async function withDb<T>(getDb: DbProvider, op: (db: KaimingDatabase) => Promise<T>): Promise<T> {
	let db = getDb.current?.();
	try {
		db ??= await getDb();
		return await op(db);
	} catch (e) {
		if (!db || !isClosedConnectionError(e)) throw await failure(e);
	}
	try {
		return await op(await getDb(db));
	} catch (e) {
		throw await failure(e);
	}
}

/** A StorageError; a full disk also says how full, with the figures the browser reports at that moment. */
async function failure(e: unknown): Promise<StorageError> {
	const error = toStorageError(e);
	if (error.code !== 'quota' || error.details.quota !== undefined) return error;
	const estimate = await estimateStorage().catch(() => null);
	if (!estimate) return error;
	return new StorageError('quota', { ...error.details, usage: estimate.usage, quota: estimate.quota }, { cause: error.cause });
}

/**
 * One read-write transaction around `work`; resolves only after the commit. If `work` throws (a
 * failed request, a failed check) the transaction is aborted so nothing it wrote survives.
 * `work` must only await requests of `tx`, or the transaction commits early.
 */
export async function inTransaction<Name extends StoreNames<KaimingDB>, T>(
	db: KaimingDatabase,
	stores: Name[],
	work: (tx: WriteTx<Name>) => Promise<T>
): Promise<T> {
	// 'strict': the commit (and so "已保存") waits until the data is flushed to disk, so it survives a power
	// cut or an OS crash, not only a closed or killed browser (Chromium's default, 'relaxed', does not).
	const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
	const done = tx.done;
	// Observed below; this only keeps an abort that happens while `work` is still running from being reported as unhandled.
	done.catch(() => undefined);
	try {
		const result = await work(tx);
		await done;
		return result;
	} catch (e) {
		try {
			tx.abort();
		} catch {
			// Already aborted by the failed request, or already finished.
		}
		await done.catch(() => undefined);
		throw e;
	}
}
