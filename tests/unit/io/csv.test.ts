import { describe, expect, it } from 'vitest';
import { frameworkToSheets, sheetsToFramework, SHEET_NAMES } from '$lib/domain/framework/sheet';
import { builtInFrameworks } from '$lib/frameworks';
import { parseCsv, sheetToCsv } from '$lib/io/csv';

describe('sheetToCsv / parseCsv', () => {
	it('starts with a UTF-8 BOM and uses CRLF', () => {
		const csv = sheetToCsv({ name: 'x', rows: [['编号', '名称'], ['1', '站点']] });
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).toBe('\uFEFF编号,名称\r\n1,站点');
	});

	it('quotes commas, quotes and new lines, and round-trips them', () => {
		const sheet = { name: '指标', rows: [['a,b', 'say "hi"', '第一行\n第二行', 2.5, null]] };
		const csv = sheetToCsv(sheet);
		expect(csv).toContain('"a,b"');
		expect(parseCsv(csv)).toEqual({ name: '指标', rows: [['a,b', 'say "hi"', '第一行\n第二行', '2.5', null]] });
	});

	it('defuses formula-like text on export and restores it on import', () => {
		const csv = sheetToCsv({ name: 'x', rows: [['=HYPERLINK("x")', '-1 分', '@a']] });
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
		expect(parseCsv(csv).rows).toEqual([['=HYPERLINK("x")', '-1 分', '@a']]);
	});

	it('reads tab- and semicolon-separated text and drops trailing blank lines', () => {
		expect(parseCsv('编号\t名称\n1\t站点\n\n').rows).toEqual([
			['编号', '名称'],
			['1', '站点']
		]);
		expect(parseCsv('a;b;c\n1;2;3').rows).toEqual([
			['a', 'b', 'c'],
			['1', '2', '3']
		]);
	});

	it('an unterminated quote is an io error', () => {
		expect(() => parseCsv('a,b\n"x,2')).toThrow(expect.objectContaining({ code: 'csv-invalid', messageKey: 'io.error.csv-invalid' }));
	});

	it('the indicator sheet as CSV, with the framework as base, imports to the same framework', () => {
		const fw = builtInFrameworks[0]!;
		const indicators = frameworkToSheets(fw).find((s) => s.name === SHEET_NAMES.indicators)!;
		const back = sheetsToFramework([parseCsv(sheetToCsv(indicators))], { now: '2026-01-01T00:00:00.000Z', base: fw });
		expect(back).toStrictEqual({ ok: true, framework: fw });
	});

	it('CSV without a base reports the sheets only a workbook carries', () => {
		const indicators = frameworkToSheets(builtInFrameworks[0]!)[0]!;
		const back = sheetsToFramework([parseCsv(sheetToCsv(indicators))], { now: '2026-01-01T00:00:00.000Z' });
		expect(back.ok).toBe(false);
		if (!back.ok) expect(back.problems.map((p) => p.code)).toEqual(['sheet.error.missingSheet', 'sheet.error.missingSheet', 'sheet.error.missingSheet']);
	});
});
