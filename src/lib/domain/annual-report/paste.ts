import { normalise, readCell, type CellText } from './numbers';
import { cellId, rowColumns, type TemplateColumn, type TemplateRow, type TemplateTable } from './template';

/**
 * A table copied from a report's web page, Word or Excel, mapped onto a template table's cells. Nothing is applied:
 * the result says where each number would go and which numbers found no cell, by line and column of the paste.
 */

export interface SourceLine {
	text: string;
	/** 1-based, as the user counts lines in what they pasted (or in the whole report text). */
	line: number;
}

export interface Placement {
	cell: string;
	/** null: the cell was blank or "—" in the paste (left unfilled). */
	value: number | null;
	line: number;
	/** 1-based cell of the line (tab-, "|"- or space-separated). */
	column: number;
	raw: string;
}

export type UnplacedReason = 'rowUnknown' | 'rowAmbiguous' | 'rowRepeated' | 'columnCount';

export interface Unplaced {
	line: number;
	column: number;
	raw: string;
	reason: UnplacedReason;
	/** For `columnCount`: how many numbers the row has in the template. */
	expected?: number;
}

export interface TablePaste {
	table: string;
	placements: Placement[];
	unplaced: Unplaced[];
}

interface Cell {
	raw: string;
	column: number;
	read: CellText;
}

function splitLine(text: string): Cell[] {
	let parts: string[];
	if (text.includes('\t')) parts = text.split('\t');
	else if (text.includes('|')) parts = text.split('|');
	// Space-separated: a label with spaces inside ("商业 企业") splits too; labels are matched per cell and per line.
	else parts = text.split(/\s+/);
	const cells = parts.map((raw, i) => ({ raw: raw.trim(), column: i + 1, read: readCell(raw) }));
	// "| a | b |" and a trailing tab leave empty ends that are no cells of the table.
	if (!text.includes('\t')) return cells.filter((c) => c.raw !== '' || c.read.kind !== 'empty');
	return cells;
}

/** "3.其他", "（三）不予公开" → "其他", "不予公开": the numbering a label starts with. */
const stripNumbering = (s: string) => s.replace(/^(?:\(?[0-9一二三四五六七八九十]+[.、)]?)+/, '');

interface RowMatch {
	row?: TemplateRow;
	/** The merged group label in force after this line. */
	group: string | null;
	ambiguous?: boolean;
}

function matchRow(labels: string[], table: TemplateTable, currentGroup: string | null): RowMatch {
	const groups = table.groups ?? [];
	const groupHit = groups.find((g) => labels.some((l) => g.keys.some((k) => l.includes(k))))?.id;
	const group = groupHit ?? currentGroup;
	let best: { row: TemplateRow; score: number }[] = [];
	for (const row of table.rows) {
		if (row.group && groupHit && row.group !== groupHit) continue;
		let score = 0;
		for (const l of labels) {
			for (const k of row.keys) if (l.includes(normalise(k))) score = Math.max(score, k.length);
			if (row.exact && row.group === group && row.exact.includes(stripNumbering(l))) score = Math.max(score, 1);
		}
		if (score === 0) continue;
		if (best.length === 0 || score > best[0]!.score) best = [{ row, score }];
		else if (score === best[0]!.score) best.push({ row, score });
	}
	if (best.length > 1) return { ambiguous: true, group };
	if (best.length === 1) return { row: best[0]!.row, group: best[0]!.row.group ?? null };
	const subtotal = groups.find((g) => g.id === groupHit)?.subtotalRow;
	if (subtotal) return { row: table.rows.find((r) => r.id === subtotal), group };
	return { group };
}

interface Header {
	/** Tab-separated headers: the column under each position, the lowest header line deciding (merged headers). */
	positions: Map<number, string>;
	/** A one-line header's columns in reading order (a key naming several columns leaves it undefined). */
	order?: string[];
}

/**
 * The columns a header block names. Keys are taken longest first so that "法人或其他组织" is not also read as "其他";
 * a key shared by several columns (table 四's three groups) names none of them.
 */
function readHeader(block: SourceLine[], table: TemplateTable): Header {
	const keys = table.columns
		.flatMap((c) => c.keys.map((k) => ({ key: normalise(k), column: c.id })))
		.sort((a, b) => b.key.length - a.key.length);
	const shared = (key: string) => keys.filter((k) => k.key === key).length > 1;
	const columnsIn = (text: string): { column: string; at: number }[] => {
		const found: { column: string; at: number }[] = [];
		let rest = normalise(text);
		for (const { key, column } of keys) {
			const at = rest.indexOf(key);
			if (at < 0 || shared(key)) continue;
			found.push({ column, at });
			rest = rest.slice(0, at) + '\u0000'.repeat(key.length) + rest.slice(at + key.length);
		}
		return found.sort((a, b) => a.at - b.at);
	};
	const positions = new Map<number, string>();
	for (const line of block) {
		if (!line.text.includes('\t')) continue;
		line.text.split('\t').forEach((cell, i) => {
			const [only, ...more] = columnsIn(cell);
			if (only && more.length === 0) positions.set(i + 1, only.column);
		});
	}
	const order = block.length === 1 ? columnsIn(block[0]!.text).map((f) => f.column) : undefined;
	return { positions, ...(order && order.length > 0 ? { order } : {}) };
}

