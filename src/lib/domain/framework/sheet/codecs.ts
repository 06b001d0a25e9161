import type { LocalText } from '../../common';
import type { SectionPart } from '../schema';
import { compact, formatNumber, formatTitle, isSlug, parseNumberText, parseTitle } from './text';
import type { Cell } from './types';
import { BOOLEANS, vocabLookup } from './vocab';

/** The provisional flag and its note, as frameworks carry them; the note is `说明 | note` in a cell. */
export interface ProvisionalPair {
	provisional?: boolean;
	provisionalNote?: LocalText;
}

export function formatProvisional(p: ProvisionalPair): Cell {
	if (p.provisional === undefined && p.provisionalNote === undefined) return null;
	const flag = p.provisional === undefined ? '' : p.provisional ? '是' : '否';
	return p.provisionalNote === undefined ? flag : `${flag}：${formatTitle(p.provisionalNote)}`;
}

/** `是` / `否` / `是：说明` / `：说明 | note` ⇄ the provisional pair; undefined when unreadable. */
export function parseProvisional(s: string): ProvisionalPair | undefined {
	const m = /^([^：:]*)(?:[：:]([\s\S]*))?$/.exec(s);
	if (!m) return undefined;
	const flagText = (m[1] ?? '').trim();
	const note = m[2]?.trim();
	let provisional: boolean | undefined;
	if (flagText) {
		const b = flagText === '待核' ? 'true' : vocabLookup(BOOLEANS, flagText);
		if (!b) return undefined;
		provisional = b === 'true';
	}
	return compact({ provisional, provisionalNote: note ? parseTitle(note) : undefined });
}

export type Per = 'each' | 'once';
const NUM = '([-+]?\\d+(?:\\.\\d+)?)';
const AMOUNT_PATTERNS: [RegExp, Per][] = [
	[new RegExp(`^每[^\\d\\s+-]{0,3}\\s*[扣加减]?\\s*${NUM}\\s*分?$`), 'each'],
	[new RegExp(`^(?:一次性)?\\s*[扣加减]?\\s*${NUM}\\s*分?$`), 'once'],
	[new RegExp(`^(?:each|per\\s+[a-z]+)\\s*${NUM}(?:\\s*(?:points?|pts?))?$`), 'each'],
	[new RegExp(`^${NUM}\\s*(?:points?|pts?)?\\s*(?:each|per\\s+[a-z]+)$`), 'each'],
	[new RegExp(`^once\\s*${NUM}(?:\\s*(?:points?|pts?))?$`), 'once'],
	[new RegExp(`^${NUM}\\s*(?:points?|pts?)?\\s*once$`), 'once']
];

function parseAmount(s: string): { per: Per; points: number } | undefined {
	const t = s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
	for (const [re, per] of AMOUNT_PATTERNS) {
		const m = re.exec(t);
		if (m?.[1] !== undefined) return { per, points: Number(m[1]) };
	}
	return undefined;
}

export function formatAmount(points: number, per: Per, part: SectionPart): string {
	const n = formatNumber(points);
	if (part === 'bonus') return per === 'each' ? `每项加 ${n} 分` : `加 ${n} 分`;
	return per === 'each' ? `每处 ${n} 分` : `扣 ${n} 分`;
}

const NOTE_MARKERS: Record<string, boolean | undefined> = { 待核: true, 不待核: false, 备注: undefined };

export function formatNoteSuffix(p: ProvisionalPair): string {
	if (p.provisional === undefined && p.provisionalNote === undefined) return '';
	const marker = p.provisional === true ? '待核' : p.provisional === false ? '不待核' : '备注';
	return p.provisionalNote === undefined ? `（${marker}）` : `（${marker}：${formatTitle(p.provisionalNote)}）`;
}

interface ParsedRule {
	id?: string;
	title: LocalText;
	points: number;
	per: Per;
	provisional?: boolean;
	provisionalNote?: LocalText;
}

