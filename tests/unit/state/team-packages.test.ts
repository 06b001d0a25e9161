import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, localDateTime } from '$lib/domain/clock';
import { packagePlan } from '$lib/domain/team';
import { readBackup } from '$lib/io/backup';
import { sha256Hex } from '$lib/io/hash';
import { AppState } from '$lib/state/app.svelte';
import { AssessState } from '$lib/state/assess.svelte';
import { BackupState } from '$lib/state/backup.svelte';
import { CampaignState } from '$lib/state/campaign.svelte';
import type { StateDeps } from '$lib/state/deps';
import { TeamPackagesState } from '$lib/state/team-packages.svelte';
import { createMemoryRepositories } from '$lib/storage/memory';
import { catchDownloads } from '../io/catch-downloads';
import { openCampaign } from './harness';

/* Work packages (issue 16, point 3): the lead hands out packages, an assessor opens one on another machine and hands it back. */

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

/** Another machine: its own database, a later clock and ids of its own. */
async function otherMachine() {
	let n = 0;
	const deps: StateDeps = { repos: createMemoryRepositories(), clock: fixedClock('2026-03-05T06:30:00.000Z'), newId: () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}` };
	const app = new AppState(deps);
	return { deps, app, team: new TeamPackagesState(deps, app) };
}

async function grade(deps: StateDeps, app: AppState, campaignId: string, targetId: string, grades: [string, 'pass' | 'fail'][]) {
	const cs = new CampaignState(deps, app, campaignId);
	await cs.load();
	const a = new AssessState(deps, cs, targetId);
	await a.load();
	for (const [indicator, outcome] of grades) a.setOutcome(indicator, outcome);
	expect(await cs.settleWrites()).toBe(0);
	return cs;
}

/** The lead assigns 甲局 to 张三 and 乙局 to 李四, grades 甲局's v1, and writes both packages. */
async function leadWritesPackages() {
	const lead = await openCampaign();
	const [jia, yi] = lead.cs.targets;
	await lead.cs.assign({ kind: 'selected', ids: [jia!.id] }, '张三');
	await lead.cs.assign({ kind: 'selected', ids: [yi!.id] }, '李四');
	await grade(lead.deps, lead.app, lead.cs.id, jia!.id, [['v1', 'fail']]);
	await lead.cs.load();
	const downloads = catchDownloads();
	const team = new TeamPackagesState(lead.deps, lead.app);
	const results = await team.writePackages(lead.cs.campaign!, packagePlan(lead.cs.targets).assessors, lead.cs);
	return { lead, jia: jia!, yi: yi!, downloads, results, team };
}

const fileOf = (d: { name: string; blob: Blob }) => new File([d.blob], d.name);

describe('分发工作包', () => {
	it('writes one package per assessor with their targets only, and records each with its base’s SHA-256', async () => {
		const { lead, jia, downloads, results } = await leadWritesPackages();
		expect(results.map((r) => [r.assessor, r.name, r.failure])).toEqual([
			['李四', '测试任务-李四-工作包-2026-03-02.kaiming', null],
			['张三', '测试任务-张三-工作包-2026-03-02.kaiming', null]
		]);
		expect(downloads.map((d) => d.name)).toEqual(results.map((r) => r.name));
		const read = await readBackup(downloads[1]!.blob);
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		expect(read.manifest.scope).toMatchObject({ kind: 'package', package: { assessor: '张三', role: 'assessor', blind: false, targetIds: [jia.id], frameworkId: 'mini' } });
		expect(read.data.targets.map((t) => t.name)).toEqual(['甲局']);
		expect(read.data.findings.map((f) => f.indicatorId)).toEqual(['v1']);
		const base = read.team['team/base.json']!;
		expect(base.value).toEqual({ findings: read.data.findings, evidenceIds: [] });
		const issued = await lead.deps.repos.issuedPackages.listByCampaign(lead.cs.id);
		const mine = issued.find((p) => p.info.assessor === '张三')!;
		expect(mine.id).toBe((read.manifest.scope as { package: { packageId: string } }).package.packageId);
		expect(mine.baseSha256).toBe(base.sha256);
		expect(mine.baseSha256).toBe(await sha256Hex(new TextEncoder().encode(JSON.stringify(base.value))));
		expect(issued).toHaveLength(2);
	});
});

describe('打开工作包 and 交回工作包', () => {
	it('opens a package in package mode with the lead’s ids, and hands back only the changes since the base', async () => {
		const { jia, downloads } = await leadWritesPackages();
		const leadFile = await readBackup(downloads[1]!.blob);
		if (!leadFile.ok) throw new Error('package unreadable');
		const assessor = await otherMachine();
		const id = await assessor.team.open(fileOf(downloads[1]!));
		expect(assessor.team.refusal).toBeNull();
		const campaign = (await assessor.deps.repos.campaigns.get(id!))!;
		expect(campaign.package).toMatchObject({ assessor: '张三', targetIds: [jia.id] });
		expect((await assessor.deps.repos.targets.listByCampaign(id!)).map((t) => t.id)).toEqual([jia.id]);
		expect(await assessor.deps.repos.findings.listByCampaign(id!)).toEqual(leadFile.data.findings);

		const cs = await grade(assessor.deps, assessor.app, id!, jia.id, [['v1', 'pass'], ['v2', 'pass']]);
		const returns = catchDownloads();
		const name = await assessor.team.handBack(cs.campaign!, cs);
		expect(assessor.team.refusal).toBeNull();
		expect(name).toBe(`测试任务-张三-交回-${localDateTime('2026-03-05T06:30:00.000Z').replace(':', '')}.kaiming`);
		expect(returns.map((r) => r.name)).toEqual([name]);
		const ret = await readBackup(returns[0]!.blob);
		if (!ret.ok) throw new Error(JSON.stringify(ret.problems));
		expect(ret.manifest.scope).toMatchObject({ kind: 'return', package: { assessor: '张三' }, return: { removedEvidenceIds: [], returnedAt: '2026-03-05T06:30:00.000Z' } });
		expect(ret.data.findings.map((f) => [f.indicatorId, f.outcome]).sort()).toEqual([
			['v1', 'pass'],
			['v2', 'pass']
		]);
		const v1 = leadFile.data.findings[0]!;
		expect(ret.data.findings.find((f) => f.indicatorId === 'v1')!.id).toBe(v1.id);
		// The history the package held stays out; the assessor's two entries come back.
		expect(ret.data.findingChanges.map((c) => c.by)).toEqual(['张三', '张三']);
		expect(ret.data.findingChanges.some((c) => leadFile.data.findingChanges.some((l) => l.id === c.id))).toBe(false);
		// The same base, byte for byte.
		expect(ret.team['team/base.json']!.sha256).toBe(leadFile.team['team/base.json']!.sha256);
		expect((await assessor.deps.repos.issuedPackages.get(campaign.package!.packageId))?.lastReturnAt).toBe('2026-03-05T06:30:00.000Z');
	});

	it('opens the same package again over no changes, refuses over changes not handed back, and refuses a campaign that is here as a campaign', async () => {
		const { lead, jia, downloads } = await leadWritesPackages();
		const assessor = await otherMachine();
		const id = await assessor.team.open(fileOf(downloads[1]!));
		expect(await assessor.team.open(fileOf(downloads[1]!))).toBe(id);
		expect(assessor.team.refusal).toBeNull();

		await grade(assessor.deps, assessor.app, id!, jia.id, [['v2', 'fail']]);
		expect(await assessor.team.open(fileOf(downloads[1]!))).toBeNull();
		expect(assessor.team.refusal?.error.key).toBe('teamPackage.error.handBackFirst');
		expect((await assessor.deps.repos.findings.listByCampaign(id!)).map((f) => f.indicatorId).sort()).toEqual(['v1', 'v2']);

		const team = new TeamPackagesState(lead.deps, lead.app);
		expect(await team.open(fileOf(downloads[1]!))).toBeNull();
		expect(team.refusal?.error).toMatchObject({ key: 'teamPackage.error.campaignHere', params: { title: '测试任务' } });
	});

	it('after a hand-back opens a newer package of the campaign, and refuses once something changed since that return', async () => {
		const { jia, downloads } = await leadWritesPackages();
		const assessor = await otherMachine();
		const id = await assessor.team.open(fileOf(downloads[1]!));
		const cs = await grade(assessor.deps, assessor.app, id!, jia.id, [['v2', 'fail']]);
		catchDownloads();
		expect(await assessor.team.handBack(cs.campaign!, cs)).not.toBeNull();
		expect(await assessor.team.open(fileOf(downloads[1]!))).toBe(id);
		expect(assessor.team.refusal).toBeNull();

		const again = await grade(assessor.deps, assessor.app, id!, jia.id, [['v2', 'pass']]);
		catchDownloads();
		expect(await assessor.team.handBack(again.campaign!, again)).not.toBeNull();
		await grade(assessor.deps, assessor.app, id!, jia.id, [['v1', 'pass']]);
		expect(await assessor.team.open(fileOf(downloads[1]!))).toBeNull();
		expect(assessor.team.refusal?.error.key).toBe('teamPackage.error.handBackFirst');
	});

	it('a package, a return, or a backup over a campaign in package mode is not restored, with the reason', async () => {
		const { lead, downloads, jia } = await leadWritesPackages();
		const assessor = await otherMachine();
		const id = await assessor.team.open(fileOf(downloads[1]!));
		const backup = new BackupState(assessor.deps, assessor.app);
		expect(await backup.inspect(fileOf(downloads[1]!))).toEqual({ ok: false, problems: [{ code: 'teamPackage.restore.package', params: {} }] });

		const cs = await grade(assessor.deps, assessor.app, id!, jia.id, [['v2', 'fail']]);
		const files = catchDownloads();
		await assessor.team.handBack(cs.campaign!, cs);
		expect(await backup.inspect(fileOf(files[0]!))).toEqual({ ok: false, problems: [{ code: 'teamPackage.restore.return', params: {} }] });

		await backup.backup({ id: id!, title: '测试任务' });
		const inspection = await backup.inspect(fileOf(files[1]!));
		expect(inspection).toMatchObject({ ok: false, problems: [{ code: 'teamPackage.restore.packageMode', params: { title: '测试任务' } }] });
		// The same backup on the lead's PC: it would replace the campaign's issued packages with the copy's.
		expect(await new BackupState(lead.deps, lead.app).inspect(fileOf(files[1]!))).toMatchObject({
			ok: false,
			problems: [{ code: 'teamPackage.restore.packageCopy', params: { title: '测试任务' } }]
		});

		const other = await otherMachine();
		expect(await other.team.open(fileOf(files[0]!))).toBeNull();
		expect(other.team.refusal?.error.key).toBe('teamPackage.notPackage.return');
	});
});
