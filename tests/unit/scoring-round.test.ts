import { describe, expect, it } from 'vitest';
import { roundedText, roundScore } from '$lib/domain/rounding';

describe('published score rounding (四舍五入 on the decimal value)', () => {
	it.each([
		[84.985, 2, '84.99'],
		[1.005, 2, '1.01'],
		[59.95, 1, '60.0'],
		[59.94, 1, '59.9'],
		[59.96, 1, '60.0'],
		[84.98249999999999, 3, '84.983'],
		[52.04081632653061, 1, '52.0'],
		[99.95, 1, '100.0'],
		[0.05, 1, '0.1'],
		[100, 1, '100.0'],
		[0, 2, '0.00'],
		[7, 0, '7'],
		[7.5, 0, '8'],
		[1e-7, 2, '0.00'],
		[123456.785, 2, '123456.79'],
		[-2.5, 0, '-3'],
		[0.1 + 0.2, 2, '0.30']
	])('%s at %i decimals → %s', (x, d, want) => {
		expect(roundedText(x, d)).toBe(want);
	});

	it('is not toFixed: toFixed rounds the binary value', () => {
		expect((1.005).toFixed(2)).toBe('1.00');
		expect(roundedText(1.005, 2)).toBe('1.01');
	});

	it('halfEven and down are available for schemes that state them', () => {
		expect(roundedText(2.25, 1, 'halfEven')).toBe('2.2');
		expect(roundedText(2.35, 1, 'halfEven')).toBe('2.4');
		expect(roundedText(2.251, 1, 'halfEven')).toBe('2.3');
		expect(roundedText(59.99, 1, 'down')).toBe('59.9');
	});

	it('gives the number the text shows', () => {
		expect(roundScore(84.985, 2)).toBe(84.99);
		expect(roundScore(59.95, 1)).toBe(60);
		expect(() => roundScore(Number.NaN, 1)).toThrow(RangeError);
	});
});
