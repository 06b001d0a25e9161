import type { LocalText } from '../common';
import { deductionCount, type Finding } from '../finding';
import type { Framework, Indicator, ScoringRules, Section, TargetCategory } from '../framework/schema';
import { roundedText, roundScore } from '../rounding';

/**
 * One readable step of a score's derivation. `key` is an i18n message key (`trace.*`); params hold raw
 * numbers (formatted only for display) and framework texts (localised by the UI).
 */
export interface TraceStep {
	key: string;
	params: Record<string, number | string | LocalText | null>;
}

export interface SectionScore {
	sectionId: string;
	title: LocalText;
	part: Section['part'];
	/** Points available after N/A handling (redistribution, renormalised weights included). */
	max: number;
	/** null when the section was not scored (vetoed target, bonus not opened, nothing applicable). */
	score: number | null;
	lost: number;
	applicable: boolean;
}

/** What a model contributes once the veto part has passed. */
export interface ModelResult {
	sections: SectionScore[];
	/** Part 2 of the deduction model at full precision; null for the other models. */
	deductScore: number | null;
	bonusScore: number;
	/** The published score: `rawTotal` rounded as the framework states; null where the model gives no score (veto only). */
	total: number | null;
	rawTotal: number | null;
	passed: boolean;
}

/** The rounding of a score, shown in the trace with the full-precision value it started from. */
export function roundingStep(rules: Pick<ScoringRules, 'decimals' | 'rounding'>, raw: number, published: number): TraceStep {
	// As text: message parameters that are numbers are shown to one decimal, and this step is about the hidden digits.
	return step(`trace.rounded.${rules.rounding}`, { raw: String(Number(raw.toPrecision(12))), decimals: rules.decimals, score: roundedText(published, rules.decimals) });
}

/** A score as published (framework decimals and rounding): what pass marks, gates and grade lines compare. */
export function publish(rules: Pick<ScoringRules, 'decimals' | 'rounding'>, x: number): number {
	return roundScore(x, rules.decimals, rules.rounding);
}

/** Float noise (e.g. 60 × 4/3) must not decide a gate or a grade line. */
export const EPS = 1e-9;

export const step = (key: string, params: TraceStep['params'] = {}): TraceStep => ({ key, params });

export interface Applicability {
	naSections: Set<string>;
	naIndicators: Set<string>;
}

/**
 * N/A from the target's category plus indicators the inspector judged 不适用. `findings` are the target's
 * findings, one per indicator (or only those judged 不适用, as `FindingSlots.judgedNa` gives them).
 */
export function applicability(category: TargetCategory | undefined, findings: Iterable<Finding>, withJudged = true): Applicability {
	const naIndicators = new Set(category?.naIndicators ?? []);
	if (withJudged) for (const f of findings) if (f.outcome === 'na') naIndicators.add(f.indicatorId);
	return { naSections: new Set(category?.naSections ?? []), naIndicators };
}

/** Whether an inspector may judge the indicator 不适用 under the framework's rules (`scoring.naJudgement`). */
export function naAllowed(rules: Pick<ScoringRules, 'naJudgement'>, indicator: Pick<Indicator, 'naTreatment'>): boolean {
	return rules.naJudgement === 'any' || indicator.naTreatment !== undefined;
}

/** A 不适用 the framework does not allow (e.g. on a campaign moved onto a stricter version): it counts as ungraded. */
export function naRefused(rules: Pick<ScoringRules, 'naJudgement'>, indicator: Pick<Indicator, 'naTreatment'>, finding: Finding | undefined): boolean {
	return finding?.outcome === 'na' && !naAllowed(rules, indicator);
}

/** Indicators of a section and its subsections that apply, in framework order. */
export function applicableIndicators(section: Section, app: Applicability, inheritedNa = false, out: Indicator[] = []): Indicator[] {
	const na = inheritedNa || app.naSections.has(section.id);
	if (!na) for (const i of section.indicators) if (!app.naIndicators.has(i.id)) out.push(i);
	for (const s of section.sections) applicableIndicators(s, app, na, out);
	return out;
}

const memos = new WeakMap<object, Map<string, unknown>>();

/**
 * A value derived from a framework alone, computed once per framework object: scoring a province's
 * thousands of targets would otherwise rebuild the same indicator lists for each of them. Frameworks
 * are never mutated in place (edits make a new object), so the cache cannot go stale.
 */
export function perFramework<T>(framework: object, key: string, compute: () => T): T {
	let map = memos.get(framework);
	if (!map) memos.set(framework, (map = new Map()));
	if (!map.has(key)) map.set(key, compute());
	return map.get(key) as T;
}

/** Every indicator of a framework numbered once (framework order), for `FindingSlots`. */
export function indicatorPositions(framework: Framework): ReadonlyMap<string, number> {
	return perFramework(framework, 'positions', () => {
		const positions = new Map<string, number>();
		const walk = (sections: Section[]) => {
			for (const s of sections) {
				for (const i of s.indicators) if (!positions.has(i.id)) positions.set(i.id, positions.size);
				walk(s.sections);
			}
		};
		walk(framework.sections);
		return positions;
	});
}

