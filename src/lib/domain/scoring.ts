import type { LocalText } from './common';
import type { Finding } from './finding';
import type { Framework, Indicator, Section, TargetCategory } from './framework';
import type { Target } from './target';

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
	/** Points available after N/A handling (redistribution included); 0 when nothing applies. */
	max: number;
	/** null when the section was not scored (vetoed target, or bonus not opened). */
	score: number | null;
	lost: number;
	applicable: boolean;
}

export interface TargetScore {
	targetId: string;
	vetoed: boolean;
	vetoReasons: { indicatorId: string; title: LocalText }[];
	/** Part 2 after N/A handling; null when vetoed. */
	deductScore: number | null;
	bonusScore: number;
	/** Recorded score: deduct + bonus, or `vetoScore` (possibly null) for a vetoed target. */
	total: number | null;
	passed: boolean;
	gradeId: string;
	gradeTitle: LocalText;
	sections: SectionScore[];
	graded: number;
	applicable: number;
	trace: TraceStep[];
}

/** Float noise (e.g. 60 × 4/3) must not decide a gate or a grade line. */
const EPS = 1e-9;

const step = (key: string, params: TraceStep['params'] = {}): TraceStep => ({ key, params });

/** Sum of a finding's problem counts × points; `hasCounts` tells whether any problem was counted. */
export function countedPoints(indicator: Indicator, finding: Finding | undefined) {
	let sum = 0;
	const parts: string[] = [];
	for (const d of indicator.deductions) {
		const raw = finding?.deductionCounts[d.id] ?? 0;
		const count = d.per === 'once' ? Math.min(raw, 1) : raw;
		if (count > 0) {
			sum += count * d.points;
			parts.push(d.per === 'once' ? `${d.points}` : `${count}×${d.points}`);
		}
	}
	return { sum, hasCounts: parts.length > 0, formula: parts.join(' + ') };
}

/**
 * Points an indicator of the deduct part loses before any section cap: counted problems when there
 * are any (capped at the indicator's max), else the whole max for 不符合 and nothing otherwise.
 */
export function indicatorLoss(indicator: Indicator, max: number, finding: Finding | undefined): number {
	const outcome = finding?.outcome ?? null;
	if (outcome === null || outcome === 'pass' || outcome === 'na') return 0;
	const { sum, hasCounts } = countedPoints(indicator, finding);
	if (hasCounts) return Math.min(max, sum);
	return outcome === 'fail' ? max : 0;
}

/** Bonus points an indicator earns: counted items when any (capped), else all for 符合. */
export function indicatorBonus(indicator: Indicator, finding: Finding | undefined): number {
	const outcome = finding?.outcome ?? null;
	if (outcome === null || outcome === 'fail' || outcome === 'na') return 0;
	const { sum, hasCounts } = countedPoints(indicator, finding);
	if (hasCounts) return Math.min(indicator.max, sum);
	return outcome === 'pass' ? indicator.max : 0;
}

interface Applicability {
	naSections: Set<string>;
	naIndicators: Set<string>;
}

function applicability(category: TargetCategory | undefined, findings: Map<string, Finding>): Applicability {
	const naIndicators = new Set(category?.naIndicators ?? []);
	for (const f of findings.values()) if (f.outcome === 'na') naIndicators.add(f.indicatorId);
	return { naSections: new Set(category?.naSections ?? []), naIndicators };
}

/** Indicators of a section and its subsections that apply, in framework order. */
function applicableIndicators(section: Section, app: Applicability, inheritedNa = false): Indicator[] {
	const na = inheritedNa || app.naSections.has(section.id);
	const own = na ? [] : section.indicators.filter((i) => !app.naIndicators.has(i.id));
	return [...own, ...section.sections.flatMap((s) => applicableIndicators(s, app, na))];
}

function allIndicators(section: Section): Indicator[] {
	return [...section.indicators, ...section.sections.flatMap(allIndicators)];
}

function gradeFor(framework: Framework, total: number | null, passed: boolean) {
	const bands = framework.scoring.grades;
	const worst = bands[bands.length - 1]!;
	if (!passed || total === null) return worst;
	return bands.find((b) => total >= b.min - EPS) ?? worst;
}

