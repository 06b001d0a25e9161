import type { Finding } from '../finding';
import type { DeductionRules, Indicator, NaPolicy, Section } from '../framework/schema';
import { allIndicators, applicableIndicators, countedPoints, countedSum, EPS, perFramework, publish, roundingStep, step, type ModelInput, type ModelResult, type SectionScore } from './core';
import type { z } from 'zod';

/**
 * Points an indicator of the deduct part loses before any section cap: counted problems when there
 * are any (capped at the indicator's max), else the whole max for 不符合 and nothing otherwise.
 */
export function indicatorLoss(indicator: Indicator, max: number, finding: Finding | undefined): number {
	const outcome = finding?.outcome ?? null;
	if (outcome === null || outcome === 'pass' || outcome === 'na') return 0;
	const { sum, hasCounts } = countedSum(indicator, finding);
	if (hasCounts) return Math.min(max, sum);
	return outcome === 'fail' ? max : 0;
}

/**
 * Bonus points an indicator earns: the chosen level's points where it is graded by levels (e.g. 解读形式
 * 0/5/10), else counted items when any, else all for 符合; never more than its max.
 */
export function indicatorBonus(indicator: Indicator, finding: Finding | undefined): number {
	const outcome = finding?.outcome ?? null;
	if (outcome === null || outcome === 'na') return 0;
	if (indicator.method === 'levels' && finding?.level !== undefined) {
		const level = indicator.levels.find((l) => l.id === finding.level);
		if (level) return Math.min(indicator.max, level.points);
	}
	if (outcome === 'fail') return 0;
	const { sum, hasCounts } = countedSum(indicator, finding);
	if (hasCounts) return Math.min(indicator.max, sum);
	return outcome === 'pass' ? indicator.max : 0;
}

/**
 * Where `deductPart` records each applicable indicator's loss when asked (for `allocateLosses`): the indicators in
 * framework order and, at the same index, what each lost in the deduct score (its share of every capped section
 * above it, times the rescale factor). Two flat arrays, not an object per indicator: results allocate every target.
 */
export interface IndicatorLosses {
	indicators: Indicator[];
	lost: number[];
}

/** The deduct part of one target, as `scoreDeduction` scores it. `deductScore = max − Σ losses`. */
export interface DeductPart {
	sections: SectionScore[];
	deductScore: number;
	/** What the deduct score is out of: `total` when rescaled, else the applicable points (redistributed ones included). */
	max: number;
}

/**
 * 国办秘函〔2019〕19号 part 2: the deductions, section caps and N/A handling of one target. With `losses`, each
 * applicable indicator's loss is pushed to it in framework order, its share of every capped section and the
 * rescale factor applied, so the losses add up to `max − deductScore` by the very numbers the score uses.
 */
