import { addWorkingDays, localDate, type WorkCalendar } from '../calendar';
import { IsoDate, touch, type Context } from '../common';
import { MAX_RECTIFICATION_DAYS, WorkingDays, type Rectification, type RectificationStatus } from './schema';
import { allowedNext, canChange, reachable, STATUS_LABEL, statusList, type RectProblem } from './status';
import { HttpUrl } from '../target';

export { isOverdue, overdueWorkingDays, rectificationRate, rectificationRates, summarizeRectifications, type RectificationSummary } from './stats';
export { impactsByTarget, sortByImpact } from './impact';
export { allowedNext, NEXT_STATUSES, STATUS_LABEL, type RectProblem } from './status';

export type EditResult = { ok: true; item: Rectification } | { ok: false; problem: RectProblem };

export interface StatusChangeInput {
	comment?: string;
	/** Required (non-blank) for 无法整改. */
	reason?: string;
	/** 整改后链接, recorded with 已整改. */
	fixedUrl?: string;
	/** 复核时间 for 复核通过 / 复核未通过; defaults to the user's today. */
	recheckDate?: string;
}

const fail = (code: string, params: RectProblem['params'] = {}): EditResult => ({ ok: false, problem: { code, params } });

/**
 * Moves an item one step along the cycle (see `NEXT_STATUSES`) and records who did it, when and why in
 * its history. Refuses a step that is not next (naming the steps that are), 无法整改 without a reason and
 * a malformed 整改后链接; a re-check records its result, the re-checker (the acting user) and the date.
 */
export function changeStatus(item: Rectification, to: RectificationStatus, input: StatusChangeInput, ctx: Context): EditResult {
	const from = item.status;
	const labels = { from: STATUS_LABEL[from], to: STATUS_LABEL[to], allowed: statusList(allowedNext(from)) };
	if (from === to) return fail('rect.error.sameStatus', labels);
	if (!canChange(from, to)) {
		if (allowedNext(from).length === 0) return fail('rect.error.closed', labels);
		return fail(reachable(from, to) ? 'rect.error.skipStep' : 'rect.error.notAllowed', labels);
	}
	const comment = (input.comment ?? '').trim();
	if (comment.length > 2_000) return fail('rect.error.tooLong', { field: FIELD.comment, max: 2_000 });
	const next: Rectification = { ...item, status: to };

	if (to === 'cannotFix') {
		const reason = (input.reason ?? '').trim();
		if (reason === '') return fail('rect.error.reasonRequired');
		if (reason.length > 2_000) return fail('rect.error.tooLong', { field: FIELD.reason, max: 2_000 });
		next.reason = reason;
	}
	if (to === 'fixed' && input.fixedUrl !== undefined) {
		const url = input.fixedUrl.trim();
		if (url !== '' && !HttpUrl.safeParse(url).success) return fail('rect.error.badUrl', { value: url });
		next.fixedUrl = url;
	}
	if (from === 'fixed') {
		const date = input.recheckDate ?? localDate(ctx.now());
		if (!IsoDate.safeParse(date).success) return fail('rect.error.badDate', { value: date });
		next.recheckResult = to === 'passed' ? 'passed' : 'failed';
		next.rechecker = ctx.user;
		next.recheckDate = date;
	}
	next.history = [...item.history, { at: ctx.now(), by: ctx.user, from, to, comment }];
	return { ok: true, item: touch(next, ctx) };
}

const FIELD = {
	comment: { zh: '说明', en: 'Comment' },
	reason: { zh: '无法整改的原因', en: 'Reason' },
	responsibleUnit: { zh: '责任单位', en: 'Responsible unit' }
} as const;

export interface DeadlineInput {
	/** 通知日期 (the day the problem list was sent). */
	noticeDate?: string;
	/** Overrides the campaign's working-day count for this item. */
	workingDays?: number;
	/** An explicit 整改时限: used as given instead of a count. */
	deadline?: string;
}

