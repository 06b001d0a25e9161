import { beforeEach, describe, expect, it } from 'vitest';
import { countFindings, resetDatabase } from './db-utils';
import { corrupt, makeCampaign, makeEvidence, makeFinding, makeFramework, makeTarget } from './fixtures';
import { Settings } from '$lib/domain/settings';
import { createIdbRepositories, getDb, StorageError, type Repositories } from '$lib/storage';
import type { RestoreReport, RestoreResult } from '$lib/storage/repositories';

let repos: Repositories;

beforeEach(async () => {
	await resetDatabase();
	repos = createIdbRepositories(getDb);
});

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
	const error = await promise.then(
		() => {
			throw new Error('expected a rejection');
		},
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(StorageError);
	return error as StorageError;
}

async function restored(result: Promise<RestoreResult>): Promise<RestoreReport> {
	const r = await result;
	if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems)}`);
	return r.report;
}

async function seedTarget() {
	const campaign = await repos.campaigns.put(makeCampaign());
	const target = await repos.targets.put(makeTarget(campaign.id));
	return { campaign, target };
}

describe('round trips', () => {
	it('stores and reads a campaign', async () => {
		const campaign = await repos.campaigns.put(makeCampaign());
		expect(campaign.rev).toMatch(/^1-/);
		expect(await repos.campaigns.get(campaign.id)).toEqual(campaign);
		expect(await repos.campaigns.list()).toEqual([campaign]);
		expect(await repos.campaigns.get(crypto.randomUUID())).toBeUndefined();
	});

	it('returns the record as stored, with defaults applied', async () => {
		const campaign = makeCampaign();
		const { assessor: _assessor, round: _round, ...withoutDefaults } = campaign;
		const stored = await repos.campaigns.put(withoutDefaults as typeof campaign);
		expect(stored).toMatchObject({ assessor: '', round: 1 });
		expect(await repos.campaigns.get(campaign.id)).toEqual(stored);
	});

	it('lists targets by campaign, sorted by order', async () => {
		const campaign = await repos.campaigns.put(makeCampaign());
		const other = await repos.campaigns.put(makeCampaign());
		const [a, b, c] = await repos.targets.putMany([2, 0, 1].map((order) => makeTarget(campaign.id, { order, name: `target ${order}` })));
		await repos.targets.put(makeTarget(other.id));
		expect(await repos.targets.listByCampaign(campaign.id)).toEqual([b, c, a]);
	});

	it('stores and lists findings by campaign and by target', async () => {
		const { campaign, target } = await seedTarget();
		const second = await repos.targets.put(makeTarget(campaign.id, { order: 1 }));
		const f1 = await repos.findings.put(makeFinding(target));
		const f2 = await repos.findings.put(makeFinding(target, { indicatorId: 'veto-1', outcome: 'pass', deductionCounts: {} }));
		const f3 = await repos.findings.put(makeFinding(second));
		const byCampaign = await repos.findings.listByCampaign(campaign.id);
		expect(byCampaign).toHaveLength(3);
		expect(byCampaign).toEqual(expect.arrayContaining([f1, f2, f3]));
		const byTarget = await repos.findings.listByTarget(campaign.id, target.id);
		expect(byTarget).toEqual(expect.arrayContaining([f1, f2]));
		expect(byTarget).toHaveLength(2);
	});

	it('updates a finding in place (same id, same indicator)', async () => {
		const { target } = await seedTarget();
		const finding = await repos.findings.put(makeFinding(target));
		const edited = await repos.findings.put({ ...finding, note: '首页三周未更新', updatedAt: new Date().toISOString() });
		expect(edited.rev).toMatch(/^2-/);
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([edited]);
	});

	it('stores, lists and deletes evidence', async () => {
		const { target } = await seedTarget();
		const finding = await repos.findings.put(makeFinding(target));
		const url = await repos.evidence.put(makeEvidence(finding));
		const text = await repos.evidence.put(makeEvidence(finding, { kind: 'text', url: undefined, text: '截图说明' }));
		const listed = await repos.evidence.listByTarget(target.campaignId, target.id);
		expect(listed).toHaveLength(2);
		expect(listed).toEqual(expect.arrayContaining([url, text]));
		await repos.evidence.delete(url.id, { at: '2026-03-02T08:00:00.000Z', by: '张三' });
		expect((await repos.evidence.listByTarget(target.campaignId, target.id)).map((e) => e.id)).toEqual([text.id]);
	});

	it('stores, lists and deletes user frameworks', async () => {
		const b = await repos.frameworks.put(makeFramework({ id: 'b-framework' }));
		const a = await repos.frameworks.put(makeFramework({ id: 'a-framework' }));
		expect(await repos.frameworks.get('a-framework')).toEqual(a);
		expect(await repos.frameworks.list()).toEqual([a, b]);
		await repos.frameworks.delete('a-framework');
		expect(await repos.frameworks.list()).toEqual([b]);
		expect(await repos.frameworks.get('a-framework')).toBeUndefined();
	});

	it('gives default settings before any are saved, then the saved ones', async () => {
		expect(await repos.settings.get()).toEqual(Settings.parse({}));
		const calendar = { holidays: ['2026-10-01'], workdays: ['2026-10-10'] };
		const saved = await repos.settings.put({ assessorName: '张三', locale: 'en', calendar, advanceAfterOutcome: false });
		expect(await repos.settings.get()).toEqual({ assessorName: '张三', locale: 'en', calendar, advanceAfterOutcome: false, rev: saved.rev });
	});
});

describe('validation', () => {
	it('rejects an invalid campaign with the field path and writes nothing', async () => {
		const error = await rejection(repos.campaigns.put(corrupt(makeCampaign(), { title: '   ' })));
		expect(error.code).toBe('invalid');
		expect(error.messageKey).toBe('error.storage.invalid');
		expect(error.detail).toContain('campaign.title');
		expect(await repos.campaigns.list()).toEqual([]);
	});

	it('rejects invalid settings', async () => {
		const error = await rejection(repos.settings.put(corrupt(Settings.parse({}), { locale: 'fr' })));
		expect(error.code).toBe('invalid');
		expect(error.detail).toContain('settings.locale');
	});

	it('putMany is all-or-nothing: one invalid target and none is written', async () => {
		const campaign = await repos.campaigns.put(makeCampaign());
		const batch = [
			makeTarget(campaign.id, { order: 0 }),
			corrupt(makeTarget(campaign.id, { order: 1 }), { url: 'javascript:alert(1)' }),
			makeTarget(campaign.id, { order: 2 })
		];
		const error = await rejection(repos.targets.putMany(batch));
		expect(error.code).toBe('invalid');
		expect(error.detail).toContain('targets[1].url');
		expect(await repos.targets.listByCampaign(campaign.id)).toEqual([]);
	});

	it('putMany writes nothing when a campaign is missing', async () => {
		const campaign = await repos.campaigns.put(makeCampaign());
		const ghost = crypto.randomUUID();
		const error = await rejection(repos.targets.putMany([makeTarget(campaign.id), makeTarget(ghost, { order: 1 })]));
		expect(error.code).toBe('not-found');
		expect(error.detail).toContain(ghost);
		expect(await repos.targets.listByCampaign(campaign.id)).toEqual([]);
	});

	it('surfaces a corrupt stored record as invalid, naming store and id', async () => {
		const campaign = makeCampaign();
		const db = await getDb();
		await db.put('campaigns', corrupt(campaign, { monitoringPoint: 'yesterday' }));
		const error = await rejection(repos.campaigns.list());
		expect(error.code).toBe('invalid');
		expect(error.detail).toContain(`campaigns/${campaign.id}.monitoringPoint`);
		expect((await rejection(repos.campaigns.get(campaign.id))).code).toBe('invalid');
	});
});

describe("a campaign's findings, read to open it", () => {
	async function seed() {
		const campaign = await repos.campaigns.put(makeCampaign());
		const targets = await repos.targets.putMany([makeTarget(campaign.id, { order: 0 }), makeTarget(campaign.id, { order: 1 }), makeTarget(campaign.id, { order: 2 })]);
		const findings = [];
		for (const t of targets.slice(0, 2))
			for (const indicatorId of ['a', 'b', 'c']) findings.push(await repos.findings.put(makeFinding(t, { indicatorId })));
		return { campaign, targets, findings };
	}

	it('groups them by target, as listByCampaign reads them, and finds nothing wrong with sound records', async () => {
		const { campaign, targets, findings } = await seed();
		const read = await repos.findings.readCampaign(campaign.id);
		expect([...read.byTarget.keys()].sort()).toEqual([targets[0]!.id, targets[1]!.id].sort());
		expect(read.byTarget.get(targets[0]!.id)).toEqual(findings.slice(0, 3));
		expect(read.byTarget.get(targets[1]!.id)).toEqual(findings.slice(3));
		expect(await read.invalidTargets).toEqual([]);
		expect([...read.byTarget.values()].flat()).toEqual(await repos.findings.listByCampaign(campaign.id));
	});

	it('names the targets whose stored findings fail the check, after handing them out; listByCampaign refuses them', async () => {
		const { campaign, targets } = await seed();
		const db = await getDb();
		const sheet = (await db.get('targetFindings', [campaign.id, targets[1]!.id]))!;
		await db.put('targetFindings', { ...sheet, findings: sheet.findings.map((f, i) => (i === 1 ? corrupt(f, { outcome: 'maybe' }) : f)) });
		const errors: unknown[] = [];
		const original = console.error;
		console.error = (e: unknown) => errors.push(e);
		try {
			const read = await repos.findings.readCampaign(campaign.id);
			expect(read.byTarget.get(targets[1]!.id)![1]!.outcome).toBe('maybe');
			expect(await read.invalidTargets).toEqual([targets[1]!.id]);
		} finally {
			console.error = original;
		}
		// What is wrong is kept for support, by store, record and field.
		expect(String((errors[0] as StorageError).detail)).toContain(`targetFindings/${campaign.id}/${targets[1]!.id}.findings[1].outcome`);

		const error = await rejection(repos.findings.listByCampaign(campaign.id));
		expect(error.code).toBe('invalid');
		expect(error.detail).toContain(`targetFindings/${campaign.id}/${targets[1]!.id}.findings[1].outcome`);
	});

	it('refuses at once a record without the shape the pages rely on', async () => {
		const { campaign, targets } = await seed();
		const db = await getDb();
		const sheet = (await db.get('targetFindings', [campaign.id, targets[0]!.id]))!;
		await db.put('targetFindings', corrupt(sheet, { findings: 'lost' }));
		const error = await rejection(repos.findings.readCampaign(campaign.id));
		expect(error.code).toBe('invalid');
		expect(error.detail).toContain(`targetFindings/${campaign.id}/${targets[0]!.id}.findings`);
	});
});

describe('integrity', () => {
	it('rejects a second finding for the same target and indicator as a conflict', async () => {
		const { target } = await seedTarget();
		const first = await repos.findings.put(makeFinding(target));
		const error = await rejection(repos.findings.put(makeFinding(target, { note: 'from another tab' })));
		expect(error.code).toBe('conflict');
		expect(error.messageKey).toBe('error.storage.conflict');
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([first]);
	});

	it('rejects a finding whose target does not exist in that campaign', async () => {
		const { target } = await seedTarget();
		const other = await repos.campaigns.put(makeCampaign());
		expect((await rejection(repos.findings.put(makeFinding({ id: crypto.randomUUID(), campaignId: target.campaignId }))))
			.code).toBe('not-found');
		expect((await rejection(repos.findings.put(makeFinding({ id: target.id, campaignId: other.id })))).code).toBe(
			'not-found'
		);
		expect(await repos.findings.listByCampaign(target.campaignId)).toEqual([]);
	});

	it('rejects evidence for a missing finding', async () => {
		const { target } = await seedTarget();
		const error = await rejection(repos.evidence.put(makeEvidence(makeFinding(target))));
		expect(error.code).toBe('not-found');
		expect(await repos.evidence.listByTarget(target.campaignId, target.id)).toEqual([]);
	});
});

describe('putWithFinding', () => {
	it('creates the finding and its evidence together', async () => {
		const { target } = await seedTarget();
		const finding = makeFinding(target, { outcome: null, deductionCounts: {} });
		const evidence = makeEvidence(finding);
		const stored = await repos.evidence.putWithFinding(finding, evidence);
		expect(stored).toEqual({ finding: { ...finding, rev: expect.stringMatching(/^1-/) }, evidence: { ...evidence, rev: expect.stringMatching(/^1-/) } });
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([stored.finding]);
		expect(await repos.evidence.listByTarget(target.campaignId, target.id)).toEqual([stored.evidence]);
	});

	it('writes neither when the evidence is invalid', async () => {
		const { target } = await seedTarget();
		const finding = makeFinding(target);
		const error = await rejection(repos.evidence.putWithFinding(finding, corrupt(makeEvidence(finding), { url: 'ftp://x' })));
		expect(error.code).toBe('invalid');
		expect(error.detail).toContain('evidence.url');
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([]);
		expect(await repos.evidence.listByTarget(target.campaignId, target.id)).toEqual([]);
	});

	it('writes neither when the finding collides with an existing one', async () => {
		const { target } = await seedTarget();
		const existing = await repos.findings.put(makeFinding(target));
		const finding = makeFinding(target);
		const error = await rejection(repos.evidence.putWithFinding(finding, makeEvidence(finding)));
		expect(error.code).toBe('conflict');
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([existing]);
		expect(await repos.evidence.listByTarget(target.campaignId, target.id)).toEqual([]);
	});

	it('rejects evidence that points at a different finding', async () => {
		const { target } = await seedTarget();
		const finding = makeFinding(target);
		const error = await rejection(repos.evidence.putWithFinding(finding, makeEvidence(makeFinding(target))));
		expect(error.code).toBe('invalid');
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([]);
	});
});

describe('cascading deletes', () => {
	async function seedCampaign() {
		const campaign = await repos.campaigns.put(makeCampaign());
		const targets = await repos.targets.putMany([0, 1].map((order) => makeTarget(campaign.id, { order })));
		for (const target of targets) {
			const finding = makeFinding(target);
			await repos.evidence.putWithFinding(finding, makeEvidence(finding));
		}
		return { campaign, targets };
	}

	it('deleting a campaign removes its targets, findings and evidence only', async () => {
		const doomed = await seedCampaign();
		const kept = await seedCampaign();
		await repos.campaigns.delete(doomed.campaign.id);

		expect(await repos.campaigns.list()).toEqual([kept.campaign]);
		expect(await repos.targets.listByCampaign(doomed.campaign.id)).toEqual([]);
		expect(await repos.findings.listByCampaign(doomed.campaign.id)).toEqual([]);
		for (const t of doomed.targets) expect(await repos.evidence.listByTarget(t.campaignId, t.id)).toEqual([]);

		expect(await repos.targets.listByCampaign(kept.campaign.id)).toEqual(kept.targets);
		expect(await repos.findings.listByCampaign(kept.campaign.id)).toHaveLength(2);
		for (const t of kept.targets) expect(await repos.evidence.listByTarget(t.campaignId, t.id)).toHaveLength(1);

		const db = await getDb();
		expect(await countFindings(db)).toBe(2);
		expect(await db.count('evidence')).toBe(2);
	});

	it('deleting a target removes its findings and evidence only', async () => {
		const { campaign, targets } = await seedCampaign();
		const [doomed, kept] = targets as [(typeof targets)[0], (typeof targets)[0]];
		await repos.targets.delete(doomed.id);

		expect(await repos.targets.listByCampaign(campaign.id)).toEqual([kept]);
		expect(await repos.findings.listByTarget(campaign.id, doomed.id)).toEqual([]);
		expect(await repos.evidence.listByTarget(campaign.id, doomed.id)).toEqual([]);
		expect(await repos.findings.listByTarget(campaign.id, kept.id)).toHaveLength(1);
		expect(await repos.evidence.listByTarget(campaign.id, kept.id)).toHaveLength(1);
	});

	it('deleting something that does not exist is a no-op', async () => {
		await expect(repos.campaigns.delete(crypto.randomUUID())).resolves.toBeUndefined();
		await expect(repos.targets.delete(crypto.randomUUID())).resolves.toBeUndefined();
	});
});

describe('framework history and campaign framework moves', () => {
	it('keeps every saved version of a framework and removes the history with it', async () => {
		const repos = createIdbRepositories(getDb);
		const v1 = await repos.frameworks.put(makeFramework());
		await repos.frameworks.put({ ...v1, version: '2', updatedAt: new Date(Date.now() + 1000).toISOString() });
		expect((await repos.frameworks.listVersions(v1.id)).map((f) => f.version)).toEqual(['1', '2']);
		expect((await repos.frameworks.get(v1.id))?.version).toBe('2');
		await repos.frameworks.delete(v1.id);
		expect(await repos.frameworks.listVersions(v1.id)).toEqual([]);
	});

	it('moves a campaign and its findings in one transaction, or not at all', async () => {
		const repos = createIdbRepositories(getDb);
		const campaign = await repos.campaigns.put(makeCampaign());
		const target = await repos.targets.put(makeTarget(campaign.id));
		const finding = await repos.findings.put(makeFinding(target));
		const moved = { ...campaign, framework: { ...campaign.framework, version: '2' } };
		await expect(repos.campaigns.putWithFindings(moved, [{ ...finding, indicatorId: 'bad id!' }])).rejects.toMatchObject({ code: 'invalid' });
		expect((await repos.campaigns.get(campaign.id))?.framework.version).toBe('1');
		await repos.campaigns.putWithFindings(moved, [{ ...finding, indicatorId: 'update-2' }]);
		expect((await repos.campaigns.get(campaign.id))?.framework.version).toBe('2');
		expect((await repos.findings.listByCampaign(campaign.id)).map((f) => f.indicatorId)).toEqual(['update-2']);
	});
});

describe('rectification items', () => {
	const item = (campaignId: string, targetId: string, seq: number, patch: Record<string, unknown> = {}) => ({
		id: crypto.randomUUID(),
		campaignId,
		targetId,
		// One problem per 序号: an item is unique by problem in its campaign.
		indicatorId: `update-${seq}`,
		deductionId: null,
		seq,
		description: '首页更新不及时',
		evidenceUrls: [],
		basis: '',
		pointsLost: 2,
		veto: false,
		suggestion: '',
		responsibleUnit: '',
		responsiblePerson: '',
		status: 'open' as const,
		reason: '',
		fixedUrl: '',
		proof: '',
		rechecker: '',
		remarks: '',
		findingResolved: false,
		history: [],
		createdAt: new Date().toISOString(),
		updatedAt: new Date().toISOString(),
		updatedBy: '张三',
		...patch
	});

	it('are written all or nothing and listed in 序号 order', async () => {
		const repos = createIdbRepositories(getDb);
		const campaign = await repos.campaigns.put(makeCampaign());
		const target = await repos.targets.put(makeTarget(campaign.id));
		await expect(repos.rectifications.putMany([item(campaign.id, target.id, 2), item(campaign.id, target.id, 1, { status: 'done' })])).rejects.toMatchObject({
			code: 'invalid'
		});
		expect(await repos.rectifications.listByCampaign(campaign.id)).toEqual([]);
		await repos.rectifications.putMany([item(campaign.id, target.id, 2), item(campaign.id, target.id, 1)]);
		expect((await repos.rectifications.listByCampaign(campaign.id)).map((r) => r.seq)).toEqual([1, 2]);
	});

	it('go with their target and with their campaign', async () => {
		const repos = createIdbRepositories(getDb);
		const campaign = await repos.campaigns.put(makeCampaign());
		const [a, b] = await repos.targets.putMany([makeTarget(campaign.id, { order: 0 }), makeTarget(campaign.id, { order: 1 })]);
		await repos.rectifications.putMany([item(campaign.id, a!.id, 1), item(campaign.id, b!.id, 2)]);
		await repos.targets.delete(a!.id);
		expect((await repos.rectifications.listByCampaign(campaign.id)).map((r) => r.targetId)).toEqual([b!.id]);
		await repos.campaigns.delete(campaign.id);
		expect(await repos.rectifications.listByCampaign(campaign.id)).toEqual([]);
	});
});

describe('campaign with targets', () => {
	it('writes a new round and its targets together, or nothing', async () => {
		const repos = createIdbRepositories(getDb);
		const campaign = makeCampaign();
		const good = makeTarget(campaign.id);
		await expect(repos.campaigns.putWithTargets(campaign, [good, { ...makeTarget(campaign.id), name: '' }])).rejects.toMatchObject({ code: 'invalid' });
		expect(await repos.campaigns.get(campaign.id)).toBeUndefined();
		await repos.campaigns.putWithTargets(campaign, [good]);
		expect((await repos.targets.listByCampaign(campaign.id)).map((t) => t.id)).toEqual([good.id]);
	});
});

describe('backup export and restore', () => {
	it('exports everything or one campaign, and restores in skip or replace mode with a report', async () => {
		const repos = createIdbRepositories(getDb);
		const campaign = await repos.campaigns.put(makeCampaign());
		const other = await repos.campaigns.put(makeCampaign({ title: '另一个任务' }));
		const target = await repos.targets.put(makeTarget(campaign.id));
		await repos.findings.put(makeFinding(target));
		await repos.frameworks.put(makeFramework());
		await repos.settings.put(Settings.parse({ assessorName: '张三' }));

		const all = await repos.backup.exportAll();
		expect(all.campaigns).toHaveLength(2);
		expect(all.frameworkVersions).toHaveLength(1);
		expect(all.settings?.assessorName).toBe('张三');
		const one = await repos.backup.exportAll(campaign.id);
		expect(one.campaigns.map((c) => c.id)).toEqual([campaign.id]);
		expect(one.targets).toHaveLength(1);
		expect(one.frameworks).toEqual([]);

		// Restoring into the same database: skip keeps everything as is; replace overwrites with the file.
		const renamed = { ...all, campaigns: all.campaigns.map((c) => ({ ...c, title: `${c.title}（旧）` })), settings: { ...all.settings!, assessorName: '李四' } };
		const skipped = await restored(repos.backup.restore(renamed, 'skip'));
		expect(skipped.skipped.campaigns).toBe(2);
		expect(skipped.settings).toBe('kept');
		expect((await repos.campaigns.get(other.id))?.title).toBe('另一个任务');
		const replaced = await restored(repos.backup.restore(renamed, 'replace'));
		expect(replaced.replaced.campaigns).toBe(2);
		expect(replaced.settings).toBe('restored');
		expect((await repos.campaigns.get(other.id))?.title).toBe('另一个任务（旧）');
		expect((await repos.settings.get()).assessorName).toBe('李四');

		await repos.meta.put('lastBackup', '2026-11-21T00:00:00.000Z');
		expect(await repos.meta.get('lastBackup')).toBe('2026-11-21T00:00:00.000Z');
	});
});
