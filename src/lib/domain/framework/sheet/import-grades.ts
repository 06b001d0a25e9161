import { GRADE_COLUMNS, type GradeKey } from './columns';
import { fieldColumns, type Origins } from './problems';
import { readTable, rowsOf } from './table';
import { compact, localText, uniqueId } from './text';
import type { Sheet, SheetProblem } from './types';

export function readGrades(sheet: Sheet, origins: Origins, out: SheetProblem[]) {
	const table = readTable(sheet, GRADE_COLUMNS, out);
	if (!table) return undefined;
	const taken = new Set<string>();
	const seen = new Map<string, number>();
	const grades = rowsOf(table, out).map((r, i) => {
		origins.set(['scoring', 'grades', i], { sheet: table.sheet, row: r.row, column: fieldColumns<GradeKey>(r, { id: 'id', title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'), min: 'min', provisional: 'provisional', provisionalNote: 'provisional' }) });
		const id = r.slug('id');
		if (id !== undefined) {
			if (seen.has(id)) r.fail('id', 'sheet.error.duplicateId', { id, otherRow: seen.get(id)!, otherSheet: table.sheet });
			seen.set(id, r.row);
			taken.add(id);
		}
		// The schema lets a grade floor be any number, so only non-numbers are refused here.
		const min = r.number('min', { required: true, signed: true });
		return { id, title: localText(r.text('title', true), r.text('titleEn')), min, ...r.provisional('provisional') };
	});
	return grades.map(({ id, ...g }, i) => compact({ id: id ?? uniqueId(`grade-${i + 1}`, taken), ...g }));
}
