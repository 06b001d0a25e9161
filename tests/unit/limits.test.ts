import { describe, expect, it } from 'vitest';
import { frameworkToJson, parseFrameworkJson } from '$lib/domain/framework';
import { frameworkToSheets, SHEET_NAMES, sheetsToFramework, templateFramework } from '$lib/domain/framework/sheet';
import { checkFrameworkLimits, checkJsonLimits, FRAMEWORK_LIMITS, JSON_LIMITS } from '$lib/domain/limits';
import { builtInFrameworks } from '$lib/frameworks';
import { parseCsv, sheetToCsv } from '$lib/io/csv';
import { readFrameworkFile } from '$lib/state/exports';

const NOW = '2026-02-01T00:00:00.000Z';
const fw = builtInFrameworks[0]!;

/** `n` levels of `{ "a": … }` or `[ … ]` around 1, as text (JSON.stringify itself recurses). */
const deepText = (n: number, kind: 'object' | 'array') => (kind === 'object' ? '{"a":'.repeat(n) + '1' + '}'.repeat(n) : '['.repeat(n) + '1' + ']'.repeat(n));

/** A framework file whose first section holds `levels` sections, each inside the previous one, as text. */
function nestedSectionsFile(levels: number): string {
	const section = (d: number) => `{"id":"s${d}","code":"9.${d}","title":{"zh":"层${d}"},"part":"deduct","indicators":[],"sections":[`;
	let text = '';
	for (let d = 1; d <= levels; d++) text += section(d);
	text += ']}'.repeat(levels);
	const file = JSON.parse(frameworkToJson(fw, NOW)) as { framework: { sections: unknown[] } };
	const marker = '"__deep__"';
	file.framework.sections.push('__deep__');
	return JSON.stringify(file).replace(marker, text);
}

describe('JSON.parse in this engine', () => {
	it('reads 100,000 levels without overflowing (so the walk after it must not overflow either)', () => {
		for (const kind of ['object', 'array'] as const) {
			expect(() => JSON.parse(deepText(1_000, kind))).not.toThrow();
			expect(() => JSON.parse(deepText(100_000, kind))).not.toThrow();
		}
	});
});

describe('checkJsonLimits', () => {
	it('refuses 1,000,000 levels of nesting with the path and the limit, without recursion', () => {
		for (const kind of ['object', 'array'] as const) {
			const p = checkJsonLimits(JSON.parse(deepText(1_000_000, kind)), 100);
			expect(p).toMatchObject({ code: 'depth', limit: JSON_LIMITS.depth });
			expect(p!.path.startsWith(kind === 'object' ? 'a.a.a' : '[0][0][0]')).toBe(true);
		}
		expect(checkJsonLimits(JSON.parse(deepText(JSON_LIMITS.depth, 'array')), 100)).toBeNull();
	});

	it('refuses long text (values and keys) and numbers JSON.parse reads as Infinity', () => {
		expect(checkJsonLimits({ list: [{ note: 'x'.repeat(11) }] }, 10)).toEqual({ code: 'string', path: 'list[0].note', limit: 10 });
		expect(checkJsonLimits({ ['k'.repeat(11)]: 1 }, 10)).toMatchObject({ code: 'string', limit: 10 });
		expect(checkJsonLimits(JSON.parse('{"a":[1,2,1e400]}'), 10, ['data'])).toEqual({ code: 'number', path: 'data.a[2]', limit: 0 });
		expect(checkJsonLimits({ a: 'x'.repeat(10), b: [1, -1e300] }, 10)).toBeNull();
	});
});

describe('checkFrameworkLimits', () => {
	it('accepts every built-in framework', () => {
		for (const f of builtInFrameworks) expect(checkFrameworkLimits(f)).toBeNull();
	});

	it('leaves a framework missing its parts, or with parts of the wrong kind, to the schema (found by the restore fuzz test)', () => {
		for (const fw of [{}, { scoring: null }, { scoring: 7 }, { scoring: { bonus: null, grades: 'x' } }, { scoring: [], sections: [null, 3, { indicators: [null] }] }]) {
			expect(checkFrameworkLimits(fw)).toBeNull();
		}
	});

	it('refuses a 13th level of sections, even 100,000 levels deep', () => {
		const file = JSON.parse(nestedSectionsFile(13)) as { framework: unknown };
		expect(checkFrameworkLimits(file.framework, ['framework'])).toEqual({
			code: 'sectionDepth',
			path: `framework.sections[${fw.sections.length}]${'.sections[0]'.repeat(11)}.sections`,
			limit: FRAMEWORK_LIMITS.sectionDepth
		});
		const deep = JSON.parse(nestedSectionsFile(100_000)) as { framework: unknown };
		expect(checkFrameworkLimits(deep.framework)).toMatchObject({ code: 'sectionDepth' });
	});

	it('refuses the 5,001st indicator and points, weights and marks beyond 10⁶', () => {
		const many = structuredClone(fw) as unknown as { sections: { indicators: unknown[] }[] };
		const extra = FRAMEWORK_LIMITS.indicators + 1 - many.sections.reduce((n, s) => n + s.indicators.length, 0);
		many.sections[0]!.indicators.push(...Array.from({ length: extra }, () => ({ max: 0 })));
		expect(checkFrameworkLimits(many)).toMatchObject({ code: 'indicators', limit: 5_000 });
		type Loose = { sections: { cap?: number; indicators: { max: number }[] }[]; scoring: { total?: number; grades: { min: number }[] } };
		const bound = (patch: (f: Loose) => void) => {
			const f = structuredClone(fw) as unknown as Loose;
			patch(f);
			return checkFrameworkLimits(f);
		};
		expect(bound((f) => (f.sections[0]!.indicators[1]!.max = 1e308))).toEqual({ code: 'bound', path: 'sections[0].indicators[1].max', limit: 1e6 });
		expect(bound((f) => (f.scoring.grades[0]!.min = -2e6))).toMatchObject({ code: 'bound', path: 'scoring.grades[0].min' });
		expect(bound((f) => (f.scoring.total = Infinity))).toMatchObject({ code: 'bound', path: 'scoring.total' });
		expect(bound((f) => (f.sections[1]!.cap = 1e7))).toMatchObject({ code: 'bound', path: 'sections[1].cap' });
	});
});

