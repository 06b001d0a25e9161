import type { AnnualReport } from './schema';

type Entries = Record<string, unknown>;

/** Per key: mine where I changed it since `base`, else theirs (a key I removed stays removed). */
function mergeEntries<T extends Entries>(base: T, mine: T, theirs: T): T {
	const out: Entries = { ...theirs };
	for (const key of new Set([...Object.keys(base), ...Object.keys(mine)])) {
		if (Object.is(base[key], mine[key])) continue;
		if (Object.hasOwn(mine, key)) out[key] = mine[key];
		else delete out[key];
	}
	return out as T;
}

const FIELDS = ['publishedOn', 'url', 'prose', 'publisherKind', 'updatedAt', 'updatedBy'] as const;

/**
 * My edit of a report laid over another tab's newer copy: each cell, part and field I changed since the copy I
 * started from wins, everything else is theirs. Two people typing one report's numbers rarely touch the same cell;
 * when they do, the later typing is the one on screen, so it is the one kept. Theirs keeps its revision.
 */
export function mergeReport(base: AnnualReport, mine: AnnualReport, theirs: AnnualReport): AnnualReport {
	const out: AnnualReport = { ...theirs, cells: mergeEntries(base.cells, mine.cells, theirs.cells), parts: mergeEntries(base.parts, mine.parts, theirs.parts) };
	for (const field of FIELDS) {
		if (Object.is(base[field], mine[field])) continue;
		if (mine[field] === undefined) delete (out as Entries)[field];
		else (out as Entries)[field] = mine[field];
	}
	return out;
}
