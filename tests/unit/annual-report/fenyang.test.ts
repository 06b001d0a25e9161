import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateReport, extractReport } from '$lib/domain/annual-report';
import { acceptProposal } from './helpers';

// 汾阳市2018年政府信息公开年度报告, as published (a pre-2019 report: numbers in prose, no tables).
const TEXT = readFileSync(new URL('../fixtures/fenyang-2018-annual-report.txt', import.meta.url), 'utf8');

describe('the Fenyang 2018 report, pasted as text', () => {
	const proposal = extractReport(TEXT);

	it('is recognised as a pre-2019 report from its year, with its date and the numbers its prose states', () => {
		expect(proposal.format).toBe('pre2019');
		expect(proposal.year?.value).toBe(2018);
		expect(proposal.publishedOn?.value).toBe('2019-02-25');
		expect(proposal.tables).toEqual([]);
		const at = (cell: string) => proposal.cells.find((c) => c.cell === cell);
		expect(at('litigation.total')).toMatchObject({ value: 10, text: '行政应诉案件10件' });
		expect(at('litigation.after-review')?.value).toBe(2);
		expect(at('litigation.upheld')).toMatchObject({ value: 2, text: '驳回诉讼请求2件' });
		expect(at('litigation.pending')?.value).toBe(8);
		expect(at('litigation.other')).toMatchObject({ value: 1, text: '撤诉1件' });
		expect(at('litigation.corrected')).toBeUndefined();
		expect(at('requests.answered')?.value).toBe(1);
		// Every `at` points at its text in what was pasted.
		for (const c of [...proposal.cells, ...proposal.prose]) expect(TEXT.slice(c.at, c.at + c.text.length)).toBe(c.text);
		expect(proposal.parts).toMatchObject({ proactive: true, requests: true, fees: true, review: true, problems: true });
	});

	it('finds "未收到" in the 复议和诉讼 section and "无收费"', () => {
		const none = proposal.prose.filter((p) => p.none);
		expect(none.map((p) => [p.text, p.cells])).toEqual([
			['未收到', ['review.total', 'litigation.total']],
			['无收费', ['fees.charged']]
		]);
		const line = TEXT.split('\n').findIndex((l) => l.startsWith('未收到')) + 1;
		expect(none[0]!.line).toBe(line);
	});

	it('fails 10 ≠ 2 + 8 + 1 and the "未收到" contradiction, and nothing else', () => {
		const results = evaluateReport({ report: acceptProposal(proposal), publisherKind: 'government' });
		expect(results.filter((r) => r.status === 'fail').map((r) => r.ruleId)).toEqual(['litigation.total', 'stated-none']);
		const total = results.find((r) => r.ruleId === 'litigation.total')!;
		expect(total.detail).toEqual({
			type: 'comparisons',
			comparisons: [
				{
					left: { label: '行政诉讼总数', value: 10, text: '10' },
					right: { label: '维持+纠正+其他+尚未审结', value: 11, text: '11' },
					difference: 1,
					differenceText: '1',
					assumedZero: ['litigation.corrected']
				}
			]
		});
		const none = results.find((r) => r.ruleId === 'stated-none')!;
		expect(none.detail?.type === 'comparisons' && none.detail.comparisons[0]).toMatchObject({ left: { label: '未收到', value: 0 }, right: { value: 10 }, differenceText: '10' });
		// Published 2019-02-25: on time under the 2008 条例's 31 March.
		expect(results.find((r) => r.ruleId === 'deadline')!.status).toBe('pass');
	});
});
