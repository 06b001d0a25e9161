import type { Framework } from '../schema';
import type { SheetProblem } from '../json';

export type { SheetProblem } from '../json';

export type Cell = string | number | null;
export type Row = Cell[];
export interface Sheet {
	name: string;
	rows: Row[];
}
export type Sheets = Sheet[];

export type SheetImportResult = { ok: true; framework: Framework } | { ok: false; problems: SheetProblem[] };

export interface SheetImportOptions {
	/** createdAt / updatedAt when the framework sheet leaves them empty (a new framework). */
	now: string;
	/** updatedBy when the framework sheet leaves it empty. */
	user?: string;
	/**
	 * Supplies whatever sheets are missing: a CSV holds only the indicator sheet, so framework info, grades,
	 * categories and section metadata (matched by section code) come from here, typically the framework
	 * being edited. Without it those sheets are required.
	 */
	base?: Framework;
}
