/**
 * CSV holds one sheet: for frameworks, only the indicator sheet (指标). On import the framework info,
 * grades, categories and section metadata therefore come from `SheetImportOptions.base` (the framework
 * being edited); without a base, `sheetsToFramework` reports the missing sheets.
 *
 * papaparse is imported statically: this module is itself loaded with `import()` where it is used, so it
 * stays out of the initial bundle while `sheetToCsv` / `parseCsv` can stay synchronous.
 */
import Papa from 'papaparse';
import type { Cell, Sheet } from '$lib/domain/framework/sheet';
import { IoError } from './errors';

const BOM = '\uFEFF';

/**
 * UTF-8 with BOM (so Excel reads Chinese), CRLF line ends. Text cells go through `formulaSafe`; number cells
 * (numbers and fixed-decimal numbers, whose text may be "-5.0") are written as they are.
 */
export function sheetToCsv(sheet: Sheet): string {
	const rows = sheet.rows.map((r) => r.map((c) => (c === null ? '' : typeof c === 'object' ? c.text : typeof c === 'number' ? String(c) : formulaSafe(c))));
	return BOM + Papa.unparse(rows, { newline: '\r\n' });
}

/** A signed decimal written as text: a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Text starting with = + - @, tab or CR gets a leading "'" so a spreadsheet does not run it as a formula,
 * whatever follows, line breaks included (papaparse's own `escapeFormulae` test misses a multi-line cell);
 * `parseCsv` removes the prefix again.
 */
export function formulaSafe(text: string): string {
	return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Parses CSV text (comma, tab or semicolon separated) into one sheet; empty cells become null. */
export function parseCsv(text: string, name = '指标'): Sheet {
	const source = text.replace(/^\uFEFF/, '');
	const result = Papa.parse<string[]>(source, { delimiter: guessDelimiter(source), skipEmptyLines: false });
	const quote = result.errors.find((e) => e.type === 'Quotes');
	if (quote) throw new IoError('csv-invalid', { row: (quote.row ?? 0) + 1, text: quote.code });
	const rows: Cell[][] = result.data.map((r) => r.map((c) => (c === '' ? null : unescapeFormula(c))));
	while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === null)) rows.pop();
	return { name, rows };
}

/**
 * papaparse's own guess needs several consistent rows and fails on a short tab-separated paste, so look at
 * the header line: whichever of tab, comma or semicolon it has most (comma on a tie or none).
 */
function guessDelimiter(text: string): string {
	const header = text.split(/\r?\n/, 1)[0] ?? '';
	const count = (d: string) => header.split(d).length - 1;
	return ['\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

function unescapeFormula(c: string): string {
	return /^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c;
}