/** `[id] 标题 | English：每处 1 分（待核：说明）`; undefined when the text is not a rule. */
export function parseRule(text: string): ParsedRule | { badId: string } | undefined {
	const s = text.trim();
	// The note may itself contain brackets or colons: try each marker position, leftmost first.
	const markers = [...s.matchAll(/[（(](待核|不待核|备注)(?=[：:）)])/g)];
	const candidates: { head: string; suffix?: { flag: boolean | undefined; note?: string } }[] = [];
	if (/[）)]$/.test(s)) {
		for (const m of markers) {
			const inner = s.slice(m.index + 1, -1);
			const marker = m[1]!;
			const note = inner.slice(marker.length);
			if (note !== '' && !/^[：:]/.test(note)) continue;
			const noteText = note.slice(1).trim();
			candidates.push({ head: s.slice(0, m.index), suffix: { flag: NOTE_MARKERS[marker], note: note === '' ? undefined : noteText || undefined } });
		}
	}
	candidates.push({ head: s });
	for (const c of candidates) {
		const head = parseRuleHead(c.head);
		if (!head) continue;
		if ('badId' in head) return head;
		return compact({ ...head, provisional: c.suffix?.flag, provisionalNote: c.suffix?.note === undefined ? undefined : parseTitle(c.suffix.note) });
	}
	return undefined;
}

function parseRuleHead(head: string): Omit<ParsedRule, 'provisional' | 'provisionalNote'> | { badId: string } | undefined {
	const { id, rest } = splitId(head);
	// Titles may contain colons; amounts never do: the last colon separates them.
	const colon = Math.max(rest.lastIndexOf('：'), rest.lastIndexOf(':'));
	if (colon < 0) return undefined;
	const amount = parseAmount(rest.slice(colon + 1));
	const title = parseTitle(rest.slice(0, colon).trim());
	if (!amount || !title) return undefined;
	if (id !== undefined && !isSlug(id)) return { badId: id };
	return compact({ id, title, ...amount });
}

function splitId(s: string): { id?: string; rest: string } {
	const m = /^\s*[[［【]([^\]］】]*)[\]］】]\s*/.exec(s);
	return m ? { id: m[1]!.trim(), rest: s.slice(m[0].length) } : { rest: s.trim() };
}

/**
 * Splits a cell into rule texts: one per line, and a line at "；" with the pieces re-joined until each
 * parses, so a "；" inside a title or note survives. Exported lines hold one rule starting with "[id]"; a
 * line whose id-less pieces also read as rules could be either, and is reported rather than guessed.
 */
export function splitRules<T>(cell: string, parse: (s: string) => T | undefined): { text: string; parsed: T | undefined; ambiguous?: true }[] {
	const out: { text: string; parsed: T | undefined; ambiguous?: true }[] = [];
	for (const line of cell.split(/\r?\n/)) {
		if (!line.trim()) continue;
		const pieces: { text: string; parsed: T | undefined }[] = [];
		let acc = '';
		for (const piece of line.split(/(?<=[；;])/)) {
			acc += piece;
			const text = acc.replace(/[；;]\s*$/, '').trim();
			const parsed = text ? parse(text) : undefined;
			if (parsed !== undefined) {
				pieces.push({ text, parsed });
				acc = '';
			}
		}
		const rest = acc.replace(/[；;]\s*$/, '').trim();
		if (rest) pieces.push({ text: rest, parsed: undefined });
		const whole = parse(line.trim());
		const hasId = (t: string) => /^\s*[[［【]/.test(t);
		const allPiecesParse = !rest && pieces.length > 1;
		if (!allPiecesParse) out.push(...(whole !== undefined ? [{ text: line.trim(), parsed: whole }] : pieces));
		else if (whole === undefined || !hasId(line) || pieces.every((p) => hasId(p.text))) out.push(...pieces);
		else out.push({ text: line.trim(), parsed: undefined, ambiguous: true });
	}
	return out;
}

/** `[id] 完整 | Complete=1`. */
export function parseLevel(text: string): { id?: string; title: LocalText; points: number } | { badId: string } | undefined {
	const { id, rest } = splitId(text);
	const eq = Math.max(rest.lastIndexOf('='), rest.lastIndexOf('＝'));
	if (eq < 0) return undefined;
	const points = parseNumberText(rest.slice(eq + 1));
	const title = parseTitle(rest.slice(0, eq).trim());
	if (points === undefined || !title) return undefined;
	if (id !== undefined && !isSlug(id)) return { badId: id };
	return compact({ id, title, points });
}
