import { Slug, type LocalText } from '../../common';
import type { Cell, Row } from './types';

/** Headers, sheet names and vocabulary compare loosely: width, case, spaces and underscores do not matter. */
export function norm(s: string): string {
	return s.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '');
}

export function cellText(cell: Cell | undefined): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') return String(cell);
	return typeof cell === 'string' ? cell.trim() : cell.text;
}

export function isEmptyRow(row: Row): boolean {
	return row.every((c) => cellText(c) === '');
}

export function orNull(s: string | undefined): Cell {
	return s === undefined || s === '' ? null : s;
}

/** Drops undefined properties so a parsed framework deep-equals the original (zod keeps explicit undefined). */
export function compact<T extends object>(o: T): T {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const LIST_SPLIT = /[、，,；;\n]+/;
export function splitList(s: string): string[] {
	return s
		.split(LIST_SPLIT)
		.map((x) => x.trim())
		.filter((x) => x !== '');
}

/** `中文 | English` ⇄ LocalText. */
export function formatTitle(t: LocalText): string {
	return t.en === undefined ? t.zh : `${t.zh} | ${t.en}`;
}
export function parseTitle(s: string): LocalText | undefined {
	const m = /\s+[|｜]\s+/.exec(s);
	const zh = (m ? s.slice(0, m.index) : s).trim();
	const en = m ? s.slice(m.index + m[0].length).trim() : '';
	if (!zh) return undefined;
	return en ? { zh, en } : { zh };
}

export function localText(zh: string | undefined, en: string | undefined): LocalText | undefined {
	if (!zh) return undefined;
	return en ? { zh, en } : { zh };
}

export function formatNumber(n: number): string {
	return String(n);
}

export function parseNumberText(s: string): number | undefined {
	const t = s.normalize('NFKC').trim().replace(/分$/, '').trim();
	if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : undefined;
}

export function slugify(s: string): string {
	return s
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[^A-Za-z0-9]+/, '')
		.replace(/-+$/, '');
}

export function isSlug(s: string): boolean {
	return Slug.safeParse(s).success;
}

/** Picks `base`, `base-2`, `base-3`… avoiding every id already taken. */
export function uniqueId(base: string, taken: Set<string>): string {
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	taken.add(id);
	return id;
}
