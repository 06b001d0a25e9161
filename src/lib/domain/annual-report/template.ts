/**
 * The shape of an annual-report format as data: its parts, its tables, their rows and columns, and where each
 * label was read. A cell's id is `table.row.column` (or `table.column` for a table of one unnamed row) and never
 * changes once shipped: stored reports key their numbers by it.
 */

/** Where a label set was read; `provisional` marks what no stored copy of the official text confirms (待核). */
export interface Provenance {
	source: string;
	docNo?: string;
	issuedOn?: string;
	/** Stored copies the labels were compared with. */
	urls: readonly string[];
	provisional?: boolean;
	provisionalNote?: string;
}

export interface TemplatePart {
	id: string;
	label: string;
	/** Words that identify the part's heading in a report's text. All must appear. */
	keys: readonly string[];
}

export interface TemplateColumn {
	id: string;
	label: string;
	/** Short text in formulas ("自然人", "复议·结果维持"). */
	short: string;
	/** Words that identify the column in a pasted header (compared without spaces, NFKC). */
	keys: readonly string[];
	/** Counts are whole numbers; an amount (万元) is not. */
	integer: boolean;
	/** Not printed in the official table; some reports add it (a 小计 column). */
	optional?: boolean;
}

export interface TemplateRow {
	/** '' for a table with one unnamed row (table 四): its cells are `table.column`. */
	id: string;
	label: string;
	short: string;
	/** Substrings that identify the row in a pasted label cell (compared without spaces, NFKC). */
	keys: readonly string[];
	/** Whole-cell matches after a leading "3." / "（三）" is removed, for labels too short to be substrings ("其他"). */
	exact?: readonly string[];
	/** The merged row header it sits under (（三）不予公开 …); an `exact` match needs that group to be current. */
	group?: string;
	/** The columns this row has, in printed order; default: every column of the table. */
	columns?: readonly string[];
	/** Not printed in the official table (a group's 小计 row). */
	optional?: boolean;
	/** The label is not confirmed by a stored copy of the official table (待核). */
	provisional?: boolean;
}

export interface TemplateGroup {
	id: string;
	label: string;
	keys: readonly string[];
	/** The row holding the group's own 小计, when a report prints one. */
	subtotalRow?: string;
}

export interface TemplateTable {
	id: string;
	/** The report part the table belongs to. */
	part: string;
	label: string;
	columns: readonly TemplateColumn[];
	rows: readonly TemplateRow[];
	groups?: readonly TemplateGroup[];
}

export interface ReportTemplate {
	format: string;
	label: string;
	provenance: Provenance;
	parts: readonly TemplatePart[];
	tables: readonly TemplateTable[];
	/** Cells outside any table: pre-2019 reports state their numbers in prose. */
	looseCells?: readonly TemplateCell[];
}

export interface TemplateCell {
	id: string;
	table: string | null;
	row: string | null;
	column: string | null;
	label: string;
	short: string;
	integer: boolean;
	optional: boolean;
}

export function cellId(table: string, row: string, column: string): string {
	return row === '' ? `${table}.${column}` : `${table}.${row}.${column}`;
}

export function rowColumns(table: TemplateTable, row: TemplateRow): TemplateColumn[] {
	if (!row.columns) return [...table.columns];
	return row.columns.map((id) => {
		const column = table.columns.find((c) => c.id === id);
		if (!column) throw new Error(`row ${row.id} names unknown column ${id}`);
		return column;
	});
}

export function tableCells(table: TemplateTable): TemplateCell[] {
	return table.rows.flatMap((row) =>
		rowColumns(table, row).map((column) => ({
			id: cellId(table.id, row.id, column.id),
			table: table.id,
			row: row.id,
			column: column.id,
			label: row.id === '' ? column.label : `${row.label} / ${column.label}`,
			short: row.id === '' ? column.short : `${row.short}（${column.short}）`,
			integer: column.integer,
			optional: Boolean(row.optional || column.optional)
		}))
	);
}

/** Every cell of a template, tables first in printed order, then the loose cells. */
export function templateCells(template: ReportTemplate): TemplateCell[] {
	return [...template.tables.flatMap(tableCells), ...(template.looseCells ?? [])];
}
