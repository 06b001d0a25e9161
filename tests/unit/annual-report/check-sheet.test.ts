import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cellText, checkSheet, checkSheetSheets, evaluateReport, extractReport, publication, resultEvidence } from '$lib/domain/annual-report';
import { checkSheetDocument } from '$lib/io/annual-report-docx';
import { sheetToCsv } from '$lib/io/csv';
import { toDocxBuffer, type DocxText } from '$lib/io/report-docx';
import { readXlsxSheets, writeSheetsToXlsx } from '$lib/io/xlsx';
import { zh } from '$lib/i18n/zh-CN';
import { acceptProposal, balancedReport, report } from './helpers';

const t = (key: string, params: Record<string, unknown> = {}) => (zh as Record<string, string>)[key]!.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const words: DocxText = { t, local: (v) => v.zh, score: (n) => (n === null ? '—' : String(n)), locale: 'zh-CN' };
const FENYANG = acceptProposal(extractReport(readFileSync(new URL('../fixtures/fenyang-2018-annual-report.txt', import.meta.url), 'utf8')));

describe('the check sheet', () => {
	const results = evaluateReport({ report: FENYANG, publisherKind: 'government' });
	const sheet = checkSheet({ targetName: '汾阳市人民政府', report: FENYANG, results, publisherKind: 'government' }, t);

	it('states the target, year, format and publication against the deadline, then every rule with its computed sides', () => {
		expect(sheet.title).toBe('汾阳市人民政府 2018 年度报告检查单');
		expect(Object.fromEntries(sheet.facts)).toMatchObject({ 评估对象: '汾阳市人民政府', 报告年度: '2018', 公布日期: '2019-02-25，按期（期限 2019-03-31）' });
		expect(sheet.rules.map((r) => r.formula)).toEqual(results.map((r) => r.formula));
		const total = sheet.rules.find((r) => r.status === 'fail')!;
		expect(total).toMatchObject({ statusText: '未通过', evidence: resultEvidence(results.find((r) => r.ruleId === 'litigation.total')!, 'pre2019', t) });
		expect(total.evidence).toContain('行政诉讼总数 = 10，维持+纠正+其他+尚未审结 = 11，相差 1');
		const stated = sheet.tables.find((x) => x.title === '报告所列数字')!;
		expect(stated.rows.map((r) => r.map(cellText))).toContainEqual(['行政诉讼（应诉）案件数', '10']);
	});

	it('says late, not found, or that the publisher’s kind is needed', () => {
		const late = report(2024, { publishedOn: '2025-02-03' });
		const lateResults = evaluateReport({ report: late, publisherKind: 'department' });
		expect(publication(late, lateResults, 'department', t)).toEqual({ kind: 'late', text: '2025-02-03，逾期 3 天（期限 2025-01-31）' });
		expect(publication(late, evaluateReport({ report: late }), undefined, t).kind).toBe('unknownKind');
		expect(publication(report(2024), [], 'department', t)).toEqual({ kind: 'notFound', text: '未查到公布日期' });
	});

	it('prints a 2021 report’s tables with every number, and a blank where none was read', () => {
		const { report: r } = balancedReport();
		const s = checkSheet({ targetName: '甲局', report: r, results: evaluateReport({ report: r, publisherKind: 'department' }), publisherKind: 'department' }, t);
		const requests = s.tables.find((x) => x.title.includes('收到和处理政府信息公开申请'))!;
		expect(requests.header).toHaveLength(9);
		const newRow = requests.rows.find((row) => row[0] === '一、本年新收政府信息公开申请数量')!;
		expect(cellText(newRow.at(-1)!)).toBe(String(r.cells['requests.new.total']));
		// The 法人或其他组织 小计 column is not printed by this report: blank, not 0.
		expect(newRow.map(cellText)).toContain('');
	});

	it('is the same text in Word, Excel and CSV', async () => {
		const files = unzipSync(new Uint8Array(await toDocxBuffer(checkSheetDocument(sheet, words))));
		const xml = strFromU8(files['word/document.xml']!).replace(/<[^>]+>/g, '');
		for (const text of [sheet.title, sheet.rules[0]!.formula.replace(/“|”/g, ''), '行政诉讼总数 = 10，维持+纠正+其他+尚未审结 = 11，相差 1', '2019-02-25，按期（期限 2019-03-31）']) expect(xml).toContain(text);

		const sheets = checkSheetSheets(sheet, t);
		const back = await readXlsxSheets(await writeSheetsToXlsx(sheets));
		const first = back[0]!.rows.map((row) => row.map((c) => (c === null ? '' : String(c))));
		expect(first).toContainEqual(['1', sheet.rules[0]!.kind, sheet.rules[0]!.formula, sheet.rules[0]!.statusText, sheet.rules[0]!.evidence]);
		expect(back[1]!.rows).toContainEqual(['评估对象', '汾阳市人民政府']);
		expect(back[2]!.rows.flat()).toContain(10);
		const csv = sheetToCsv(sheets[0]!);
		expect(csv).toContain('行政诉讼总数 = 10，维持+纠正+其他+尚未审结 = 11，相差 1');
	});
});
