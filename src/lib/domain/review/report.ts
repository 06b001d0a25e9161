import type { Finding } from '../finding';
import type { Framework, Section } from '../framework/schema';
import type { LocalText } from '../common';
import { compareZh } from '../results/shared';
import { nominalAgreement, orderedAgreement, type Agreement, type GradePair } from './kappa';
import { orderedGrade, orderedScale, outcomeGrade, type OrderedScale } from './grades';

/** One reviewed target × indicator: the first grade, the blind second one, and who gave the first. */
export interface ReviewedItem {
	targetId: string;
	indicatorId: string;
	/** The first grader (the target's assessor; '' when unassigned): the figures by assessor group on it. */
	assessor: string;
	first: Finding | undefined;
	second: Finding | undefined;
}

export interface IndicatorAgreement {
	indicatorId: string;
	code: string;
	title: LocalText;
	/** Agreement on the outcome (符合/不符合/部分符合/不适用). */
	outcome: Agreement;
	/** The ordered scale, with linear and quadratic weighted kappa on it; null where the outcome is the only grade. */
	ordered: { scale: OrderedScale; linear: Agreement; quadratic: Agreement } | null;
}

export interface SectionAgreement {
	sectionId: string;
	code: string;
	title: LocalText;
	/** 0 for a top-level section. */
	depth: number;
	/** The outcomes of every indicator under the section, at any depth. */
	outcome: Agreement;
}

export interface AssessorAgreement {
	assessor: string;
	outcome: Agreement;
}

/**
 * Agreement per indicator, per section, per assessor and overall. Sections, assessors and the whole pool the
 * outcomes of different indicators, which share one set of categories; weighted kappa stays per indicator,
 * because the levels or counts of two indicators are different scales and pooling them would claim an
 * order between them that is not there. Items of an indicator the framework does not hold are left out.
 */
export interface AgreementReport {
	overall: Agreement;
	/** Every indicator, in framework order. */
	byIndicator: IndicatorAgreement[];
	/** Every section of the tree, in framework order (parents before their subsections). */
	bySection: SectionAgreement[];
	/** Every first grader with an item, in collation order. */
	byAssessor: AssessorAgreement[];
}

export function agreementReport(framework: Pick<Framework, 'sections'>, items: readonly ReviewedItem[]): AgreementReport {
	const byIndicatorId = groupBy(items, (i) => i.indicatorId);
	const outcomes = (list: readonly ReviewedItem[]): GradePair<string>[] => list.map((i) => ({ first: outcomeGrade(i.first), second: outcomeGrade(i.second) }));

	const byIndicator: IndicatorAgreement[] = [];
	const bySection: SectionAgreement[] = [];
	const walk = (sections: readonly Section[], depth: number): ReviewedItem[] => {
		const all: ReviewedItem[] = [];
		for (const section of sections) {
			const at = bySection.length;
			const under: ReviewedItem[] = [];
			for (const indicator of section.indicators) {
				const list = byIndicatorId.get(indicator.id) ?? [];
				append(under, list);
				const scale = orderedScale(indicator);
				const ordered = (): GradePair<number>[] => list.map((i) => ({ first: orderedGrade(indicator, i.first), second: orderedGrade(indicator, i.second) }));
				byIndicator.push({
					indicatorId: indicator.id,
					code: indicator.code,
					title: indicator.title,
					outcome: nominalAgreement(outcomes(list)),
					ordered: scale === null ? null : { scale, linear: orderedAgreement(ordered(), 'linear'), quadratic: orderedAgreement(ordered(), 'quadratic') }
				});
			}
			// The section's own row comes before its subsections', filled in once they are walked.
			bySection.push({ sectionId: section.id, code: section.code, title: section.title, depth, outcome: nominalAgreement([]) });
			append(under, walk(section.sections, depth + 1));
			bySection[at] = { ...bySection[at]!, outcome: nominalAgreement(outcomes(under)) };
			append(all, under);
		}
		return all;
	};
	const known = walk(framework.sections, 0);

	const byAssessor = [...groupBy(known, (i) => i.assessor)]
		.sort(([a], [b]) => compareZh(a, b))
		.map(([assessor, list]) => ({ assessor, outcome: nominalAgreement(outcomes(list)) }));

	return { overall: nominalAgreement(outcomes(known)), byIndicator, bySection, byAssessor };
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const t of list) {
		const group = out.get(key(t));
		if (group) group.push(t);
		else out.set(key(t), [t]);
	}
	return out;
}

/** `to.push(...from)` without spreading: a whole campaign's items are more arguments than a call may take. */
function append<T>(to: T[], from: readonly T[]): void {
	for (const t of from) to.push(t);
}
