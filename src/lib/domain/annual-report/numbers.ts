import { roundedText, roundScore } from '../rounding';

/** Counts and 万元 amounts are exact to 4 decimals at most; more is float noise from adding them. */
const MAX_DECIMALS = 4;

function decimalsOf(x: number): number {
	const frac = roundedText(x, MAX_DECIMALS).split('.')[1] ?? '';
	return frac.replace(/0+$/, '').length;
}

/** The shown text of a report's number: as many decimals as it has (up to 4), rounded on its decimal value. */
export function numberText(x: number): string {
	return roundedText(x, decimalsOf(x));
}

/** A sum of report numbers without float noise (0.1 + 0.2 is 0.3). */
export function cleanSum(values: readonly number[]): number {
	return roundScore(
		values.reduce((a, b) => a + b, 0),
		MAX_DECIMALS
	);
}

/**
 * A cell of pasted text as the report printed it. NFKC turns full-width digits and punctuation ("１２", "，", "（")
 * into ASCII; a dash or slash alone is how reports print an empty cell.
 */
export type CellText = { kind: 'number'; value: number } | { kind: 'empty' } | { kind: 'label'; text: string };

const EMPTY = /^[-—–―‐‑/\\]*$/;
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:件|条|个|项|万元|元)?$/;

export function normalise(text: string): string {
	return text.normalize('NFKC').replace(/\s+/g, '');
}

export function readCell(raw: string): CellText {
	const text = normalise(raw);
	if (EMPTY.test(text)) return { kind: 'empty' };
	const m = NUMBER.exec(text);
	if (m) return { kind: 'number', value: Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`) };
	return { kind: 'label', text };
}
