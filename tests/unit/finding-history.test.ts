import { describe, expect, it } from 'vitest';
import { describeChange, evidenceChange, evidenceRef, findingChange, FindingChange, newestFirst, shorten } from '$lib/domain/finding-history';
import { newFinding, withDeductionCount, withLevel, withNote, withOutcome, withRatio } from '$lib/domain/finding-edit';
import { Evidence } from '$lib/domain/evidence';
import { Indicator } from '$lib/domain/framework/schema';
import type { Finding } from '$lib/domain/finding';

let i = 0;
const id = () => `00000000-0000-4000-8000-${String(++i).padStart(12, '0')}`;
const at = (minute: number) => `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
const ctxAt = (minute: number, user = '张三') => ({ now: () => at(minute), newId: id, user });
const C = '00000000-0000-4000-8000-00000000c000';
const T = '00000000-0000-4000-8000-00000000d000';

const indicator = Indicator.parse({
	id: 'a1',
	code: '1.1',
	title: { zh: '机构职能' },
	max: 10,
	method: 'levels',
	deductions: [{ id: 'link', title: { zh: '链接无法打开' }, points: 1, per: 'each' }],
	levels: [
		{ id: 'full', title: { zh: '完整' }, points: 10 },
		{ id: 'half', title: { zh: '基本完整' }, points: 5 }
	]
});

/** A finding as a repository stores it: with a revision. */
const stored = (f: Finding, rev: string) => ({ ...f, rev });

describe('findingChange', () => {
	const base = stored(newFinding(ctxAt(0), C, T, 'a1'), '1-a');

	it('records an outcome set on a new finding, with no base revision, who and when from the write', () => {
		const after = stored(withOutcome(newFinding(ctxAt(1), C, T, 'a1'), 'pass', ctxAt(1, '李四')), '1-b');
		const entry = findingChange(undefined, after, id())!;
		expect(FindingChange.parse(entry)).toEqual(entry);
		expect(entry).toMatchObject({ kind: 'edit', at: at(1), by: '李四', rev: '1-b', findingId: after.id, indicatorId: 'a1', campaignId: C, targetId: T });
		expect(entry.baseRev).toBeUndefined();
		expect(entry.changes).toEqual([{ field: 'outcome', from: null, to: 'pass' }]);
	});

	it('records every graded field that changed: outcome, each deduction count, level, ratio, note', () => {
		let after: Finding = withOutcome(base, 'fail', ctxAt(2));
		after = withDeductionCount(after, 'link', 2, ctxAt(2));
		after = withLevel(after, indicator, 'half', ctxAt(2));
		after = withRatio(after, 3, 5, ctxAt(2));
		after = withNote(after, '首页链接失效', ctxAt(2));
		const entry = findingChange(base, stored(after, '2-c'), id())!;
		expect(entry.baseRev).toBe('1-a');
		expect(entry.changes).toEqual([
			{ field: 'outcome', from: null, to: after.outcome },
			{ field: 'deductionCounts', deductionId: 'link', from: 0, to: 2 },
			{ field: 'level', from: null, to: 'half' },
			{ field: 'ratio', from: null, to: { met: 3, of: 5 } },
			{ field: 'note', from: '', to: '首页链接失效' }
		]);
	});

	it('records a deduction count going back to 0 and an entry removed from the counts alike', () => {
		const counted = stored({ ...base, deductionCounts: { link: 2, other: 1 } }, '2-a');
		const entry = findingChange(counted, stored({ ...counted, deductionCounts: { link: 0 } }, '3-a'), id())!;
		expect(entry.changes).toEqual([
			{ field: 'deductionCounts', deductionId: 'link', from: 2, to: 0 },
			{ field: 'deductionCounts', deductionId: 'other', from: 1, to: 0 }
		]);
	});

	it('is null when nothing graded changed: a new stamp, the review state, a count written as the same number', () => {
		const touched = { ...base, updatedAt: at(9), updatedBy: '王五', reviewState: 'confirmed' as const, deductionCounts: { link: 0 } };
		expect(findingChange(base, stored(touched, '2-x'), id())).toBeNull();
		expect(findingChange(undefined, stored(newFinding(ctxAt(1), C, T, 'a1'), '1-x'), id())).toBeNull();
	});

	it('keeps the kind and reason a merge or an adjudication gives', () => {
		const entry = findingChange(base, stored(withOutcome(base, 'na', ctxAt(3)), '2-m'), id(), 'adjudicate', '复核一致意见')!;
		expect(entry).toMatchObject({ kind: 'adjudicate', reason: '复核一致意见' });
	});
});

describe('evidenceChange', () => {
	const finding = stored(newFinding(ctxAt(0), C, T, 'a1'), '4-f');
	const image = Evidence.parse({
		id: id(),
		campaignId: C,
		targetId: T,
		findingId: finding.id,
		kind: 'image',
		text: '',
		image: { mime: 'image/png', bytes: 10, width: 1, height: 1, sha256: 'a'.repeat(64), fileName: '首页.png', thumbnail: 'data:image/png;base64,AA==' },
		observedAt: at(0),
		createdAt: at(0),
		updatedAt: at(0),
		updatedBy: '张三'
	});

	it('names the evidence added (a screenshot without caption by its file name) at the revision it joined', () => {
		const entry = evidenceChange(finding, image, 'added', { at: at(5), by: '李四' }, id());
		expect(FindingChange.parse(entry)).toEqual(entry);
		expect(entry).toMatchObject({ kind: 'evidence', at: at(5), by: '李四', rev: '4-f', baseRev: '4-f' });
		expect(entry.changes).toEqual([{ field: 'evidence', added: { id: image.id, kind: 'image', caption: '首页.png' } }]);
	});

	it('keeps a removed URL with its address and a long excerpt shortened', () => {
		const url = { ...image, kind: 'url' as const, url: 'https://example.gov.cn/a', image: undefined, text: '' };
		expect(evidenceChange(finding, url, 'removed', { at: at(6), by: '' }, id()).changes).toEqual([
			{ field: 'evidence', removed: { id: image.id, kind: 'url', caption: '', url: 'https://example.gov.cn/a' } }
		]);
		expect([...evidenceRef({ ...url, kind: 'text', text: '字'.repeat(500) }).caption]).toHaveLength(200);
	});
});

describe('describeChange', () => {
	const entry = (changes: FindingChange['changes']): FindingChange => ({
		id: id(),
		campaignId: C,
		targetId: T,
		findingId: id(),
		indicatorId: 'a1',
		at: at(0),
		by: '张三',
		kind: 'edit',
		rev: '2-a',
		changes
	});

	it('names outcomes by their labels and "none" for not judged', () => {
		expect(describeChange(entry([{ field: 'outcome', from: 'pass', to: 'fail' }]), indicator)).toEqual([
			{ key: 'history.outcome', params: {}, labels: { from: 'outcome.pass', to: 'outcome.fail' } }
		]);
		expect(describeChange(entry([{ field: 'outcome', from: null, to: 'na' }]), indicator)[0]!.labels).toEqual({ from: 'history.none', to: 'outcome.na' });
	});

	it('names a deduction by its title with both counts, a level by its title, a ratio as met/of', () => {
		const lines = describeChange(
			entry([
				{ field: 'deductionCounts', deductionId: 'link', from: 1, to: 2 },
				{ field: 'level', from: 'full', to: null },
				{ field: 'ratio', from: { met: 2, of: 5 }, to: { met: 3, of: 5 } }
			]),
			indicator
		);
		expect(lines).toEqual([
			{ key: 'history.deduction', params: { title: { zh: '链接无法打开' }, from: 1, to: 2 } },
			{ key: 'history.level', params: { from: { zh: '完整' } }, labels: { to: 'history.none' } },
			{ key: 'history.ratio', params: { from: '2/5', to: '3/5' }, labels: {} }
		]);
	});

	it('falls back to the deduction id when the framework no longer has it', () => {
		expect(describeChange(entry([{ field: 'deductionCounts', deductionId: 'gone', from: 0, to: 1 }]), undefined)[0]!.params.title).toEqual({ zh: 'gone' });
	});

	it('says a note was added, changed (shortened) or cleared', () => {
		const long = '栏目'.repeat(40);
		expect(describeChange(entry([{ field: 'note', from: '', to: '缺少' }]), indicator)).toEqual([{ key: 'history.noteAdded', params: { text: '缺少' } }]);
		expect(describeChange(entry([{ field: 'note', from: '缺少', to: long }]), indicator)).toEqual([{ key: 'history.noteChanged', params: { text: shorten(long, 40) } }]);
		expect([...shorten(long, 40)]).toHaveLength(40);
		expect(describeChange(entry([{ field: 'note', from: '缺少', to: '' }]), indicator)).toEqual([{ key: 'history.noteCleared', params: {} }]);
	});

	it('names evidence added or removed by kind, with its caption or address', () => {
		const ref = { id: id(), kind: 'image' as const, caption: '首页截图' };
		expect(describeChange(entry([{ field: 'evidence', added: ref }]), indicator)).toEqual([{ key: 'history.evidence.image.added', params: { text: '首页截图' } }]);
		expect(describeChange(entry([{ field: 'evidence', removed: { ...ref, caption: '' } }]), indicator)).toEqual([{ key: 'history.evidence.image.removedPlain', params: {} }]);
		expect(describeChange(entry([{ field: 'evidence', added: { id: ref.id, kind: 'url', caption: '', url: 'https://a.gov.cn/' } }]), indicator)).toEqual([
			{ key: 'history.evidence.url.added', params: { text: 'https://a.gov.cn/' } }
		]);
	});
});

describe('newestFirst', () => {
	it('orders by time, then by the revision produced within one millisecond', () => {
		const e = (minute: number, rev: string) => ({ ...findingChange(undefined, stored(withOutcome(newFinding(ctxAt(minute), C, T, 'a1'), 'pass', ctxAt(minute)), rev), id())! });
		const [a, b, c] = [e(1, '1-a'), e(1, '2-b'), e(2, '3-c')];
		expect([a, c, b].sort(newestFirst).map((x) => x.rev)).toEqual(['3-c', '2-b', '1-a']);
	});
});
