import { describe, expect, it } from 'vitest';
import { mergeReport } from '$lib/domain/annual-report';
import { report } from './helpers';

describe('mergeReport', () => {
	it('keeps each cell, part and field I changed and everything else of theirs, with their revision', () => {
		const base = { ...report(2024, { cells: { 'requests.new.natural': 1, 'requests.carried-in.natural': 2 }, parts: { overview: true } }), rev: '1-a' };
		const mine = { ...base, cells: { 'requests.new.natural': 5 }, parts: { overview: true, review: false }, publishedOn: '2025-01-10' };
		const theirs = { ...base, cells: { ...base.cells, 'requests.carried-out.natural': 3 }, url: 'https://example.gov.cn/nb.html', rev: '2-b' };
		expect(mergeReport(base, mine, theirs)).toEqual({
			...theirs,
			cells: { 'requests.new.natural': 5, 'requests.carried-out.natural': 3 },
			parts: { overview: true, review: false },
			publishedOn: '2025-01-10'
		});
	});
});
