/**
 * What changed between two frameworks (usually two versions of one): indicators, sections, scoring rules,
 * grades and categories. Items are matched by id; an item whose id changed is still matched when its code is
 * unique among the unmatched ones on both sides (a re-imported sheet with regenerated ids), and then reports
 * `id` as a changed field. Record metadata (createdAt, updatedAt, updatedBy) is ignored.
 */
import type { LocalText } from '../common';
import type { Deduction, Framework, GradeBand, Indicator, Level, Section, TargetCategory } from './schema';

export interface FieldChange {
	/** Property name, dotted for nested rules (e.g. `bonus.cap`); `notApplicableFor` for category applicability. */
	field: string;
	before: unknown;
	after: unknown;
}

export interface ListChange<T> {
	added: T[];
	removed: T[];
	changed: { id: string; before: T; after: T; fields: FieldChange[] }[];
}

export interface SectionRef {
	id: string;
	code: string;
	title: LocalText;
}

export interface IndicatorRef extends SectionRef {
	/** The section directly holding the indicator. */
	section: SectionRef;
}

export interface IndicatorChange extends IndicatorRef {
	before: Indicator;
	after: Indicator;
	fields: FieldChange[];
	/** Present when the deductions differ: which problem types were added, removed or re-pointed. */
	deductions?: ListChange<Deduction>;
	levels?: ListChange<Level>;
}

export interface IndicatorMove extends SectionRef {
	from: SectionRef;
	to: SectionRef;
}

export interface SectionChange extends SectionRef {
	fields: FieldChange[];
}

export interface CategoryChange {
	id: string;
	title: LocalText;
	fields: FieldChange[];
}

export interface FrameworkDiff {
	/** id, version, title, description, source, builtIn, reportYears, provisional. */
	framework: FieldChange[];
	/** model, total, passMark, vetoScore, naPolicy, naJudgement, decimals, rounding, bonus / bonus.gate / bonus.gateInclusive / bonus.cap … */
	scoring: FieldChange[];
	grades: ListChange<GradeBand>;
	categories: { added: TargetCategory[]; removed: TargetCategory[]; changed: CategoryChange[] };
	sections: { added: SectionRef[]; removed: SectionRef[]; changed: SectionChange[] };
	/** An indicator can be both changed and moved. */
	indicators: { added: IndicatorRef[]; removed: IndicatorRef[]; changed: IndicatorChange[]; moved: IndicatorMove[] };
	/** Nothing above differs. */
	same: boolean;
}

/** Structural equality where an undefined property equals a missing one. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
	for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
	return true;
}

function fieldChanges<T extends object>(a: T, b: T, fields: readonly (keyof T & string)[], prefix = ''): FieldChange[] {
	const out: FieldChange[] = [];
	for (const f of fields) if (!sameValue(a[f], b[f])) out.push({ field: prefix + f, before: a[f], after: b[f] });
	return out;
}

/** Pairs items by id, then by code among the leftovers when the code is unique on both sides. */
function match<T>(as: T[], bs: T[], id: (x: T) => string, code?: (x: T) => string): { pairs: [T, T][]; removed: T[]; added: T[] } {
	const bById = new Map(bs.map((b) => [id(b), b]));
	const paired = new Set<T>();
	const pairs: [T, T][] = [];
	const leftA: T[] = [];
	for (const a of as) {
		const b = bById.get(id(a));
		if (b !== undefined && !paired.has(b)) {
			pairs.push([a, b]);
			paired.add(b);
		} else leftA.push(a);
	}
	let leftB = bs.filter((b) => !paired.has(b));
	const removed: T[] = [];
	if (code) {
		const count = (xs: T[]) => xs.reduce((m, x) => m.set(code(x), (m.get(code(x)) ?? 0) + 1), new Map<string, number>());
		const ca = count(leftA);
		const cb = count(leftB);
		for (const a of leftA) {
			const c = code(a);
			const b = ca.get(c) === 1 && cb.get(c) === 1 ? leftB.find((x) => code(x) === c) : undefined;
			if (b === undefined) {
				removed.push(a);
				continue;
			}
			pairs.push([a, b]);
			leftB = leftB.filter((x) => x !== b);
		}
	} else removed.push(...leftA);
	return { pairs, removed, added: leftB };
}

