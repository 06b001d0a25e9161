import { campaignTableSheet, checkSheet, checkSheetSheets, type CampaignReportTable, type CheckSheetInput } from '$lib/domain/annual-report';
import { t as tKey, type MessageKey } from '$lib/i18n/index.svelte';
import { docxText } from './exports';

/** The i18n function as the annual-report domain takes it (domain/ has no i18n). */
export const annualWords = (key: string, params?: Record<string, string | number>) => tKey(key as MessageKey, params ?? {});

export type SheetKind = 'docx' | 'xlsx' | 'csv';

/** 年报检查单 of one report: Word, Excel (all sheets) or CSV (the rules), from the one `checkSheet` text. */
export async function exportCheckSheet(input: CheckSheetInput, kind: SheetKind): Promise<void> {
	const sheet = checkSheet(input, annualWords);
	const name = `${tKey('annualReport.sheet.file')}-${input.targetName}-${input.report.year}`;
	if (kind === 'docx') {
		const [docx, { checkSheetDocument }, { downloadBlob, safeFileName }] = await Promise.all([import('$lib/io/report-docx'), import('$lib/io/annual-report-docx'), import('$lib/io/download')]);
		downloadBlob(await docx.toDocxBlob(checkSheetDocument(sheet, docxText(String))), safeFileName(`${name}.docx`));
		return;
	}
	const { downloadSheets } = await import('$lib/io/download-sheets');
	const sheets = checkSheetSheets(sheet, annualWords);
	await downloadSheets(kind === 'xlsx' ? sheets : sheets.slice(0, 1), kind, name);
}

/** The campaign's table of reports as Excel or CSV, the same text as the screen. */
export async function exportCampaignTable(table: CampaignReportTable, kind: 'xlsx' | 'csv', campaignTitle: string): Promise<void> {
	const { downloadSheets } = await import('$lib/io/download-sheets');
	await downloadSheets([campaignTableSheet(table, annualWords)], kind, `${campaignTitle}-${tKey('annualReport.table.file')}`);
}