/** The values of a row fitted to `length` columns, dropping blank cells at the ends that no column needs. */
function fit(values: Cell[], length: number): Cell[] | undefined {
	if (length === 0 || values.length < length) return undefined;
	const extra = values.length - length;
	const blank = (cells: Cell[]) => cells.every((c) => c.read.kind === 'empty');
	if (blank(values.slice(length))) return values.slice(0, length);
	if (blank(values.slice(0, extra))) return values.slice(extra);
	return undefined;
}

/**
 * Which column each value of a row goes to: by position under a tab-separated header when every number sits under
 * one of the row's columns; otherwise by count, in the header's reading order or the template's printed order (with
 * the optional 小计 column when the row has one number more).
 */
function place(table: TemplateTable, row: TemplateRow, values: Cell[], header: Header): Omit<Placement, 'line'>[] | number {
	const all = rowColumns(table, row);
	const printed = all.filter((c) => !c.optional);
	const byId = new Map(all.map((c) => [c.id, c]));
	const at = (c: Cell) => byId.get(header.positions.get(c.column) ?? '');
	const numbers = values.filter((c) => c.read.kind === 'number');
	const placement = (c: Cell, column: TemplateColumn) => ({
		cell: cellId(table.id, row.id, column.id),
		value: c.read.kind === 'number' ? c.read.value : null,
		column: c.column,
		raw: c.raw
	});
	if (numbers.length > 0 && numbers.every((c) => at(c))) {
		const mapped = values.filter((c) => at(c));
		if (new Set(mapped.map((c) => at(c)!.id)).size === mapped.length) return mapped.map((c) => placement(c, at(c)!));
	}
	const named = header.order?.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
	const candidates: TemplateColumn[][] = [...(named && named.length > 0 ? [named] : []), printed, all];
	for (const exact of [true, false]) {
		for (const columns of candidates) {
			if (exact && values.length !== columns.length) continue;
			const cells = fit(values, columns.length);
			if (cells) return cells.map((c, i) => placement(c, columns[i]!));
		}
	}
	return printed.length;
}

/** Maps lines of pasted text onto `table`. Lines keep their numbers, so a block of a whole report can be passed. */
export function parseTableLines(lines: readonly SourceLine[], table: TemplateTable): TablePaste {
	const placements: Placement[] = [];
	const unplaced: Unplaced[] = [];
	const seen = new Set<string>();
	const unlabeled: { line: SourceLine; values: Cell[] }[] = [];
	let header: SourceLine[] = [];
	let headerClosed = false;
	let group: string | null = null;
	let labeledRows = 0;

	const unplace = (line: number, values: Cell[], reason: UnplacedReason, expected?: number) => {
		for (const c of values) if (c.read.kind === 'number') unplaced.push({ line, column: c.column, raw: c.raw, reason, ...(expected ? { expected } : {}) });
	};
	const put = (line: SourceLine, row: TemplateRow, values: Cell[]) => {
		if (seen.has(row.id)) return unplace(line.line, values, 'rowRepeated');
		const placed = place(table, row, values, readHeader(header, table));
		if (typeof placed === 'number') return unplace(line.line, values, 'columnCount', placed);
		seen.add(row.id);
		for (const p of placed) placements.push({ ...p, line: line.line });
	};

	for (const line of lines) {
		const cells = splitLine(line.text);
		const lastLabel = cells.findLastIndex((c) => c.read.kind === 'label');
		const labels = cells.slice(0, lastLabel + 1).flatMap((c) => (c.read.kind === 'label' ? [c.read.text] : []));
		const values = cells.slice(lastLabel + 1);
		const hasNumber = values.some((c) => c.read.kind === 'number');
		if (labels.length === 0) {
			if (hasNumber) unlabeled.push({ line, values });
			continue;
		}
		const match = matchRow(labels, table, group);
		if (match.ambiguous) {
			unplace(line.line, values, 'rowAmbiguous');
			continue;
		}
		group = match.group;
		if (match.row && (hasNumber || values.length > 0)) {
			headerClosed = true;
			labeledRows++;
			put(line, match.row, values);
			continue;
		}
		if (hasNumber) {
			unplace(line.line, values, 'rowUnknown');
			continue;
		}
		// A line of labels only: a header. One after data rows starts a new header block (table 二 has several).
		if (headerClosed) header = [];
		headerClosed = false;
		header.push(line);
	}

	// Numbers without any row label: the template's rows in order, when there are exactly as many lines as rows.
	const printedRows = table.rows.filter((r) => !r.optional);
	if (labeledRows === 0 && unlabeled.length === printedRows.length) unlabeled.forEach((u, i) => put(u.line, printedRows[i]!, u.values));
	else for (const u of unlabeled) unplace(u.line.line, u.values, 'rowUnknown');

	return { table: table.id, placements, unplaced };
}

export function parseTablePaste(text: string, table: TemplateTable): TablePaste {
	return parseTableLines(
		text.split(/\r\n|\r|\n/).map((t, i) => ({ text: t, line: i + 1 })),
		table
	);
}

/** The numbers a paste proposes, by cell: what the grid would hold once the user confirms the preview. */
export function proposedCells(paste: TablePaste): Record<string, number> {
	const out: Record<string, number> = {};
	for (const p of paste.placements) if (p.value !== null) out[p.cell] = p.value;
	return out;
}
