import { z } from 'zod';

/**
 * How a framework rounds its published score. `halfUp` is 四舍五入 (half away from zero), the rule of every
 * official scorecard we know; `halfEven` and `down` (去尾) exist for local schemes that state them.
 */
export const Rounding = z.enum(['halfUp', 'halfEven', 'down']);
export type Rounding = z.infer<typeof Rounding>;

/**
 * The decimal digits of `x` with binary-float noise removed: 15 significant digits is what a double holds
 * exactly, so 84.98249999999999 (a sum of 84.9825's parts) reads back as 84.9825 and 1.005 as 1.005.
 */
function decimalDigits(x: number): { negative: boolean; int: string; frac: string } {
	const [mantissa, exp] = Math.abs(x).toPrecision(15).split('e') as [string, string | undefined];
	let [int, frac = ''] = mantissa.split('.') as [string, string | undefined];
	let shift = exp === undefined ? 0 : Number(exp);
	// Move the point by the exponent so the digits are plain positional ones.
	while (shift > 0) {
		int += frac[0] ?? '0';
		frac = frac.slice(1);
		shift--;
	}
	while (shift < 0) {
		frac = (int.slice(-1) || '0') + frac;
		int = int.slice(0, -1) || '0';
		shift++;
	}
	return { negative: x < 0, int: int.replace(/^0+(?=\d)/, ''), frac: frac.replace(/0+$/, '') };
}

/** Adds one unit in the last place of a digit string ("129" → "130", "99" → "100"). */
function increment(digits: string): string {
	const out = digits.split('');
	let i = out.length - 1;
	while (i >= 0) {
		if (out[i] !== '9') {
			out[i] = String(Number(out[i]) + 1);
			return out.join('');
		}
		out[i] = '0';
		i--;
	}
	return '1' + out.join('');
}

/**
 * `x` rounded to `decimals` places on its decimal value, as a plain decimal string with exactly `decimals`
 * places: the one text every screen, report and export shows (`toFixed` rounds the binary value instead,
 * so 1.005 → "1.00" and 84.985 → "84.98").
 */
export function roundedText(x: number, decimals: number, rounding: Rounding = 'halfUp'): string {
	if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
	const { negative, int, frac } = decimalDigits(x);
	const kept = frac.slice(0, decimals).padEnd(decimals, '0');
	const rest = frac.slice(decimals);
	let up = false;
	if (rounding !== 'down' && rest !== '') {
		const first = rest[0]!;
		if (first > '5') up = true;
		else if (first === '5') {
			const beyond = rest.slice(1) !== '';
			if (rounding === 'halfUp' || beyond) up = true;
			// halfEven, exactly half: up only when the last kept digit is odd.
			else up = Number((kept || int).slice(-1)) % 2 === 1;
		}
	}
	let digits = int + kept;
	if (up) digits = increment(digits);
	const intPart = digits.slice(0, digits.length - decimals) || '0';
	const fracPart = decimals > 0 ? '.' + digits.slice(digits.length - decimals) : '';
	const zero = /^0*$/.test(digits);
	return (negative && !zero ? '-' : '') + intPart + fracPart;
}

/** `roundedText` as a number: the published score that pass marks, grades, gates and ranks compare. */
export function roundScore(x: number, decimals: number, rounding: Rounding = 'halfUp'): number {
	return Number(roundedText(x, decimals, rounding));
}

/** A score as every screen, report and export shows it: the rounded text, or "—" where there is no number. */
export function scoreText(n: number | null, decimals: number, rounding: Rounding = 'halfUp'): string {
	return n === null ? '—' : roundedText(n, decimals, rounding);
}
