import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeEvidence, makeFinding, makeFramework, makeTarget, REPOSITORY_KINDS, seedCampaignTarget } from './fixtures';
import { validateBackupData } from '$lib/domain/backup';
import { Rectification } from '$lib/domain/rectification/schema';
import { Settings } from '$lib/domain/settings';
import { StorageError, type Repositories } from '$lib/storage';

/*
 * Compare-and-set (issue 14, point 2): two writers that read the same revision, e.g. two tabs. The first write
 * is stored with the next revision; the second, based on the revision the first replaced, is refused with
 * 'stale' and writes nothing. The same contract for IndexedDB (fake-indexeddb) and for the in-memory repositories.
 */

async function stale(promise: Promise<unknown>): Promise<StorageError> {
	const error = await promise.then(
		() => {
			throw new Error('expected a stale rejection');
		},
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(StorageError);
	expect((error as StorageError).code).toBe('stale');
	expect((error as StorageError).messageKey).toBe('error.storage.stale');
	return error as StorageError;
}

const later = () => new Date(Date.now() + 1000).toISOString();

function item(campaignId: string, targetId: string, seq: number): Rectification {
	return Rectification.parse({
		id: crypto.randomUUID(),
		campaignId,
		targetId,
		// One problem per 序号: an item is unique by problem in its campaign.
		indicatorId: `update-${seq}`,
		deductionId: null,
		seq,
		description: '首页更新不及时',
		pointsLost: 2,
		veto: false,
		status: 'open',
		createdAt: later(),
		updatedAt: later(),
		updatedBy: '张三'
	});
}

describe.each(REPOSITORY_KINDS)('compare-and-set (%s)', (_name, create: () => Repositories) => {
	let repos: Repositories;
	beforeEach(async () => {
		await resetDatabase();
		repos = create();
	});

	const seed = () => seedCampaignTarget(repos);

	it('stores a record with the next revision and returns it', async () => {
		const { target } = await seed();
		const first = await repos.findings.put(makeFinding(target));
		expect(first.rev).toMatch(/^1-[A-Za-z0-9]+$/);
		const second = await repos.findings.put({ ...first, note: '已核实' });
		expect(second.rev).toMatch(/^2-/);
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([second]);
	});

	it('campaigns: the second of two writers based on the same revision is refused', async () => {
		const campaign = await repos.campaigns.put(makeCampaign());
		await repos.campaigns.put({ ...campaign, title: '甲窗口' });
		await stale(repos.campaigns.put({ ...campaign, title: '乙窗口' }));
		expect((await repos.campaigns.get(campaign.id))?.title).toBe('甲窗口');
	});

	it('targets: put and putMany refuse a stale base; one stale target refuses the whole batch', async () => {
		const { campaign, target } = await seed();
		await repos.targets.put({ ...target, name: '甲窗口' });
		await stale(repos.targets.put({ ...target, name: '乙窗口' }));
		const fresh = makeTarget(campaign.id, { order: 1 });
		await stale(repos.targets.putMany([fresh, { ...target, name: '乙窗口' }]));
		expect((await repos.targets.listByCampaign(campaign.id)).map((t) => t.name)).toEqual(['甲窗口']);
	});

	it('findings: the second of two writers based on the same revision is refused, nothing written', async () => {
		const { target } = await seed();
		const base = await repos.findings.put(makeFinding(target));
		const a = await repos.findings.put({ ...base, note: '甲窗口' });
		await stale(repos.findings.put({ ...base, note: '乙窗口' }));
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([a]);
		// A finding never stored but written as if it had been (deleted elsewhere) is stale too.
		await stale(repos.findings.put({ ...makeFinding(target, { indicatorId: 'veto-1', outcome: 'pass', deductionCounts: {} }), rev: '1-abc' }));
		expect(await repos.findings.listByTarget(target.campaignId, target.id)).toEqual([a]);
	});

	it('evidence: put, putWithFinding and addImage refuse a stale base', async () => {
		const { target } = await seed();
		const finding = await repos.findings.put(makeFinding(target));
		const evidence = await repos.evidence.put(makeEvidence(finding));
		await repos.evidence.put({ ...evidence, text: '甲窗口' });
		await stale(repos.evidence.put({ ...evidence, text: '乙窗口' }));
		await stale(repos.evidence.putWithFinding({ ...finding, note: '新的' }, { ...evidence, text: '乙窗口' }));
		await repos.findings.put({ ...finding, note: '甲窗口' });
		await stale(repos.evidence.putWithFinding({ ...finding, note: '乙窗口' }, makeEvidence(finding)));
		const [stored] = await repos.findings.listByTarget(target.campaignId, target.id);
		expect(stored?.note).toBe('甲窗口');
		expect((await repos.evidence.listByTarget(target.campaignId, target.id)).map((e) => e.text)).toEqual(['甲窗口']);
	});

	it('campaign moves: one stale finding refuses the campaign and every finding', async () => {
		const { campaign, target } = await seed();
		const finding = await repos.findings.put(makeFinding(target));
		await repos.findings.put({ ...finding, note: '甲窗口' });
		const moved = { ...campaign, framework: { ...campaign.framework, version: '2' } };
		await stale(repos.campaigns.putWithFindings(moved, [{ ...finding, note: '乙窗口' }]));
		expect((await repos.campaigns.get(campaign.id))?.framework.version).toBe('1');
		const [current] = await repos.findings.listByTarget(campaign.id, target.id);
		const result = await repos.campaigns.putWithFindings(moved, [current!]);
		expect(result.campaign.rev).toMatch(/^2-/);
		expect(result.findings[0]?.rev).toMatch(/^3-/);
	});

	it('frameworks: the second of two editors of the same version is refused', async () => {
		const v1 = await repos.frameworks.put(makeFramework());
		await repos.frameworks.put({ ...v1, version: '2', updatedAt: later() });
		await stale(repos.frameworks.put({ ...v1, version: '2b', updatedAt: later() }));
		expect((await repos.frameworks.listVersions(v1.id)).map((f) => f.version)).toEqual(['1', '2']);
	});

	it('rectifications: one stale item refuses the whole batch', async () => {
		const { campaign, target } = await seed();
		const [one, two] = await repos.rectifications.putMany([item(campaign.id, target.id, 1), item(campaign.id, target.id, 2)]);
		const moved = await repos.rectifications.putMany([{ ...one!, status: 'inProgress' }]);
		await stale(repos.rectifications.putMany([{ ...two!, deadline: '2026-04-01' }, { ...one!, deadline: '2026-04-01' }]));
		expect(await repos.rectifications.listByCampaign(campaign.id)).toEqual([moved[0], two]);
	});

	it('settings: the second of two writers based on the same revision is refused', async () => {
		const base = await repos.settings.put(Settings.parse({ assessorName: '张三' }));
		await repos.settings.put({ ...base, locale: 'en' });
		await stale(repos.settings.put({ ...base, assessorName: '李四' }));
		expect(await repos.settings.get()).toMatchObject({ assessorName: '张三', locale: 'en' });
	});

	it('a backup carries every revision through its format and a restore writes them as they are', async () => {
		const { campaign, target } = await seed();
		const finding = await repos.findings.put(makeFinding(target));
		await repos.evidence.put(makeEvidence(finding));
		await repos.rectifications.putMany([item(campaign.id, target.id, 1)]);
		await repos.frameworks.put(makeFramework());
		await repos.settings.put(Settings.parse({}));
		const { evidenceFiles: _files, ...exported } = await repos.backup.exportAll();
		const read = validateBackupData(JSON.parse(JSON.stringify(exported)));
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		const revs = (data: typeof read.data) => [...data.campaigns, ...data.targets, ...data.findings, ...data.evidence, ...data.rectifications, ...data.frameworks, data.settings].map((r) => r?.rev);
		expect(revs(read.data).every((rev) => typeof rev === 'string')).toBe(true);
		expect(revs(read.data)).toEqual(revs({ ...exported, settings: exported.settings }));

		await resetDatabase();
		repos = create();
		const restored = await repos.backup.restore({ ...read.data, evidenceFiles: [] }, 'replace');
		expect(restored.ok).toBe(true);
		const { evidenceFiles: _none, ...again } = await repos.backup.exportAll();
		expect(revs(again)).toEqual(revs(read.data));
	});

	it('records stored before revisions existed are written once without a base, then compare by revision', async () => {
		const { target } = await seed();
		const legacy = makeFinding(target);
		await repos.backup.restore({ ...(await repos.backup.exportAll()), findings: [legacy] }, 'replace');
		const [read] = await repos.findings.listByTarget(target.campaignId, target.id);
		expect(read?.rev).toBeUndefined();
		const updated = await repos.findings.put({ ...read!, note: '甲窗口' });
		expect(updated.rev).toMatch(/^1-/);
		await stale(repos.findings.put({ ...read!, note: '乙窗口' }));
	});
});
