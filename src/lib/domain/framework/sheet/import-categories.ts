import type { LocalText } from '../../common';
import type { Framework } from '../schema';
import { CATEGORY_COLUMNS, type CategoryKey } from './columns';
import { fieldColumns, type Origins } from './problems';
import { readTable, rowsOf, type RowReader } from './table';
import { compact, localText, splitList, uniqueId } from './text';
import type { Sheet, SheetProblem } from './types';

export interface CategoryDraft {
	id: string;
	title?: LocalText;
	bonus: boolean;
	naSectionTokens: { token: string; reader?: RowReader<CategoryKey> }[];
	naSections?: string[];
	naIndicators: string[];
	basisSource?: string;
	provisional?: boolean;
	provisionalNote?: LocalText;
}

export function readCategories(sheet: Sheet, origins: Origins, out: SheetProblem[]): CategoryDraft[] | undefined {
	const table = readTable(sheet, CATEGORY_COLUMNS, out);
	if (!table) return undefined;
	const taken = new Set<string>();
	const seen = new Map<string, number>();
	const drafts = rowsOf(table, out).map((r, i) => {
		origins.set(['categories', i], {
			sheet: table.sheet,
			row: r.row,
			column: fieldColumns<CategoryKey>(r, { id: 'id', title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'), bonus: 'bonus', naSections: 'naSections', basisSource: 'basisSource', provisional: 'provisional', provisionalNote: 'provisional' })
		});
		const id = r.slug('id');
		if (id !== undefined) {
			if (seen.has(id)) r.fail('id', 'sheet.error.duplicateId', { id, otherRow: seen.get(id)!, otherSheet: table.sheet });
			seen.set(id, r.row);
			taken.add(id);
		}
		return {
			r,
			id,
			title: localText(r.text('title', true), r.text('titleEn')),
			bonus: r.bool('bonus') ?? false,
			naSectionTokens: splitList(r.text('naSections') ?? '').map((token) => ({ token, reader: r })),
			naIndicators: [] as string[],
			basisSource: r.text('basisSource'),
			...r.provisional('provisional')
		};
	});
	return drafts.map(({ r: _r, id, ...d }, i) => compact({ ...d, id: id ?? uniqueId(`category-${i + 1}`, taken) }));
}

export function categoriesFromBase(base: Framework): CategoryDraft[] {
	return base.categories.map((c) => ({
		...c,
		naSectionTokens: [],
		naSections: [...c.naSections],
		naIndicators: [...c.naIndicators]
	}));
}
