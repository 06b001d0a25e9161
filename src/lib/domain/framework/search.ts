import type { Indicator, Section } from './schema';

/** Lower-case text an indicator can be found by: code, titles, guidance, basis, problem types. */
function haystack(i: Indicator): string {
	return [i.code, i.title.zh, i.title.en, i.guidance?.zh, i.guidance?.en, i.basis, ...i.deductions.map((d) => d.title.zh), ...i.responsibleUnits]
		.filter(Boolean)
		.join('\n')
		.toLowerCase();
}

/** Ids of the indicators matching every word of the query; null when the query is empty (show all). */
export function searchIndicators(sections: Section[], query: string): Set<string> | null {
	const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return null;
	const hits = new Set<string>();
	const walk = (list: Section[]) => {
		for (const s of list) {
			for (const i of s.indicators) {
				const h = haystack(i);
				if (words.every((w) => h.includes(w))) hits.add(i.id);
			}
			walk(s.sections);
		}
	};
	walk(sections);
	return hits;
}
