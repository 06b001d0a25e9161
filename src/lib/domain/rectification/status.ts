import type { LocalText } from '../common';
import type { RectificationStatus } from './schema';

/**
 * The 整改 cycle (criteria §7.1): 未整改 → 整改中 → 已整改（待复核） → 复核通过 (销号) or 复核未通过 → 整改中 again.
 * 无法整改 can be declared before or during the work and reopened; 复核通过 is final. 无需整改 is set only by
 * the generator (the finding was resolved) and can be reopened by hand.
 */
export const NEXT_STATUSES: Readonly<Record<RectificationStatus, readonly RectificationStatus[]>> = {
	open: ['inProgress', 'cannotFix'],
	inProgress: ['fixed', 'cannotFix'],
	fixed: ['passed', 'failed'],
	passed: [],
	failed: ['inProgress'],
	cannotFix: ['inProgress'],
	notApplicable: ['open']
};

/** Statuses in which an item still has to be worked on by the unit: they can be overdue. */
export const ACTIVE_STATUSES: readonly RectificationStatus[] = ['open', 'inProgress', 'failed'];

export const STATUS_ORDER: readonly RectificationStatus[] = ['open', 'inProgress', 'fixed', 'passed', 'failed', 'cannotFix', 'notApplicable'];

/** Labels as message params, so a problem renders without a lookup (the same texts as the `rect.status.*` keys). */
export const STATUS_LABEL: Readonly<Record<RectificationStatus, LocalText>> = {
	open: { zh: '未整改', en: 'Open' },
	inProgress: { zh: '整改中', en: 'In progress' },
	fixed: { zh: '已整改（待复核）', en: 'Fixed (awaiting re-check)' },
	passed: { zh: '复核通过', en: 'Re-check passed' },
	failed: { zh: '复核未通过', en: 'Re-check failed' },
	cannotFix: { zh: '无法整改', en: 'Cannot be fixed' },
	notApplicable: { zh: '无需整改', en: 'Not applicable' }
};

export function allowedNext(from: RectificationStatus): readonly RectificationStatus[] {
	return NEXT_STATUSES[from];
}

export function canChange(from: RectificationStatus, to: RectificationStatus): boolean {
	return NEXT_STATUSES[from].includes(to);
}

/** Whether `to` can be reached from `from` in more than one step: the request skipped a step. */
export function reachable(from: RectificationStatus, to: RectificationStatus): boolean {
	const seen = new Set<RectificationStatus>([from]);
	const queue = [from];
	while (queue.length > 0) {
		for (const next of NEXT_STATUSES[queue.shift()!]) {
			if (next === to) return true;
			if (!seen.has(next)) {
				seen.add(next);
				queue.push(next);
			}
		}
	}
	return false;
}

/** A list of statuses as one localised param: "整改中、无法整改" / "In progress, Cannot be fixed". */
export function statusList(statuses: readonly RectificationStatus[]): LocalText {
	return {
		zh: statuses.map((s) => STATUS_LABEL[s].zh).join('、'),
		en: statuses.map((s) => STATUS_LABEL[s].en ?? STATUS_LABEL[s].zh).join(', ')
	};
}

/** A refusal shown to the user: an i18n key (`rect.error.*`) and its params. */
export interface RectProblem {
	code: string;
	params: Record<string, string | number | LocalText | null>;
}
