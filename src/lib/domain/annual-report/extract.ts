import { formatForYear, TEMPLATES } from './format';
import { parseTableLines, type SourceLine, type TablePaste } from './paste';
import { PROSE_PATTERNS, type ProsePattern } from './prose-patterns';
import type { FormatVersion, ProseNumber } from './schema';
import type { ReportTemplate } from './template';

/**
 * A whole report's text read into a proposal: its year and date, the parts it has, its tables, and its
 * numbers-in-prose, each with where it was found. Always shown as a preview for the user to confirm; nothing here
 * writes a report.
 */

/** A number the text states for a cell that has no table (pre-2019 reports). */
export interface CellProposal {
	cell: string;
	value: number;
	text: string;
	at: number;
	line: number;
}

export interface ReportProposal {
	year?: { value: number; at: number };
	publishedOn?: { value: string; at: number };
	format: FormatVersion | null;
	/** Part id → its heading was found, and where. */
	parts: Record<string, boolean>;
	headings: { part: string; line: number; at: number }[];
	tables: TablePaste[];
	cells: CellProposal[];
	prose: (ProseNumber & { at: number; line: number })[];
}

/**
 * The text with full-width digits and punctuation made ASCII (NFKC), keeping for each position the offset it came
 * from, so that every `at` points into the text the user pasted.
 */
function normalisedWithOffsets(text: string): { text: string; from: number[] } {
	let out = '';
	const from: number[] = [];
	let i = 0;
	for (const ch of text) {
		const n = ch.normalize('NFKC');
		out += n;
		for (let k = 0; k < n.length; k++) from.push(i);
		i += ch.length;
	}
	from.push(i);
	return { text: out, from };
}

interface Line extends SourceLine {
	/** Offset of the line's first character in the normalised text. */
	start: number;
}

function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	let start = 0;
	for (const [i, t] of text.split('\n').entries()) {
		lines.push({ text: t.replace(/\r$/, ''), line: i + 1, start });
		start += t.length + 1;
	}
	return lines;
}

const ORDINAL_HEADING = /^\s*[一二三四五六七八九十]+[、.]/;

function isHeading(line: string): boolean {
	return ORDINAL_HEADING.test(line) && line.trim().length <= 40 && !/\d/.test(line.replace(/\d{4}年/, ''));
}

/** Part headings in order of the text. A pre-2019 report has extra sections (咨询处理): any ordinal heading ends one. */
function findHeadings(lines: Line[], template: ReportTemplate): { part: string | null; index: number }[] {
	const out: { part: string | null; index: number }[] = [];
	const seen = new Set<string>();
	lines.forEach((l, index) => {
		if (!isHeading(l.text)) return;
		const part = template.parts.find((p) => !seen.has(p.id) && p.keys.every((k) => l.text.includes(k)));
		if (part) seen.add(part.id);
		if (part || template.tables.length === 0) out.push({ part: part?.id ?? null, index });
	});
	return out;
}

function sectionOf(part: string, headings: { part: string | null; index: number }[], lines: Line[]): Line[] {
	const i = headings.findIndex((h) => h.part === part);
	if (i < 0) return [];
	const end = headings[i + 1]?.index ?? lines.length;
	return lines.slice(headings[i]!.index + 1, end);
}

function lineAt(lines: Line[], offset: number): number {
	let found = lines[0]!;
	for (const l of lines) if (l.start <= offset) found = l;
	return found.line;
}

const toNumber = (s: string) => Number(s.replace(/,/g, ''));

function matchPatterns(
	patterns: readonly ProsePattern[],
	raw: string,
	text: string,
	lines: Line[],
	headings: { part: string | null; index: number }[],
	from: number[]
): { cells: CellProposal[]; prose: ReportProposal['prose'] } {
	const taken: [number, number][] = [];
	const cells: CellProposal[] = [];
	const prose: ReportProposal['prose'] = [];
	const overlaps = (a: number, b: number) => taken.some(([s, e]) => a < e && s < b);
	for (const p of patterns) {
		const scope = p.section ? sectionOf(p.section, headings, lines) : lines;
		if (scope.length === 0) continue;
		const start = scope[0]!.start;
		const last = scope[scope.length - 1]!;
		const body = text.slice(start, last.start + last.text.length);
		for (const m of body.matchAll(new RegExp(p.pattern, 'g'))) {
			const a = start + m.index;
			const b = a + m[0].length;
			if (overlaps(a, b)) continue;
			taken.push([a, b]);
			const value = p.none ? 0 : toNumber(m[1]!);
			const found = { text: raw.slice(from[a], from[b]), at: from[a]!, line: lineAt(lines, a) };
			const cell = p.cells[0]!;
			// A number the text states again for a cell already proposed is a statement to check against the first.
			if (p.target === 'cell' && !cells.some((c) => c.cell === cell)) cells.push({ cell, value, ...found });
			else prose.push({ cells: [...p.cells], value, none: Boolean(p.none), ...found });
		}
	}
	return { cells, prose };
}

export function extractReport(raw: string, format?: FormatVersion): ReportProposal {
	const { text, from } = normalisedWithOffsets(raw);
	const lines = splitLines(text);
	const yearMatch = /(\d{4})年度?[^。\n]{0,30}?政府信息公开(?:工作)?年度?报告/.exec(text);
	const year = yearMatch ? { value: Number(yearMatch[1]), at: from[yearMatch.index]! } : undefined;
	const dateLine = lines.findLast((l) => /^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/.test(l.text));
	const publishedOn = dateLine
		? (() => {
				const [, y, m, d] = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(dateLine.text)!;
				return { value: `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`, at: from[dateLine.start]! };
			})()
		: undefined;
	const resolved = format ?? (year ? formatForYear(year.value) : null);
	if (resolved === null) return { ...(year ? { year } : {}), ...(publishedOn ? { publishedOn } : {}), format: null, parts: {}, headings: [], tables: [], cells: [], prose: [] };

	const template = TEMPLATES[resolved];
	const headings = findHeadings(lines, template);
	const parts = Object.fromEntries(template.parts.map((p) => [p.id, headings.some((h) => h.part === p.id)]));
	const tables = template.tables.map((t) => parseTableLines(sectionOf(t.part, headings, lines), t));
	const { cells, prose } = matchPatterns(PROSE_PATTERNS[resolved], raw, text, lines, headings, from);
	return {
		...(year ? { year } : {}),
		...(publishedOn ? { publishedOn } : {}),
		format: resolved,
		parts,
		headings: headings.flatMap((h) => (h.part ? [{ part: h.part, line: lines[h.index]!.line, at: from[lines[h.index]!.start]! }] : [])),
		tables,
		cells,
		prose
	};
}
