import { describe, expect, it } from 'vitest';
import type { BackupData } from '$lib/domain/backup';
import type { Finding } from '$lib/domain/finding';
import { findingChange } from '$lib/domain/finding-history';
import { nextRev } from '$lib/domain/revision';
import { PACKAGE_BASE_PATH, packageContent, packageInfo, returnContent, type PackageBase, type PackageInfo } from '$lib/domain/team';
import { writeBackup } from '$lib/io/backup';
import { sha256Hex } from '$lib/io/hash';
import { TeamMergeState } from '$lib/state/team-merge.svelte';
import { NOW, openCampaign } from './harness';

/*
 * 导入交回文件 (issue 16 point 4): files read and checked, previewed, written only on 确认合并, oldest return first,
 * each planned again just before its write.
 */

const AT = (minute: number) => `2026-03-02T08:${String(minute).padStart(2, '0')}:00.000Z`;
let n = 0;
const revId = () => `r${++n}`;

async function fileOf(name: string, data: BackupData, info: PackageInfo, ret: ReturnType<typeof returnContent>['info'], base: Uint8Array): Promise<File> {
	const chunks: Uint8Array<ArrayBuffer>[] = [];
	await writeBackup(data, { appVersion: 'test', createdAt: NOW, scope: { kind: 'return', package: info, return: ret }, team: { [PACKAGE_BASE_PATH]: base } }, new WritableStream({ write: (c) => void chunks.push(c as Uint8Array<ArrayBuffer>) }));
	return new File(chunks, name);
}

/** A campaign whose first target, graded 符合 on a1, is in a package issued to 张三, and the assessor's copy of it. */
async function issuedCampaign() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	await h.cs.assign({ kind: 'selected', ids: [target.id] }, '张三');
	const finding = await h.deps.repos.findings.put({ id: crypto.randomUUID(), campaignId: h.cs.id, targetId: target.id, indicatorId: 'a1', outcome: 'pass', deductionCounts: {}, note: '', reviewState: 'draft', createdAt: NOW, updatedAt: NOW, updatedBy: '组长' });
	const source = await h.deps.repos.backup.exportAll(h.cs.id);
	const info = packageInfo(source.campaigns[0]!, { packageId: crypto.randomUUID(), assessor: '张三', role: 'assessor', blind: false, targetIds: [target.id], issuedAt: NOW, issuedBy: '组长' });
	const { data, base } = packageContent(source, info);
	const baseBytes = new TextEncoder().encode(JSON.stringify(base));
	await h.deps.repos.issuedPackages.put({ id: info.packageId, campaignId: h.cs.id, info, baseSha256: await sha256Hex(baseBytes), mergedReturns: [], createdAt: NOW, updatedAt: NOW, updatedBy: '组长' });
	const assessor: BackupData = structuredClone(data);
	/** The assessor's offline write of a1, and the return file after it. */
	async function grade(patch: Partial<Finding>, minute: number, name: string): Promise<File> {
		const before = assessor.findings.find((f) => f.indicatorId === 'a1')!;
		const after = { ...before, ...patch, rev: nextRev(before.rev, revId), updatedAt: AT(minute), updatedBy: '张三' };
		assessor.findings = assessor.findings.map((f) => (f.id === after.id ? after : f));
		assessor.findingChanges.push(findingChange(before, after, crypto.randomUUID())!);
		const ret = returnContent(assessor, { base: base as PackageBase, packageChangeIds: data.findingChanges.map((c) => c.id) }, { returnId: crypto.randomUUID(), returnedAt: AT(minute + 1) });
		return fileOf(name, ret.data, info, ret.info, baseBytes);
	}
	return { ...h, target, finding, grade, merge: new TeamMergeState(h.deps, h.cs) };
}

const stored = async (h: Awaited<ReturnType<typeof issuedCampaign>>) => (await h.deps.repos.findings.listByTarget(h.cs.id, h.target.id)).find((f) => f.indicatorId === 'a1')!;

describe('TeamMergeState', () => {
	it('previews without writing, writes on confirm, and reports; the same file again is already merged', async () => {
		const h = await issuedCampaign();
		const file = await h.grade({ outcome: 'fail', note: '动态未更新' }, 10, '张三-1.kaiming');
		await h.merge.read([file]);
		const [read] = h.merge.returns;
		expect(read?.kind).toBe('plan');
		expect(read?.kind === 'plan' && read.plan.items.map((i) => i.kind)).toEqual(['apply']);
		expect((await stored(h)).outcome).toBe('pass');

		expect(await h.merge.confirm()).toBe(true);
		expect(await stored(h)).toMatchObject({ outcome: 'fail', note: '动态未更新' });
		expect(h.merge.report).toMatchObject({ applied: 1, conflictsResolved: 0, unchanged: [] });
		expect(h.cs.targets.length).toBe(2);

		await h.merge.read([file]);
		expect(h.merge.returns.map((r) => r.kind)).toEqual(['alreadyMerged']);
		expect(h.merge.mergeable).toBe(false);
	});

	it('two returns of one package picked newest first are merged oldest first, without a conflict', async () => {
		const h = await issuedCampaign();
		const first = await h.grade({ outcome: 'fail' }, 10, '张三-1.kaiming');
		const second = await h.grade({ outcome: 'partial', note: '复查后部分整改' }, 20, '张三-2.kaiming');
		await h.merge.read([second, first]);
		expect(await h.merge.confirm()).toBe(true);
		expect(await stored(h)).toMatchObject({ outcome: 'partial', note: '复查后部分整改' });
		const history = await h.deps.repos.findings.history(h.finding.id);
		expect(history.filter((c) => c.kind === 'merge')).toHaveLength(2);
	});

	it('a change stored after the preview is merged in again before writing, and a new conflict stops the merge for an answer', async () => {
		const h = await issuedCampaign();
		const file = await h.grade({ outcome: 'fail' }, 10, '张三-1.kaiming');
		await h.merge.read([file]);
		// Another tab changes the outcome after the preview was made: now both sides changed it.
		await h.deps.repos.findings.put({ ...(await stored(h)), outcome: 'na', updatedBy: '组长' });
		expect(await h.merge.confirm()).toBe(false);
		const [again] = h.merge.returns;
		if (again?.kind !== 'plan') throw new Error('expected the file planned again');
		expect(again.plan.items.map((i) => i.kind)).toEqual(['conflict']);
		expect((await stored(h)).outcome).toBe('na');

		h.merge.choose(again.plan, again.plan.items[0]!.key, { kind: 'returned' });
		expect(await h.merge.confirm()).toBe(true);
		expect((await stored(h)).outcome).toBe('fail');
		expect(h.merge.report).toMatchObject({ applied: 0, conflictsResolved: 1 });
	});

	it('a file that is not a return is refused with its name', async () => {
		const h = await issuedCampaign();
		await h.merge.read([new File([new Uint8Array([1, 2, 3])], 'notes.txt')]);
		expect(h.merge.returns).toMatchObject([{ name: 'notes.txt', kind: 'unreadable' }]);
		expect(h.merge.mergeable).toBe(false);
	});
});
