import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignReportTable, campaignTableHeader, campaignTableRows, campaignTableSheet, commonFailures, evaluateReport, extractReport, type ReportEntry } from '$lib/domain/annual-report';
import { sheetToCsv } from '$lib/io/csv';
import { zh } from '$lib/i18n/zh-CN';
import { acceptProposal, balancedReport } from './helpers';

const t = (key: string, params: Record<string, unknown> = {}) => (zh as Record<string, string>)[key]!.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const FENYANG = acceptProposal(extractReport(readFileSync(new URL('../fixtures/fenyang-2018-annual-report.txt', import.meta.url), 'utf8')));

function entries(): ReportEntry[] {
	const { report: a } = balancedReport();
	const b = { ...a, publishedOn: '2025-02-03', cells: { ...a.cells, 'requests.new.natural': a.cells['requests.new.natural']! + 1 } };
	const c = { ...a, cells: { ...a.cells, 'requests.new.natural': a.cells['requests.new.natural']! + 2 } };
	const entry = (targetName: string, report: typeof a, publisherKind: 'department' | 'government') => ({ targetId: targetName, targetName, report, results: evaluateReport({ report, publisherKind }), publisherKind });
	return [entry('甲局', a, 'department'), entry('乙局', b, 'department'), entry('丙局', c, 'department'), entry('汾阳市', FENYANG, 'government'), { targetId: '丁局', targetName: '丁局' }];
}

describe('the campaign-level table of reports', () => {
	it('one row per target with publication, rule counts and table 三 totals; a totals row summing the reports', () => {
		const list = entries();
		const table = campaignReportTable(list, t);
		const rows = campaignTableRows(table, t);
		expect(campaignTableHeader(t)).toEqual(['评估对象', '报告年度', '公布日期', '通过', '未通过', '无法检查', '本年新收申请', '上年结转', '办理结果总计', '结转下年度']);
		const a = balancedReport().report.cells;
		expect(rows[0]!.slice(0, 3)).toEqual(['甲局', '2024', '2025-01-20，按期（期限 2025-01-31）']);
		expect(rows[1]![2]).toBe('2025-02-03，逾期 3 天（期限 2025-01-31）');
		expect(rows[3]).toEqual(['汾阳市', '2018', '2019-02-25，按期（期限 2019-03-31）', '2', '2', '0', '', '', '1', '']);
		expect(rows[4]!.slice(0, 4)).toEqual(['丁局', '', '未录入年报', '']);
		const newTotal = a['requests.new.total']!;
		// 甲 + 乙 (one more) + 丙 (two more): the 总计 column does not move with one applicant's cell, the balance fails instead.
		expect(table.sum.totals.new).toBe(newTotal * 3);
		expect(table.sum.totals.outcomes).toBe(a['requests.outcome-total.total']! * 3 + 1);
		expect(rows.at(-1)!.slice(0, 3)).toEqual(['合计（4 份报告）', '', '按期 3，逾期 1，未查到 0']);
		expect(rows.at(-1)![4]).toBe(String(list.reduce((s, e) => s + (e.results ?? []).filter((r) => r.status === 'fail').length, 0)));
	});

	it('counts the most common failures across reports, most first', () => {
		const failures = commonFailures(entries());
		expect(failures[0]).toMatchObject({ ruleId: 'requests.balance.natural', reports: 2 });
		expect(failures.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['deadline', 'litigation.total', 'stated-none']));
		expect(failures.every((f, i) => i === 0 || failures[i - 1]!.reports >= f.reports)).toBe(true);
	});

	it('exports the same text to CSV, with counts as numbers in Excel', () => {
		const table = campaignReportTable(entries(), t);
		const sheet = campaignTableSheet(table, t);
		expect(sheet.rows[1]![3]).toBeTypeOf('number');
		const csv = sheetToCsv(sheet);
		for (const row of campaignTableRows(table, t)) expect(csv).toContain(row.join(','));
	});
});