export function deductPart(input: ModelInput, rules: z.infer<typeof DeductionRules>, losses?: IndicatorLosses): DeductPart {
	const { framework, byIndicator, app, trace } = input;
	const deductSections = perFramework(framework, 'deductSections', () => framework.sections.filter((s) => s.part === 'deduct'));
	const deductIndicators = perFramework(framework, 'deductIndicators', () => deductSections.flatMap(allIndicators));
	const fullMax = perFramework(framework, 'deductMax', () => deductIndicators.reduce((a, i) => a + i.max, 0));
	const applicableDeduct: Indicator[] = [];
	for (const s of deductSections) applicableIndicators(s, app, false, applicableDeduct);
	const applicableMax = applicableDeduct.reduce((a, i) => a + i.max, 0);
	const skipped = skippedPoints(input, rules, deductSections);
	const extraPerIndicator = skipped.redistribute > EPS && applicableDeduct.length > 0 ? skipped.redistribute / applicableDeduct.length : 0;

	if (trace) {
		for (const s of deductSections) {
			if (app.naSections.has(s.id)) trace.push(step('trace.naSection', { section: s.title, max: allIndicators(s).reduce((a, i) => a + i.max, 0) }));
		}
		for (const ind of deductIndicators) {
			if (byIndicator.get(ind.id)?.outcome === 'na' && app.naIndicators.has(ind.id)) trace.push(step('trace.naIndicator', { indicator: ind.title, code: ind.code, max: ind.max }));
		}
	}
	if (extraPerIndicator > 0)
		trace?.push(step('trace.redistribute', { points: skipped.redistribute, count: applicableDeduct.length, each: extraPerIndicator }));

	const sections: SectionScore[] = [];
	let raw = 0;
	const scoreSection = (section: Section, inheritedNa: boolean): { max: number; lost: number } => {
		const na = inheritedNa || app.naSections.has(section.id);
		const first = losses?.lost.length ?? 0;
		let max = 0;
		let lost = 0;
		for (const ind of section.indicators) {
			if (na || app.naIndicators.has(ind.id)) continue;
			const indMax = ind.max + extraPerIndicator;
			const finding = byIndicator.get(ind.id);
			const loss = indicatorLoss(ind, indMax, finding);
			max += indMax;
			lost += loss;
			if (losses) {
				losses.indicators.push(ind);
				losses.lost.push(loss);
			}
			if (loss > 0 && trace) {
				const { sum, formula } = countedPoints(ind, finding);
				trace?.push(
					step(formula ? 'trace.indicatorCounted' : 'trace.indicatorFailed', { indicator: ind.title, code: ind.code, formula, sum, max: indMax, lost: loss })
				);
			}
		}
		for (const child of section.sections) {
			const r = scoreSection(child, na);
			max += r.max;
			lost += r.lost;
		}
		let counted = lost;
		if (section.cap !== undefined && counted > section.cap) {
			trace?.push(step('trace.sectionCap', { section: section.title, lost, cap: section.cap }));
			counted = section.cap;
		}
		counted = Math.min(counted, max);
		// A capped section's points lost are shared by its indicators in proportion to what each lost within it.
		if (losses && counted < lost) for (let k = first; k < losses.lost.length; k++) losses.lost[k] = (losses.lost[k]! * counted) / lost;
		return { max, lost: counted };
	};
	for (const s of deductSections) {
		const { max, lost } = scoreSection(s, false);
		const applicable = max > 0 || !app.naSections.has(s.id);
		const score = max - lost;
		raw += score;
		sections.push({ sectionId: s.id, title: s.title, part: s.part, max, score: applicable ? score : null, lost, applicable });
		if (applicable) trace?.push(step('trace.section', { section: s.title, max, lost, score }));
	}

	const usedMax = applicableMax + extraPerIndicator * applicableDeduct.length;
	trace?.push(step('trace.deductSum', { score: raw, max: usedMax }));
	let deductScore = raw;
	let max = usedMax;
	if (skipped.rescale > EPS && usedMax > 0) {
		// Points left out stay out of the total; the rest is scaled up to it. Multiply first so integer inputs stay
		// exact (75 × 100 / 75 rather than 75 × 1.333…).
		const target = skipped.exclude > EPS ? (rules.total * (fullMax - skipped.exclude)) / fullMax : rules.total;
		deductScore = (raw * target) / usedMax;
		max = target;
		if (losses) for (let k = 0; k < losses.lost.length; k++) losses.lost[k] = (losses.lost[k]! * target) / usedMax;
		trace?.push(step('trace.rescale', { raw, total: target, applicable: usedMax, score: deductScore }));
	} else if (skipped.exclude > EPS) {
		trace?.push(step('trace.exclude', { score: raw, max: usedMax }));
	}
	return { sections, deductScore, max };
}

/**
 * Points of the deduct part that do not apply, by how they are treated: what the target's category removes
 * (sections, indicators) by `naPolicy`; what an inspector judged 不适用 by the indicator's own `naTreatment`,
 * else `naPolicy`.
 */
