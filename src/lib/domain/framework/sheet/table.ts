import { IsoDate } from '../../common';
import { parseProvisional, type ProvisionalPair } from './codecs';
import { SHEET_ALIASES, SHEET_NAMES, type ColumnSpec, type SheetKey } from './columns';
import { cellText, compact, isEmptyRow, isSlug, norm, parseNumberText } from './text';
import type { Cell, Row, Sheet, SheetProblem, Sheets } from './types';
import { BOOLEANS, vocabAllowed, vocabLookup, type Vocab } from './vocab';

interface TableRow {
	row: number;
	cells: Row;
}
export interface Table<K extends string> {
	sheet: string;
	columns: Map<K, { index: number; header: string }>;
	rows: TableRow[];
}

export function readTable<K extends string>(sheet: Sheet, specs: readonly ColumnSpec<K>[], out: SheetProblem[]): Table<K> | undefined {
	const headerIndex = sheet.rows.findIndex((r) => !isEmptyRow(r));
	if (headerIndex < 0) {
		out.push({ sheet: sheet.name, code: 'sheet.error.emptySheet', params: {} });
		return undefined;
	}
	const byName = new Map<string, ColumnSpec<K>>();
	for (const spec of specs) for (const name of [spec.header, ...spec.aliases]) byName.set(norm(name), spec);
	const columns = new Map<K, { index: number; header: string }>();
	sheet.rows[headerIndex]!.forEach((cell, index) => {
		const text = cellText(cell);
		const spec = text ? byName.get(norm(text)) : undefined;
		if (!spec) return;
		const seen = columns.get(spec.key);
		if (seen) out.push({ sheet: sheet.name, row: headerIndex + 1, column: text, code: 'sheet.error.duplicateColumn', params: { column: text, other: seen.header } });
		else columns.set(spec.key, { index, header: text });
	});
	const missing = specs.filter((s) => s.required && !columns.has(s.key));
	if (missing.length > 0) {
		out.push({ sheet: sheet.name, row: headerIndex + 1, code: 'sheet.error.missingColumns', params: { columns: missing.map((s) => s.header).join('、') } });
		return undefined;
	}
	const rows: TableRow[] = [];
	sheet.rows.forEach((cells, i) => {
		if (i > headerIndex && !isEmptyRow(cells)) rows.push({ row: i + 1, cells });
	});
	return { sheet: sheet.name, columns, rows };
}

/** Reads typed values from one row, recording a problem (sheet, row, column as written) for each bad cell. */
export class RowReader<K extends string> {
	constructor(
		private readonly table: Table<K>,
		readonly at: TableRow,
		private readonly out: SheetProblem[]
	) {}

	get row(): number {
		return this.at.row;
	}
	get sheet(): string {
		return this.table.sheet;
	}
	column(key: K): string | undefined {
		return this.table.columns.get(key)?.header;
	}
	has(key: K): boolean {
		return this.table.columns.has(key);
	}
	/** Records a problem at this row; returns undefined so a reader can `return this.fail(…)`. */
	fail(key: K | undefined, code: string, params: Record<string, string | number> = {}): undefined {
		this.out.push(compact({ sheet: this.table.sheet, row: this.at.row, column: key === undefined ? undefined : this.column(key), code, params }));
		return undefined;
	}
	raw(key: K): Cell {
		const c = this.table.columns.get(key);
		return c === undefined ? null : (this.at.cells[c.index] ?? null);
	}
	text(key: K, required = false): string | undefined {
		const t = cellText(this.raw(key));
		if (t) return t;
		if (required) this.fail(key, 'sheet.error.required', { column: this.column(key) ?? key });
		return undefined;
	}
	number(key: K, opts: { required?: boolean; positive?: boolean; integer?: boolean; signed?: boolean } = {}): number | undefined {
		const cell = this.raw(key);
		const t = this.text(key, opts.required);
		if (t === undefined) return undefined;
		const n = typeof cell === 'number' ? cell : parseNumberText(t);
		if (n === undefined || !Number.isFinite(n)) return this.fail(key, 'sheet.error.notNumber', { value: t });
		if (n < 0 && !opts.signed) return this.fail(key, 'sheet.error.negative', { value: t });
		if (opts.positive && n === 0) return this.fail(key, 'sheet.error.notPositive', { value: t });
		if (opts.integer && !Number.isInteger(n)) return this.fail(key, 'sheet.error.notInteger', { value: t });
		return n;
	}
	vocab<V extends string>(key: K, vocab: Vocab<V>, code: string, required = false): V | undefined {
		const t = this.text(key, required);
		if (t === undefined) return undefined;
		const v = vocabLookup(vocab, t);
		if (v === undefined) this.fail(key, code, { value: t, allowed: vocabAllowed(vocab) });
		return v;
	}
	bool(key: K, required = false): boolean | undefined {
		const v = this.vocab(key, BOOLEANS, 'sheet.error.notBoolean', required);
		return v === undefined ? undefined : v === 'true';
	}
	provisional(key: K): ProvisionalPair {
		const t = this.text(key);
		if (t === undefined) return {};
		const p = parseProvisional(t);
		if (!p) {
			this.fail(key, 'sheet.error.badProvisional', { value: t });
			return {};
		}
		return p;
	}
	date(key: K): string | undefined {
		const t = this.text(key);
		if (t === undefined) return undefined;
		const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t.normalize('NFKC'));
		const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : t;
		if (!IsoDate.safeParse(iso).success) return this.fail(key, 'sheet.error.badDate', { value: t });
		return iso;
	}
	slug(key: K): string | undefined {
		const t = this.text(key);
		if (t !== undefined && !isSlug(t)) return this.fail(key, 'sheet.error.badId', { value: t });
		return t;
	}
}

export function rowsOf<K extends string>(table: Table<K>, out: SheetProblem[]): RowReader<K>[] {
	return table.rows.map((r) => new RowReader(table, r, out));
}

export function findSheet(sheets: Sheets, key: SheetKey): Sheet | undefined {
	const names = [SHEET_NAMES[key], ...SHEET_ALIASES[key]].map(norm);
	return sheets.find((s) => names.includes(norm(s.name)));
}
