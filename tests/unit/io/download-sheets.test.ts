import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sheets } from '$lib/domain/framework/sheet';
import { sheetToCsv } from '$lib/io/csv';
import { downloadSheets, sheetsFileName, sheetsToBlob } from '$lib/io/download-sheets';
import { IoError } from '$lib/io/errors';
import { readXlsxSheets, writeSheetsToXlsx } from '$lib/io/xlsx';
import { catchDownloads } from './catch-downloads';

const sheets: Sheets = [
	{ name: '得分', rows: [['序号', '名称', '得分'], [1, '市政府网站', 87.5], [2, '=SUM(A1)', null]] },
	{ name: '明细', rows: [['编号', '说明'], ['1.1', '第一行\n第二行']] }
];

const bytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

describe('sheetsToBlob', () => {
	it('writes CSV as the first sheet, byte for byte what sheetToCsv gives, as UTF-8 text', async () => {
		const blob = await sheetsToBlob(sheets, 'csv');
		expect(blob.type).toBe('text/csv;charset=utf-8');
		expect(await bytes(blob)).toEqual(new TextEncoder().encode(sheetToCsv(sheets[0]!)));
	});

	it('writes .xlsx with every sheet, the same file writeSheetsToXlsx gives', async () => {
		const blob = await sheetsToBlob(sheets, 'xlsx');
		expect(await readXlsxSheets(blob)).toEqual(sheets);
		expect((await bytes(blob)).length).toBe((await bytes(await writeSheetsToXlsx(sheets))).length);
	});

	it('refuses CSV without a sheet with an IoError', async () => {
		await expect(sheetsToBlob([], 'csv')).rejects.toBeInstanceOf(IoError);
	});
});

describe('sheetsFileName', () => {
	it('adds the extension unless the name already has it', () => {
		expect(sheetsFileName('评估结果', 'xlsx')).toBe('评估结果.xlsx');
		expect(sheetsFileName('指标体系模板.xlsx', 'xlsx')).toBe('指标体系模板.xlsx');
		expect(sheetsFileName('template.XLSX', 'xlsx')).toBe('template.XLSX');
		expect(sheetsFileName('a.xlsx', 'csv')).toBe('a.xlsx.csv');
	});
});

describe('downloadSheets', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.restoreAllMocks();
	});

	it('downloads the built file under a safe name with the extension', async () => {
		const downloads = catchDownloads();
		await downloadSheets(sheets, 'csv', '市/县-得分');
		expect(downloads.map((d) => d.name)).toEqual(['市_县-得分.csv']);
		expect(await bytes(downloads[0]!.blob)).toEqual(new TextEncoder().encode(sheetToCsv(sheets[0]!)));
	});
});