function listChange<T extends { id: string }>(as: T[], bs: T[], fields: readonly (keyof T & string)[]): ListChange<T> | undefined {
	const m = match(as, bs, (x) => x.id);
	const changed = m.pairs.flatMap(([before, after]) => {
		const f = fieldChanges(before, after, fields);
		return f.length ? [{ id: after.id, before, after, fields: f }] : [];
	});
	if (!m.added.length && !m.removed.length && !changed.length) return undefined;
	return { added: m.added, removed: m.removed, changed };
}

interface Located {
	section: Section;
	parent: Section | null;
}

function flatten(fw: Framework) {
	const sections: Located[] = [];
	const indicators: { indicator: Indicator; section: Section }[] = [];
	const walk = (list: Section[], parent: Section | null) => {
		for (const s of list) {
			sections.push({ section: s, parent });
			for (const indicator of s.indicators) indicators.push({ indicator, section: s });
			walk(s.sections, s);
		}
	};
	walk(fw.sections, null);
	return { sections, indicators };
}

const sectionRef = (s: Section): SectionRef => ({ id: s.id, code: s.code, title: s.title });

const INDICATOR_FIELDS = ['code', 'title', 'max', 'method', 'levels', 'ratioOf', 'guidance', 'basis', 'basisSource', 'suggestion', 'deadline', 'responsibleUnits', 'naTreatment', 'provisional', 'provisionalNote'] as const;
const DEDUCTION_FIELDS = ['title', 'points', 'per', 'provisional', 'provisionalNote'] as const;
const LEVEL_FIELDS = ['title', 'points'] as const;
const SECTION_FIELDS = ['code', 'title', 'part', 'weight', 'cap', 'guidance', 'basisSource', 'provisional', 'provisionalNote'] as const;
const CATEGORY_FIELDS = ['title', 'bonus', 'naSections', 'naIndicators', 'basisSource', 'provisional', 'provisionalNote'] as const;
const GRADE_FIELDS = ['title', 'min', 'provisional', 'provisionalNote'] as const;
const FRAMEWORK_FIELDS = ['id', 'version', 'title', 'description', 'source', 'builtIn', 'reportYears', 'provisional', 'provisionalNote'] as const;
const BONUS_FIELDS = ['gate', 'gateInclusive', 'cap', 'provisional', 'provisionalNote'] as const;

function scoringChanges(a: Framework['scoring'], b: Framework['scoring']): FieldChange[] {
	const out: FieldChange[] = [];
	const get = (s: Framework['scoring'], k: string) => (s as Record<string, unknown>)[k];
	for (const k of ['model', 'total', 'passMark', 'vetoScore', 'naPolicy', 'naJudgement', 'decimals', 'rounding']) {
		if (!sameValue(get(a, k), get(b, k))) out.push({ field: k, before: get(a, k), after: get(b, k) });
	}
	const ba = a.model === 'deduction' ? a.bonus : null;
	const bb = b.model === 'deduction' ? b.bonus : null;
	if (ba && bb) out.push(...fieldChanges(ba, bb, BONUS_FIELDS, 'bonus.'));
	else if (!sameValue(ba, bb)) out.push({ field: 'bonus', before: ba, after: bb });
	return out;
}

