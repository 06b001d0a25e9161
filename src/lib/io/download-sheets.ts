/**
 * The one path from sheets to a downloaded file: .xlsx (every sheet) or CSV (the first sheet). The Excel
 * and CSV writers load with `import()` only when someone exports.
 */
import type { Sheets } from '$lib/domain/framework/sheet';
import { downloadBlob } from './download';
import { IoError } from './errors';

export type SheetFormat = 'xlsx' | 'csv';

/** The file's bytes: write-excel-file for .xlsx; for CSV the first sheet, UTF-8 with BOM (see `sheetToCsv`). */
export async function sheetsToBlob(sheets: Sheets, format: SheetFormat): Promise<Blob> {
	if (format === 'xlsx') {
		const { writeSheetsToXlsx } = await import('./xlsx');
		return writeSheetsToXlsx(sheets);
	}
	const [first] = sheets;
	if (!first) throw new IoError('write-failed', 'no sheet to write as CSV');
	const { sheetToCsv } = await import('./csv');
	return new Blob([sheetToCsv(first)], { type: 'text/csv;charset=utf-8' });
}

/** `fileName` gets the format's extension unless it already ends with it; `downloadBlob` makes it safe. */
export function sheetsFileName(fileName: string, format: SheetFormat): string {
	const ext = `.${format}`;
	return fileName.toLowerCase().endsWith(ext) ? fileName : `${fileName}${ext}`;
}

export async function downloadSheets(sheets: Sheets, format: SheetFormat, fileName: string): Promise<void> {
	downloadBlob(await sheetsToBlob(sheets, format), sheetsFileName(fileName, format));
}
