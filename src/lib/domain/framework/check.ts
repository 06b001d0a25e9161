import type { SectionPart } from './schema';
import { FRAMEWORK_LIMITS, isReservedId } from '../limits';

export type ScoringModel = 'deduction' | 'weighted' | 'checklist' | 'veto';

/** The parts each scoring model can score; anything else in a framework of that model is an error. */
export const PARTS_FOR_MODEL: Record<ScoringModel, SectionPart[]> = {
	deduction: ['veto', 'deduct', 'bonus'],
	weighted: ['veto', 'weighted'],
	checklist: ['veto', 'checklist'],
	veto: ['veto']
};

/**
 * Whether the model gives a score, and so reads the pass mark, the veto score and the grade lines: a veto-only one
 * grades by the veto alone (its first grade passes, its last fails), so screens leave those out.
 */
export function modelGivesScore(model: ScoringModel): boolean {
	return model !== 'veto';
}

export interface FrameworkProblem {
	path: (string | number)[];
	/** i18n key under `fwcheck.*` */
	code: string;
	params: Record<string, string | number>;
}

/** The shape the checks need: parsed framework data, structurally valid already. */
interface CheckedIndicator {
	id: string;
	code: string;
	max: number;
	method: 'binary' | 'levels' | 'ratio';
	levels: { id: string; points: number }[];
	ratioOf?: number;
	deductions: { id: string }[];
}
interface CheckedSection {
	id: string;
	code: string;
	part: SectionPart;
	weight?: number;
	indicators: CheckedIndicator[];
	sections: CheckedSection[];
}
interface CheckedFramework {
	scoring: { model: ScoringModel; grades: { id: string; min: number }[]; total?: number; bonus?: unknown };
	categories: { id: string; naSections: string[]; naIndicators: string[] }[];
	sections: CheckedSection[];
}

const EPS = 1e-9;

/** Rules across fields that a per-field schema cannot express. Every problem names where it is. */
export function checkFramework(fw: CheckedFramework): FrameworkProblem[] {
	const problems: FrameworkProblem[] = [];
	const add = (path: (string | number)[], code: string, params: Record<string, string | number> = {}) =>
		problems.push({ path, code: `fwcheck.${code}`, params });
	const model = fw.scoring.model;
	const allowed = PARTS_FOR_MODEL[model];
	const ids = new Set<string>();
	const codes = new Set<string>();
	let deductMax = 0;
	let hasBonus = false;
	let indicatorCount = 0;
	// Ids become object keys (deduction counts) and lookup keys: none may name a property every object has.
	const reserved = (path: (string | number)[], id: string) => {
		if (isReservedId(id)) add(path, 'reservedId', { id });
	};

	const walk = (sections: CheckedSection[], path: (string | number)[], parentPart: SectionPart | null, depth: number) => {
		if (sections.length > 0 && depth > FRAMEWORK_LIMITS.sectionDepth) {
			add(path, 'tooDeep', { limit: FRAMEWORK_LIMITS.sectionDepth });
			return;
		}
		sections.forEach((s, i) => {
			const at = [...path, i];
			reserved([...at, 'id'], s.id);
			if (ids.has(s.id)) add([...at, 'id'], 'duplicateId', { id: s.id });
			ids.add(s.id);
			if (!allowed.includes(s.part)) add([...at, 'part'], 'partForModel', { part: s.part, model });
			if (parentPart && s.part !== parentPart) add([...at, 'part'], 'partMismatch', { part: s.part, parent: parentPart });
			if (s.indicators.length === 0 && s.sections.length === 0) add(at, 'emptySection', { code: s.code });
			if (s.part === 'bonus') hasBonus = true;
			s.indicators.forEach((ind, j) => {
				const ip = [...at, 'indicators', j];
				if (++indicatorCount === FRAMEWORK_LIMITS.indicators + 1) add(ip, 'tooManyIndicators', { limit: FRAMEWORK_LIMITS.indicators });
				reserved([...ip, 'id'], ind.id);
				if (ids.has(ind.id)) add([...ip, 'id'], 'duplicateId', { id: ind.id });
				ids.add(ind.id);
				if (codes.has(ind.code)) add([...ip, 'code'], 'duplicateCode', { code: ind.code });
				codes.add(ind.code);
				if (s.part !== 'veto' && ind.max <= 0) add([...ip, 'max'], 'zeroMax');
				if (s.part === 'deduct') deductMax += ind.max;
				const dIds = new Set<string>();
				ind.deductions.forEach((d, k) => {
					reserved([...ip, 'deductions', k, 'id'], d.id);
					if (dIds.has(d.id)) add([...ip, 'deductions', k, 'id'], 'duplicateDeduction', { id: d.id });
					dIds.add(d.id);
				});
				if (s.part === 'weighted' && ind.method === 'levels') {
					if (ind.levels.length < 2) add([...ip, 'levels'], 'levelsMissing');
					const lIds = new Set<string>();
					ind.levels.forEach((l, k) => {
						reserved([...ip, 'levels', k, 'id'], l.id);
						if (lIds.has(l.id)) add([...ip, 'levels', k, 'id'], 'duplicateLevel', { id: l.id });
						lIds.add(l.id);
						if (l.points > ind.max + EPS) add([...ip, 'levels', k, 'points'], 'levelAboveMax', { points: l.points, max: ind.max });
					});
				}
				if (s.part === 'weighted' && ind.method === 'ratio' && ind.ratioOf === undefined) add([...ip, 'ratioOf'], 'ratioOfMissing');
			});
			walk(s.sections, [...at, 'sections'], s.part, depth + 1);
		});
	};
	walk(fw.sections, ['sections'], null, 1);

	const unique = (list: { id: string }[], path: string[], code: string) => {
		const seen = new Set<string>();
		list.forEach((x, i) => {
			reserved([...path, i, 'id'], x.id);
			if (seen.has(x.id)) add([...path, i, 'id'], code, { id: x.id });
			seen.add(x.id);
		});
	};
	unique(fw.categories, ['categories'], 'duplicateCategory');
	unique(fw.scoring.grades, ['scoring', 'grades'], 'duplicateGrade');

	fw.categories.forEach((c, i) => {
		c.naSections.forEach((ref, k) => {
			if (!ids.has(ref)) add(['categories', i, 'naSections', k], 'unknownRef', { ref });
		});
		c.naIndicators.forEach((ref, k) => {
			if (!ids.has(ref)) add(['categories', i, 'naIndicators', k], 'unknownRef', { ref });
		});
	});

	const mins = fw.scoring.grades.map((g) => g.min);
	// A veto-only framework grades by the veto alone: its first band passes, its last fails, lines are not read.
	if (model === 'veto') {
		if (mins.length < 2) add(['scoring', 'grades'], 'vetoGrades');
	} else if (mins.some((m, i) => i > 0 && m >= mins[i - 1]!)) add(['scoring', 'grades'], 'gradesOrder');

	if (model === 'deduction') {
		const total = fw.scoring.total ?? 0;
		if (Math.abs(deductMax - total) > EPS) add(['scoring', 'total'], 'deductTotal', { sum: deductMax, total });
		if (hasBonus && !fw.scoring.bonus) add(['scoring', 'bonus'], 'bonusRules');
	}
	if (model === 'weighted') {
		let sum = 0;
		fw.sections.forEach((s, i) => {
			if (s.part !== 'weighted') return;
			if (s.weight === undefined) add(['sections', i, 'weight'], 'weightMissing', { code: s.code });
			else sum += s.weight;
		});
		if (Math.abs(sum - 100) > 1e-6) add(['scoring', 'model'], 'weightSum', { sum });
	}
	return problems;
}
