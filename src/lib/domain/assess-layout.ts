import type { Finding } from './finding';
import type { Framework, Indicator, Section, SectionPart } from './framework/schema';
import { skippedByCategory, type SkippedIndicator } from './not-applicable';

export interface AssessEntry {
	indicator: Indicator;
	part: SectionPart;
}

export interface AssessGroup {
	section: Section;
	/** Points the block is worth (its indicators' sum; the bonus cap for bonus blocks), null for veto blocks. */
	max: number | null;
	/** Why the whole block is skipped for this target, if it is. */
	notApplicable: 'category' | 'bonus' | null;
	entries: AssessEntry[];
	/** Indicators of this section the target's category does not check, shown with why. */
	skipped: SkippedIndicator[];
}

/**
 * What the assess screen lists for a target: every section in framework order with the indicators the
 * target's category must be judged on. Skipped blocks stay visible (empty) so the inspector sees why.
 */
export function assessLayout(fw: Framework, categoryId: string): AssessGroup[] {
	const category = fw.categories.find((c) => c.id === categoryId);
	const naSections = new Set(category?.naSections ?? []);
	const naIndicators = new Set(category?.naIndicators ?? []);
	const skipped = skippedByCategory(fw, categoryId);
	const groups: AssessGroup[] = [];
	const walk = (section: Section, inheritedNa: boolean) => {
		const na = inheritedNa || naSections.has(section.id);
		const bonusRules = fw.scoring.model === 'deduction' ? fw.scoring.bonus : null;
		const noBonus = section.part === 'bonus' && !(category?.bonus && bonusRules);
		const entries = na || noBonus ? [] : section.indicators.filter((i) => !naIndicators.has(i.id)).map((indicator) => ({ indicator, part: section.part }));
		const sum = section.indicators.reduce((a, i) => a + i.max, 0);
		const max = section.part === 'veto' ? null : section.part === 'bonus' && bonusRules ? Math.min(sum, bonusRules.cap) : sum;
		groups.push({ section, max, notApplicable: na ? 'category' : noBonus ? 'bonus' : null, entries, skipped: skipped.filter((x) => x.section === section) });
		section.sections.forEach((s) => walk(s, na));
	};
	fw.sections.forEach((s) => walk(s, false));
	return groups;
}

/**
 * A reviewer's package lists only its sampled items (`PackageInfo.items`): the target's groups keep just those
 * indicators, and a group with none of them goes. Without items (an assessor's package, or no package) the layout
 * is unchanged.
 */
export function packageLayout(groups: AssessGroup[], targetId: string, items: readonly { targetId: string; indicatorId: string }[] | undefined): AssessGroup[] {
	if (!items) return groups;
	const ids = new Set(items.filter((i) => i.targetId === targetId).map((i) => i.indicatorId));
	return groups.flatMap((g) => {
		const entries = g.entries.filter((e) => ids.has(e.indicator.id));
		return entries.length > 0 ? [{ ...g, notApplicable: null, entries, skipped: [] }] : [];
	});
}

/** The progress line of a target's grading: `reviewed` counts a reviewer's sampled items, `graded` every applicable indicator. */
export interface AssessProgress {
	kind: 'graded' | 'reviewed';
	done: number;
	total: number;
}

/**
 * How far a target's grading is. In a reviewer's package (`items`, its sample) only the target's sampled items count,
 * done once they have an outcome (a second grade); otherwise the score's graded of applicable indicators.
 */
export function assessProgress(
	score: { graded: number; applicable: number },
	targetId: string,
	findings: readonly Pick<Finding, 'indicatorId' | 'outcome'>[],
	items: readonly { targetId: string; indicatorId: string }[] | undefined
): AssessProgress {
	if (!items) return { kind: 'graded', done: score.graded, total: score.applicable };
	const sampled = new Set(items.filter((i) => i.targetId === targetId).map((i) => i.indicatorId));
	const done = findings.filter((f) => f.outcome !== null && sampled.has(f.indicatorId)).length;
	return { kind: 'reviewed', done, total: sampled.size };
}
