import { localText, type LocalText } from '../common';
import type { Sheet, Sheets } from '../framework/sheet';
import { listIndicators, type Framework } from '../framework/schema';
import type { Rectification, RectificationStatus } from './schema';
import type { Target } from '../target';
import { isOverdue } from './stats';

/** Column headers in the order of the 整改清单 columns (criteria §7.3), supplied in the UI language. */
export interface RectificationLabels {
	locale: string;
	sheet: string;
	headers: {
		seq: string;
		target: string;
		code: string;
		indicator: string;
		description: string;
		evidence: string;
		basis: string;
		pointsLost: string;
		veto: string;
		suggestion: string;
		unit: string;
		person: string;
		noticeDate: string;
		deadline: string;
		status: string;
		fixedUrl: string;
		proof: string;
		recheck: string;
		rechecker: string;
		recheckDate: string;
		remarks: string;
	};
	status: Record<RectificationStatus, string>;
	recheck: { passed: string; failed: string };
	yes: string;
	/** Added to the status of an item past its deadline, e.g. "（逾期）". */
	overdue: string;
	/** The user's today (YYYY-MM-DD), to flag overdue items. */
	today: string;
	/** Added to a deadline counted across a year without a holiday arrangement, e.g. "（2027 年的节假日安排未录入…）"; '' otherwise. */
	deadlineNote?: (item: Rectification) => string;
}

const TARGET_COLUMN = 1;

function rows(fw: Framework, items: Rectification[], targets: Target[], labels: RectificationLabels): Sheet['rows'] {
	const h = labels.headers;
	const names = new Map(targets.map((t) => [t.id, t.name]));
	const indicators = new Map(listIndicators(fw).map((e) => [e.indicator.id, e.indicator]));
	const text = (v: LocalText | undefined) => localText(v, labels.locale === 'en' ? 'en' : 'zh-CN');
	const head = [h.seq, h.target, h.code, h.indicator, h.description, h.evidence, h.basis, h.pointsLost, h.veto, h.suggestion, h.unit, h.person, h.noticeDate, h.deadline, h.status, h.fixedUrl, h.proof, h.recheck, h.rechecker, h.recheckDate, h.remarks];
	return [
		head,
		...items.map((r) => {
			const ind = indicators.get(r.indicatorId);
			return [
				r.seq,
				names.get(r.targetId) ?? '',
				ind?.code ?? r.indicatorId,
				text(ind?.title),
				r.description,
				r.evidenceUrls.join('\n'),
				r.basis,
				r.pointsLost,
				r.veto ? labels.yes : '',
				r.suggestion,
				r.responsibleUnit,
				r.responsiblePerson,
				r.noticeDate ?? '',
				r.deadline === undefined ? '' : r.deadline + (labels.deadlineNote?.(r) ?? ''),
				labels.status[r.status] + (isOverdue(r, labels.today) ? labels.overdue : ''),
				r.fixedUrl,
				r.proof,
				r.recheckResult ? labels.recheck[r.recheckResult] : '',
				r.rechecker,
				r.recheckDate ?? '',
				r.remarks
			];
		})
	];
}

/** The whole campaign: one flat sheet with a target column, then one sheet per target (without it). */
export function rectificationSheets(fw: Framework, items: Rectification[], targets: Target[], labels: RectificationLabels): Sheets {
	const flat: Sheet = { name: labels.sheet, rows: rows(fw, items, targets, labels) };
	const used = new Set([flat.name]);
	const perTarget = targets
		.filter((t) => items.some((r) => r.targetId === t.id))
		.map((t): Sheet => {
			// Excel sheet names: at most 31 characters, no []:*?/\ and unique.
			let name = t.name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || 'sheet';
			for (let n = 2; used.has(name); n++) name = `${name.slice(0, 26)}(${n})`;
			used.add(name);
			const own = rows(fw, items.filter((r) => r.targetId === t.id), targets, labels);
			return { name, rows: own.map((row) => row.filter((_, i) => i !== TARGET_COLUMN)) };
		});
	return [flat, ...perTarget];
}