/**
 * Sets an item's notice date and deadline. With an explicit deadline that date is used as given;
 * otherwise deadline = notice date + the item's working days (its own override, else `defaultDays`),
 * counted on the calendar. Without a notice date only the working-day override is stored. A deadline
 * before the notice date is refused.
 */
export function setDeadline(item: Rectification, input: DeadlineInput, calendar: WorkCalendar, defaultDays: number, ctx: Context): EditResult {
	for (const date of [input.noticeDate, input.deadline]) {
		if (date !== undefined && !IsoDate.safeParse(date).success) return fail('rect.error.badDate', { value: date });
	}
	if (input.workingDays !== undefined && !WorkingDays.safeParse(input.workingDays).success)
		return fail('rect.error.badWorkingDays', { value: String(input.workingDays), max: MAX_RECTIFICATION_DAYS });
	const noticeDate = input.noticeDate ?? item.noticeDate;
	const workingDays = input.workingDays ?? item.workingDays;
	let deadline = item.deadline;
	if (input.deadline !== undefined) deadline = input.deadline;
	else if (noticeDate !== undefined) deadline = addWorkingDays(noticeDate, workingDays ?? defaultDays, calendar);
	if (noticeDate !== undefined && deadline !== undefined && deadline < noticeDate) return fail('rect.error.deadlineBeforeNotice', { deadline, noticeDate });
	const next: Rectification = { ...item };
	if (noticeDate !== undefined) next.noticeDate = noticeDate;
	if (workingDays !== undefined) next.workingDays = workingDays;
	if (deadline !== undefined) next.deadline = deadline;
	return { ok: true, item: touch(next, ctx) };
}

export interface BulkPatch {
	responsibleUnit?: string;
	noticeDate?: string;
	workingDays?: number;
	deadline?: string;
	status?: RectificationStatus;
	/** Comment and reason for the status change. */
	comment?: string;
	reason?: string;
}

export interface BulkProblem extends RectProblem {
	id: string;
	seq: number;
}

export interface BulkResult {
	/** Items that changed (ready to save); refused and unchanged items are not in it. */
	updated: Rectification[];
	problems: BulkProblem[];
}

/**
 * Applies one patch to many items with the same rules as a single edit. Each item is all or nothing: an
 * item with a problem is left exactly as it was and its problem is reported with its 序号. An item
 * already in the requested status is not an error here (selecting a few that are done is normal).
 */
export function bulkEdit(items: Rectification[], patch: BulkPatch, ctx: Context, calendar: WorkCalendar, defaultDays: number): BulkResult {
	const updated: Rectification[] = [];
	const problems: BulkProblem[] = [];
	for (const original of items) {
		const r = bulkOne(original, patch, ctx, calendar, defaultDays);
		if (!r.ok) problems.push({ id: original.id, seq: original.seq, ...r.problem });
		else if (r.item !== original) updated.push(r.item);
	}
	return { updated, problems };
}

function bulkOne(original: Rectification, patch: BulkPatch, ctx: Context, calendar: WorkCalendar, defaultDays: number): EditResult {
	let item = original;
	if (patch.responsibleUnit !== undefined) {
		const unit = patch.responsibleUnit.trim();
		if (unit.length > 200) return fail('rect.error.tooLong', { field: FIELD.responsibleUnit, max: 200 });
		if (unit !== item.responsibleUnit) item = touch({ ...item, responsibleUnit: unit }, ctx);
	}
	if (patch.noticeDate !== undefined || patch.workingDays !== undefined || patch.deadline !== undefined) {
		const r = setDeadline(item, { noticeDate: patch.noticeDate, workingDays: patch.workingDays, deadline: patch.deadline }, calendar, defaultDays, ctx);
		if (!r.ok) return r;
		const same = r.item.noticeDate === item.noticeDate && r.item.workingDays === item.workingDays && r.item.deadline === item.deadline;
		if (!same) item = r.item;
	}
	if (patch.status !== undefined && patch.status !== item.status) {
		const r = changeStatus(item, patch.status, { comment: patch.comment, reason: patch.reason }, ctx);
		if (!r.ok) return r;
		item = r.item;
	}
	return { ok: true, item };
}
