import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { AnnualReport } from '$lib/domain/annual-report/schema';
import type { Campaign } from '$lib/domain/campaign';
import type { Evidence, EvidenceFile } from '$lib/domain/evidence';
import type { FindingChange } from '$lib/domain/finding-history';
import type { Framework } from '$lib/domain/framework/schema';
import type { Rectification } from '$lib/domain/rectification/schema';
import type { ReviewGrade } from '$lib/domain/review/schema';
import type { Target } from '$lib/domain/target';
import type { IssuedPackage } from '$lib/domain/team/schema';
import { migrations, runMigrations, type Migration } from './migrations';
import type { TargetFindings } from './target-findings';

export const DB_NAME = 'kaiming';

/** Settings and app bookkeeping (e.g. last backup) share one key-value store. */
export interface MetaRecord {
	key: string;
	value: unknown;
}

/**
 * Shape of the latest schema version. Values are typed as the domain types for convenience only:
 * records written by older code or by hand may not match, so repositories parse every read.
 */
export interface KaimingDB extends DBSchema {
	frameworks: { key: string; value: Framework };
	frameworkVersions: { key: [string, string]; value: Framework; indexes: { id: string } };
	campaigns: { key: string; value: Campaign };
	targets: { key: string; value: Target; indexes: { campaignId: string } };
	/** Findings, one record per target (see target-findings.ts). */
	targetFindings: { key: [string, string]; value: TargetFindings };
	evidence: {
		key: string;
		value: Evidence;
		indexes: { campaignId: string; findingId: string; campaignTarget: [string, string] };
	};
	evidenceFiles: { key: string; value: EvidenceFile; indexes: { campaignId: string } };
	/** Finding history: entries are only added (`add`, never `put`), and removed only with their target or campaign. */
	findingChanges: { key: string; value: FindingChange; indexes: { findingId: string; campaignId: string; campaignTarget: [string, string] } };
	meta: { key: string; value: MetaRecord };
	rectifications: { key: string; value: Rectification; indexes: { campaignId: string; campaignTarget: [string, string] } };
	annualReports: { key: string; value: AnnualReport; indexes: { campaignId: string; campaignTarget: [string, string]; targetYear: [string, number] } };
	issuedPackages: { key: string; value: IssuedPackage; indexes: { campaignId: string } };
	reviewGrades: { key: string; value: ReviewGrade; indexes: { campaignId: string; campaignTarget: [string, string]; packageId: string } };
}

export type KaimingDatabase = IDBPDatabase<KaimingDB>;

/**
 * - `blocking`: another tab wants a newer version; this connection has already been closed so it can.
 *   The page should tell the user to reload (its code is now older than the database).
 * - `blocked`: this tab wants a newer version but another tab still holds the old one open.
 * - `terminated`: the browser closed the connection (storage cleared, disk error); the next access reopens.
 */
export type ConnectionEvent =
	| { kind: 'blocking'; currentVersion: number; requestedVersion: number | null }
	| { kind: 'blocked'; currentVersion: number; requestedVersion: number | null }
	| { kind: 'terminated' };

const listeners = new Set<(event: ConnectionEvent) => void>();

/** Subscribe to connection life-cycle events; returns the unsubscribe function. */
export function onVersionChange(listener: (event: ConnectionEvent) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function emit(event: ConnectionEvent): void {
	for (const listener of [...listeners]) listener(event);
}

export interface OpenOptions {
	/** Called when the connection is closed by anything other than our own close() call. */
	onClose?: () => void;
	/** Test seam: run these steps instead of the shipped ones (e.g. to prove a failing step leaves data intact). */
	migrations?: readonly Migration[];
}

export async function openKaimingDb(name = DB_NAME, options: OpenOptions = {}): Promise<KaimingDatabase> {
	const steps = options.migrations ?? migrations;
	let connection: KaimingDatabase | undefined;
	let migrationError: unknown;
	try {
		connection = await openDB<KaimingDB>(name, steps.length, {
			upgrade(db, oldVersion, _newVersion, tx) {
				const untypedTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
				// An aborted upgrade is reported by the open request below; this copy of the failure is not needed.
				tx.done.catch(() => undefined);
				// A failed step must abort the whole upgrade so the database stays at its old version, intact.
				runMigrations(db as unknown as IDBPDatabase<unknown>, untypedTx, oldVersion, steps).catch((e: unknown) => {
					migrationError = e;
					try {
						tx.abort();
					} catch {
						// Already finished: the open request reports the failure anyway.
					}
				});
			},
			blocked(currentVersion, requestedVersion) {
				emit({ kind: 'blocked', currentVersion, requestedVersion });
			},
			blocking(currentVersion, requestedVersion) {
				// Holding on would stall the other tab's upgrade forever; this tab's writes reconnect instead.
				connection?.close();
				options.onClose?.();
				emit({ kind: 'blocking', currentVersion, requestedVersion });
			},
			terminated() {
				options.onClose?.();
				emit({ kind: 'terminated' });
			}
		});
	} catch (e) {
		throw migrationError ?? e;
	}
	return connection;
}

interface CachedConnection {
	promise: Promise<KaimingDatabase>;
	db?: KaimingDatabase;
}

let cached: CachedConnection | null = null;

/**
 * The app's shared connection, opened on first use. Pass the connection that just failed with a
 * closed-connection error as `stale` to get a fresh one; a connection that someone else already
 * replaced is not closed again, so concurrent retries do not knock each other's connection out.
 */
export function getDb(stale?: KaimingDatabase): Promise<KaimingDatabase> {
	if (stale && cached?.db === stale) {
		cached = null;
		stale.close();
	}
	if (!cached) {
		const entry: CachedConnection = {
			promise: openKaimingDb(DB_NAME, {
				onClose: () => {
					if (cached === entry) cached = null;
				}
			})
		};
		cached = entry;
		entry.promise.then(
			(db) => {
				entry.db = db;
			},
			() => {
				// Let the next call try again instead of caching the failure; the caller sees the error.
				if (cached === entry) cached = null;
			}
		);
	}
	return cached.promise;
}

/** The shared connection if it is open already (see `DbProvider.current`). */
getDb.current = (): KaimingDatabase | undefined => cached?.db;

export async function closeDb(): Promise<void> {
	const entry = cached;
	cached = null;
	if (!entry) return;
	const db = await entry.promise.catch(() => undefined);
	db?.close();
}
