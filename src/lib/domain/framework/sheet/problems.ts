import type { z } from 'zod';
import { issueProblem } from '../json';
import type { RowReader } from './table';
import { compact } from './text';
import type { SheetProblem } from './types';

// Where each framework path came from, so a schema problem can point at the cell a person will fix.

interface Origin {
	sheet: string;
	row?: number;
	/** Column header for a field name under this path (the first path key after it). */
	column?: (rest: (string | number)[]) => string | undefined;
}

export class Origins {
	private readonly map = new Map<string, Origin>();
	set(path: (string | number)[], origin: Origin): void {
		this.map.set(path.join('.'), origin);
	}
	locate(path: readonly PropertyKey[]): { sheet: string; row?: number; column?: string } | undefined {
		const keys = path.map((k) => (typeof k === 'number' ? k : String(k)));
		for (let n = keys.length; n >= 0; n--) {
			const o = this.map.get(keys.slice(0, n).join('.'));
			if (o) return compact({ sheet: o.sheet, row: o.row, column: o.column?.(keys.slice(n)) });
		}
		return undefined;
	}
}

export function fieldColumns<K extends string>(r: RowReader<K>, fields: Record<string, K | ((rest: (string | number)[]) => K)>) {
	return (rest: (string | number)[]) => {
		const f = fields[String(rest[0])];
		if (f === undefined) return undefined;
		return r.column(typeof f === 'function' ? f(rest) : f);
	};
}

/** fwcheck codes this module checks itself with row numbers; the schema's copy would only repeat them. */
const COVERED_CHECKS: Record<string, string> = {
	'fwcheck.duplicateId': 'sheet.error.duplicateId',
	'fwcheck.duplicateCode': 'sheet.error.duplicateCode',
	'fwcheck.emptySection': 'sheet.error.emptySection',
	'fwcheck.weightSum': 'sheet.error.weightSum',
	'fwcheck.weightMissing': 'sheet.error.weightMissing',
	'fwcheck.deductTotal': 'sheet.error.deductTotal'
};

export function schemaProblems(issues: z.core.$ZodIssue[], origins: Origins, already: SheetProblem[], fallbackSheet: string): SheetProblem[] {
	const out: SheetProblem[] = [];
	for (const issue of issues) {
		const { code, params } = issueProblem(issue, 'sheet.error');
		const covered = COVERED_CHECKS[code];
		if (covered && already.some((p) => p.code === covered)) continue;
		const at = origins.locate(issue.path) ?? { sheet: fallbackSheet };
		out.push(compact({ ...at, code, params }));
	}
	return out;
}
