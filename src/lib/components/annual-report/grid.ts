import { cellId, rowColumns, type ReportTemplate, type TemplateTable } from '$lib/domain/annual-report';

/** A cell of the grid: its id, whether it takes whole numbers, and its accessible name (row / column). */
export interface GridCell {
	id: string;
	integer: boolean;
	row: string;
	column: string;
}

/** A template table (or the loose cells of a prose-only format) as rows × columns, with gaps where a row lacks a column. */
export interface GridModel {
	id: string;
	label: string;
	/** Table 四's columns come in groups (行政复议, 行政诉讼 …): a header row above the columns. */
	groups: { label: string; span: number }[];
	columns: { id: string; label: string; optional: boolean }[];
	rows: { id: string; label: string; optional: boolean; cells: (GridCell | null)[] }[];
}

/** "行政复议 / 结果维持" → the group and the column's own label. */
function splitLabel(label: string): [string | null, string] {
	const i = label.lastIndexOf(' / ');
	return i < 0 ? [null, label] : [label.slice(0, i), label.slice(i + 3)];
}

export function tableGrid(table: TemplateTable): GridModel {
	const split = table.columns.map((c) => splitLabel(c.label));
	const grouped = split.every(([g]) => g !== null);
	const groups: GridModel['groups'] = [];
	if (grouped) {
		for (const [g] of split) {
			const last = groups.at(-1);
			if (last?.label === g) last.span++;
			else groups.push({ label: g!, span: 1 });
		}
	}
	const columns = table.columns.map((c, i) => ({ id: c.id, label: grouped ? split[i]![1] : c.label, optional: Boolean(c.optional) }));
	const rows = table.rows.map((row) => {
		const has = new Set(rowColumns(table, row).map((c) => c.id));
		const rowLabel = row.label || table.label;
		return {
			id: row.id,
			label: row.label,
			optional: Boolean(row.optional),
			cells: table.columns.map((c) => (has.has(c.id) ? { id: cellId(table.id, row.id, c.id), integer: c.integer, row: rowLabel, column: c.label } : null))
		};
	});
	return { id: table.id, label: table.label, groups, columns, rows };
}

/** A prose-only format's cells (pre-2019) as one column of numbers. */
export function looseGrid(template: ReportTemplate, label: string, column: string): GridModel | null {
	const cells = template.looseCells ?? [];
	if (cells.length === 0) return null;
	return {
		id: 'loose',
		label,
		groups: [],
		columns: [{ id: 'value', label: column, optional: false }],
		rows: cells.map((c) => ({ id: c.id, label: c.label, optional: false, cells: [{ id: c.id, integer: c.integer, row: c.label, column }] }))
	};
}
