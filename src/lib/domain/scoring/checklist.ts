import { applicableIndicators, EPS, publish, roundingStep, step, type ModelInput, type ModelResult, type SectionScore } from './core';
import type { ScoringRules } from '../framework/schema';

/** Self-check / 工作要点 follow-up: met weight over applicable weight, as a percentage. */
export function scoreChecklist(input: ModelInput, rules: ScoringRules): ModelResult {
	const { framework, byIndicator, app, trace } = input;
	const sections: SectionScore[] = [];
	let met = 0;
	let applicable = 0;
	for (const s of framework.sections.filter((x) => x.part === 'checklist')) {
		let sMet = 0;
		let sMax = 0;
		for (const ind of applicableIndicators(s, app)) {
			const outcome = byIndicator.get(ind.id)?.outcome ?? null;
			// 部分符合 counts half, the same as in the weighted model.
			const share = outcome === 'pass' ? 1 : outcome === 'partial' ? 0.5 : 0;
			sMet += share * ind.max;
			sMax += ind.max;
			if (share < 1) trace?.push(step(share > 0 ? 'trace.checklistPartial' : 'trace.checklistNotMet', { code: ind.code, indicator: ind.title, weight: ind.max }));
		}
		met += sMet;
		applicable += sMax;
		sections.push({ sectionId: s.id, title: s.title, part: 'checklist', max: sMax, score: sMax > 0 ? sMet : null, lost: sMax - sMet, applicable: sMax > 0 });
		if (sMax > 0) trace?.push(step('trace.checklistSection', { section: s.title, met: sMet, max: sMax }));
	}
	const total = applicable > 0 ? (met / applicable) * 100 : 0;
	trace?.push(step('trace.checklistTotal', { met, applicable, total }));
	const published = publish(rules, total);
	if (published !== total) trace?.push(roundingStep(rules, total, published));
	const passed = published >= rules.passMark - EPS;
	trace?.push(step(passed ? 'trace.passMarkMet' : 'trace.belowPassMark', { score: published, passMark: rules.passMark }));
	return { sections, deductScore: null, bonusScore: 0, total: published, rawTotal: total, passed };
}
