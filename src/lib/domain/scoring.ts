import type { LocalText } from './common';
import type { Finding } from './finding';
import type { Framework, Indicator } from './framework';
import type { Target } from './target';
import { applicability, applicableIndicators, gradeFor, perFramework, step, type ModelInput, type ModelResult, type SectionScore, type TraceStep } from './scoring-core';
import { scoreChecklist } from './scoring-checklist';
import { scoreDeduction } from './scoring-deduction';
import { scoreWeighted } from './scoring-weighted';

export type { SectionScore, TraceStep } from './scoring-core';
export { countedPoints } from './scoring-core';
export { indicatorBonus, indicatorLoss } from './scoring-deduction';
export { indicatorFraction } from './scoring-weighted';

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
		const app = applicability(category, new Map());
		const rules = framework.scoring;
		const bonusEligible = rules.model === 'deduction' && Boolean(category?.bonus && rules.bonus);
		return framework.sections.filter((s) => s.part !== 'bonus' || bonusEligible).flatMap((s) => applicableIndicators(s, app));
	});
}

export function scoreTarget(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, findings: Finding[]): TargetScore {
	return scoreOwn(framework, target, findings.filter((f) => f.targetId === target.id));
}

/** `scoreTarget` for findings already known to be the target's own; without `tracing` the trace is left empty. */
function scoreOwn(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, own: Finding[], tracing = true): TargetScore {
	const rules = framework.scoring;
	const trace: TraceStep[] | undefined = tracing ? [] : undefined;
	const byIndicator = new Map<string, Finding>();
	for (const f of own) byIndicator.set(f.indicatorId, f);
	const category = framework.categories.find((c) => c.id === target.categoryId);
	if (!category) trace?.push(step('trace.unknownCategory', { category: target.categoryId }));
	const app = applicability(category, byIndicator);

	// Progress counts every indicator the target must be judged on (N/A by judgement counts as judged).
	const required = requiredIndicators(framework, target.categoryId);
	let graded = 0;
	for (const ind of required) if ((byIndicator.get(ind.id)?.outcome ?? null) !== null) graded++;
	if (graded < required.length)
		trace?.push(step(rules.model === 'deduction' ? 'trace.ungraded' : 'trace.ungradedZero', { count: required.length - graded }));

	// Part 1, in every model: any failed veto indicator decides the result on its own.
	const vetoReasons: TargetScore['vetoReasons'] = [];
	for (const section of framework.sections.filter((s) => s.part === 'veto')) {
		for (const ind of applicableIndicators(section, app)) {
			if (byIndicator.get(ind.id)?.outcome === 'fail') {
				vetoReasons.push({ indicatorId: ind.id, title: ind.title });
				trace?.push(step('trace.veto', { indicator: ind.title, code: ind.code }));
			}
		}
	}
	const base = { targetId: target.id, vetoReasons, graded, applicable: required.length, trace: trace ?? [] };

	if (vetoReasons.length > 0) {
		trace?.push(step(rules.vetoScore === null ? 'trace.vetoNoScore' : 'trace.vetoScore', { score: rules.vetoScore }));
		const worst = gradeFor(framework, null, false);
		trace?.push(step('trace.grade', { grade: worst.title }));
		return {
			...base,
			vetoed: true,
			deductScore: null,
			bonusScore: 0,
			total: rules.vetoScore,
			passed: false,
			gradeId: worst.id,
			gradeTitle: worst.title,
			sections: framework.sections
				.filter((s) => s.part !== 'veto')
				.map((s) => ({ sectionId: s.id, title: s.title, part: s.part, max: 0, score: null, lost: 0, applicable: true }))
		};
	}

	const input: ModelInput = { framework, category, categoryLabel: category?.title ?? target.categoryId, byIndicator, app, trace };
	let result: ModelResult;
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
	const grade = gradeFor(framework, result.total, result.passed);
	trace?.push(step('trace.grade', { grade: grade.title }));
	return { ...base, ...result, vetoed: false, gradeId: grade.id, gradeTitle: grade.title };
}

/** Scores every target of a campaign; findings are grouped once so this stays linear in their number. */
export function scoreCampaign(framework: Framework, targets: Pick<Target, 'id' | 'categoryId'>[], findings: Finding[]): TargetScore[] {
	const byTarget = new Map<string, Finding[]>();
	for (const f of findings) {
		const list = byTarget.get(f.targetId);
		if (list) list.push(f);
		else byTarget.set(f.targetId, [f]);
	}
	return targets.map((t) => scoreLazily(framework, t, byTarget.get(t.id) ?? []));
}

/**
 * `scoreTarget` for the target's own findings, with the trace derived only when first read: rankings and
 * charts of thousands of targets never read most traces, and building them is most of the cost.
 */
export function scoreLazily(framework: Framework, target: Pick<Target, 'id' | 'categoryId'>, own: Finding[]): TargetScore {
	const score = scoreOwn(framework, target, own, false);
	let trace: TraceStep[] | undefined;
	return Object.defineProperty(score, 'trace', { enumerable: true, get: () => (trace ??= scoreOwn(framework, target, own).trace) });
}
