import { describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR, localDate, type WorkCalendar } from '$lib/domain/calendar';
import type { Context } from '$lib/domain/common';
import { Rectification, RectificationStatus, bulkEdit, changeStatus, setDeadline, NEXT_STATUSES, statusList, STATUS_LABEL } from '$lib/domain/rectification';

const C = '00000000-0000-4000-8000-0000000000c1';
const T = '00000000-0000-4000-8000-0000000000d1';
const ctx: Context = { now: () => '2026-03-02T12:00:00.000Z', newId: () => '00000000-0000-4000-8000-0000000000ff', user: '复核员甲' };

let n = 0;
function item(status: RectificationStatus, over: Partial<Rectification> = {}): Rectification {
	n++;
	return Rectification.parse({
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		campaignId: C,
		targetId: T,
		indicatorId: 'a1',
		deductionId: 'link',
		seq: n,
		description: '错链 3处',
		pointsLost: 3,
		veto: false,
		status,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'generator',
		...over
	});
}

const ALL = RectificationStatus.options;
/** The agreed cycle, written out here so a change to the table in the code must be a deliberate one. */
const ALLOWED: [RectificationStatus, RectificationStatus][] = [
	['open', 'inProgress'],
	['open', 'cannotFix'],
	['inProgress', 'fixed'],
	['inProgress', 'cannotFix'],
	['fixed', 'passed'],
	['fixed', 'failed'],
	['failed', 'inProgress'],
	['cannotFix', 'inProgress'],
	['notApplicable', 'open']
];
const isAllowed = (from: RectificationStatus, to: RectificationStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
/** Reachable in some number of allowed steps, worked out from the table above. */
function reachableInTest(from: RectificationStatus, to: RectificationStatus): boolean {
	const seen = new Set<RectificationStatus>();
	let frontier = [from];
	while (frontier.length > 0) {
		frontier = frontier.flatMap((f) => ALLOWED.filter(([x]) => x === f).map(([, t]) => t)).filter((t) => !seen.has(t));
		frontier.forEach((t) => seen.add(t));
	}
	return seen.has(to);
}

describe('status changes', () => {
	it('has exactly the agreed transitions', () => {
		expect(Object.entries(NEXT_STATUSES).flatMap(([f, tos]) => tos.map((t) => [f, t]))).toEqual(expect.arrayContaining(ALLOWED));
		expect(Object.values(NEXT_STATUSES).flat()).toHaveLength(ALLOWED.length);
	});

	it.each(ALLOWED)('allows %s → %s and records it in the history', (from, to) => {
		const before = item(from, { history: [{ at: '2026-02-01T00:00:00.000Z', by: '甲', from: 'open', to: from, comment: '' }] });
		const r = changeStatus(before, to, { comment: '  已核实  ', reason: '系统由上级部门建设，本单位无权限修改' }, ctx);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.item.status).toBe(to);
		expect(r.item.history).toEqual([...before.history, { at: '2026-03-02T12:00:00.000Z', by: '复核员甲', from, to, comment: '已核实' }]);
		expect(r.item.updatedAt).toBe('2026-03-02T12:00:00.000Z');
		expect(r.item.updatedBy).toBe('复核员甲');
		expect(Rectification.parse(r.item)).toEqual(r.item);
		expect(before.status).toBe(from); // the input is not mutated
	});

	const refused = ALL.flatMap((from) => ALL.filter((to) => !isAllowed(from, to)).map((to) => [from, to] as [RectificationStatus, RectificationStatus]));
	it.each(refused)('refuses %s → %s, naming the allowed next steps', (from, to) => {
		const before = item(from);
		const copy = structuredClone(before);
		const r = changeStatus(before, to, { reason: '原因' }, ctx);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const expected =
			from === to ? 'rect.error.sameStatus' : from === 'passed' ? 'rect.error.closed' : reachableInTest(from, to) ? 'rect.error.skipStep' : 'rect.error.notAllowed';
		expect(r.problem.code).toBe(expected);
		expect(r.problem.params).toMatchObject({ from: STATUS_LABEL[from], to: STATUS_LABEL[to], allowed: statusList(NEXT_STATUSES[from]) });
		expect(before).toEqual(copy);
	});

	it('tells a skipped step from a move that is never possible', () => {
		const skip = changeStatus(item('open'), 'passed', {}, ctx);
		expect(skip).toEqual({
			ok: false,
			problem: {
				code: 'rect.error.skipStep',
				params: { from: { zh: '未整改', en: 'Open' }, to: { zh: '复核通过', en: 'Re-check passed' }, allowed: { zh: '整改中、无法整改', en: 'In progress, Cannot be fixed' } }
			}
		});
		expect(changeStatus(item('open'), 'fixed', {}, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.skipStep' } });
		expect(changeStatus(item('cannotFix'), 'fixed', {}, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.skipStep' } });
		expect(changeStatus(item('inProgress'), 'open', {}, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.notAllowed' } });
		expect(changeStatus(item('open'), 'notApplicable', {}, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.notAllowed' } });
		expect(changeStatus(item('passed'), 'inProgress', {}, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.closed' } });
		expect(changeStatus(item('open'), 'open', {}, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.sameStatus' } });
	});

	it('needs a reason for 无法整改 and keeps it', () => {
		for (const reason of [undefined, '', '   ']) {
			expect(changeStatus(item('open'), 'cannotFix', { reason }, ctx)).toEqual({ ok: false, problem: { code: 'rect.error.reasonRequired', params: {} } });
		}
		expect(changeStatus(item('inProgress'), 'cannotFix', { reason: 'x'.repeat(2_001) }, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.tooLong', params: { max: 2_000 } } });
		const r = changeStatus(item('inProgress'), 'cannotFix', { reason: ' 平台由省级统一建设 ' }, ctx);
		expect(r.ok && r.item.reason).toBe('平台由省级统一建设');
	});

	it('records the fixed link and refuses one that is not a web address', () => {
		expect(changeStatus(item('inProgress'), 'fixed', { fixedUrl: 'ftp://x.gov.cn/a' }, ctx)).toEqual({
			ok: false,
			problem: { code: 'rect.error.badUrl', params: { value: 'ftp://x.gov.cn/a' } }
		});
		const r = changeStatus(item('inProgress'), 'fixed', { fixedUrl: ' https://www.x.gov.cn/tzgg/ ' }, ctx);
		expect(r.ok && r.item.fixedUrl).toBe('https://www.x.gov.cn/tzgg/');
		const kept = changeStatus(item('inProgress', { fixedUrl: 'https://www.x.gov.cn/old/' }), 'fixed', {}, ctx);
		expect(kept.ok && kept.item.fixedUrl).toBe('https://www.x.gov.cn/old/');
	});

	it('records the re-check: result, re-checker and date (today by default)', () => {
		const passed = changeStatus(item('fixed'), 'passed', {}, ctx);
		// Today where the user is (the runtime's zone): 2026-03-02 from UTC−11 to UTC+11.
		expect(passed.ok && passed.item).toMatchObject({ recheckResult: 'passed', rechecker: '复核员甲', recheckDate: localDate(ctx.now()) });
		const failed = changeStatus(item('fixed'), 'failed', { recheckDate: '2026-02-27', comment: '链接仍打不开' }, ctx);
		expect(failed.ok && failed.item).toMatchObject({ recheckResult: 'failed', rechecker: '复核员甲', recheckDate: '2026-02-27' });
		expect(changeStatus(item('fixed'), 'passed', { recheckDate: '2026-02-30' }, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.badDate' } });
		// Other steps do not touch the re-check fields.
		const started = changeStatus(item('open'), 'inProgress', { recheckDate: '2026-02-27' }, ctx);
		expect(started.ok && started.item.recheckDate).toBeUndefined();
	});

	it('keeps the whole story of a failed re-check and a second round', () => {
		let it = item('open');
		const steps: [RectificationStatus, string][] = [
			['inProgress', '已安排'],
			['fixed', '已修复'],
			['failed', '仍有错链'],
			['inProgress', '再次整改'],
			['fixed', '已修复'],
			['passed', '销号']
		];
		for (const [to, comment] of steps) {
			const r = changeStatus(it, to, { comment }, ctx);
			if (!r.ok) throw new Error(r.problem.code);
			it = r.item;
		}
		expect(it.history.map((h) => `${h.from}→${h.to}:${h.comment}`)).toEqual([
			'open→inProgress:已安排',
			'inProgress→fixed:已修复',
			'fixed→failed:仍有错链',
			'failed→inProgress:再次整改',
			'inProgress→fixed:已修复',
			'fixed→passed:销号'
		]);
		expect(it).toMatchObject({ status: 'passed', recheckResult: 'passed' });
	});

	it('refuses an over-long comment', () => {
		expect(changeStatus(item('open'), 'inProgress', { comment: 'x'.repeat(2_001) }, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.tooLong' } });
	});
});

const NATIONAL_DAY: WorkCalendar = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] };

describe('deadlines', () => {
	it('counts the deadline from the notice date in working days: the campaign default, or the item override', () => {
		const r = setDeadline(item('open'), { noticeDate: '2026-09-29' }, NATIONAL_DAY, 10, ctx);
		expect(r.ok && r.item).toMatchObject({ noticeDate: '2026-09-29', deadline: '2026-10-19', updatedBy: '复核员甲' });
		expect(r.ok && r.item.workingDays).toBeUndefined();
		const quick = setDeadline(item('open'), { noticeDate: '2026-09-29', workingDays: 3 }, NATIONAL_DAY, 10, ctx);
		expect(quick.ok && quick.item).toMatchObject({ workingDays: 3, deadline: '2026-10-09' });
		// The item's own override is kept when only the notice date changes.
		const renotice = setDeadline(item('open', { workingDays: 3 }), { noticeDate: '2026-09-30' }, NATIONAL_DAY, 10, ctx);
		expect(renotice.ok && renotice.item.deadline).toBe('2026-10-10');
		const sameDay = setDeadline(item('open'), { noticeDate: '2026-10-03', workingDays: 0 }, NATIONAL_DAY, 10, ctx);
		expect(sameDay.ok && sameDay.item.deadline).toBe('2026-10-08');
	});

	it('uses an explicit deadline as given', () => {
		const r = setDeadline(item('open', { noticeDate: '2026-09-29' }), { deadline: '2026-10-01' }, NATIONAL_DAY, 10, ctx);
		expect(r.ok && r.item).toMatchObject({ noticeDate: '2026-09-29', deadline: '2026-10-01' });
	});

	it('refuses a deadline before the notice date, a bad date or a bad count, leaving the item as it was', () => {
		const before = item('open', { noticeDate: '2026-09-29', deadline: '2026-10-19' });
		expect(setDeadline(before, { deadline: '2026-09-28' }, NATIONAL_DAY, 10, ctx)).toEqual({
			ok: false,
			problem: { code: 'rect.error.deadlineBeforeNotice', params: { deadline: '2026-09-28', noticeDate: '2026-09-29' } }
		});
		expect(setDeadline(before, { noticeDate: '2026-10-20', deadline: '2026-10-19' }, NATIONAL_DAY, 10, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.deadlineBeforeNotice' } });
		expect(setDeadline(before, { deadline: '2026-02-30' }, NATIONAL_DAY, 10, ctx)).toEqual({ ok: false, problem: { code: 'rect.error.badDate', params: { value: '2026-02-30' } } });
		expect(setDeadline(before, { noticeDate: '29/9/2026' }, NATIONAL_DAY, 10, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.badDate' } });
		for (const workingDays of [-1, 1.5, 366]) {
			expect(setDeadline(before, { workingDays }, NATIONAL_DAY, 10, ctx)).toMatchObject({ ok: false, problem: { code: 'rect.error.badWorkingDays' } });
		}
		expect(before).toMatchObject({ noticeDate: '2026-09-29', deadline: '2026-10-19' });
	});

	it('stores a working-day override before any notice without inventing a deadline', () => {
		const r = setDeadline(item('open'), { workingDays: 5 }, EMPTY_CALENDAR, 10, ctx);
		expect(r.ok && r.item).toMatchObject({ workingDays: 5 });
		expect(r.ok && r.item.deadline).toBeUndefined();
	});
});

describe('bulk edits', () => {
	it('applies a patch item by item, leaving a refused item untouched and reporting it with its 序号', () => {
		const open = item('open');
		const started = item('inProgress', { responsibleUnit: '办公室' });
		const closed = item('passed', { responsibleUnit: '原单位' });
		const r = bulkEdit([open, started, closed], { status: 'inProgress', responsibleUnit: ' 办公室 ', comment: '统一安排' }, ctx, EMPTY_CALENDAR, 10);
		expect(r.updated.map((u) => [u.id, u.status, u.responsibleUnit])).toEqual([[open.id, 'inProgress', '办公室']]);
		expect(r.updated[0]!.history).toEqual([{ at: ctx.now(), by: '复核员甲', from: 'open', to: 'inProgress', comment: '统一安排' }]);
		// Already in progress with the same unit: nothing to change, and no error either.
		expect(r.problems).toEqual([{ id: closed.id, seq: closed.seq, code: 'rect.error.closed', params: expect.objectContaining({ from: STATUS_LABEL.passed }) }]);
		expect(closed.responsibleUnit).toBe('原单位');
	});

	it('refuses 无法整改 without a reason for every item, and sets notice dates and deadlines for all', () => {
		const items = [item('open'), item('inProgress')];
		const noReason = bulkEdit(items, { status: 'cannotFix' }, ctx, EMPTY_CALENDAR, 10);
		expect(noReason.updated).toEqual([]);
		expect(noReason.problems.map((p) => [p.seq, p.code])).toEqual(items.map((i) => [i.seq, 'rect.error.reasonRequired']));

		const noticed = bulkEdit([item('open'), item('open', { workingDays: 3 })], { noticeDate: '2026-09-29' }, ctx, NATIONAL_DAY, 10);
		expect(noticed.problems).toEqual([]);
		expect(noticed.updated.map((u) => u.deadline)).toEqual(['2026-10-19', '2026-10-09']);
	});

	it('refuses the whole item when one part of the patch fails', () => {
		const a = item('open', { noticeDate: '2026-03-10' });
		const b = item('open');
		const r = bulkEdit([a, b], { responsibleUnit: '新单位', deadline: '2026-03-05' }, ctx, EMPTY_CALENDAR, 10);
		expect(r.problems.map((p) => [p.id, p.code])).toEqual([[a.id, 'rect.error.deadlineBeforeNotice']]);
		expect(r.updated.map((u) => [u.id, u.responsibleUnit, u.deadline])).toEqual([[b.id, '新单位', '2026-03-05']]);
	});
});
