import { describe, expect, it } from 'vitest';
import type { Evidence } from '$lib/domain/evidence';
import type { Finding } from '$lib/domain/finding';
import type { FindingChange } from '$lib/domain/finding-history';
import { IssuedPackage, mergeChanges, PACKAGE_BASE_PATH, planReturnMerge, resolveReturnMerge, type EnteredValue, type LocalRecords, type MergePlan, type PackageInfo, type ReturnFile } from '$lib/domain/team';
import { makeCampaign, makeChange, makeEvidence, makeFinding, makeTarget } from './storage/fixtures';

/*
 * The merge matrix of issue 16 point 4: a return against the package base and the lead's stored records.
 * Revisions are written out: `1-lead` is what the package was written from, `2-a`, `3-b` the assessor's writes.
 */

const T0 = '2026-03-01T08:00:00.000Z';
const at = (minute: number) => `2026-03-02T08:${String(minute).padStart(2, '0')}:00.000Z`;
const sha = (c: string) => c.repeat(64);
const BASE_SHA = sha('b');

const campaign = makeCampaign();
const target = makeTarget(campaign.id, { assessor: '张三', name: '甲局' });
const other = makeTarget(campaign.id, { assessor: '李四', name: '乙局', order: 1 });
const baseFinding = makeFinding(target, { outcome: 'pass', deductionCounts: {}, rev: '1-lead', updatedAt: T0, updatedBy: '组长' });
const baseEvidence = makeEvidence(baseFinding, { url: 'https://www.example.gov.cn/base.html' });

const info: PackageInfo = {
	packageId: crypto.randomUUID(),
	campaignId: campaign.id,
	campaignTitle: campaign.title,
	frameworkId: campaign.framework.id,
	frameworkVersion: campaign.framework.version,
	assessor: '张三',
	role: 'assessor',
	blind: false,
	targetIds: [target.id],
	issuedAt: T0,
	issuedBy: '组长'
};
const issued = IssuedPackage.parse({ id: info.packageId, campaignId: campaign.id, info, baseSha256: BASE_SHA, createdAt: T0, updatedAt: T0, updatedBy: '组长' });

/** The assessor's write of the base finding: the finding as returned and its history entry. */
function assessorEdit(from: Finding, patch: Partial<Finding>, rev: string, minute: number): { finding: Finding; entry: FindingChange } {
	const finding = { ...from, ...patch, rev, updatedAt: at(minute), updatedBy: '张三' };
	const changes: FindingChange['changes'] = [];
	if (from.outcome !== finding.outcome) changes.push({ field: 'outcome', from: from.outcome, to: finding.outcome });
	if (from.note !== finding.note) changes.push({ field: 'note', from: from.note, to: finding.note });
	const entry = makeChange(finding, { rev, baseRev: from.rev, at: at(minute), by: '张三', changes });
	return { finding, entry };
}

function returnFile(patch: Partial<ReturnFile> = {}, removedEvidenceIds: string[] = []): ReturnFile {
	return {
		name: '张三-交回.kaiming',
		sha256: sha('1'),
		scope: { kind: 'return', package: info, return: { returnId: crypto.randomUUID(), returnedAt: at(30), removedEvidenceIds } },
		team: { [PACKAGE_BASE_PATH]: { value: { findings: [baseFinding], evidenceIds: [baseEvidence.id] }, sha256: BASE_SHA } },
		findings: [baseFinding],
		evidence: [baseEvidence],
		evidenceFiles: [],
		findingChanges: [],
		...patch
	};
}

function localRecords(patch: Partial<LocalRecords> = {}): LocalRecords {
	return {
		campaign,
		targets: [target, other],
		issued,
		findings: [baseFinding],
		evidence: [baseEvidence],
		history: [makeChange(baseFinding, { rev: '1-lead', by: '组长', at: T0 })],
		...patch
	};
}

function plan(file: ReturnFile, local: LocalRecords = localRecords()): MergePlan {
	const result = planReturnMerge(file, local);
	if (result.kind !== 'plan') throw new Error(`expected a plan, got ${JSON.stringify(result)}`);
	return result.plan;
}

