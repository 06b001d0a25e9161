import { beforeEach, describe, expect, it } from 'vitest';
import type { MergeWrite } from '$lib/domain/team';
import { StorageError, type Repositories } from '$lib/storage';
import { resetDatabase } from './db-utils';
import { makeChange, makeEvidence, makeFinding, makeImageEvidence, makeIssuedPackage, refused, REPOSITORY_KINDS, seedCampaignTarget } from './fixtures';

/*
 * A merged return is written in one transaction (issue 16 point 4): findings, evidence with files, evidence removed,
 * history entries and the issued package, all or nothing. Same contract for IndexedDB and memory.
 */

const LEAD_AT = '2026-03-02T09:00:00.000Z';

describe.each(REPOSITORY_KINDS)('team merge storage (%s)', (_name, create: () => Repositories) => {
	let repos: Repositories;
	beforeEach(async () => {
		await resetDatabase();
		repos = create();
	});

	/** A stored campaign with a target, its finding (pass) with one URL evidence, and the package issued for it. */
	async function seed() {
		const { campaign, target } = await seedCampaignTarget(repos);
		const finding = await repos.findings.put(makeFinding(target, { outcome: 'pass', deductionCounts: {} }));
		const kept = await repos.evidence.put(makeEvidence(finding));
		const issued = await repos.issuedPackages.put(makeIssuedPackage(campaign, [target.id]));
		const { evidence: image, file } = await makeImageEvidence(finding);
		const returnedEntry = makeChange(finding, { rev: '2-a', baseRev: finding.rev, changes: [{ field: 'outcome', from: 'pass', to: 'fail' }] });
		const write: MergeWrite = {
			campaignId: campaign.id,
			findings: [{ finding: { ...finding, outcome: 'fail', updatedAt: LEAD_AT, updatedBy: '组长' }, notChosen: finding }],
			evidence: [image],
			evidenceFiles: [file],
			removeEvidence: [kept.id],
			history: [returnedEntry],
			issued: { ...issued, mergedReturns: ['f'.repeat(64)], lastReturnAt: LEAD_AT }
		};
		return { campaign, target, finding, kept, issued, image, returnedEntry, write };
	}

	/** Everything the merge touches, as stored. */
	async function snapshot(s: Awaited<ReturnType<typeof seed>>) {
		return {
			local: await repos.teamMerge.readLocal(s.campaign.id, s.issued.id, [s.target.id]),
			files: [...(await repos.evidence.getFiles([s.image.id])).keys()]
		};
	}

	it('writes the findings with their merge entries, the evidence and its file, the removal, the history and the issued package', async () => {
		const s = await seed();
		await repos.teamMerge.apply(s.write);
		const { local, files } = await snapshot(s);
		expect(local.findings).toHaveLength(1);
		const stored = local.findings[0]!;
		expect(stored).toMatchObject({ id: s.finding.id, outcome: 'fail', updatedBy: '组长' });
		expect(stored.rev).not.toBe(s.finding.rev);
		expect(local.evidence.map((e) => e.id)).toEqual([s.image.id]);
		expect(files).toEqual([s.image.id]);
		expect(local.issued).toMatchObject({ mergedReturns: ['f'.repeat(64)], lastReturnAt: LEAD_AT });
		const history = await repos.findings.history(s.finding.id);
		const merge = history.find((c) => c.kind === 'merge');
		expect(merge).toMatchObject({ by: '组长', at: LEAD_AT, rev: stored.rev, baseRev: s.finding.rev, changes: [{ field: 'outcome', from: 'pass', to: 'fail' }] });
		expect(history.some((c) => c.id === s.returnedEntry.id)).toBe(true);
	});

	it('a value the lead entered is stored with a merge entry from each version it replaced, both with the reason', async () => {
		const s = await seed();
		const returned = { ...s.finding, outcome: 'fail' as const, note: '栏目空白' };
		const value = { ...s.finding, outcome: 'partial' as const, deductionCounts: { stale: 3 }, updatedAt: LEAD_AT, updatedBy: '组长' };
		await repos.teamMerge.apply({ ...s.write, findings: [{ finding: value, notChosen: s.finding, alsoNotChosen: returned, reason: '现场复查' }] });
		const merges = (await repos.findings.history(s.finding.id)).filter((c) => c.kind === 'merge');
		expect(merges.map((c) => [c.reason, c.baseRev, c.changes.map((ch) => ('from' in ch ? `${ch.field}:${String(ch.from)}→${String(ch.to)}` : ch.field)).join()]).sort()).toEqual([
			['现场复查', s.finding.rev, 'outcome:pass→partial,deductionCounts:0→3'],
			['现场复查', s.finding.rev, 'outcome:fail→partial,deductionCounts:0→3,note:栏目空白→']
		].sort());
	});

	it('a finding changed since the plan refuses the whole merge as stale: nothing is written', async () => {
		const s = await seed();
		await repos.findings.put({ ...s.finding, note: '组长刚改' });
		const before = await snapshot(s);
		await refused(repos.teamMerge.apply(s.write), 'stale');
		expect(await snapshot(s)).toEqual(before);
	});

	it('a history entry that cannot be stored fails the whole merge: no finding, evidence, file or package change is left', async () => {
		const s = await seed();
		const stored = (await repos.findings.history(s.finding.id))[0]!;
		const before = await snapshot(s);
		await expect(repos.teamMerge.apply({ ...s.write, history: [s.returnedEntry, stored] })).rejects.toBeInstanceOf(StorageError);
		expect(await snapshot(s)).toEqual(before);
	});

	it('the issued package changed since the plan (another merge of it) refuses the merge as stale', async () => {
		const s = await seed();
		await repos.issuedPackages.put({ ...s.issued, lastReturnAt: LEAD_AT });
		const before = await snapshot(s);
		await refused(repos.teamMerge.apply(s.write), 'stale');
		expect(await snapshot(s)).toEqual(before);
	});

	it('a finding the lead does not have yet is added, with evidence pointing at it', async () => {
		const s = await seed();
		const fresh = makeFinding(s.target, { indicatorId: 'veto-1', outcome: 'fail', updatedBy: '组长' });
		const evidence = makeEvidence(fresh);
		await repos.teamMerge.apply({ ...s.write, findings: [{ finding: fresh, notChosen: undefined }], evidence: [evidence], evidenceFiles: [], removeEvidence: [], history: [] });
		const { local } = await snapshot(s);
		expect(local.findings.map((f) => f.indicatorId).sort()).toEqual(['update-1', 'veto-1']);
		expect(local.evidence.map((e) => e.findingId).sort()).toEqual([fresh.id, s.finding.id].sort());
		expect((await repos.findings.history(fresh.id)).map((c) => c.kind)).toEqual(['merge']);
	});
});
