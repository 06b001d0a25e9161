/*
 * IndexedDB schema history. APPEND ONLY: a step that has shipped is never edited, reordered or removed,
 * because browsers that already ran it will never run it again. Change the schema by appending a step,
 * update tests/unit/storage/schema-snapshot.json, and add tests/unit/storage/fixtures/db/vN.json with the
 * records the new version writes (see the README there): migration-fixtures.test.ts upgrades every
 * version's fixture and checks every record survived.
 *
 * The database version is `migrations.length`.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * Steps see an untyped database on purpose: the typed schema in db.ts describes only the latest
 * version, and old steps must keep compiling after stores they touched are renamed or dropped.
 * A step may be async, but it must only await IndexedDB requests of `tx`, or the upgrade
 * transaction commits half-way.
 */
export type Migration = (
	db: IDBPDatabase<unknown>,
	tx: IDBPTransaction<unknown, string[], 'versionchange'>,
	oldVersion: number
) => void | Promise<void>;

export const migrations: readonly Migration[] = [
	// 1: initial schema.
	(db) => {
		db.createObjectStore('frameworks', { keyPath: 'id' });
		db.createObjectStore('campaigns', { keyPath: 'id' });

		const targets = db.createObjectStore('targets', { keyPath: 'id' });
		targets.createIndex('campaignId', 'campaignId');

		const findings = db.createObjectStore('findings', { keyPath: 'id' });
		findings.createIndex('campaignId', 'campaignId');
		findings.createIndex('campaignTarget', ['campaignId', 'targetId']);
		// One finding per indicator per target: two tabs creating the "same" finding must collide, not duplicate.
		findings.createIndex('targetIndicator', ['targetId', 'indicatorId'], { unique: true });

		const evidence = db.createObjectStore('evidence', { keyPath: 'id' });
		evidence.createIndex('campaignId', 'campaignId');
		evidence.createIndex('findingId', 'findingId');
		evidence.createIndex('campaignTarget', ['campaignId', 'targetId']);

		db.createObjectStore('meta', { keyPath: 'key' });
	},
	// 2: framework version history, so any two saved versions can be compared; existing user frameworks
	// become the first entry of their history.
	async (db, tx) => {
		const versions = db.createObjectStore('frameworkVersions', { keyPath: ['id', 'version'] });
		versions.createIndex('id', 'id');
		const current = await tx.objectStore('frameworks').getAll();
		await Promise.all(current.map((fw) => tx.objectStore('frameworkVersions').put(fw)));
	},
	// 3: rectification items (整改事项), one per target × indicator × problem type.
	(db) => {
		const items = db.createObjectStore('rectifications', { keyPath: 'id' });
		items.createIndex('campaignId', 'campaignId');
		items.createIndex('campaignTarget', ['campaignId', 'targetId']);
	},
	// 4: the original bytes of screenshot evidence, keyed by evidence id, apart from the evidence records
	// so listing evidence never loads megabytes.
	(db) => {
		const files = db.createObjectStore('evidenceFiles', { keyPath: 'id' });
		files.createIndex('campaignId', 'campaignId');
	},
	// 5: findings move into one record per target ({ campaignId, targetId, findings }), keyed by both ids, so
	// opening a 2,000-target campaign reads 2,000 records, not 240,000. Every finding is kept, in key order.
	async (db, tx) => {
		const sheets = db.createObjectStore('targetFindings', { keyPath: ['campaignId', 'targetId'] });
		const findings = (await tx.objectStore('findings').getAll()) as { campaignId: unknown; targetId: unknown }[];
		const grouped = new Map<string, { campaignId: unknown; targetId: unknown; findings: unknown[] }>();
		for (const f of findings) {
			const key = JSON.stringify([f.campaignId, f.targetId]);
			const sheet = grouped.get(key);
			if (sheet) sheet.findings.push(f);
			else grouped.set(key, { campaignId: f.campaignId, targetId: f.targetId, findings: [f] });
		}
		await Promise.all([...grouped.values()].map((sheet) => sheets.put(sheet)));
		db.deleteObjectStore('findings');
	},
	// 6: finding history, one immutable entry per change (domain/finding-history.ts), listed per finding on the
	// assess screen and per campaign by merge and review; removed with its target or campaign. Starts empty: what
	// was changed before has no record.
	(db) => {
		const changes = db.createObjectStore('findingChanges', { keyPath: 'id' });
		changes.createIndex('findingId', 'findingId');
		changes.createIndex('campaignId', 'campaignId');
		changes.createIndex('campaignTarget', ['campaignId', 'targetId']);
	},
	// 7: annual reports (domain/annual-report), one per target and report year, and the work packages a lead
	// wrote (domain/team), found again by id when their returns come back. Both start empty.
	(db) => {
		const reports = db.createObjectStore('annualReports', { keyPath: 'id' });
		reports.createIndex('campaignId', 'campaignId');
		reports.createIndex('campaignTarget', ['campaignId', 'targetId']);
		// A target has one report per year: two tabs entering "the same" report must collide, not duplicate.
		reports.createIndex('targetYear', ['targetId', 'year'], { unique: true });
		const packages = db.createObjectStore('issuedPackages', { keyPath: 'id' });
		packages.createIndex('campaignId', 'campaignId');
	},
	// 8: 复核 items (domain/review/record.ts): one per sampled target × indicator with the first grade as drawn, the
	// reviewer's blind second grade and the lead's ruling; listed per campaign, found by the reviewer package its
	// return comes from, removed with its target or campaign. Starts empty.
	(db) => {
		const grades = db.createObjectStore('reviewGrades', { keyPath: 'id' });
		grades.createIndex('campaignId', 'campaignId');
		grades.createIndex('campaignTarget', ['campaignId', 'targetId']);
		grades.createIndex('packageId', 'packageId');
	}
];

export const DB_VERSION = migrations.length;

/** Runs the steps the database has not seen yet, in order. */
export async function runMigrations(
	db: IDBPDatabase<unknown>,
	tx: IDBPTransaction<unknown, string[], 'versionchange'>,
	oldVersion: number,
	steps: readonly Migration[] = migrations
): Promise<void> {
	for (let version = oldVersion; version < steps.length; version++) {
		await steps[version]!(db, tx, oldVersion);
	}
}
