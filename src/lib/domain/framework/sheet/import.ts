import { Framework, type FrameworkInput } from '../schema';
import { INDICATOR_COLUMNS, SHEET_NAMES, type SheetKey } from './columns';
import { checkStructure } from './import-checks';
import { readIndicatorRow } from './import-indicators';
import { categoriesFromBase, readCategories } from './import-categories';
import { readGrades } from './import-grades';
import { infoFromBase, readInfo, type InfoValues } from './import-info';
import { applyBaseSections, buildSections, orderedDrafts, readSectionRows, resolveNaSections } from './import-sections';
import { Origins, schemaProblems } from './problems';
import { SectionTree, type IndicatorDraft, type Where } from './section-tree';
import { findSheet, readTable, rowsOf } from './table';
import { compact, slugify, uniqueId } from './text';
import type { SheetImportOptions, SheetImportResult, SheetProblem, Sheets } from './types';
import { JSON_LIMITS } from '../../limits';

export function sheetsToFramework(sheets: Sheets, opts: SheetImportOptions): SheetImportResult {
	const out: SheetProblem[] = [];
	const tooLong = longCell(sheets);
	if (tooLong) return { ok: false, problems: [tooLong] };
	const origins = new Origins();
	const base = opts.base;

	let indicatorSheet = findSheet(sheets, 'indicators');
	// A single unnamed sheet (CSV, or an .xlsx saved with one "Sheet1") is taken as the indicator sheet.
	const known = (Object.keys(SHEET_NAMES) as SheetKey[]).filter((k) => k !== 'indicators');
	const others = sheets.filter((s) => !known.some((k) => findSheet([s], k)));
	if (!indicatorSheet && others.length === 1) indicatorSheet = others[0];
	const missingSheet = (key: SheetKey) => {
		out.push({ sheet: SHEET_NAMES[key], code: 'sheet.error.missingSheet', params: { sheet: SHEET_NAMES[key], found: sheets.map((s) => s.name).join('、') || '—' } });
		return undefined;
	};
	const unlessBase = (key: SheetKey) => findSheet(sheets, key) ?? (base ? undefined : missingSheet(key));
	if (!indicatorSheet) missingSheet('indicators');
	const infoSheet = unlessBase('info');
	const gradesSheet = unlessBase('grades');
	const categoriesSheet = unlessBase('categories');
	const sectionsSheet = findSheet(sheets, 'sections');
	if (out.length > 0 || !indicatorSheet) return { ok: false, problems: out };

	const infoRead = infoSheet ? readInfo(infoSheet, opts, origins, out) : undefined;
	const grades = gradesSheet ? readGrades(gradesSheet, origins, out) : base?.scoring.grades;
	const categories = categoriesSheet ? readCategories(categoriesSheet, origins, out) : base ? categoriesFromBase(base) : undefined;

	const tree = new SectionTree(out);
	const sectionSheetRead = sectionsSheet ? readSectionRows(sectionsSheet, tree, out) : false;
	const indicatorTable = readTable(indicatorSheet, INDICATOR_COLUMNS, out);
	if (!indicatorTable) return { ok: false, problems: out };
	const drafts = rowsOf(indicatorTable, out)
		.map((r) => readIndicatorRow(r, tree, categories))
		.filter((d): d is IndicatorDraft => d !== undefined);
	if (indicatorTable.rows.length === 0) out.push({ sheet: indicatorTable.sheet, code: 'sheet.error.noIndicators', params: {} });
	if (!sectionSheetRead && base) applyBaseSections(tree, base);
	tree.resolveParts();
	if (out.length > 0 || !categories || !grades) return { ok: false, problems: out };

	const infoValues: InfoValues | undefined = infoRead?.values ?? (base ? infoFromBase(base) : undefined);
	if (!infoValues) return { ok: false, problems: out };

	// Ids: explicit ones first (so generated ones avoid them), duplicates named with both rows.
	const taken = new Map<string, Where>();
	const claim = (id: string, where: Where) => {
		const other = taken.get(id);
		if (other) out.push({ ...where, code: 'sheet.error.duplicateId', params: { id, otherRow: other.row, otherSheet: other.sheet } });
		else taken.set(id, where);
	};
	for (const n of tree.nodes.values()) if (n.id !== undefined && n.sheetRow) claim(n.id, { sheet: n.sheetRow.sheet, row: n.sheetRow.row, column: n.sheetRow.column('id') });
	for (const n of tree.nodes.values()) if (n.id !== undefined && !n.sheetRow) claim(n.id, n.firstSeen);
	for (const d of drafts) if (d.id !== undefined) claim(d.id, { sheet: d.r.sheet, row: d.r.row, column: d.r.column('id') });
	const codes = new Map<string, number>();
	for (const d of drafts) {
		if (d.code === undefined) continue;
		const other = codes.get(d.code);
		if (other !== undefined) d.r.fail('code', 'sheet.error.duplicateCode', { code: d.code, otherRow: other });
		else codes.set(d.code, d.r.row);
	}
	const used = new Set(taken.keys());
	for (const n of tree.nodes.values()) n.id ??= uniqueId(`sec-${slugify(n.code) || n.firstSeen.row}`, used);
	for (const d of drafts) d.id ??= uniqueId(`ind-${slugify(d.code ?? '') || d.r.row}`, used);

	// Category applicability ⇄ naIndicators, in framework order.
	const ordered = orderedDrafts(tree);
	const catColumn = indicatorTable.columns.get('categories');
	categories.forEach((c, i) => {
		// Without the column, a base framework's naIndicators stand; with it, the column decides.
		if (catColumn) {
			c.naIndicators = ordered.filter((d) => d.appliesTo !== undefined && !d.appliesTo.includes(c.id)).map((d) => d.id!);
			origins.set(['categories', i, 'naIndicators'], { sheet: indicatorTable.sheet, column: () => catColumn.header });
		}
		c.naSections ??= resolveNaSections(c, tree, drafts);
	});

	const sections = buildSections(tree, tree.roots, ['sections'], origins);
	checkStructure(tree, infoValues, infoRead?.totalRow, infoSheet?.name, sectionsSheet?.name ?? indicatorTable.sheet, indicatorTable, out);

	const input: FrameworkInput = {
		...infoValues,
		scoring: { ...infoValues.scoring, grades } as FrameworkInput['scoring'],
		categories: categories.map((c) =>
			compact({
				id: c.id,
				title: c.title!,
				naSections: c.naSections ?? [],
				naIndicators: c.naIndicators,
				bonus: c.bonus,
				basisSource: c.basisSource,
				provisional: c.provisional,
				provisionalNote: c.provisionalNote
			})
		),
		sections
	};
	const parsed = Framework.safeParse(input);
	if (parsed.success && out.length === 0) return { ok: true, framework: parsed.data };
	if (!parsed.success) out.push(...schemaProblems(parsed.error.issues, origins, out, indicatorTable.sheet));
	return { ok: false, problems: out };
}

/** The first cell whose text is longer than any framework text may be, refused before anything is read. */
function longCell(sheets: Sheets): SheetProblem | undefined {
	const limit = JSON_LIMITS.frameworkString;
	for (const sheet of sheets) {
		for (let r = 0; r < sheet.rows.length; r++) {
			const c = sheet.rows[r]!.findIndex((cell) => typeof cell === 'string' && cell.length > limit);
			if (c < 0) continue;
			const header = sheet.rows[0]?.[c];
			return { sheet: sheet.name, row: r + 1, ...(typeof header === 'string' ? { column: header } : {}), code: 'sheet.error.tooLong', params: { limit } };
		}
	}
	return undefined;
}
