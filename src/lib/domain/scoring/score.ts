import type { LocalText } from '../common';
import type { Finding } from '../finding';
import type { Framework, Indicator } from '../framework/schema';
import type { Target } from '../target';
import { allIndicators, applicability, applicableIndicators, FindingSlots, gradeFor, naRefused, perFramework, roundingStep, step, uncountedPartial, type ModelInput, type ModelResult, type SectionScore, type TraceStep } from './core';
import { scoreChecklist } from './checklist';
import { scoreDeduction } from './deduction';
import { scoreWeighted } from './weighted';

export type { SectionScore, TraceStep } from './core';
export { countedPoints, naAllowed, uncountedPartial } from './core';
export { roundedText, roundScore, Rounding, scoreText } from '../rounding';
export { indicatorBonus, indicatorLoss } from './deduction';
export { indicatorFraction } from './weighted';

export interface TargetScore {
	targetId: string;
	vetoed: boolean;
	vetoReasons: { indicatorId: string; title: LocalText }[];
	/** Part 2 of the deduction model after N/A handling; null when vetoed or for other models. */
	deductScore: number | null;
	bonusScore: number;
	/**
	 * The published score: the model's total rounded as the framework states (decimals, 四舍五入), or
	 * `vetoScore` (possibly null) for a vetoed target. Pass, grade, gate, rank and every export use it.
	 */
	total: number | null;
	/** The same total at full precision, for the trace; null where `total` is. */
	rawTotal: number | null;
	passed: boolean;
	gradeId: string;
	gradeTitle: LocalText;
	sections: SectionScore[];
	graded: number;
	applicable: number;
	/** 部分符合 on deduct indicators with no problem counted: each keeps the target from being complete. */
	uncounted: number;
	/**
	 * Every applicable indicator has an outcome and no 部分符合 is left uncounted: only then is the score
	 * published (ranked, graded, counted). Until then it is provisional. See `targetStatus`.
	 */
	complete: boolean;
	trace: TraceStep[];
}

/** Which indicators a target must be judged on: everything its category does not skip (bonus only where it counts). */
export function requiredIndicators(framework: Framework, categoryId: string): readonly Indicator[] {
	return perFramework(framework, `required:${categoryId}`, () => {
		const category = framework.categories.find((c) => c.id === categoryId);
		const app = applicability(category, []);
		const rules = framework.scoring;
		const bonusEligible = rules.model === 'deduction' && Boolean(category?.bonus && rules.bonus);
		return framework.sections.filter((s) => s.part !== 'bonus' || bonusEligible).flatMap((s) => applicableIndicators(s, app));
	});
}

function runModel(input: ModelInput): ModelResult {
	const rules = input.framework.scoring;
	switch (rules.model) {
		case 'deduction':
			return scoreDeduction(input, rules);
		case 'weighted':
			return scoreWeighted(input, rules);
		case 'checklist':
			return scoreChecklist(input, rules);
		case 'veto':
			// Reached only when no veto failed: the target passes, with no score to show.
			input.trace?.push(step('trace.vetoOnlyPassed'));
			return { sections: [], deductScore: null, bonusScore: 0, total: null, rawTotal: null, passed: true };
	}
}

/** Ids of the deduct part's indicators, where 部分符合 must name what it costs. */
function deductIndicatorIds(framework: Framework): ReadonlySet<string> {
	return perFramework(framework, 'deductIds', () => new Set(framework.sections.filter((s) => s.part === 'deduct').flatMap(allIndicators).map((i) => i.id)));
}

export function scoreTarget(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, findings: Finding[]): TargetScore {
	const trace: TraceStep[] = [];
	return { ...scoreOwn(framework, target, findings.filter((f) => f.targetId === target.id), trace), trace };
}

type Numbers = Omit<TargetScore, 'trace'>;

/**
 * The score of findings already known to be the target's own; steps are pushed to `trace` when one is given.
 * Both results are built by the same literal, so every score object has the same shape (fast property reads
 * in the rankings and charts of thousands of targets).
 */