describe('framework JSON import refuses before the schema parses', () => {
	it('1,000 levels of sections: the limit and where, not a stack overflow', () => {
		const r = parseFrameworkJson(nestedSectionsFile(1_000), 'deep.json');
		expect(r).toEqual({
			ok: false,
			problems: [{ sheet: 'JSON', code: 'limit.error.sectionDepth', params: { file: 'deep.json', path: expect.stringMatching(/^framework\.sections\[\d+\](\.sections\[0\]){11}\.sections$/), limit: 12 } }]
		});
	});

	it('deep nesting outside sections, long text and infinite numbers', () => {
		const file = JSON.parse(frameworkToJson(fw, NOW)) as { framework: Record<string, unknown> };
		file.framework.description = { zh: 'x'.repeat(10_001) };
		expect(parseFrameworkJson(JSON.stringify(file), 'a.json')).toMatchObject({ ok: false, problems: [{ code: 'limit.error.string', params: { file: 'a.json', path: 'framework.description.zh', limit: 10_000 } }] });
		const deep = frameworkToJson(fw, NOW).replace('"exportedAt"', `"extra": ${deepText(100_000, 'array')}, "exportedAt"`);
		expect(parseFrameworkJson(deep)).toMatchObject({ ok: false, problems: [{ code: 'limit.error.depth', params: { limit: 64 } }] });
		const infinite = frameworkToJson(fw, NOW).replace('"passMark": 60', '"passMark": 1e400');
		expect(parseFrameworkJson(infinite)).toMatchObject({ ok: false, problems: [{ code: 'limit.error.bound', params: { path: 'framework.scoring.passMark' } }] });
	});

	it('malformed and 100,000 levels deep: "nested too deep", not a crash of the error-position scanner', () => {
		expect(parseFrameworkJson('['.repeat(100_000), 'x.json')).toEqual({ ok: false, problems: [{ sheet: 'JSON', code: 'limit.error.parseDepth', params: { file: 'x.json' } }] });
	});

	it('through the import job: the specific reason with the file name', async () => {
		const r = await readFrameworkFile(new File([nestedSectionsFile(1_000)], 'deep.json'), { now: NOW });
		expect(r).toMatchObject({ problems: [{ code: 'limit.error.sectionDepth', params: { file: 'deep.json', limit: 12 } }] });
	});
});

describe('indicator sheet import', () => {
	it('refuses a path of more than 12 sections at its row (the tree is built recursively, as is the schema)', () => {
		const sheets = frameworkToSheets(templateFramework('deduction')).filter((s) => s.name !== SHEET_NAMES.sections);
		const indicators = sheets.find((s) => s.name === SHEET_NAMES.indicators)!;
		const col = indicators.rows[0]!.indexOf('指标路径');
		indicators.rows[1]![col] = Array.from({ length: 13 }, (_, i) => `9.${i} 层${i}`).join(' > ');
		const r = sheetsToFramework(sheets, { now: NOW });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.problems).toContainEqual({ sheet: SHEET_NAMES.indicators, row: 2, column: '指标路径', code: 'sheet.error.tooDeep', params: { limit: 12, depth: 13 } });
	});

	it('refuses a cell longer than 10,000 characters (CSV has no cell limit of its own)', () => {
		const indicators = frameworkToSheets(fw).find((s) => s.name === SHEET_NAMES.indicators)!;
		indicators.rows[3]![3] = 'x'.repeat(10_001);
		const r = sheetsToFramework([parseCsv(sheetToCsv(indicators))], { now: NOW, base: fw });
		expect(r).toEqual({ ok: false, problems: [{ sheet: '指标', row: 4, column: indicators.rows[0]![3], code: 'sheet.error.tooLong', params: { limit: 10_000 } }] });
	});

	it('an .xlsx over 20 MB is refused unread, with its size and the limit', async () => {
		const big = new File([new Uint8Array(21 * 1024 * 1024)], 'big.xlsx');
		expect(await readFrameworkFile(big, { now: NOW })).toEqual({ problems: [{ sheet: 'big.xlsx', code: 'import.tooLarge', params: { name: 'big.xlsx', size: 21, limit: 20 } }] });
	});
});
