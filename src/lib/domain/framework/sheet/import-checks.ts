import type { IndicatorKey } from './columns';
import type { InfoValues } from './import-info';
import type { SectionNode, SectionTree, Where } from './section-tree';
import type { Table } from './table';
import { compact } from './text';
import type { SheetProblem } from './types';

/** The framework-wide rules a person fixes in the sheet, reported with rows rather than schema paths. */
export function checkStructure(
	tree: SectionTree,
	infoValues: InfoValues,
	totalRow: number | undefined,
	infoSheet: string | undefined,
	sectionSheet: string,
	indicatorSheet: Table<IndicatorKey>,
	out: SheetProblem[]
): void {
	const where = (n: SectionNode): Where => (n.sheetRow ? { sheet: n.sheetRow.sheet, row: n.sheetRow.row, column: n.sheetRow.column('path') } : n.firstSeen);
	for (const n of tree.nodes.values()) {
		if (n.indicators.length === 0 && n.children.length === 0) out.push({ ...where(n), code: 'sheet.error.emptySection', params: { code: n.code } });
	}
	const model = infoValues.scoring.model;
	if (model === 'weighted') {
		let sum = 0;
		for (const code of tree.roots) {
			const n = tree.nodes.get(code)!;
			if (n.part !== 'weighted') continue;
			if (n.weight === undefined) out.push({ ...where(n), column: n.sheetRow?.column('weight'), code: 'sheet.error.weightMissing', params: { code } });
			else sum += n.weight;
		}
		if (Math.abs(sum - 100) > 1e-6) out.push({ sheet: sectionSheet, code: 'sheet.error.weightSum', params: { sum: round(sum) } });
	}
	if (model === 'deduction' && 'total' in infoValues.scoring && typeof infoValues.scoring.total === 'number') {
		let sum = 0;
		for (const n of tree.nodes.values()) if (n.part === 'deduct') for (const d of n.indicators) sum += d.max ?? 0;
		const total = infoValues.scoring.total;
		// Without a framework sheet (CSV) the total is the base's: the points column is what to fix.
		const at = infoSheet ? { sheet: infoSheet, row: totalRow } : { sheet: indicatorSheet.sheet, column: indicatorSheet.columns.get('max')?.header };
		if (Math.abs(sum - total) > 1e-9) out.push(compact({ ...at, code: 'sheet.error.deductTotal', params: { sum: round(sum), total } }));
	}
}

function round(n: number): number {
	return Math.round(n * 1e6) / 1e6;
}
