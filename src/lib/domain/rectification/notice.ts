import type { LocalText } from '../common';
import { listIndicators, type Framework, type Indicator } from '../framework/schema';
import type { Rectification } from './schema';

/** One item as a 整改通知 prints it. */
export interface NoticeLine {
	item: Rectification;
	/** 1, 2, 3 … within the notice: the list's own 序号 runs across the whole campaign. */
	seq: number;
	code: string;
	title: LocalText | undefined;
	/** 依据 as document and item (see `noticeBasis`). */
	basis: string;
}

export interface NoticeLines {
	/** Listed under 请逐项整改, in the order given. */
	toFix: NoticeLine[];
	/** Marked 无法整改 (with the unit's reason): named apart, never asked to be fixed. */
	cannotFix: NoticeLine[];
}

/** Statuses that leave nothing to ask of the unit: the problem went away, or the fix passed its recheck. */
const SETTLED = new Set<Rectification['status']>(['notApplicable', 'passed']);

/**
 * What one target's 整改通知 lists, from its items in list order: the items still to fix, numbered from 1, and
 * apart from them the items its unit has shown cannot be fixed. Settled items are left out.
 */
export function noticeLines(fw: Framework, items: Rectification[]): NoticeLines {
	const indicators = new Map(listIndicators(fw).map((e) => [e.indicator.id, e.indicator]));
	const line = (item: Rectification, i: number): NoticeLine => {
		const indicator = indicators.get(item.indicatorId);
		return { item, seq: i + 1, code: indicator?.code ?? item.indicatorId, title: indicator?.title, basis: noticeBasis(fw, indicator, item.basis) };
	};
	const open = items.filter((r) => !SETTLED.has(r.status));
	return {
		toFix: open.filter((r) => r.status !== 'cannotFix').map(line),
		cannotFix: open.filter((r) => r.status === 'cannotFix').map(line)
	};
}

/**
 * 依据 in a notice: the document and the item, e.g. "国办秘函〔2019〕19号 2.1.2". An item whose basis is still the
 * framework's own and cites the framework's source document (by its 文号) is printed as that 文号 and the
 * indicator's code, since the framework's sections follow the document; a basis citing another text, or one
 * people wrote on the item, is printed as written.
 */
export function noticeBasis(fw: Framework, indicator: Indicator | undefined, basis: string): string {
	const docNo = fw.source.docNo?.trim();
	const written = basis.trim();
	if (!indicator || !docNo || written !== (indicator.basis ?? '').trim() || !written.startsWith(docNo)) return written;
	return `${docNo} ${indicator.code}`;
}
