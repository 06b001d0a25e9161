/**
 * The words of Kaiming's documents (通报, reports, notices), apart from their Word layout: the message and
 * number functions a document is written with, and the small text rules of a 公文 (numbering, separators,
 * dates, XML-safe text). Pure, so the on-screen preview and the .docx are written by the same code.
 */
import type { LocalText } from './common';
import { roundScore } from './rounding';

/** What the documents need from the UI: its i18n function, LocalText picker and score formatter. */
export interface DocxText {
	/**
	 * The app's message function: labels use `docx.*` keys, trace steps their own `trace.*` keys, and a term the
	 * screen shows too (e.g. `target.ownerUnit`, 主管单位) the screen's key, so both always say the same.
	 */
	t: (key: string, params?: Record<string, unknown>) => string;
	/** Picks the zh or en text of framework content. */
	local: (text: LocalText) => string;
	/** A score formatted for display (null → the app's dash). */
	score: (n: number | null) => string;
	locale: 'zh-CN' | 'en';
}

// ---------------------------------------------------------------------------------------------------------
// Text safety

/**
 * Characters XML 1.0 does not allow (C0 controls other than tab/newline/CR, U+FFFE/U+FFFF, lone surrogates):
 * one of them in document.xml makes Word refuse the whole file.
 */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Plain text safe for WordprocessingML: invalid characters removed, line ends normalised to \n, tabs as spaces. */
export function cleanText(value: unknown): string {
	if (value === null || value === undefined) return '';
	return String(value).replace(INVALID_XML, '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
}

/** One line of text: as `cleanText`, with line breaks folded into spaces (for titles, table labels, file metadata). */
export function cleanLine(value: unknown): string {
	return cleanText(value).replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Paragraphs of a free-text setting: every line is a paragraph (in a 公文 each one gets the 2-character indent,
 * which a soft line break would lose), blank lines and the spaces people type to indent by hand dropped.
 */
export function splitParagraphs(value: string | undefined): string[] {
	return cleanText(value ?? '')
		.split('\n')
		.map((p) => p.trim())
		.filter((p) => p !== '');
}

/** A number with at most `decimals` places and no trailing zeros (band limits, counts, percentages). */
export function formatNumber(n: number, decimals = 1): string {
	if (!Number.isFinite(n)) return '—';
	return String(roundScore(n, decimals)).replace(/^-0$/, '0');
}

export function formatPercent(rate: number | null): string {
	return rate === null || !Number.isFinite(rate) ? '—' : `${formatNumber(rate * 100)}%`;
}

/** An ISO date through `docx.date` (2026年3月1日 / 2026-03-01); other strings pass through unchanged. */
export function formatDate(value: string | undefined, text: DocxText): string {
	if (!value) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
	if (!m) return cleanLine(value);
	return text.t('docx.date', { y: m[1], m: String(Number(m[2])), d: String(Number(m[3])), iso: m[0] });
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (larger numbers stay Arabic). */
export function chineseNumeral(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
	if (n < 10) return CN_DIGITS[n]!;
	const tens = Math.floor(n / 10);
	const ones = n % 10;
	return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

/** Second-level heading prefix: （一） in Chinese, "1. " in English. */
export function subNumber(n: number, text: DocxText): string {
	return text.locale === 'en' ? `${n}. ` : `（${chineseNumeral(n)}）`;
}

/** List item prefix: 1． in Chinese (full-width stop, as in 公文), "1. " in English. */
export function itemNumber(n: number, text: DocxText): string {
	return text.locale === 'en' ? `${n}. ` : `${n}．`;
}

/** Between two sentences or a name and its note: nothing in Chinese, a space in English. */
export function gap(text: DocxText): string {
	return text.locale === 'en' ? ' ' : '';
}

/** Separators of lists of names (、) and of reasons (；). */
export function listSep(text: DocxText): string {
	return text.locale === 'en' ? ', ' : '、';
}
export function reasonSep(text: DocxText): string {
	return text.locale === 'en' ? '; ' : '；';
}

/** "code title" without a stray space when the code is empty. */
export function codeTitle(code: string, title: string): string {
	return [cleanLine(code), cleanLine(title)].filter((s) => s !== '').join(' ');
}