function scoreOwn(
	framework: Framework,
	target: Pick<Target, 'id' | 'categoryId'>,
	own: readonly Finding[],
	trace: TraceStep[] | undefined,
	byIndicator = new FindingSlots(framework, own)
): Numbers {
	const rules = framework.scoring;
	const category = framework.categories.find((c) => c.id === target.categoryId);
	if (!category) trace?.push(step('trace.unknownCategory', { category: target.categoryId }));
	const app = applicability(category, byIndicator.judgedNa());

	// Progress counts every indicator the target must be judged on (N/A by judgement counts as judged).
	const required = requiredIndicators(framework, target.categoryId);
	let graded = 0;
	let uncounted = 0;
	const deductIds = rules.model === 'deduction' ? deductIndicatorIds(framework) : null;
	for (const ind of required) {
		const finding = byIndicator.get(ind.id);
		if (naRefused(rules, ind, finding)) trace?.push(step('trace.naRefused', { indicator: ind.title, code: ind.code }));
		else if ((finding?.outcome ?? null) !== null) graded++;
		if (deductIds?.has(ind.id) && uncountedPartial(ind, finding)) {
			uncounted++;
			trace?.push(step('trace.uncountedPartial', { indicator: ind.title, code: ind.code }));
		}
	}
	if (graded < required.length)
		trace?.push(step(rules.model === 'deduction' ? 'trace.ungraded' : 'trace.ungradedZero', { count: required.length - graded }));

	// Part 1, in every model: any failed veto indicator decides the result on its own.
	const vetoReasons: TargetScore['vetoReasons'] = [];
	for (const section of perFramework(framework, 'vetoSections', () => framework.sections.filter((s) => s.part === 'veto'))) {
		for (const ind of applicableIndicators(section, app)) {
			if (byIndicator.get(ind.id)?.outcome === 'fail') {
				vetoReasons.push({ indicatorId: ind.id, title: ind.title });
				trace?.push(step('trace.veto', { indicator: ind.title, code: ind.code }));
			}
		}
	}

	const input: ModelInput = { framework, category, categoryLabel: category?.title ?? target.categoryId, byIndicator, app, trace };
	let result: ModelResult | null = null;
	if (vetoReasons.length > 0) {
		trace?.push(step(rules.vetoScore === null ? 'trace.vetoNoScore' : 'trace.vetoScore', { score: rules.vetoScore }));
	} else {
		result = runModel(input);
	}
	const grade = result ? gradeFor(framework, result.total, result.passed) : gradeFor(framework, null, false);
	if (result && result.total !== null && result.rawTotal !== null && result.total !== result.rawTotal) trace?.push(roundingStep(rules, result.rawTotal, result.total));
	const complete = required.length > 0 && graded === required.length && uncounted === 0;
	trace?.push(step(complete ? 'trace.grade' : 'trace.provisional', { grade: grade.title, graded, applicable: required.length }));
	return {
		targetId: target.id,
		vetoed: result === null,
		vetoReasons,
		deductScore: result ? result.deductScore : null,
		bonusScore: result ? result.bonusScore : 0,
		total: result ? result.total : rules.vetoScore,
		rawTotal: result ? result.rawTotal : rules.vetoScore,
		passed: result ? result.passed : false,
		gradeId: grade.id,
		gradeTitle: grade.title,
		// A vetoed target has no section scores, but its sections keep their real maxima (the report lists them).
		sections: result ? result.sections : runModel({ ...input, trace: undefined }).sections.map((x) => ({ ...x, score: null, lost: 0 })),
		graded,
		applicable: required.length,
		uncounted,
		complete
	};
}

/**
 * Scores every target of a campaign. Findings are grouped in one pass that also fills each target's
 * `FindingSlots`, so every finding is read once while grouping (a campaign's findings, read from IndexedDB in
 * key order, lie scattered in memory, and a second pass target by target waited on each of them again).
 */
export function scoreCampaign(framework: Framework, targets: Pick<Target, 'id' | 'categoryId'>[], findings: Finding[]): TargetScore[] {
	const byTarget = new Map<string, { own: Finding[]; slots: FindingSlots }>();
	for (const f of findings) {
		const group = byTarget.get(f.targetId);
		if (group) {
			group.own.push(f);
			group.slots.add(f);
		} else {
			const slots = new FindingSlots(framework, []);
			slots.add(f);
			byTarget.set(f.targetId, { own: [f], slots });
		}
	}
	return targets.map((t) => {
		const group = byTarget.get(t.id);
		return group ? lazily(framework, t, group.own, group.slots) : scoreLazily(framework, t, []);
	});
}

/** What a lazily scored target needs to derive its trace when first read; `trace` once it has been. */
interface TraceSource {
	framework: Framework;
	target: Pick<Target, 'id' | 'categoryId'>;
	own: readonly Finding[];
	trace?: TraceStep[];
}
const traceSources = new WeakMap<object, TraceSource>();

/**
 * One getter shared by every lazy score: a getter closure per object (or turning the data property into an
 * accessor) would put each score object in V8's slow dictionary mode.
 */
function lazyTrace(this: object): TraceStep[] {
	const source = traceSources.get(this);
	if (!source) return [];
	if (!source.trace) {
		const trace: TraceStep[] = [];
		scoreOwn(source.framework, source.target, source.own, trace);
		source.trace = trace;
	}
	return source.trace;
}

/**
 * `scoreTarget` for the target's own findings, with the trace derived only when first read: rankings and
 * charts of thousands of targets never read most traces, and building them is most of the cost.
 */
export function scoreLazily(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, own: Finding[]): TargetScore {
	return lazily(framework, target, own, new FindingSlots(framework, own));
}

function lazily(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, own: readonly Finding[], slots: FindingSlots): TargetScore {
	const score = scoreOwn(framework, target, own, undefined, slots);
	traceSources.set(score, { framework, target, own });
	return Object.defineProperty(score, 'trace', { enumerable: true, configurable: true, get: lazyTrace }) as TargetScore;
}
