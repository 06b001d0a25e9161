import type { Framework } from '../schema';
import { CATEGORY_COLUMNS, GRADE_COLUMNS, INDICATOR_COLUMNS, INFO_COLUMNS, INFO_KEYS, SECTION_COLUMNS, SHEET_NAMES, type ColumnSpec } from './columns';
import { formatAmount, formatNoteSuffix, formatProvisional } from './codecs';
import { notesSheet } from './notes';
import { formatPath, walkSections } from './paths';
import { categoryTokens, naSectionToken, NONE_TOKENS } from './references';
import { formatNumber, formatTitle, orNull } from './text';
import type { Cell, Row, Sheets } from './types';
import { BOOLEANS, METHODS, MODELS, NA_JUDGEMENTS, NA_POLICIES, PARTS, ROUNDINGS } from './vocab';

function header(cols: readonly ColumnSpec[]): Row {
	return cols.map((c) => c.header);
}

function rowOf<K extends string>(cols: readonly ColumnSpec<K>[], values: Partial<Record<K, Cell>>): Row {
	return cols.map((c) => values[c.key] ?? null);
}

export function frameworkToSheets(fw: Framework): Sheets {
	const tokens = categoryTokens(fw);
	const indicatorRows: Row[] = [header(INDICATOR_COLUMNS)];
	const sectionRows: Row[] = [header(SECTION_COLUMNS)];
	const sectionCode = new Map<string, string>();
	const allIds = new Set<string>();
	walkSections(fw.sections, (s) => {
		allIds.add(s.id);
		for (const ind of s.indicators) allIds.add(ind.id);
	});
	walkSections(fw.sections, (s, chain) => {
		sectionCode.set(s.id, s.code);
		const path = formatPath(chain);
		sectionRows.push(
			rowOf(SECTION_COLUMNS, {
				path,
				id: s.id,
				part: PARTS.labels[s.part],
				titleEn: orNull(s.title.en),
				weight: s.weight ?? null,
				cap: s.cap ?? null,
				guidance: orNull(s.guidance?.zh),
				guidanceEn: orNull(s.guidance?.en),
				basisSource: orNull(s.basisSource),
				provisional: formatProvisional(s)
			})
		);
		for (const ind of s.indicators) {
			const na = fw.categories.filter((c) => c.naIndicators.includes(ind.id));
			const applies = fw.categories.filter((c) => !c.naIndicators.includes(ind.id));
			const showMethod = ind.method !== 'binary' || s.part === 'weighted' || s.part === 'checklist';
			indicatorRows.push(
				rowOf(INDICATOR_COLUMNS, {
					path,
					part: PARTS.labels[s.part],
					code: ind.code,
					title: ind.title.zh,
					titleEn: orNull(ind.title.en),
					max: ind.max,
					method: showMethod ? METHODS.labels[ind.method] : null,
					deductions: orNull(ind.deductions.map((d) => `[${d.id}] ${formatTitle(d.title)}：${formatAmount(d.points, d.per, s.part)}${formatNoteSuffix(d)}`).join('\n')),
					levels: orNull(ind.levels.map((l) => `[${l.id}] ${formatTitle(l.title)}=${formatNumber(l.points)}`).join('\n')),
					ratioOf: ind.ratioOf ?? null,
					categories: na.length === 0 ? null : applies.length === 0 ? NONE_TOKENS[0]! : applies.map((c) => tokens.get(c.id)!).join('、'),
					guidance: orNull(ind.guidance?.zh),
					guidanceEn: orNull(ind.guidance?.en),
					basis: orNull(ind.basis),
					basisSource: orNull(ind.basisSource),
					suggestion: orNull(ind.suggestion?.zh),
					suggestionEn: orNull(ind.suggestion?.en),
					deadline: orNull(ind.deadline),
					units: orNull(ind.responsibleUnits.join('、')),
					naTreatment: ind.naTreatment ? NA_POLICIES.labels[ind.naTreatment] : null,
					provisional: formatProvisional(ind),
					id: ind.id
				})
			);
		}
	});

	const sc = fw.scoring;
	const infoValues: Record<string, Cell> = {
		id: fw.id,
		version: fw.version,
		title: fw.title.zh,
		titleEn: orNull(fw.title.en),
		description: orNull(fw.description?.zh),
		descriptionEn: orNull(fw.description?.en),
		sourceTitle: fw.source.title,
		docNo: orNull(fw.source.docNo),
		issuedOn: orNull(fw.source.issuedOn),
		url: orNull(fw.source.url),
		builtIn: BOOLEANS.labels[fw.builtIn ? 'true' : 'false'],
		provisional: formatProvisional(fw),
		model: MODELS.labels[sc.model],
		passMark: sc.passMark,
		vetoScore: sc.vetoScore,
		decimals: sc.decimals,
		rounding: ROUNDINGS.labels[sc.rounding],
		naJudgement: NA_JUDGEMENTS.labels[sc.naJudgement],
		reportYearFrom: fw.reportYears?.from ?? null,
		reportYearTo: fw.reportYears?.to ?? null,
		createdAt: fw.createdAt,
		updatedAt: fw.updatedAt,
		updatedBy: orNull(fw.updatedBy)
	};
	if (sc.model === 'deduction') {
		Object.assign(infoValues, {
			total: sc.total,
			naPolicy: NA_POLICIES.labels[sc.naPolicy],
			bonusGate: sc.bonus?.gate ?? null,
			bonusGateInclusive: sc.bonus ? BOOLEANS.labels[sc.bonus.gateInclusive ? 'true' : 'false'] : null,
			bonusCap: sc.bonus?.cap ?? null,
			bonusProvisional: sc.bonus ? formatProvisional(sc.bonus) : null
		});
	}
	const infoRows: Row[] = [header(INFO_COLUMNS)];
	for (const k of INFO_KEYS) {
		if (k.deductionOnly && sc.model !== 'deduction') continue;
		infoRows.push([k.header, infoValues[k.key] ?? null]);
	}

	const gradeRows: Row[] = [header(GRADE_COLUMNS)];
	for (const g of sc.grades) {
		gradeRows.push(rowOf(GRADE_COLUMNS, { id: g.id, title: g.title.zh, titleEn: orNull(g.title.en), min: g.min, provisional: formatProvisional(g) }));
	}
	const categoryRows: Row[] = [header(CATEGORY_COLUMNS)];
	for (const c of fw.categories) {
		categoryRows.push(
			rowOf(CATEGORY_COLUMNS, {
				id: c.id,
				title: c.title.zh,
				titleEn: orNull(c.title.en),
				bonus: BOOLEANS.labels[c.bonus ? 'true' : 'false'],
				naSections: orNull(c.naSections.map((ref) => naSectionToken(ref, sectionCode, allIds)).join('、')),
				basisSource: orNull(c.basisSource),
				provisional: formatProvisional(c)
			})
		);
	}

	return [
		{ name: SHEET_NAMES.indicators, rows: indicatorRows },
		{ name: SHEET_NAMES.sections, rows: sectionRows },
		{ name: SHEET_NAMES.info, rows: infoRows },
		{ name: SHEET_NAMES.grades, rows: gradeRows },
		{ name: SHEET_NAMES.categories, rows: categoryRows },
		notesSheet()
	];
}
