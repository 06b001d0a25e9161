import type { Document } from 'docx';
import type { ReportScreenshot } from '$lib/domain/results';
import type { EmbeddableImage } from './image';
import { screenshotFigures } from './report-docx-figures';
import {
	body,
	codeTitle,
	dataTable,
	flush,
	formatDate,
	itemNumber,
	reportDocument,
	signature,
	TEXT_WIDTH,
	titleParagraph,
	urlInline,
	type CellContent,
	type Column,
	type DocxText
} from './report-docx-common';

export interface NoticeItem {
	/** 1, 2, 3 … within this notice. */
	seq: number;
	code: string;
	title: string;
	description: string;
	evidenceUrls: string[];
	/** Screenshots of the item's finding, shown as figures after the letter. */
	screenshots: ReportScreenshot[];
	/** 依据 as printed: document and item. */
	basis: string;
	pointsLost: number | null;
	veto: boolean;
	deadline?: string;
}

export interface NoticeInput {
	targetName: string;
	/** 主送: the unit the notice is addressed to (the target's owner unit, else its name). */
	addressee: string;
	campaignTitle: string;
	frameworkTitle: string;
	monitoringPoint: string;
	issuer: string;
	date?: string;
	contact: string;
	/** What the unit is asked to fix. */
	items: NoticeItem[];
	/** Said under the demand when a deadline was counted across a year without a holiday arrangement; '' or absent otherwise. */
	calendarNote?: string;
	/** Problems the unit has shown cannot be fixed: named after the table, not asked for. */
	cannotFix: { code: string; title: string; description: string; reason: string }[];
}

/** Table text: 五号, in half-points. */
const TABLE_SIZE = 21;
/**
 * Column widths in twips. Table text is 五号 (210 twips a character, half that for a digit) inside 160 of cell
 * margins: 序号 fits its header, 依据 "国办秘函〔2019〕19号 2.1.2" takes two lines (an office suite breaks even
 * inside numbers when a column is narrower), 整改时限 "2026年11月" / "19日", and 问题描述 has all the rest, the most.
 */
const WIDTHS = { seq: 600, indicator: 1150, evidence: 1300, basis: 1900, deadline: 1250 };

/** 整改通知: the problems of one target as a document its office can act on (criteria §7.1, §7.3). */
export function rectificationNoticeDocument(input: NoticeInput, text: DocxText, images: ReadonlyMap<string, EmbeddableImage> = new Map()): Document {
	const t = text.t;
	const deadlines = input.items.map((i) => i.deadline).filter((d): d is string => Boolean(d)).sort();
	const latest = deadlines[deadlines.length - 1];
	// One deadline for every item is said once, in the demand under the table; 问题描述 then has the column's width too.
	const ownDeadlines = new Set(input.items.map((i) => i.deadline ?? '')).size > 1;
	const fixed = [WIDTHS.seq, WIDTHS.indicator, WIDTHS.evidence, WIDTHS.basis, ...(ownDeadlines ? [WIDTHS.deadline] : [])];
	// Weights in twips that add up to the text width are the widths themselves.
	const columns: [Column, (i: NoticeItem) => CellContent][] = [
		[{ header: t('notice.colSeq'), weight: WIDTHS.seq, align: 'center' }, (i) => String(i.seq)],
		[{ header: t('notice.colIndicator'), weight: WIDTHS.indicator }, (i) => `${i.code} ${i.title}`],
		[{ header: t('notice.colProblem'), weight: TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0) }, (i) => problem(i, text)],
		[{ header: t('notice.colEvidence'), weight: WIDTHS.evidence }, (i) => (i.evidenceUrls.length > 0 ? i.evidenceUrls.map((u) => urlInline(u, { size: TABLE_SIZE })) : '')],
		[{ header: t('notice.colBasis'), weight: WIDTHS.basis }, (i) => i.basis]
	];
	if (ownDeadlines) columns.push([{ header: t('notice.colDeadline'), weight: WIDTHS.deadline, align: 'center' }, (i) => (i.deadline ? formatDate(i.deadline, text) : '')]);
	const children = [
		titleParagraph(t('notice.title', { target: input.targetName })),
		flush(t('notice.addressee', { unit: input.addressee })),
		body(t('notice.intro', { campaign: input.campaignTitle, framework: input.frameworkTitle, point: formatDate(input.monitoringPoint, text), count: input.items.length })),
		dataTable(
			columns.map(([c]) => c),
			input.items.map((i) => columns.map(([, cell]) => cell(i))),
			{ size: TABLE_SIZE }
		),
		...cannotFix(input, text),
		body(latest ? t('notice.demandDeadline', { deadline: formatDate(latest, text) }) : t('notice.demand')),
		...(input.calendarNote ? [body(t('notice.calendarNote', { note: input.calendarNote }))] : []),
		...(input.contact ? [body(t('notice.contact', { contact: input.contact }))] : []),
		...signature([input.issuer, input.date ? formatDate(input.date, text) : ''].filter(Boolean)),
		...screenshotFigures(
			input.items.map((i) => ({ label: `${i.seq}．${i.code} ${i.title}`, screenshots: i.screenshots })),
			t('notice.figures'),
			text,
			images
		)
	];
	return reportDocument({ title: t('notice.title', { target: input.targetName }), description: input.campaignTitle, locale: text.locale, children });
}

/** 问题描述 with what it costs: the veto, or the points lost (written as the 整改清单 screen shows them). */
function problem(i: NoticeItem, text: DocxText): string {
	if (i.veto) return `${i.description}（${text.t('notice.veto')}）`;
	return i.pointsLost !== null && i.pointsLost > 0 ? `${i.description}（${text.t('notice.lost', { points: text.score(i.pointsLost) })}）` : i.description;
}

/** After the table: the problems the unit has shown cannot be fixed, with its reasons, so it is not asked again. */
function cannotFix(input: NoticeInput, text: DocxText) {
	if (input.cannotFix.length === 0) return [];
	return [
		body(text.t('notice.cannotFix', { count: input.cannotFix.length })),
		...input.cannotFix.map((c, i) =>
			body(
				itemNumber(i + 1, text) +
					text.t('notice.cannotFixLine', { indicator: codeTitle(c.code, c.title), description: c.description }) +
					(c.reason.trim() ? text.t('notice.cannotFixReason', { reason: c.reason.trim() }) : '')
			)
		)
	];
}
