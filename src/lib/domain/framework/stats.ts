import type { LocalText } from '../common';
import { listIndicators, type Framework, type Section } from './schema';

export interface FrameworkStats {
	indicators: number;
	sections: number;
	/** Values still flagged 待核 (`provisionalValues`). */
	provisional: number;
}

/** One value flagged 待核: where it is (ids from the framework down) and why, as the data says. */
export interface ProvisionalValue {
	path: string[];
	note: LocalText | undefined;
}

function countSections(sections: Section[]): number {
	return sections.reduce((n, s) => n + 1 + countSections(s.sections), 0);
}

/**
 * Every value of a framework still flagged 待核 (provisional): the framework itself, its bonus rule, grades,
 * categories, sections, indicators and their problem types. The library shows how many; a campaign on such a
 * framework says its scores are provisional.
 */
export function provisionalValues(fw: Framework): ProvisionalValue[] {
	const out: ProvisionalValue[] = [];
	const add = (x: { provisional?: boolean; provisionalNote?: LocalText }, path: string[]) => {
		if (x.provisional) out.push({ path, note: x.provisionalNote });
	};
	add(fw, [fw.id]);
	if (fw.scoring.model === 'deduction' && fw.scoring.bonus) add(fw.scoring.bonus, [fw.id, 'scoring', 'bonus']);
	for (const g of fw.scoring.grades) add(g, [fw.id, 'grades', g.id]);
	for (const c of fw.categories) add(c, [fw.id, 'categories', c.id]);
	const walk = (sections: Section[]) => {
		for (const s of sections) {
			add(s, [fw.id, s.id]);
			for (const i of s.indicators) {
				add(i, [fw.id, i.id]);
				for (const d of i.deductions) add(d, [fw.id, i.id, d.id]);
			}
			walk(s.sections);
		}
	};
	walk(fw.sections);
	return out;
}

/** Counts shown in the library: indicators, sections, and how many values are still provisional. */
export function frameworkStats(fw: Framework): FrameworkStats {
	return { indicators: listIndicators(fw).length, sections: countSections(fw.sections), provisional: provisionalValues(fw).length };
}

/**
 * The one text saying a campaign's scores are provisional because its framework still has `count` values flagged
 * 待核: the screens, the Word reports and the Excel and CSV tables all write this. Null when nothing is 待核.
 */
export function provisionalScoresText(count: number, t: (key: string, params?: Record<string, unknown>) => string): string | null {
	return count > 0 ? t('provisional.scores', { count: String(count) }) : null;
}
