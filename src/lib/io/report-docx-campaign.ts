/** The campaign 通报 in Word: the blocks of `campaignNotice`, laid out as a 公文. */
import type { Document, Paragraph, Table } from 'docx';
import { campaignNotice, noticeTitle, type CampaignReport, type NoticeBlock, type NoticeRun } from '$lib/domain/results';
import {
	body,
	bold,
	cleanLine,
	dataTable,
	flush,
	heading1,
	heading2,
	reportDocument,
	signature,
	spacer,
	subtitleParagraph,
	titleParagraph,
	type DocxText,
	type Inline
} from './report-docx-common';

const runs = (list: NoticeRun[]): (string | Inline[])[] => list.map((r) => (typeof r === 'string' ? r : bold(r.bold)));

function render(block: NoticeBlock): (Paragraph | Table)[] {
	switch (block.kind) {
		case 'title':
			return [titleParagraph(block.text)];
		case 'subtitle':
			return [subtitleParagraph(block.text)];
		case 'heading1':
			return [heading1(block.text)];
		case 'heading2':
			return [heading2(block.text)];
		case 'paragraph':
			return [block.flush ? flush(...runs(block.runs)) : body(...runs(block.runs))];
		case 'table':
			return [dataTable(block.columns, block.rows), spacer()];
		case 'signature':
			return signature(block.lines);
	}
}

export function campaignReportDocument(report: CampaignReport, text: DocxText): Document {
	return reportDocument({
		title: noticeTitle(report, text),
		description: cleanLine(report.campaignTitle),
		locale: text.locale,
		children: campaignNotice(report, text).flatMap(render)
	});
}
