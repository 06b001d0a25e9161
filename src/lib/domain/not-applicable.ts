import type { LocalText } from './common';
import type { Framework, Indicator, Section } from './framework/schema';

/**
 * Why an indicator does not apply to a target of a category: the category, and the units the indicator names
 * as responsible (工作要点 tasks; empty for other frameworks). Screens and documents word it from these.
 */
export interface NaReason {
	category: LocalText;
	responsibleUnits: string[];
}

export interface SkippedIndicator {
	indicator: Indicator;
	/** The section directly holding the indicator. */
	section: Section;
	reason: NaReason;
}

/**
 * Indicators a category does not check one by one (`naIndicators`), in framework order, with the reason to
 * show. Indicators under a section the category skips are not listed: the section says so as a whole.
 */
export function skippedByCategory(fw: Pick<Framework, 'sections' | 'categories'>, categoryId: string): SkippedIndicator[] {
	const category = fw.categories.find((c) => c.id === categoryId);
	if (!category || category.naIndicators.length === 0) return [];
	const na = new Set(category.naIndicators);
	const naSections = new Set(category.naSections);
	const out: SkippedIndicator[] = [];
	const walk = (sections: Section[]) => {
		for (const s of sections) {
			if (naSections.has(s.id)) continue;
			for (const indicator of s.indicators) {
				if (na.has(indicator.id)) out.push({ indicator, section: s, reason: { category: category.title, responsibleUnits: indicator.responsibleUnits } });
			}
			walk(s.sections);
		}
	};
	walk(fw.sections);
	return out;
}
