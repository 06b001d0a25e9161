/**
 * .xlsx through write-excel-file / read-excel-file, both loaded with `import()` on first use. The
 * conversions between `Sheets` and the libraries' row formats are pure functions, tested in node.
 * Note: read-excel-file/browser unzips in a Web Worker made from a Blob URL, so a Content-Security-Policy
 * must allow `worker-src blob:`.
 */
import type { Cell, Row, Sheet, Sheets } from '$lib/domain/framework/sheet';
import { describeError } from '$lib/domain/errors';
import { IoError, fileDetails } from './errors';
import { checkSize } from './read-file';

/** What write-excel-file's multi-sheet call takes (kept structural so the library types load lazily). */
export interface XlsxSheetData {
	sheet: string;
	data: (XlsxCell | null)[][];
	columns: { width: number }[];
	stickyRowsCount: number;
}
export type XlsxCell =
	| { value: string; type: StringConstructor; fontWeight?: 'bold'; wrap?: boolean; alignVertical?: 'top' }
	| { value: number; type: NumberConstructor; format?: string; fontWeight?: 'bold'; alignVertical?: 'top' };

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Display width in Excel's character units: CJK and full-width characters take two. */
function displayWidth(s: string): number {
	let w = 0;
	for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
	return w;
}

function columnWidths(rows: Row[]): number[] {
	const widths: number[] = [];
	for (const row of rows) {
		row.forEach((cell, i) => {
			if (cell === null) return;
			const longest = (typeof cell === 'object' ? cell.text : String(cell))
				.split('\n')
				.reduce((m, line) => Math.max(m, displayWidth(line)), 0);
			widths[i] = Math.max(widths[i] ?? MIN_WIDTH, Math.min(MAX_WIDTH, longest + 2));
		});
	}
	return Array.from({ length: widths.length }, (_, i) => widths[i] ?? MIN_WIDTH);
}

/** Header row bold and frozen, numbers as numbers, long or multi-line text wrapped within capped widths. */
export function toXlsxSheets(sheets: Sheets): XlsxSheetData[] {
	return sheets.map((s) => {
		const widths = columnWidths(s.rows);
		return {
			sheet: s.name,
			stickyRowsCount: 1,
			columns: widths.map((width) => ({ width })),
			data: s.rows.map((row, r) =>
				row.map((cell, c): XlsxCell | null => {
					const bold = r === 0 ? { fontWeight: 'bold' as const } : {};
					if (cell === null || cell === '') return null;
					if (typeof cell === 'number') return { value: cell, type: Number, alignVertical: 'top', ...bold };
					if (typeof cell === 'object') return { value: cell.value, type: Number, format: cell.format, alignVertical: 'top', ...bold };
					const wrap = cell.includes('\n') || displayWidth(cell) > (widths[c] ?? MAX_WIDTH);
					return { value: cell, type: String, alignVertical: 'top', ...(wrap ? { wrap: true } : {}), ...bold };
				})
			)
		};
	});
}

type ReadValue = string | number | boolean | Date | null | undefined | object;

/** Library cells → `Cell`: booleans as "true"/"false", dates as YYYY-MM-DD (or a full ISO time when not midnight). */
export function fromXlsxCell(v: ReadValue): Cell {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'string' || typeof v === 'number') return v;
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (v instanceof Date) {
		const iso = v.toISOString();
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
	}
	return String(v);
}

export function fromXlsxSheets(raw: { sheet: string; data: ReadValue[][] }[]): Sheets {
	return raw.map((s): Sheet => ({ name: s.sheet, rows: s.data.map((row) => row.map(fromXlsxCell)) }));
}

export async function writeSheetsToXlsx(sheets: Sheets): Promise<Blob> {
	try {
		const { default: writeXlsxFile } = await import('write-excel-file/browser');
		return await writeXlsxFile(toXlsxSheets(sheets) as Parameters<typeof writeXlsxFile>[0]).toBlob();
	} catch (e) {
		throw new IoError('write-failed', describeError(e), { cause: e });
	}
}

/** Every sheet of an .xlsx file with its name; text is not trimmed here (the domain decides). Over 20 MB is refused unread. */
export async function readXlsxSheets(file: File | Blob): Promise<Sheets> {
	checkSize(file);
	let raw;
	try {
		const { default: readXlsxFile } = await import('read-excel-file/browser');
		raw = await readXlsxFile(file, { trim: false });
	} catch (e) {
		const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
		throw new IoError(code === 'XLS_FILE_NOT_SUPPORTED' ? 'xls-not-supported' : 'xlsx-invalid', { ...fileDetails(file), text: describeError(e) }, { cause: e });
	}
	return fromXlsxSheets(raw as { sheet: string; data: ReadValue[][] }[]);
}
