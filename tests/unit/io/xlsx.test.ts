import { describe, expect, it } from 'vitest';
import { Framework } from '$lib/domain/framework';
import { frameworkToSheets, sheetsToFramework, templateSheets, type Sheets } from '$lib/domain/framework/sheet';
import { builtInFrameworks } from '$lib/frameworks';
import { IoError } from '$lib/io/errors';
import { fromXlsxCell, readXlsxSheets, toXlsxSheets, writeSheetsToXlsx } from '$lib/io/xlsx';
import { weightedInput } from './fixtures';

const NOW = '2026-02-01T00:00:00.000Z';

describe('toXlsxSheets (pure)', () => {
	const [indicators] = toXlsxSheets(frameworkToSheets(builtInFrameworks[0]!));

	it('freezes and bolds the header row', () => {
		expect(indicators!.stickyRowsCount).toBe(1);
		expect(indicators!.data[0]!.every((c) => c !== null && c.fontWeight === 'bold')).toBe(true);
		expect(indicators!.data[1]!.some((c) => c !== null && 'fontWeight' in c)).toBe(false);
	});

	it('writes numbers as numbers and empty cells as null', () => {
		const max = indicators!.data[0]!.findIndex((c) => c?.value === '分值/权重');
		expect(indicators!.data[1]![max]).toEqual({ value: 0, type: Number, alignVertical: 'top' });
		const en = indicators!.data[0]!.findIndex((c) => c?.value === '完成时限');
		expect(indicators!.data[1]![en]).toBeNull();
	});

	it('sizes columns by content (CJK counts double) within bounds, and wraps long text', () => {
		const widths = indicators!.columns.map((c) => c.width);
		const code = indicators!.data[0]!.findIndex((c) => c?.value === '编号');
		const guidance = indicators!.data[0]!.findIndex((c) => c?.value === '考察要点');
		expect(widths[code]).toBeLessThan(12);
		expect(widths[guidance]).toBe(60);
		expect(Math.min(...widths)).toBeGreaterThanOrEqual(6);
		expect(indicators!.data[1]![guidance]).toMatchObject({ wrap: true });
	});
});

describe('fromXlsxCell', () => {
	it('maps booleans, dates and empties to sheet cells', () => {
		expect(fromXlsxCell(true)).toBe('true');
		expect(fromXlsxCell(new Date('2021-06-30T00:00:00Z'))).toBe('2021-06-30');
		expect(fromXlsxCell(new Date('2021-06-30T08:30:00Z'))).toBe('2021-06-30T08:30:00.000Z');
		expect(fromXlsxCell('')).toBeNull();
		expect(fromXlsxCell(2.5)).toBe(2.5);
	});
});

describe('through real .xlsx bytes', () => {
	async function viaXlsx(sheets: Sheets): Promise<Sheets> {
		const blob = await writeSheetsToXlsx(sheets);
		expect(blob.size).toBeGreaterThan(1000);
		return readXlsxSheets(blob);
	}

	it('keeps every sheet name and cell (Chinese, numbers, new lines, leading blanks)', async () => {
		const sheets: Sheets = [
			{ name: '指标', rows: [['编号', '分值'], ['2.1', 0.5], [null, null], ['  前后空格  ', 3], ['第一行\n第二行', null]] },
			{ name: 'B', rows: [[null], ['x']] }
		];
		expect(await viaXlsx(sheets)).toEqual([
			{ name: '指标', rows: [['编号', '分值'], ['2.1', 0.5], [null, null], ['  前后空格  ', 3], ['第一行\n第二行', null]] },
			{ name: 'B', rows: [[null], ['x']] }
		]);
	});

	it('a framework survives writing and reading an .xlsx file', async () => {
		for (const fw of [builtInFrameworks[0]!, Framework.parse(weightedInput())]) {
			const back = sheetsToFramework(await viaXlsx(frameworkToSheets(fw)), { now: NOW });
			expect(back).toStrictEqual({ ok: true, framework: fw });
		}
	});

	it('the template survives as well', async () => {
		const back = sheetsToFramework(await viaXlsx(templateSheets()), { now: NOW });
		expect(back.ok).toBe(true);
	});

	it('a file that is not .xlsx gives an io error code, a legacy .xls its own', async () => {
		await expect(readXlsxSheets(new Blob(['a,b\n1,2']))).rejects.toMatchObject({ name: 'IoError', code: 'xlsx-invalid', messageKey: 'io.error.xlsx-invalid' });
		const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		await expect(readXlsxSheets(new Blob([xls]))).rejects.toBeInstanceOf(IoError);
		await expect(readXlsxSheets(new Blob([xls]))).rejects.toMatchObject({ code: 'xls-not-supported' });
	});
});
