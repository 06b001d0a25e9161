import type { Document } from 'docx';
import { cellText, type CheckSheet } from '$lib/domain/annual-report';
import { dataTable, fieldTable, heading1, reportDocument, spacer, titleParagraph, type Column, type DocxText } from './report-docx-common';

/** Table text: 小五 in half-points, so a 2021 table 三's nine columns fit the page's width. */
const TABLE_SIZE = 18;

/** 年报检查单: the check sheet of one report as Word, the strings of `checkSheet` as they are. */
export function checkSheetDocument(sheet: CheckSheet, text: DocxText): Document {
	const t = text.t;
	const ruleColumns: Column[] = [
		{ header: t('annualReport.sheet.seq'), weight: 5, align: 'center' },
		{ header: t('annualReport.sheet.kind'), weight: 10 },
		{ header: t('annualReport.sheet.formula'), weight: 32 },
		{ header: t('annualReport.sheet.status'), weight: 9, align: 'center' },
		{ header: t('annualReport.sheet.evidence'), weight: 44 }
	];
	const children = [
		titleParagraph(sheet.title),
		fieldTable(sheet.facts),
		spacer(),
		heading1(t('annualReport.sheet.rules')),
		dataTable(
			ruleColumns,
			sheet.rules.map((r) => [String(r.seq), r.kind, r.formula, r.statusText, r.evidence]),
			{ size: TABLE_SIZE }
		),
		...sheet.tables.flatMap((table) => [
			spacer(),
			heading1(table.title),
			dataTable(
				// Row labels are long and wrap; the numbers' headers need two characters' width not to stack one a line.
				table.header.map((header, i): Column => (i === 0 ? { header, weight: 3 } : { header, weight: 1, align: 'center' })),
				table.rows.map((row) => row.map(cellText)),
				{ size: TABLE_SIZE }
			)
		])
	];
	return reportDocument({ title: sheet.title, description: sheet.title, locale: text.locale, children });
}