/** What the models read of a target's findings: the one on an indicator, if any. */
export interface FindingLookup {
	get(indicatorId: string): Finding | undefined;
}

/**
 * A target's findings by indicator, the last one winning as in a `Map`: an array slot per framework indicator.
 * Scoring a province builds one per target, and a `Map` of every target's findings (keyed by strings freshly
 * read from IndexedDB, each hashed on insertion) was the largest single cost of scoring a campaign. Findings on
 * indicators the framework does not have are left out: scoring never looks them up.
 */
export class FindingSlots implements FindingLookup {
	readonly #positions: ReadonlyMap<string, number>;
	/** Indicators an inspector may judge 不适用, or null when every one may. */
	readonly #naAllowed: ReadonlySet<string> | null;
	/** One per framework indicator, undefined where the target has no finding. */
	readonly #slots: (Finding | undefined)[];

	constructor(framework: Framework, own: readonly Finding[]) {
		this.#positions = indicatorPositions(framework);
		this.#naAllowed = naAllowedIds(framework);
		this.#slots = new Array<Finding | undefined>(this.#positions.size).fill(undefined);
		for (let k = 0; k < own.length; k++) this.add(own[k]!);
	}

	/** Puts a finding in its indicator's slot, after (so over) any added before. */
	add(f: Finding): void {
		const at = this.#positions.get(f.indicatorId);
		if (at !== undefined) this.#slots[at] = f;
	}

	get(indicatorId: string): Finding | undefined {
		const at = this.#positions.get(indicatorId);
		return at === undefined ? undefined : this.#slots[at];
	}

	/** The findings judged 不适用 where the framework allows it, for `applicability`. */
	judgedNa(): Finding[] {
		const out: Finding[] = [];
		for (const f of this.#slots) if (f?.outcome === 'na' && (this.#naAllowed === null || this.#naAllowed.has(f.indicatorId))) out.push(f);
		return out;
	}
}

function naAllowedIds(framework: Framework): ReadonlySet<string> | null {
	const rules = framework.scoring;
	if (rules.naJudgement === 'any') return null;
	return perFramework(framework, 'naAllowed', () => {
		const ids = new Set<string>();
		const walk = (sections: Section[]) => {
			for (const s of sections) {
				for (const i of s.indicators) if (naAllowed(rules, i)) ids.add(i.id);
				walk(s.sections);
			}
		};
		walk(framework.sections);
		return ids;
	});
}

export function allIndicators(section: Section): Indicator[] {
	return [...section.indicators, ...section.sections.flatMap(allIndicators)];
}

/** Sum of a finding's problem counts × points; `hasCounts` tells whether any problem was counted. Allocates nothing: it runs for every indicator of every target. */
export function countedSum(indicator: Indicator, finding: Finding | undefined): { sum: number; hasCounts: boolean } {
	let sum = 0;
	let hasCounts = false;
	if (finding) {
		for (const d of indicator.deductions) {
			const raw = deductionCount(finding, d.id);
			const count = d.per === 'once' ? Math.min(raw, 1) : raw;
			if (count > 0) {
				sum += count * d.points;
				hasCounts = true;
			}
		}
	}
	return { sum, hasCounts };
}

/**
 * 部分符合 on a deduct-part indicator with no problem counted: it costs nothing, which is never what the
 * inspector meant, so the target is not complete until a problem type is counted (or the outcome changed).
 */
export function uncountedPartial(indicator: Indicator, finding: Finding | undefined): boolean {
	return finding?.outcome === 'partial' && !countedSum(indicator, finding).hasCounts;
}

/** `countedSum` with the formula for the trace ("2×1 + 3"). */
export function countedPoints(indicator: Indicator, finding: Finding | undefined) {
	let sum = 0;
	const parts: string[] = [];
	for (const d of indicator.deductions) {
		const raw = deductionCount(finding, d.id);
		const count = d.per === 'once' ? Math.min(raw, 1) : raw;
		if (count > 0) {
			sum += count * d.points;
			parts.push(d.per === 'once' ? `${d.points}` : `${count}×${d.points}`);
		}
	}
	return { sum, hasCounts: parts.length > 0, formula: parts.join(' + ') };
}

export function gradeFor(framework: Framework, total: number | null, passed: boolean) {
	const bands = framework.scoring.grades;
	const worst = bands[bands.length - 1]!;
	// Veto only: no score, the first band is simply "no veto".
	if (framework.scoring.model === 'veto') return passed ? bands[0]! : worst;
	if (!passed || total === null) return worst;
	return bands.find((b) => total >= b.min - EPS) ?? worst;
}

export interface ModelInput {
	framework: Framework;
	category: TargetCategory | undefined;
	categoryLabel: LocalText | string;
	byIndicator: FindingLookup;
	app: Applicability;
	/** Undefined when only the numbers are wanted: `trace?.push(step(…))` then skips building each step. */
	trace: TraceStep[] | undefined;
}
