/*
 * Every schema version's fixture (fixtures/db/vN.json: records that version's code wrote) must open in the
 * current app with every record intact, readable through the validating repositories and scorable.
 * Appending a migration without adding the fixture of the version it creates fails here on purpose.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createDatabaseAtVersion, encodeBlobs, loadDbFixture, readRawData, resetDatabase, type RawData } from './db-utils';
import { Finding } from '$lib/domain/finding';
import { scoreCampaign } from '$lib/domain/scoring';
import { groupIntoSheets } from '$lib/storage/target-findings';
import { createIdbRepositories, DB_VERSION, openKaimingDb, type MetaRecord } from '$lib/storage';

const NAME = 'kaiming-fixture-test';

beforeEach(resetDatabase);

/**
 * What a migration step derives from the records written before it, by the version it creates.
 * A step that only adds stores needs no entry: its stores start empty.
 */
const derivedBy: Record<number, (stores: RawData) => RawData> = {
	// Each user framework becomes the first entry of its history.
	2: (stores) => ({ ...stores, frameworkVersions: stores.frameworks ?? [] }),
	// Findings move into one record per target, in key order; the findings store is gone.
	5: ({ findings = [], ...stores }) => ({ ...stores, targetFindings: groupIntoSheets(findings as Finding[]) })
};

/** The records a database written at `version` must hold once upgraded to the current version. */
function upgraded(version: number, stores: RawData): RawData {
	let out = stores;
	for (let step = version + 1; step <= DB_VERSION; step++) out = derivedBy[step]?.(out) ?? out;
	return out;
}

/**
 * Frameworks written before provisional notes were translated hold each note as a plain Chinese string; the
 * schema reads it as `{ zh }` (no migration: every read parses, and a string is still a valid stored note).
 */
function notesAsRead(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(notesAsRead);
	if (!value || typeof value !== 'object' || value instanceof Blob) return value;
	return Object.fromEntries(
		Object.entries(value).map(([k, v]) => [k, k === 'provisionalNote' && typeof v === 'string' ? { zh: v } : notesAsRead(v)])
	);
}

type Keyed = { id?: unknown; key?: unknown; version?: unknown; campaignId?: unknown; targetId?: unknown };
/** A record's key in its store (targetFindings are keyed by campaign and target). */
const keyOf = (r: unknown) => {
	const k = r as Keyed;
	return JSON.stringify(k.id === undefined && k.key === undefined ? [k.campaignId, k.targetId] : [k.id ?? k.key, k.version]);
};
/** Stores compare as sets of records: the order getAll or a derivation yields is not part of the contract. */
const sorted = (records: readonly unknown[]) => [...records].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
const sortedStores = (data: RawData) => Object.fromEntries(Object.entries(data).map(([store, records]) => [store, sorted(records)]));

const versions = Array.from({ length: DB_VERSION }, (_, i) => i + 1);

describe.each(versions)('the schema version %i fixture', (version) => {
	it('upgrades to the current version with every record intact, readable and scorable', async () => {
		const fixture = loadDbFixture(version);
		if (!fixture)
			throw new Error(
				`No fixture for schema version ${version}: add tests/unit/storage/fixtures/db/v${version}.json with records written by that version's code (see README.md there).`
			);
		expect(fixture.version).toBe(version);
		await createDatabaseAtVersion(NAME, version, fixture.stores);
		// The fixture fills every store its version had, so every store's upgrade is exercised.
		// Blobs are compared by their bytes (toEqual sees any two Blobs as equal).
		const written = await readRawData(NAME);
		expect(sortedStores(await encodeBlobs(written))).toEqual(sortedStores(await encodeBlobs(fixture.stores)));
		for (const [store, records] of Object.entries(written)) expect(records.length, `records in ${store}`).toBeGreaterThan(0);

		const expected = upgraded(version, fixture.stores);
		const db = await openKaimingDb(NAME);
		try {
			expect(db.version).toBe(DB_VERSION);
			const repos = createIdbRepositories(async () => db);

			const campaigns = await repos.campaigns.list();
			const children = await Promise.all(
				campaigns.map(async (c) => {
					const targets = await repos.targets.listByCampaign(c.id);
					const evidence = await Promise.all(targets.map((t) => repos.evidence.listByTarget(c.id, t.id)));
					return {
						targets,
						findings: await repos.findings.listByCampaign(c.id),
						evidence: evidence.flat(),
						rectifications: await repos.rectifications.listByCampaign(c.id)
					};
				})
			);
			const frameworks = await repos.frameworks.list();
			const read: Record<string, unknown[]> = {
				campaigns,
				targets: children.flatMap((c) => c.targets),
				findings: children.flatMap((c) => c.findings),
				evidence: children.flatMap((c) => c.evidence),
				rectifications: children.flatMap((c) => c.rectifications),
				frameworks,
				frameworkVersions: (await Promise.all(frameworks.map((f) => repos.frameworks.listVersions(f.id)))).flat(),
				findingChanges: (await Promise.all(campaigns.map((c) => repos.findings.campaignHistory(c.id)))).flat()
			};
			// Reached through the repositories (no orphans) and parsed by today's schemas, which may add
			// defaults of later fields but must keep every stored value.
			// Repositories hand out findings, however they are kept.
			const logical: RawData = { ...expected, findings: ((expected.targetFindings ?? []) as { findings: unknown[] }[]).flatMap((s) => s.findings) };
			for (const [store, records] of Object.entries(read))
				expect(sorted(records), `${store} read through the repositories`).toMatchObject(sorted(notesAsRead(logical[store] ?? []) as unknown[]));
			for (const { key, value } of (expected.meta ?? []) as MetaRecord[]) {
				if (key === 'settings') expect(await repos.settings.get()).toMatchObject(value as object);
				else expect(await repos.meta.get(key), `meta ${key}`).toEqual(value);
			}

			campaigns.forEach((campaign, i) => {
				const { targets, findings } = children[i]!;
				const scores = scoreCampaign(campaign.framework, targets, findings);
				expect(scores).toHaveLength(targets.length);
				for (const s of scores) {
					const numbers = [s.total, s.deductScore, s.bonusScore, ...s.sections.flatMap((x) => [x.max, x.score, x.lost])];
					expect(numbers.filter((n) => n !== null && !Number.isFinite(n)), `scores of ${s.targetId}`).toEqual([]);
				}
				// Scoring really ran on the old findings, not only on an empty campaign.
				expect(scores.some((s) => s.total !== null && s.graded > 0)).toBe(true);
			});
		} finally {
			db.close();
		}

		// Raw records are untouched: what the fixture held, plus what later steps derive, and empty new stores.
		const stored = await readRawData(NAME);
		// Opening a campaign hands out stored findings before parsing them (findings.readCampaign), so they must
		// be stored exactly as today's schema parses them: a schema change that adds a default needs a migration.
		for (const sheet of stored.targetFindings as { findings: unknown[] }[])
			for (const f of sheet.findings) expect(Finding.parse(f), 'a stored finding as parsed').toEqual(f);
		const emptyStores = Object.fromEntries(Object.keys(stored).map((store) => [store, []]));
		expect(sortedStores(await encodeBlobs(stored))).toEqual(sortedStores(await encodeBlobs({ ...emptyStores, ...expected })));
	});
});
