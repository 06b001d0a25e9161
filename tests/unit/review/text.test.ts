import { describe, expect, it } from 'vitest';
import { agreementText, nominalAgreement, type GradePair } from '$lib/domain/review';

const times = (n: number, pair: GradePair<string>) => Array.from({ length: n }, () => pair);

describe('agreementText', () => {
	it('writes the issue case as 50 items, 70.0% observed, 50.0% chance, κ 0.40', () => {
		const a = nominalAgreement([
			...times(20, { first: 'pass', second: 'pass' }),
			...times(5, { first: 'pass', second: 'fail' }),
			...times(10, { first: 'fail', second: 'pass' }),
			...times(15, { first: 'fail', second: 'fail' })
		]);
		expect(agreementText(a)).toMatchObject({ items: '50', observed: '70.0', chance: '50.0', kappa: '0.40' });
		expect(Number(agreementText(a).ciLow)).toBeLessThan(0.4);
		expect(Number(agreementText(a).ciHigh)).toBeGreaterThan(0.4);
	});

	it('rounds half up on the decimal value: 23 of 80 is 28.75%, shown 28.8 (toFixed would show 28.7)', () => {
		const a = nominalAgreement([
			...times(23, { first: 'pass', second: 'pass' }),
			...times(30, { first: 'pass', second: 'fail' }),
			...times(27, { first: 'fail', second: 'pass' })
		]);
		expect(agreementText(a).observed).toBe('28.8');
	});

	it('shows "—" for every figure that does not exist', () => {
		expect(agreementText(nominalAgreement([]))).toEqual({ items: '0', observed: '—', chance: '—', kappa: '—', ciLow: '—', ciHigh: '—' });
		const one = agreementText(nominalAgreement(times(3, { first: 'na', second: 'na' })));
		expect(one).toEqual({ items: '3', observed: '100.0', chance: '100.0', kappa: '—', ciLow: '—', ciHigh: '—' });
	});
});
