import type { Framework } from '../schema';
import type { SheetProblem } from '../json';

export type { SheetProblem } from '../json';

/**
 * A number written with a fixed number of decimals: a number cell with that number format in Excel, and in CSV
 * exactly `text`, the text the screen shows (a published score is "84.90", never 84.8999999).
 */
export interface FixedNumber {
	value: number;
	text: string;
	/** Excel number format, e.g. "0.0". */
	format: string;
}

export type Cell = string | number | null | FixedNumber;
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
