import { workingDaysBetween, type WorkCalendar } from '../calendar';
import type { Rectification, RectificationStatus } from './schema';
import { ACTIVE_STATUSES, STATUS_ORDER } from './status';

/**
 * 逾期: the deadline has passed (the deadline day itself still counts as in time) and the unit still
 * owes work: 未整改, 整改中 or 复核未通过. Items without a deadline are never overdue.
 */
export function isOverdue(item: Pick<Rectification, 'deadline' | 'status'>, today: string): boolean {
	return item.deadline !== undefined && item.deadline < today && ACTIVE_STATUSES.includes(item.status);
}

/** How many working days past its deadline an overdue item is ("逾期 3 个工作日"); 0 when not overdue. */
export function overdueWorkingDays(item: Pick<Rectification, 'deadline' | 'status'>, today: string, calendar: WorkCalendar): number {
	return isOverdue(item, today) ? workingDaysBetween(item.deadline!, today, calendar) : 0;
}

export interface RectificationSummary {
	/** Items of every status. */
	total: number;
	/** Items that still call for rectification: all but 无需整改. */
	applicable: number;
	counts: Record<RectificationStatus, number>;
	/** 整改率 = 复核通过 / applicable; null when nothing applies. */
	rate: number | null;
	/** (复核通过 + 已整改待复核) / applicable: what the units report as done, before re-check; null when nothing applies. */
	reportedRate: number | null;
	/** Overdue items, when `today` was given (else 0). */
	overdue: number;
	vetoOpen: number;
}

const zeroCounts = (): Record<RectificationStatus, number> => Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<RectificationStatus, number>;

/**
 * Counts and rates of a list of items. 整改率 counts only re-checked items as rectified (销号 after
 * 复核通过, criteria §7.1: an item without a passed re-check is not fixed); 无法整改 stays in the
 * denominator; 无需整改 is left out. `vetoOpen` counts veto items not yet passed (they decide a grade).
 */
export function summarizeRectifications(items: Rectification[], today?: string): RectificationSummary {
	const counts = zeroCounts();
	let overdue = 0;
	let vetoOpen = 0;
	for (const r of items) {
		counts[r.status]++;
		if (today !== undefined && isOverdue(r, today)) overdue++;
		if (r.veto && r.status !== 'passed' && r.status !== 'notApplicable') vetoOpen++;
	}
	const applicable = items.length - counts.notApplicable;
	return {
		total: items.length,
		applicable,
		counts,
		rate: applicable > 0 ? counts.passed / applicable : null,
		reportedRate: applicable > 0 ? (counts.passed + counts.fixed) / applicable : null,
		overdue,
		vetoOpen
	};
}

/** 整改率 alone: 复核通过 / (all − 无需整改), or null when nothing applies. */
export function rectificationRate(items: Rectification[]): number | null {
	return summarizeRectifications(items).rate;
}

/** The summary for all items, per target and per campaign (keys in first-seen order). */
export function rectificationRates(items: Rectification[], today?: string) {
	const group = (key: (r: Rectification) => string) => {
		const m = new Map<string, Rectification[]>();
		for (const r of items) {
			const k = key(r);
			const list = m.get(k);
			if (list) list.push(r);
			else m.set(k, [r]);
		}
		return new Map([...m].map(([k, list]) => [k, summarizeRectifications(list, today)]));
	};
	return {
		overall: summarizeRectifications(items, today),
		byTarget: group((r) => r.targetId),
		byCampaign: group((r) => r.campaignId)
	};
}
