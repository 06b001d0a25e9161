import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssessState } from '$lib/state/assess.svelte';
import { exportReportDocx, exportResults } from '$lib/state/exports';
import { Job } from '$lib/state/job.svelte';
import { RectificationState } from '$lib/state/rectification.svelte';
import { RectificationView } from '$lib/state/rectification-view.svelte';
import { campaignReport } from '$lib/domain/results';
import { StorageError } from '$lib/storage/errors';
import { catchDownloads } from '../io/catch-downloads';
import { openCampaign } from './harness';

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

/** A campaign whose finding and evidence writes fail as on a full disk, until `disk.free()` (and again after `disk.fill()`). */
async function fullDisk() {
	const h = await openCampaign();
	const findings = h.deps.repos.findings;
	const put = findings.put.bind(findings);
	const evidencePut = h.deps.repos.evidence.put.bind(h.deps.repos.evidence);
	let full = true;
	findings.put = (f) => (full ? Promise.reject(new StorageError('quota', 'findings')) : put(f));
	h.deps.repos.evidence.put = (e) => (full ? Promise.reject(new StorageError('quota', 'evidence')) : evidencePut(e));
	const [first, second] = h.cs.targets as [(typeof h.cs.targets)[0], (typeof h.cs.targets)[0]];
	const open = async (target: typeof first) => {
		const a = new AssessState(h.deps, h.cs, target.id);
		await a.load();
		return a;
	};
	return { ...h, first, second, open, put, disk: { free: () => (full = false), fill: () => (full = true) } };
}

describe('values whose write failed (the campaign-wide pending store)', () => {
	it('stay unsaved, marked and counted after moving to another target and back', async () => {
		const { cs, first, second, open } = await fullDisk();
		const a = await open(first);
		a.setOutcome('a2', 'pass');
		await a.saves.idle();
		expect(a.findingFailed('a2')).toBe(true);

		// The assess screen of another target, then this one again: each builds its own AssessState.
		const other = await open(second);
		expect(other.saves.failure?.key).toBe('error.storage.quota');
		const back = await open(first);
		expect(back.finding('a2')?.outcome).toBe('pass');
		expect(back.findingFailed('a2')).toBe(true);
		expect(back.saves.failure?.key).toBe('error.storage.quota');
		expect(cs.unsavedCount(first.id)).toBe(1);
		expect(cs.unsavedCount(second.id)).toBe(0);
		expect(cs.unsavedCount()).toBe(1);
	});

	it('keep a failed evidence link on the target when it is opened again', async () => {
		const { first, second, open } = await fullDisk();
		const a = await open(first);
		expect(a.addEvidenceUrl('a2', 'https://www.example.gov.cn/a')).toBeNull();
		await a.saves.idle();
		await open(second);
		const back = await open(first);
		const [link] = back.evidence;
		expect(link?.url).toBe('https://www.example.gov.cn/a');
		expect(back.evidenceFailed(link!.id)).toBe(true);
	});

	it('are not replaced by what another tab stored meanwhile', async () => {
		const { cs, first, open, put } = await fullDisk();
		const a = await open(first);
		a.setOutcome('a2', 'pass');
		await a.saves.idle();
		// Another tab stores 不符合 for the same indicator; this tab then reloads the campaign from storage.
		await put({ ...a.finding('a2')!, outcome: 'fail' });
		await cs.load();
		expect(a.finding('a2')?.outcome).toBe('pass');
		expect(a.findingFailed('a2')).toBe(true);
		expect(cs.unsavedCount(first.id)).toBe(1);
	});

	it('are written again, in order, by a retry: the finding before the evidence that needs it', async () => {
		const { deps, cs, first, open, disk } = await fullDisk();
		const a = await open(first);
		a.setOutcome('a2', 'fail');
		expect(a.addEvidenceUrl('a2', 'https://www.example.gov.cn/b')).toBeNull();
		a.setNote('a2', '栏目为空');
		await a.saves.idle();
		expect(cs.unsavedCount(first.id)).toBe(2);

		disk.free();
		cs.retryUnsaved();
		await a.saves.idle();
		expect(cs.unsavedCount()).toBe(0);
		expect(a.saves.failure).toBeNull();
		expect(a.findingFailed('a2')).toBe(false);
		const [stored] = await deps.repos.findings.listByTarget(cs.id, first.id);
		expect(stored).toMatchObject({ indicatorId: 'a2', outcome: 'fail', note: '栏目为空' });
		expect((await deps.repos.evidence.listByTarget(cs.id, first.id)).map((e) => e.url)).toEqual(['https://www.example.gov.cn/b']);
	});

	it('are dropped by a discard, which shows the stored values again', async () => {
		const { cs, first, second, open, disk } = await fullDisk();
		disk.free();
		const a = await open(first);
		a.setOutcome('a2', 'fail');
		await a.saves.idle();
		disk.fill();
		a.setOutcome('a2', 'pass');
		expect(a.addEvidenceUrl('a2', 'https://www.example.gov.cn/c')).toBeNull();
		await a.saves.idle();
		expect(cs.unsavedCount(first.id)).toBe(2);

		await open(second);
		const back = await open(first);
		const stopped = cs.onDiscard(() => void back.reloadEvidence());
		await cs.discardUnsaved();
		stopped();
		expect(cs.unsavedCount()).toBe(0);
		expect(back.saves.failure).toBeNull();
		expect(back.finding('a2')?.outcome).toBe('fail');
		expect(cs.scoreOf(first).graded).toBe(1);
		await vi.waitFor(() => expect(back.evidence).toEqual([]));
	});

	it('refuse every export with their count, after the writes under way have settled', async () => {
		const { cs, first, open } = await fullDisk();
		const downloads = catchDownloads();
		const a = await open(first);
		a.setOutcome('a2', 'pass');
		// Not awaited: the export waits for the write under way, which then fails.
		const results = new Job();
		expect(await results.run(() => exportResults(cs, 'xlsx'))).toBe(false);
		expect(results.failure).toMatchObject({ key: 'export.unsaved', params: { count: 1 } });
		const report = campaignReport(cs.campaign!, cs.targets, cs.targets.flatMap((x) => cs.findingsOf(x.id)));
		const word = new Job();
		expect(await word.run(() => exportReportDocx({ kind: 'campaign', report }, cs, 1))).toBe(false);
		expect(word.failure).toMatchObject({ key: 'export.unsaved', params: { count: 1 } });
		expect(downloads).toEqual([]);
	});

	it('refuse the 整改通知 and the 整改清单 exports too, with the same message', async () => {
		const { deps, cs, first, open, disk } = await fullDisk();
		disk.free();
		const a = await open(first);
		a.setOutcome('a2', 'fail');
		await a.saves.idle();
		const rect = new RectificationState(deps, cs);
		const view = new RectificationView(cs, rect, deps);
		await view.load();
		await view.generate();
		expect(rect.items).toHaveLength(1);
		const downloads = catchDownloads();
		expect(await view.exportNotices()).toBe(true);
		expect(downloads).toHaveLength(1);
		downloads.length = 0;

		disk.fill();
		a.setNote('a2', '首页栏目为空');
		// Not awaited: the export waits for the write under way, which then fails.
		expect(await view.exportNotices()).toBe(false);
		expect(view.exportError).toMatchObject({ key: 'export.unsaved', params: { count: 1 } });
		expect(await view.exportList('xlsx')).toBe(false);
		expect(view.exportError).toMatchObject({ key: 'export.unsaved', params: { count: 1 } });
		expect(downloads).toEqual([]);
	});
});
