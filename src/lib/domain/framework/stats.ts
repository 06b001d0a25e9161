import { listIndicators, type Framework, type Section } from './schema';

export interface FrameworkStats {
	indicators: number;
	sections: number;
	provisional: number;
}

function countSections(sections: Section[]): number {
	return sections.reduce((n, s) => n + 1 + countSections(s.sections), 0);
}

/** Counts shown in the library: indicators, sections, and how many values are still provisional. */
export function frameworkStats(fw: Framework): FrameworkStats {
	const entries = listIndicators(fw);
	const provisional = entries.reduce((n, e) => n + (e.indicator.provisional ? 1 : 0) + e.indicator.deductions.filter((d) => d.provisional).length, 0);
	return { indicators: entries.length, sections: countSections(fw.sections), provisional };
}
