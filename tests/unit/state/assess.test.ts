import { describe, expect, it } from 'vitest';
import { AssessState } from '$lib/state/assess.svelte';
import { StorageError } from '$lib/storage/errors';
import { NOW, openCampaign } from './harness';

async function assess() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	const a = new AssessState(h.deps, h.cs, target.id);
	await a.load();
	return { ...h, target, a };
}

describe('AssessState on in-memory repositories', () => {
	it('shows an outcome at once and stores it through the save queue, stamped by the clock and the assessor', async () => {
		const { deps, cs, target, a } = await assess();
		a.setOutcome('a2', 'fail');
		expect(a.finding('a2')?.outcome).toBe('fail');
		expect(a.saves.pending).toBeGreaterThan(0);
		await a.saves.idle();
		expect(a.saves.pending).toBe(0);
		const [stored] = await deps.repos.findings.listByTarget(cs.id, target.id);
		expect(stored).toMatchObject({ indicatorId: 'a2', outcome: 'fail', updatedAt: NOW, updatedBy: '张三' });
		expect(cs.scoreOf(target).graded).toBe(1);
	});

	it('counts problems into the score: three broken links on a1 cost 3 of its 20 points', async () => {
		const { cs, target, a } = await assess();
		const before = cs.scoreOf(target).sections.find((s) => s.sectionId === 'A')!.score;
		a.setOutcome('a1', 'partial');
		a.setCount('a1', 'link', 3);
		await a.saves.idle();
		const after = cs.scoreOf(target).sections.find((s) => s.sectionId === 'A')!.score;
		expect((before ?? NaN) - (after ?? NaN)).toBe(3);
	});

	it('keeps an outcome set again by the same key, writing nothing', async () => {
		const { deps, cs, target, a } = await assess();
		a.setOutcome('a2', 'fail');
		await a.saves.idle();
		let writes = 0;
		const put = deps.repos.findings.put.bind(deps.repos.findings);
		deps.repos.findings.put = (f) => (writes++, put(f));
		a.setOutcome('a2', 'fail');
		await a.saves.idle();
		expect(writes).toBe(0);
		expect(a.finding('a2')?.outcome).toBe('fail');
		expect(cs.scoreOf(target).graded).toBe(1);
	});

	it('clears an outcome through the save path and undoes the clear, keeping a note typed since', async () => {
		const { deps, cs, target, a } = await assess();
		a.setOutcome('a1', 'partial');
		a.setCount('a1', 'link', 3);
		expect(a.clearOutcome('a1')).toBe(true);
		expect(a.finding('a1')).toMatchObject({ outcome: null, deductionCounts: { link: 3 } });
		expect(a.undoable).toMatchObject({ kind: 'outcome', before: { indicatorId: 'a1', outcome: 'partial' } });
		await a.saves.idle();
		expect((await deps.repos.findings.listByTarget(cs.id, target.id))[0]!.outcome).toBeNull();
		expect(cs.scoreOf(target).graded).toBe(0);

		a.setNote('a1', '三处链接错误');
		a.undo();
		expect(a.undoable).toBeNull();
		await a.saves.idle();
		const [stored] = await deps.repos.findings.listByTarget(cs.id, target.id);
		expect(stored).toMatchObject({ outcome: 'partial', deductionCounts: { link: 3 }, note: '三处链接错误' });
		expect(cs.scoreOf(target).graded).toBe(1);
		// Nothing judged, nothing to clear or undo.
		expect(a.clearOutcome('a2')).toBe(false);
		expect(a.undoable).toBeNull();
	});

	it('keeps a value whose write failed on screen and reports the failure', async () => {
		const { deps, a } = await assess();
		deps.repos.findings.put = () => Promise.reject(new StorageError('quota', 'findings'));
		a.setOutcome('a2', 'pass');
		await a.saves.idle();
		expect(a.finding('a2')?.outcome).toBe('pass');
		expect(a.saves.error).toBe('error.storage.quota');
	});

	it('refuses an evidence URL that is not http(s) and stores a good one after its finding', async () => {
		const { deps, cs, target, a } = await assess();
		expect(a.addEvidenceUrl('a2', 'javascript:alert(1)')).toBe('assess.evidence.invalidUrl');
		expect(a.addEvidenceUrl('a2', 'www.example.gov.cn/page')).toBeNull();
		await a.saves.idle();
		const stored = await deps.repos.evidence.listByTarget(cs.id, target.id);
		expect(stored.map((e) => e.url)).toEqual(['https://www.example.gov.cn/page']);
		expect(stored[0]!.findingId).toBe(a.finding('a2')!.id);
	});
});
