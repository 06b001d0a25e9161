import type { Framework, FrameworkInput, Section } from '../schema';
import { SECTION_COLUMNS, type IndicatorKey, type SectionKey } from './columns';
import type { CategoryDraft } from './import-categories';
import { buildIndicator } from './import-indicators';
import { parsePath, walkSections } from './paths';
import { fieldColumns, type Origins } from './problems';
import { explicitId } from './references';
import type { IndicatorDraft, SectionTree } from './section-tree';
import { readTable, rowsOf } from './table';
import { compact, localText } from './text';
import type { Sheet, SheetProblem } from './types';
import { PARTS } from './vocab';

export function readSectionRows(sheet: Sheet, tree: SectionTree, out: SheetProblem[]): boolean {
	const table = readTable(sheet, SECTION_COLUMNS, out);
	if (!table) return false;
	for (const r of rowsOf(table, out)) {
		const pathText = r.text('path', true);
		if (pathText === undefined) continue;
		const where = { sheet: r.sheet, row: r.row, column: r.column('path') };
		const segments = parsePath(pathText);
		if (!segments) {
			r.fail('path', 'sheet.error.badPath', { value: pathText });
			continue;
		}
		const code = tree.add(segments, where);
		if (code === undefined) continue;
		const node = tree.nodes.get(code)!;
		if (node.sheetRow) {
			r.fail('path', 'sheet.error.duplicateSectionRow', { code, otherRow: node.sheetRow.row });
			continue;
		}
		node.sheetRow = r;
		const part = r.vocab('part', PARTS, 'sheet.error.unknownPart');
		if (part) tree.setPart(code, part, { sheet: r.sheet, row: r.row, column: r.column('part') });
		const guidance = r.text('guidance');
		const guidanceEn = r.text('guidanceEn');
		if (guidanceEn && !guidance) r.fail('guidanceEn', 'sheet.error.enWithoutZh', { column: r.column('guidance') ?? SECTION_COLUMNS[6].header });
		Object.assign(
			node,
			compact({
				id: r.slug('id'),
				titleEn: r.text('titleEn'),
				weight: r.number('weight', { positive: true }),
				cap: r.number('cap', { positive: true }),
				guidance: localText(guidance, guidanceEn),
				basisSource: r.text('basisSource'),
				...r.provisional('provisional')
			})
		);
	}
	return true;
}

/** Without a sections sheet, section metadata (id, weight, cap, guidance…) comes from the base framework by code. */
export function applyBaseSections(tree: SectionTree, base: Framework): void {
	const byCode = new Map<string, Section>();
	walkSections(base.sections, (s) => byCode.set(s.code, s));
	for (const n of tree.nodes.values()) {
		const s = byCode.get(n.code);
		if (!s) continue;
		if (n.part === undefined) {
			n.part = s.part;
			n.partWhere = n.firstSeen;
		}
		Object.assign(n, compact({ id: s.id, titleEn: s.title.en, weight: s.weight, cap: s.cap, guidance: s.guidance, basisSource: s.basisSource, provisional: s.provisional, provisionalNote: s.provisionalNote }));
	}
}

export function orderedDrafts(tree: SectionTree): IndicatorDraft[] {
	const out: IndicatorDraft[] = [];
	const walk = (codes: string[]) => {
		for (const code of codes) {
			const n = tree.nodes.get(code)!;
			out.push(...n.indicators);
			walk(n.children);
		}
	};
	walk(tree.roots);
	return out;
}

export function resolveNaSections(c: CategoryDraft, tree: SectionTree, drafts: IndicatorDraft[]): string[] {
	const ids: string[] = [];
	const idExists = (id: string) => [...tree.nodes.values()].some((n) => n.id === id) || drafts.some((d) => d.id === id);
	for (const { token, reader } of c.naSectionTokens) {
		const explicit = explicitId(token);
		const node = explicit === undefined ? tree.nodes.get(token) : undefined;
		const id = node ? node.id! : (explicit ?? token);
		if (node || idExists(id)) ids.push(id);
		else reader?.fail('naSections', 'sheet.error.unknownSection', { value: token, allowed: [...tree.nodes.keys()].join('、') });
	}
	return ids;
}

export function buildSections(tree: SectionTree, codes: string[], path: (string | number)[], origins: Origins): FrameworkInput['sections'] {
	return codes.map((code, i) => {
		const n = tree.nodes.get(code)!;
		const at = [...path, i];
		const row = n.sheetRow;
		if (row) {
			origins.set(at, {
				sheet: row.sheet,
				row: row.row,
				column: fieldColumns<SectionKey>(row, {
					id: 'id',
					code: 'path',
					title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'path'),
					part: 'part',
					weight: 'weight',
					cap: 'cap',
					guidance: (rest) => (rest[1] === 'en' ? 'guidanceEn' : 'guidance'),
					basisSource: 'basisSource',
					provisional: 'provisional',
					provisionalNote: 'provisional'
				})
			});
		} else {
			origins.set(at, { sheet: n.firstSeen.sheet, row: n.firstSeen.row, column: () => n.firstSeen.column });
		}
		const indicators = n.indicators.map((d, j) => {
			origins.set([...at, 'indicators', j], {
				sheet: d.r.sheet,
				row: d.r.row,
				column: fieldColumns<IndicatorKey>(d.r, {
					id: 'id',
					code: 'code',
					title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'),
					max: 'max',
					method: 'method',
					deductions: 'deductions',
					levels: 'levels',
					ratioOf: 'ratioOf',
					guidance: (rest) => (rest[1] === 'en' ? 'guidanceEn' : 'guidance'),
					basis: 'basis',
					basisSource: 'basisSource',
					suggestion: (rest) => (rest[1] === 'en' ? 'suggestionEn' : 'suggestion'),
					deadline: 'deadline',
					responsibleUnits: 'units',
					naTreatment: 'naTreatment',
					provisional: 'provisional',
					provisionalNote: 'provisional'
				})
			});
			return buildIndicator(d);
		});
		return compact({
			id: n.id!,
			code: n.code,
			title: localText(n.title, n.titleEn)!,
			part: n.part!,
			guidance: n.guidance,
			basisSource: n.basisSource,
			cap: n.cap,
			weight: n.weight,
			indicators,
			sections: buildSections(tree, n.children, [...at, 'sections'], origins),
			provisional: n.provisional,
			provisionalNote: n.provisionalNote
		});
	});
}