export function diffFrameworks(a: Framework, b: Framework): FrameworkDiff {
	const fa = flatten(a);
	const fb = flatten(b);

	const sm = match(fa.sections, fb.sections, (x) => x.section.id, (x) => x.section.code);
	// Sections matched by code keep their identity, so their indicators are not reported as moved.
	const sectionTwin = new Map(sm.pairs.map(([x, y]) => [x.section.id, y.section.id]));
	const sectionsChanged: SectionChange[] = [];
	for (const [x, y] of sm.pairs) {
		const fields = fieldChanges(x.section, y.section, SECTION_FIELDS);
		if (x.section.id !== y.section.id) fields.unshift({ field: 'id', before: x.section.id, after: y.section.id });
		const parentBefore = x.parent ? (sectionTwin.get(x.parent.id) ?? x.parent.id) : null;
		if (parentBefore !== (y.parent?.id ?? null)) fields.push({ field: 'parent', before: x.parent?.id ?? null, after: y.parent?.id ?? null });
		if (fields.length) sectionsChanged.push({ ...sectionRef(y.section), fields });
	}

	const cm = match(a.categories, b.categories, (c) => c.id);
	const naFor = (fw: Framework, id: string) => fw.categories.filter((c) => c.naIndicators.includes(id)).map((c) => c.id);

	const im = match(fa.indicators, fb.indicators, (x) => x.indicator.id, (x) => x.indicator.code);
	const changed: IndicatorChange[] = [];
	const moved: IndicatorMove[] = [];
	for (const [x, y] of im.pairs) {
		const fields = fieldChanges(x.indicator, y.indicator, INDICATOR_FIELDS);
		if (x.indicator.id !== y.indicator.id) fields.unshift({ field: 'id', before: x.indicator.id, after: y.indicator.id });
		const deductions = listChange(x.indicator.deductions, y.indicator.deductions, DEDUCTION_FIELDS);
		if (deductions) fields.push({ field: 'deductions', before: x.indicator.deductions, after: y.indicator.deductions });
		const levels = listChange(x.indicator.levels, y.indicator.levels, LEVEL_FIELDS);
		// Applicability compares category ids present in both versions; added/removed categories are reported on their own.
		const common = new Set(cm.pairs.map(([c]) => c.id));
		const naBefore = naFor(a, x.indicator.id).filter((id) => common.has(id));
		const naAfter = naFor(b, y.indicator.id).filter((id) => common.has(id));
		if (!sameValue(naBefore, naAfter)) fields.push({ field: 'notApplicableFor', before: naBefore, after: naAfter });
		if (fields.length) {
			changed.push({
				...ref(y.indicator, y.section),
				before: x.indicator,
				after: y.indicator,
				fields,
				...(deductions ? { deductions } : {}),
				...(levels ? { levels } : {})
			});
		}
		if ((sectionTwin.get(x.section.id) ?? x.section.id) !== y.section.id) {
			moved.push({ id: y.indicator.id, code: y.indicator.code, title: y.indicator.title, from: sectionRef(x.section), to: sectionRef(y.section) });
		}
	}

	const categoriesChanged: CategoryChange[] = cm.pairs.flatMap(([x, y]) => {
		const fields = fieldChanges(x, y, CATEGORY_FIELDS);
		return fields.length ? [{ id: y.id, title: y.title, fields }] : [];
	});
	const grades = listChange(a.scoring.grades, b.scoring.grades, GRADE_FIELDS) ?? { added: [], removed: [], changed: [] };

	const diff: FrameworkDiff = {
		framework: fieldChanges(a, b, FRAMEWORK_FIELDS),
		scoring: scoringChanges(a.scoring, b.scoring),
		grades,
		categories: { added: cm.added, removed: cm.removed, changed: categoriesChanged },
		sections: { added: sm.added.map((x) => sectionRef(x.section)), removed: sm.removed.map((x) => sectionRef(x.section)), changed: sectionsChanged },
		indicators: {
			added: im.added.map((x) => ref(x.indicator, x.section)),
			removed: im.removed.map((x) => ref(x.indicator, x.section)),
			changed,
			moved
		},
		same: false
	};
	diff.same = isEmpty(diff);
	return diff;
}

function ref(ind: Indicator, section: Section): IndicatorRef {
	return { id: ind.id, code: ind.code, title: ind.title, section: sectionRef(section) };
}

function isEmpty(d: FrameworkDiff): boolean {
	const lists = [
		d.framework,
		d.scoring,
		d.grades.added,
		d.grades.removed,
		d.grades.changed,
		d.categories.added,
		d.categories.removed,
		d.categories.changed,
		d.sections.added,
		d.sections.removed,
		d.sections.changed,
		d.indicators.added,
		d.indicators.removed,
		d.indicators.changed,
		d.indicators.moved
	];
	return lists.every((l) => l.length === 0);
}