const LEAD = { at: at(50), by: '组长' };

describe('planReturnMerge: findings', () => {
	it('a change on the return side only is applied over the stored revision, and its merge entry shows what it replaced', () => {
		const { finding, entry } = assessorEdit(baseFinding, { outcome: 'fail', note: '首页未更新' }, '2-a', 1);
		const p = plan(returnFile({ findings: [finding], findingChanges: [entry] }));
		expect(p.items).toHaveLength(1);
		const item = p.items[0]!;
		expect(item.kind).toBe('apply');
		expect(p.history.map((c) => c.id)).toEqual([entry.id]);
		const resolved = resolveReturnMerge(p, new Map(), LEAD);
		if (!resolved.ok) throw new Error('unanswered');
		const [written] = resolved.write.findings;
		expect(written!.finding).toMatchObject({ id: baseFinding.id, rev: '1-lead', outcome: 'fail', note: '首页未更新', updatedBy: '组长', updatedAt: at(50) });
		expect(written!.notChosen).toEqual(baseFinding);
		expect(resolved.write.issued.mergedReturns).toEqual([sha('1')]);
		expect(resolved.write.issued.lastReturnAt).toBe(at(30));
	});

	it('a change on the local side only is kept: nothing to apply', () => {
		const local = { ...baseFinding, outcome: 'fail' as const, rev: '2-lead' };
		expect(plan(returnFile(), localRecords({ findings: [local] })).items).toEqual([]);
	});

	it('the same change on both sides is no conflict and writes nothing', () => {
		const { finding, entry } = assessorEdit(baseFinding, { outcome: 'fail' }, '2-a', 1);
		const local = { ...baseFinding, outcome: 'fail' as const, rev: '2-lead' };
		expect(plan(returnFile({ findings: [finding], findingChanges: [entry] }), localRecords({ findings: [local] })).items).toEqual([]);
	});

	it('different changes on both sides are a conflict listing the fields, with both versions; each answer gives its value', () => {
		const { finding, entry } = assessorEdit(baseFinding, { outcome: 'fail', note: '栏目空白' }, '2-a', 1);
		const local = { ...baseFinding, outcome: 'partial' as const, rev: '2-lead', updatedBy: '赵六', updatedAt: at(5) };
		const p = plan(returnFile({ findings: [finding], findingChanges: [entry] }), localRecords({ findings: [local] }));
		expect(p.items).toHaveLength(1);
		const item = p.items[0]!;
		if (item.kind !== 'conflict') throw new Error('expected a conflict');
		expect(item.fields).toEqual([{ field: 'outcome', mine: 'fail', theirs: 'partial' }]);
		expect([item.local.updatedBy, item.returned.updatedBy, item.returned.updatedAt]).toEqual(['赵六', '张三', at(1)]);
		// The note only the return changed is applied whatever is chosen for the outcome.
		expect(item.keepLocal).toMatchObject({ outcome: 'partial', note: '栏目空白' });
		expect(item.takeReturned).toMatchObject({ outcome: 'fail', note: '栏目空白' });

		expect(resolveReturnMerge(p, new Map(), LEAD)).toEqual({ ok: false, unanswered: [item.key] });
		const value = { outcome: 'na' as const, deductionCounts: {}, note: '不适用' };
		expect(resolveReturnMerge(p, new Map([[item.key, { kind: 'value', value, reason: ' ' }]]), LEAD)).toEqual({ ok: false, unanswered: [item.key] });

		const answer = (choice: Parameters<typeof resolveReturnMerge>[1] extends ReadonlyMap<string, infer C> ? C : never) => {
			const r = resolveReturnMerge(p, new Map([[item.key, choice]]), LEAD);
			if (!r.ok) throw new Error('unanswered');
			return r.write.findings[0]!;
		};
		expect(answer({ kind: 'local' })).toMatchObject({ finding: { outcome: 'partial', rev: '2-lead' }, notChosen: finding });
		expect(answer({ kind: 'returned' })).toMatchObject({ finding: { outcome: 'fail', rev: '2-lead' }, notChosen: local });
		expect(answer({ kind: 'value', value, reason: '  复核后认定  ' })).toMatchObject({ finding: { outcome: 'na', note: '不适用', rev: '2-lead' }, notChosen: local, reason: '复核后认定' });
	});

	it('a value of the lead’s own (另填) is a whole graded value, checked by the assess screen’s rules; its merge entries keep both versions not chosen', () => {
		const { finding, entry } = assessorEdit(baseFinding, { outcome: 'fail', note: '栏目空白' }, '2-a', 1);
		const local = { ...baseFinding, outcome: 'partial' as const, rev: '2-lead', updatedBy: '组长', updatedAt: at(5) };
		const p = plan(returnFile({ findings: [finding], findingChanges: [entry] }), localRecords({ findings: [local] }));
		const item = p.items[0]!;
		const resolve = (value: EnteredValue | null) => resolveReturnMerge(p, new Map([[item.key, { kind: 'value', value, reason: ' 现场复查 ' }]]), LEAD);
		const value: EnteredValue = { outcome: 'partial', deductionCounts: { stale: 3 }, note: '栏目空白' };

		// Typed text that is not a value yet, or a value the assess screen would not take, answers nothing.
		const badValues: (EnteredValue | null)[] = [null, { ...value, deductionCounts: { stale: 1.5 } }, { ...value, deductionCounts: { gone: 1 } }, { ...value, level: 'full' }, { ...value, ratio: { met: 1, of: 2 } }];
		for (const bad of badValues) expect(resolve(bad)).toEqual({ ok: false, unanswered: [item.key] });

		const r = resolve(value);
		if (!r.ok) throw new Error('unanswered');
		const merged = r.write.findings[0]!;
		expect(merged).toMatchObject({ finding: { outcome: 'partial', deductionCounts: { stale: 3 }, note: '栏目空白', rev: '2-lead' }, notChosen: local, alsoNotChosen: finding, reason: '现场复查' });
		let n = 0;
		const entries = mergeChanges(merged, { ...merged.finding, rev: '3-lead' }, () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`);
		expect(entries.map((c) => ({ kind: c.kind, by: c.by, reason: c.reason, rev: c.rev, baseRev: c.baseRev, changes: c.changes }))).toEqual([
			{
				kind: 'merge',
				by: '组长',
				reason: '现场复查',
				rev: '3-lead',
				baseRev: '2-lead',
				changes: [
					{ field: 'deductionCounts', deductionId: 'stale', from: 0, to: 3 },
					{ field: 'note', from: '', to: '栏目空白' }
				]
			},
			{
				kind: 'merge',
				by: '组长',
				reason: '现场复查',
				rev: '3-lead',
				baseRev: '2-lead',
				changes: [
					{ field: 'outcome', from: 'fail', to: 'partial' },
					{ field: 'deductionCounts', deductionId: 'stale', from: 0, to: 3 }
				]
			}
		]);
	});

	it('a finding the lead does not have yet is added as new', () => {
		const fresh = makeFinding(target, { indicatorId: 'veto-1', outcome: 'fail', rev: '1-a', updatedBy: '张三' });
		const p = plan(returnFile({ findings: [baseFinding, fresh] }));
		expect(p.items.map((i) => [i.kind, i.indicatorId])).toEqual([['apply', 'veto-1']]);
		expect(p.items[0]!.kind === 'apply' && p.items[0]!.result.rev).toBeUndefined();
	});
});

describe('planReturnMerge: evidence and history', () => {
	it('evidence added on both sides with the same content is added once; other new evidence follows the local finding', () => {
		const url = 'https://www.example.gov.cn/new.html';
		const returnedSame = makeEvidence(baseFinding, { url });
		const returnedNew = makeEvidence(baseFinding, { kind: 'text', url: undefined, text: '公开目录缺失' });
		const returnedTwice = makeEvidence(baseFinding, { kind: 'text', url: undefined, text: ' 公开目录缺失 ' });
		const localSame = makeEvidence(baseFinding, { url });
		const p = plan(returnFile({ evidence: [baseEvidence, returnedSame, returnedNew, returnedTwice] }), localRecords({ evidence: [baseEvidence, localSame] }));
		expect(p.evidenceAdded.map((e) => e.id)).toEqual([returnedNew.id]);
		expect(p.evidenceAdded[0]!.findingId).toBe(baseFinding.id);
	});

	it('screenshots are the same when their SHA-256 is', async () => {
		const image = (s: string): Partial<Evidence> => ({ kind: 'image', url: undefined, image: { mime: 'image/png', bytes: 1, width: 1, height: 1, sha256: sha(s), fileName: 'a.png', thumbnail: 'data:image/png;base64,AAAA' } });
		const mine = makeEvidence(baseFinding, image('c'));
		const same = makeEvidence(baseFinding, image('c'));
		const differs = makeEvidence(baseFinding, image('d'));
		const files = [same, differs].map((e) => ({ id: e.id, campaignId: e.campaignId, targetId: e.targetId, blob: new Blob([]) }));
		const p = plan(returnFile({ evidence: [same, differs], evidenceFiles: files }), localRecords({ evidence: [baseEvidence, mine] }));
		expect(p.evidenceAdded.map((e) => e.id)).toEqual([differs.id]);
		expect(p.evidenceFiles.map((f) => f.id)).toEqual([differs.id]);
	});

	it('evidence removed in the return is removed locally when still there', () => {
		const p = plan(returnFile({ evidence: [] }, [baseEvidence.id]));
		expect(p.evidenceRemoved.map((e) => e.id)).toEqual([baseEvidence.id]);
		expect(plan(returnFile({ evidence: [] }, [baseEvidence.id]), localRecords({ evidence: [] })).evidenceRemoved).toEqual([]);
	});

	it('returned history entries not stored yet are added, pointing at the local finding of their indicator', () => {
		const localFresh = makeFinding(target, { indicatorId: 'veto-1', outcome: 'pass', rev: '1-lead2' });
		const returnedFresh = makeFinding(target, { indicatorId: 'veto-1', outcome: 'pass', rev: '1-a' });
		const entry = makeChange(returnedFresh, { rev: '1-a' });
		const stored = makeChange(baseFinding, { rev: '1-lead' });
		const p = plan(returnFile({ findings: [baseFinding, returnedFresh], findingChanges: [entry, stored] }), localRecords({ findings: [baseFinding, localFresh], history: [stored] }));
		expect(p.history.map((c) => [c.id, c.findingId])).toEqual([[entry.id, localFresh.id]]);
		expect(p.items).toEqual([]);
	});
});

describe('planReturnMerge: repeated and out-of-order returns', () => {
	const first = assessorEdit(baseFinding, { outcome: 'fail' }, '2-a', 1);
	const second = assessorEdit(first.finding, { outcome: 'partial', note: '已复查' }, '3-b', 2);
	const return1 = returnFile({ findings: [first.finding], findingChanges: [first.entry] });
	const return2 = returnFile({ sha256: sha('2'), findings: [second.finding], findingChanges: [first.entry, second.entry] });
	/** The lead's records after a return was merged: its values under the lead's revision, its entries stored, the merge entry. */
	const afterMerging = (f: Finding, entries: FindingChange[]) =>
		localRecords({
			findings: [{ ...f, rev: '2-lead', updatedBy: '组长' }],
			history: [makeChange(baseFinding, { rev: '1-lead' }), ...entries, makeChange(f, { kind: 'merge', rev: '2-lead', baseRev: '1-lead' })]
		});

	it('the same file again is already merged: nothing to do', () => {
		const merged = { ...issued, mergedReturns: [sha('1')] };
		expect(planReturnMerge(return1, localRecords({ issued: merged }))).toEqual({ kind: 'alreadyMerged', file: return1.name });
	});

	it('the same content in another file changes nothing once merged', () => {
		const p = plan({ ...return1, sha256: sha('9') }, afterMerging(first.finding, [first.entry]));
		expect([p.items, p.history, p.evidenceAdded]).toEqual([[], [], []]);
	});

	it('an older return after a newer one brings no change and no conflict', () => {
		const p = plan(return1, afterMerging(second.finding, [first.entry, second.entry]));
		expect([p.items, p.history]).toEqual([[], []]);
	});

	it('a newer return after an older one applies on top of it, without a conflict', () => {
		const p = plan(return2, afterMerging(first.finding, [first.entry]));
		expect(p.items.map((i) => i.kind)).toEqual(['apply']);
		expect(p.items[0]!.kind === 'apply' && p.items[0]!.result).toMatchObject({ outcome: 'partial', note: '已复查', rev: '2-lead' });
		expect(p.history.map((c) => c.id)).toEqual([second.entry.id]);
	});

	it('evidence a newer return removed is not added back by an older one', () => {
		const added = makeEvidence(baseFinding, { url: 'https://www.example.gov.cn/later-removed.html' });
		const removal = makeChange(baseFinding, { kind: 'evidence', changes: [{ field: 'evidence', removed: { id: added.id, kind: 'url', caption: '' } }] });
		const p = plan(returnFile({ evidence: [baseEvidence, added] }), localRecords({ history: [removal] }));
		expect(p.evidenceAdded).toEqual([]);
	});
});

describe('planReturnMerge: size', () => {
	it('reads each history entry of the return a few times, not once per finding', () => {
		// The bench's return holds 12,000 findings and as many entries; one scan of the entries per finding was 144 million reads.
		const edits = Array.from({ length: 300 }, (_, i) => assessorEdit(makeFinding(target, { indicatorId: `i${i}`, outcome: null, rev: undefined }), { outcome: 'pass' }, `1-a${i}`, 1));
		let reads = 0;
		const entries = new Proxy(
			edits.map((e) => e.entry),
			{ get: (list, key, receiver) => (typeof key === 'string' && /^\d+$/.test(key) && reads++, Reflect.get(list, key, receiver)) }
		);
		const p = plan(returnFile({ findings: edits.map((e) => e.finding), findingChanges: entries }));
		expect(p.items).toHaveLength(300);
		expect(p.history).toHaveLength(300);
		expect(reads).toBeLessThanOrEqual(5 * 300);
	});
});

describe('planReturnMerge: refusals name the file and the reason', () => {
	const refusal = (file: ReturnFile, local: LocalRecords = localRecords()) => {
		const result = planReturnMerge(file, local);
		if (result.kind !== 'refused') throw new Error(`expected a refusal, got ${result.kind}`);
		expect(result.refusal.params.file).toBe(file.name);
		return result.refusal.code;
	};

	it('not a return file', () => {
		expect(refusal(returnFile({ scope: { kind: 'all' } }))).toBe('notReturn');
		expect(refusal(returnFile({ scope: { kind: 'package', package: info } }))).toBe('notReturn');
	});
	it('another campaign', () => {
		expect(refusal(returnFile(), localRecords({ campaign: makeCampaign() }))).toBe('otherCampaign');
	});
	it('another framework version', () => {
		const moved = { ...campaign, framework: { ...campaign.framework, version: '2' } };
		expect(refusal(returnFile(), localRecords({ campaign: moved }))).toBe('otherFramework');
	});
	it('a package this campaign never issued', () => {
		expect(refusal(returnFile(), localRecords({ issued: undefined }))).toBe('notIssued');
	});
	it('an altered base, or a package description that is not the one issued', () => {
		const file = returnFile();
		expect(refusal({ ...file, team: { [PACKAGE_BASE_PATH]: { value: file.team[PACKAGE_BASE_PATH]!.value, sha256: sha('e') } } })).toBe('altered');
		expect(refusal({ ...file, team: {} })).toBe('altered');
		const scope = file.scope.kind === 'return' ? file.scope : null;
		expect(refusal({ ...file, scope: { ...scope!, package: { ...info, targetIds: [target.id, other.id] } } })).toBe('altered');
	});
	it('a return from an assessor its targets are not assigned to', () => {
		expect(refusal(returnFile(), localRecords({ targets: [{ ...target, assessor: '王五' }] }))).toBe('unassigned');
		expect(refusal(returnFile(), localRecords({ targets: [other] }))).toBe('targetMissing');
	});
	it('records outside the package', () => {
		expect(refusal(returnFile({ findings: [makeFinding(other)] }))).toBe('outsidePackage');
	});
});