function skippedPoints(input: ModelInput, rules: z.infer<typeof DeductionRules>, deductSections: Section[]): Record<NaPolicy, number> {
	const { category, app } = input;
	const out: Record<NaPolicy, number> = { rescale: 0, redistribute: 0, exclude: 0 };
	const removed = new Set(category?.naIndicators ?? []);
	const walk = (section: Section, byCategory: boolean) => {
		const sectionOut = byCategory || app.naSections.has(section.id);
		for (const ind of section.indicators) {
			if (sectionOut || removed.has(ind.id)) out[rules.naPolicy] += ind.max;
			else if (app.naIndicators.has(ind.id)) out[ind.naTreatment ?? rules.naPolicy] += ind.max;
		}
		for (const child of section.sections) walk(child, sectionOut);
	};
	for (const s of deductSections) walk(s, false);
	return out;
}

/** 国办秘函〔2019〕19号 part 2 (`deductPart`) with the pass mark, then part 3 (bonus above the gate). */
export function scoreDeduction(input: ModelInput, rules: z.infer<typeof DeductionRules>): ModelResult {
	const { framework, category, categoryLabel, byIndicator, app, trace } = input;
	const bonusSections = perFramework(framework, 'bonusSections', () => framework.sections.filter((s) => s.part === 'bonus'));
	const bonusEligible = Boolean(category?.bonus && rules.bonus);
	const { sections, deductScore } = deductPart(input, rules);

	// The pass mark and the bonus gate read the deduct score as published, not its hidden digits.
	const publishedDeduct = publish(rules, deductScore);
	if (publishedDeduct !== deductScore) trace?.push(roundingStep(rules, deductScore, publishedDeduct));
	const passed = publishedDeduct >= rules.passMark - EPS;
	trace?.push(step(passed ? 'trace.passMarkMet' : 'trace.belowPassMark', { score: publishedDeduct, passMark: rules.passMark }));

	let bonusScore = 0;
	if (bonusSections.length > 0) {
		if (!rules.bonus || !bonusEligible) {
			trace?.push(step('trace.bonusNotEligible', { category: categoryLabel }));
		} else {
			const { gate, gateInclusive, cap } = rules.bonus;
			const open = gateInclusive ? publishedDeduct >= gate - EPS : publishedDeduct > gate + EPS;
			trace?.push(step(open ? 'trace.bonusGateOpen' : 'trace.bonusGateClosed', { score: publishedDeduct, gate, op: gateInclusive ? '≥' : '>' }));
			if (open) {
				let earned = 0;
				for (const s of bonusSections) {
					let sEarned = 0;
					for (const ind of applicableIndicators(s, app)) {
						const pts = indicatorBonus(ind, byIndicator.get(ind.id));
						if (pts > 0) trace?.push(step('trace.bonusIndicator', { indicator: ind.title, code: ind.code, points: pts }));
						sEarned += pts;
					}
					if (s.cap !== undefined && sEarned > s.cap) {
						trace?.push(step('trace.sectionCap', { section: s.title, lost: sEarned, cap: s.cap }));
						sEarned = s.cap;
					}
					earned += sEarned;
				}
				bonusScore = Math.min(cap, earned);
				trace?.push(step(earned > cap ? 'trace.bonusCapped' : 'trace.bonusSum', { sum: earned, cap, bonus: bonusScore }));
			}
		}
	}
	for (const s of bonusSections) {
		const max = rules.bonus?.cap ?? 0;
		sections.push({ sectionId: s.id, title: s.title, part: s.part, max, score: bonusEligible ? bonusScore : null, lost: 0, applicable: bonusEligible });
	}

	const rawTotal = deductScore + bonusScore;
	trace?.push(step('trace.total', { deduct: deductScore, bonus: bonusScore, total: rawTotal }));
	return { sections, deductScore, bonusScore, total: publish(rules, rawTotal), rawTotal, passed };
}