export function scoreTarget(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, findings: Finding[]): TargetScore {
	const rules = framework.scoring;
	const trace: TraceStep[] = [];
	const byIndicator = new Map(findings.filter((f) => f.targetId === target.id).map((f) => [f.indicatorId, f]));
	const category = framework.categories.find((c) => c.id === target.categoryId);
	if (!category) trace.push(step('trace.unknownCategory', { category: target.categoryId }));
	const app = applicability(category, byIndicator);
	const bonusEligible = Boolean(category?.bonus && rules.bonus);

	// Progress counts every indicator the target must be judged on (N/A by judgement counts as judged).
	let applicableCount = 0;
	let graded = 0;
	for (const section of framework.sections) {
		if (section.part === 'bonus' && !bonusEligible) continue;
		const required = applicableIndicators(section, { ...app, naIndicators: new Set(category?.naIndicators ?? []) });
		for (const ind of required) {
			applicableCount++;
			const outcome = byIndicator.get(ind.id)?.outcome ?? null;
			if (outcome !== null) graded++;
		}
	}
	if (graded < applicableCount) trace.push(step('trace.ungraded', { count: applicableCount - graded }));

	// Part 1: veto.
	const vetoReasons: TargetScore['vetoReasons'] = [];
	for (const section of framework.sections.filter((s) => s.part === 'veto')) {
		for (const ind of applicableIndicators(section, app)) {
			if (byIndicator.get(ind.id)?.outcome === 'fail') {
				vetoReasons.push({ indicatorId: ind.id, title: ind.title });
				trace.push(step('trace.veto', { indicator: ind.title, code: ind.code }));
			}
		}
	}
	const deductSections = framework.sections.filter((s) => s.part === 'deduct');
	const bonusSections = framework.sections.filter((s) => s.part === 'bonus');

	if (vetoReasons.length > 0) {
		trace.push(step(rules.vetoScore === null ? 'trace.vetoNoScore' : 'trace.vetoScore', { score: rules.vetoScore }));
		const worst = gradeFor(framework, null, false);
		trace.push(step('trace.grade', { grade: worst.title }));
		return {
			targetId: target.id,
			vetoed: true,
			vetoReasons,
			deductScore: null,
			bonusScore: 0,
			total: rules.vetoScore,
			passed: false,
			gradeId: worst.id,
			gradeTitle: worst.title,
			sections: [...deductSections, ...bonusSections].map((s) => ({
				sectionId: s.id,
				title: s.title,
				part: s.part,
				max: 0,
				score: null,
				lost: 0,
				applicable: true
			})),
			graded,
			applicable: applicableCount,
			trace
		};
	}

	// Part 2: deductions, with N/A handling.
	const fullMax = deductSections.flatMap(allIndicators).reduce((a, i) => a + i.max, 0);
	const applicableDeduct = deductSections.flatMap((s) => applicableIndicators(s, app));
	const applicableMax = applicableDeduct.reduce((a, i) => a + i.max, 0);
	const skipped = fullMax - applicableMax;
	const extraPerIndicator =
		rules.naPolicy === 'redistribute' && skipped > EPS && applicableDeduct.length > 0 ? skipped / applicableDeduct.length : 0;

	for (const s of deductSections) {
		if (app.naSections.has(s.id)) trace.push(step('trace.naSection', { section: s.title, max: allIndicators(s).reduce((a, i) => a + i.max, 0) }));
	}
	for (const ind of deductSections.flatMap(allIndicators)) {
		if (byIndicator.get(ind.id)?.outcome === 'na') trace.push(step('trace.naIndicator', { indicator: ind.title, code: ind.code, max: ind.max }));
	}
	if (extraPerIndicator > 0)
		trace.push(step('trace.redistribute', { points: skipped, count: applicableDeduct.length, each: extraPerIndicator }));

	const sectionScores: SectionScore[] = [];
	let raw = 0;
	const scoreDeductSection = (section: Section, inheritedNa: boolean): { max: number; lost: number } => {
		const na = inheritedNa || app.naSections.has(section.id);
		let max = 0;
		let lost = 0;
		for (const ind of section.indicators) {
			if (na || app.naIndicators.has(ind.id)) continue;
			const indMax = ind.max + extraPerIndicator;
			const finding = byIndicator.get(ind.id);
			const loss = indicatorLoss(ind, indMax, finding);
			max += indMax;
			lost += loss;
			if (loss > 0) {
				const { sum, formula } = countedPoints(ind, finding);
				trace.push(
					step(formula ? 'trace.indicatorCounted' : 'trace.indicatorFailed', {
						indicator: ind.title,
						code: ind.code,
						formula,
						sum,
						max: indMax,
						lost: loss
					})
				);
			}
		}
		for (const child of section.sections) {
			const r = scoreDeductSection(child, na);
			max += r.max;
			lost += r.lost;
		}
		if (section.cap !== undefined && lost > section.cap) {
			trace.push(step('trace.sectionCap', { section: section.title, lost, cap: section.cap }));
			lost = section.cap;
		}
		return { max, lost: Math.min(lost, max) };
	};
	for (const s of deductSections) {
		const { max, lost } = scoreDeductSection(s, false);
		const applicable = max > 0 || !app.naSections.has(s.id);
		const score = max - lost;
		raw += score;
		sectionScores.push({ sectionId: s.id, title: s.title, part: s.part, max, score: applicable ? score : null, lost, applicable });
		if (applicable) trace.push(step('trace.section', { section: s.title, max, lost, score }));
	}

	const usedMax = applicableMax + extraPerIndicator * applicableDeduct.length;
	trace.push(step('trace.deductSum', { score: raw, max: usedMax }));
	let deductScore = raw;
	if (rules.naPolicy === 'rescale' && skipped > EPS && applicableMax > 0) {
		// Multiply first so integer inputs stay exact (75 × 100 / 75 rather than 75 × 1.333…).
		deductScore = (raw * rules.total) / applicableMax;
		trace.push(step('trace.rescale', { raw, total: rules.total, applicable: applicableMax, score: deductScore }));
	} else if (rules.naPolicy === 'exclude' && skipped > EPS) {
		trace.push(step('trace.exclude', { score: raw, max: applicableMax }));
	}

	const passed = deductScore >= rules.passMark - EPS;
	trace.push(step(passed ? 'trace.passMarkMet' : 'trace.belowPassMark', { score: deductScore, passMark: rules.passMark }));

	// Part 3: bonus.
	let bonusScore = 0;
	if (bonusSections.length > 0) {
		if (!rules.bonus || !bonusEligible) {
			trace.push(step('trace.bonusNotEligible', { category: category?.title ?? target.categoryId }));
		} else {
			const { gate, gateInclusive, cap } = rules.bonus;
			const open = gateInclusive ? deductScore >= gate - EPS : deductScore > gate + EPS;
			trace.push(step(open ? 'trace.bonusGateOpen' : 'trace.bonusGateClosed', { score: deductScore, gate, op: gateInclusive ? '≥' : '>' }));
			if (open) {
				let earned = 0;
				for (const s of bonusSections) {
					let sEarned = 0;
					for (const ind of applicableIndicators(s, app)) {
						const pts = indicatorBonus(ind, byIndicator.get(ind.id));
						if (pts > 0) trace.push(step('trace.bonusIndicator', { indicator: ind.title, code: ind.code, points: pts }));
						sEarned += pts;
					}
					if (s.cap !== undefined && sEarned > s.cap) {
						trace.push(step('trace.sectionCap', { section: s.title, lost: sEarned, cap: s.cap }));
						sEarned = s.cap;
					}
					earned += sEarned;
				}
				bonusScore = Math.min(cap, earned);
				trace.push(step(earned > cap ? 'trace.bonusCapped' : 'trace.bonusSum', { sum: earned, cap, bonus: bonusScore }));
			}
		}
	}
	for (const s of bonusSections) {
		const max = rules.bonus?.cap ?? 0;
		sectionScores.push({ sectionId: s.id, title: s.title, part: s.part, max, score: bonusEligible ? bonusScore : null, lost: 0, applicable: bonusEligible });
	}

	const total = deductScore + bonusScore;
	trace.push(step('trace.total', { deduct: deductScore, bonus: bonusScore, total }));
	const grade = gradeFor(framework, total, passed);
	trace.push(step('trace.grade', { grade: grade.title }));

	return {
		targetId: target.id,
		vetoed: false,
		vetoReasons,
		deductScore,
		bonusScore,
		total,
		passed,
		gradeId: grade.id,
		gradeTitle: grade.title,
		sections: sectionScores,
		graded,
		applicable: applicableCount,
		trace
	};
}

/** Scores every target of a campaign; findings are grouped once so this stays linear in their number. */
export function scoreCampaign(
	framework: Framework,
	targets: Pick<Target, 'id' | 'categoryId'>[],
	findings: Finding[]
): TargetScore[] {
	const byTarget = new Map<string, Finding[]>();
	for (const f of findings) {
		const list = byTarget.get(f.targetId);
		if (list) list.push(f);
		else byTarget.set(f.targetId, [f]);
	}
	return targets.map((t) => scoreTarget(framework, t, byTarget.get(t.id) ?? []));
}
