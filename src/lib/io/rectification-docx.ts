import type { Document } from 'docx';
import type { ReportScreenshot } from '$lib/domain/results';
import type { EmbeddableImage } from './image';
import { screenshotFigures } from './report-docx-figures';
import {
	body,
	dataTable,
	flush,
	formatDate,
	formatNumber,
	reportDocument,
	signature,
	titleParagraph,
	urlInline,
	type CellContent,
	type DocxText
} from './report-docx-common';

export interface NoticeItem {
	seq: number;
	code: string;
	title: string;
	description: string;
	evidenceUrls: string[];
	/** Screenshots of the item's finding, shown as figures after the letter. */
	screenshots: ReportScreenshot[];
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
	items: NoticeItem[];
}

/** 整改通知: the problems of one target as a document its office can act on (criteria §7.1, §7.3). */
export function rectificationNoticeDocument(input: NoticeInput, text: DocxText, images: ReadonlyMap<string, EmbeddableImage> = new Map()): Document {
	const t = text.t;
	const deadlines = input.items.map((i) => i.deadline).filter((d): d is string => Boolean(d)).sort();
	const latest = deadlines[deadlines.length - 1];
	const rows: CellContent[][] = input.items.map((i) => [
		String(i.seq),
		`${i.code} ${i.title}`,
		i.veto ? `${i.description}（${t('notice.veto')}）` : i.pointsLost !== null && i.pointsLost > 0 ? `${i.description}（${t('notice.lost', { points: formatNumber(i.pointsLost) })}）` : i.description,
		i.evidenceUrls.length > 0 ? i.evidenceUrls.map((u) => urlInline(u)) : '',
		i.basis,
		i.deadline ? formatDate(i.deadline, text) : ''
	]);
	const children = [
		titleParagraph(t('notice.title', { target: input.targetName })),
		flush(t('notice.addressee', { unit: input.addressee })),
		body(t('notice.intro', { campaign: input.campaignTitle, framework: input.frameworkTitle, point: formatDate(input.monitoringPoint, text), count: input.items.length })),
		dataTable(
			[
				{ header: t('notice.colSeq'), weight: 6, align: 'center' },
				{ header: t('notice.colIndicator'), weight: 18 },
				{ header: t('notice.colProblem'), weight: 32 },
				{ header: t('notice.colEvidence'), weight: 20 },
				{ header: t('notice.colBasis'), weight: 14 },
				{ header: t('notice.colDeadline'), weight: 10 }
			],
			rows,
			{ size: 21 }
		),
		body(latest ? t('notice.demandDeadline', { deadline: formatDate(latest, text) }) : t('notice.demand')),
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
