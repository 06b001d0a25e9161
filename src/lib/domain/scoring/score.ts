import type { LocalText } from '../common';
import type { Finding } from '../finding';
import type { Framework, Indicator } from '../framework/schema';
import type { Target } from '../target';
import { applicability, applicableIndicators, FindingSlots, gradeFor, perFramework, step, type ModelInput, type ModelResult, type SectionScore, type TraceStep } from './core';
import { scoreChecklist } from './checklist';
import { scoreDeduction } from './deduction';
import { scoreWeighted } from './weighted';

export type { SectionScore, TraceStep } from './core';
export { countedPoints, uncountedPartial } from './core';
export { roundedText, roundScore, Rounding } from './round';
export { indicatorBonus, indicatorLoss } from './deduction';
export { indicatorFraction } from './weighted';

export interface TargetScore {
	targetId: string;
	vetoed: boolean;
	vetoReasons: { indicatorId: string; title: LocalText }[];
	/** Part 2 of the deduction model after N/A handling; null when vetoed or for other models. */
	deductScore: number | null;
	bonusScore: number;
	/** Recorded score: the model's total, or `vetoScore` (possibly null) for a vetoed target. */
	total: number | null;
	passed: boolean;
	gradeId: string;
	gradeTitle: LocalText;
	sections: SectionScore[];
	graded: number;
	applicable: number;
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
	for (const ind of required) if ((byIndicator.get(ind.id)?.outcome ?? null) !== null) graded++;
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

	let result: ModelResult | null = null;
	if (vetoReasons.length > 0) {
		trace?.push(step(rules.vetoScore === null ? 'trace.vetoNoScore' : 'trace.vetoScore', { score: rules.vetoScore }));
	} else {
		const input: ModelInput = { framework, category, categoryLabel: category?.title ?? target.categoryId, byIndicator, app, trace };
		switch (rules.model) {
			case 'deduction':
				result = scoreDeduction(input, rules);
				break;
			case 'weighted':
				result = scoreWeighted(input, rules.passMark);
				break;
			case 'checklist':
				result = scoreChecklist(input, rules.passMark);
				break;
		}
	}
	const grade = result ? gradeFor(framework, result.total, result.passed) : gradeFor(framework, null, false);
	trace?.push(step('trace.grade', { grade: grade.title }));
	return {
		targetId: target.id,
		vetoed: result === null,
		vetoReasons,
		deductScore: result ? result.deductScore : null,
		bonusScore: result ? result.bonusScore : 0,
		total: result ? result.total : rules.vetoScore,
		passed: result ? result.passed : false,
		gradeId: grade.id,
		gradeTitle: grade.title,
		sections: result
			? result.sections
			: framework.sections
					.filter((s) => s.part !== 'veto')
					.map((s) => ({ sectionId: s.id, title: s.title, part: s.part, max: 0, score: null, lost: 0, applicable: true })),
		graded,
		applicable: required.length
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
