import { describe, expect, it, vi } from 'vitest';
import { openCampaign, openTab } from './harness';

// Node has no image decoder: a pasted file becomes a 1×1 PNG's details, as the browser would read them.
vi.mock('$lib/io/image', () => ({
	prepareImage: async (blob: Blob, name: string) => ({
		ok: true,
		blob,
		image: { mime: 'image/png', bytes: blob.size, width: 1, height: 1, sha256: 'a'.repeat(64), fileName: name, thumbnail: 'data:image/png;base64,AAAA' }
	})
}));

/*
 * Two tabs create the first finding of one target × indicator at once (issue 14): storage keeps one, and the other
 * tab's value is merged into it. Evidence the losing tab attached to its own finding must move to the surviving
 * finding, so it shows on the assess screen, in reports and in backups, instead of pointing at a finding that
 * does not exist (and failing to save for ever).
 */
async function twoTabs() {
	const h = await openCampaign();
	const target = h.cs.targets[0]!;
	const open = () => openTab(h, target.id);
	const stored = async () => ({
		findings: await h.deps.repos.findings.listByTarget(h.cs.id, target.id),
		evidence: await h.deps.repos.evidence.listByTarget(h.cs.id, target.id)
	});
	// Both tabs open before either grades a2: each creates its own finding for it.
	const [one, two] = [await open(), await open()];
	return { ...h, target, one, two, stored };
}

describe('evidence of a finding another tab created first', () => {
	it('a link goes to the surviving finding, with the losing tab’s outcome merged into it', async () => {
		const { one, two, stored } = await twoTabs();
		one.a.setNote('a2', '政策解读缺失');
		await one.a.saves.idle();
		expect(two.a.addEvidenceUrl('a2', 'https://www.example.gov.cn/policy')).toBeNull();
		two.a.setOutcome('a2', 'fail');
		await two.a.saves.idle();

		const { findings, evidence } = await stored();
		expect(findings).toMatchObject([{ id: one.a.finding('a2')!.id, outcome: 'fail', note: '政策解读缺失' }]);
		expect(evidence).toMatchObject([{ url: 'https://www.example.gov.cn/policy', findingId: findings[0]!.id }]);
		expect(two.cs.unsavedCount()).toBe(0);
		expect(two.a.saves.failure).toBeNull();
		expect(two.a.finding('a2')?.id).toBe(findings[0]!.id);
		expect(two.a.evidenceOf(findings[0]!.id).map((e) => e.url)).toEqual(['https://www.example.gov.cn/policy']);

		// The tab that won sees it on its card once it reads the evidence again (as on the other tab's broadcast).
		await one.a.reloadEvidence();
		expect(one.a.evidenceOf(findings[0]!.id)).toHaveLength(1);
	});

	it('a link is stored with the surviving finding even while both outcomes wait for the user to choose', async () => {
		const { one, two, stored } = await twoTabs();
		one.a.setOutcome('a2', 'pass');
		await one.a.saves.idle();
		two.a.setOutcome('a2', 'fail');
		expect(two.a.addEvidenceUrl('a2', 'https://www.example.gov.cn/policy')).toBeNull();
		await two.a.saves.idle();
		expect(two.cs.conflicts).toMatchObject([{ mine: { outcome: 'fail' }, theirs: { outcome: 'pass' } }]);

		const { findings, evidence } = await stored();
		expect(evidence).toMatchObject([{ findingId: findings[0]!.id }]);
		expect(two.cs.unsavedCount()).toBe(1); // my outcome only, until I choose
		two.cs.settle(two.cs.conflicts[0]!.key, true);
		await two.a.saves.idle();
		expect((await stored()).findings).toMatchObject([{ id: findings[0]!.id, outcome: 'fail' }]);
		expect(two.a.evidenceOf(findings[0]!.id)).toHaveLength(1);
		expect(two.cs.unsavedCount()).toBe(0);
	});

	it('a screenshot goes to the surviving finding, in the transaction that stores it', async () => {
		const { deps, one, two, stored } = await twoTabs();
		one.a.setOutcome('a2', 'fail');
		await one.a.saves.idle();
		await two.a.addImages('a2', [{ blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), name: '首页.png' }]);
		await two.a.saves.idle();

		const { findings, evidence } = await stored();
		expect(findings).toMatchObject([{ id: one.a.finding('a2')!.id, outcome: 'fail' }]);
		expect(evidence).toMatchObject([{ kind: 'image', findingId: findings[0]!.id }]);
		expect((await deps.repos.evidence.getFiles([evidence[0]!.id])).size).toBe(1);
		expect(two.cs.unsavedCount()).toBe(0);
		expect(two.a.finding('a2')).toMatchObject({ id: findings[0]!.id, outcome: 'fail' });
		expect(two.a.evidenceOf(findings[0]!.id)).toHaveLength(1);
		// The next keystroke in the losing tab is based on the stored finding: no refusal, no second finding.
		two.a.setNote('a2', '首页截图');
		await two.a.saves.idle();
		expect((await stored()).findings).toMatchObject([{ id: findings[0]!.id, outcome: 'fail', note: '首页截图' }]);
		expect(two.a.saves.failure).toBeNull();
	});
});
