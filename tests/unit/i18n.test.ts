import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { zh } from '$lib/i18n/zh-CN';

const source = (path: string) => readFileSync(new URL(`../../src/lib/${path}`, import.meta.url), 'utf8');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message dictionaries', () => {
	it('have a message for every trace step the scoring can emit', () => {
		const files = ['scoring/score.ts', 'scoring/deduction.ts', 'scoring/weighted.ts', 'scoring/checklist.ts'];
		const keys = files.flatMap((f) => [...source(`domain/${f}`).matchAll(/'(trace\.\w+)'/g)].map((m) => m[1]!));
		expect(keys.length).toBeGreaterThan(30);
		for (const k of keys) expect(zh, k).toHaveProperty([k]);
	});

	it('have a message for every error code that reaches the UI', () => {
		const paste = [...source('domain/target-paste.ts').matchAll(/code: '(\w+)'/g)].map((m) => `paste.error.${m[1]}`);
		const counts = [...source('domain/finding-edit.ts').matchAll(/'(count\w+)'/g)].map((m) => `count.error.${m[1]}`);
		const storage = [...source('storage/errors.ts').matchAll(/'(quota|invalid|not-found|conflict|closed|unknown)'/g)].map((m) => `error.storage.${m[1]}`);
		const all = [...paste.filter((k) => !k.endsWith('nameDuplicate')), ...counts, ...storage];
		expect(all.length).toBeGreaterThan(10);
		for (const k of all) expect(zh, k).toHaveProperty([k]);
	});

	it('have a message for every framework check', () => {
		// The code is add()'s second argument: a quoted word followed by its params or the closing parenthesis.
		const calls = source('domain/framework/check.ts').split('\n').filter((l) => l.includes('add('));
		const keys = calls.flatMap((l) => [...l.matchAll(/'(\w+)'(?=, \{|\))/g)].map((m) => `fwcheck.${m[1]}`));
		expect(keys.length).toBeGreaterThan(12);
		for (const k of keys) expect(zh, k).toHaveProperty([k]);
	});

	it('use the same placeholders in both languages', () => {
		// Dates are built from parts in Chinese (年月日) and shown as ISO in English: the one intended difference.
		const dateFormats = new Set(['docx.date']);
		for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
			if (!dateFormats.has(key)) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
		}
	});
});
