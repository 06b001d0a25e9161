import { describe, expect, it } from 'vitest';
import { evaluateReport, extractReport, formatForYear, proposedCells } from '$lib/domain/annual-report';
import { acceptProposal } from './helpers';

const REPORT = [
	'某某市交通运输局2024年政府信息公开工作年度报告',
	'一、总体情况',
	'2024年，本局共收到政府信息公开申请６７件，全部按期答复。全年未发生政府信息公开行政复议、行政诉讼案件。',
	'二、主动公开政府信息情况',
	'第二十条第(一)项 |',
	'信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
	'规章 | 0 | 0 | 0 |',
	'行政规范性文件 | 5 | 1 | 25 |',
	'三、收到和处理政府信息公开申请情况',
	'自然人 | 法人或其他组织 | 总计 |',
	'商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |',
	'一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |',
	'四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
	'四、政府信息公开行政复议、行政诉讼情况',
	'0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
	'五、存在的主要问题及改进情况',
	'（一）存在的问题。信息公开的及时性有待提高。',
	'某某市交通运输局',
	'2025年1月20日'
].join('\n');

describe('reading a whole 2021-format report', () => {
	const proposal = extractReport(REPORT);

	it('finds its year, date, format and which of the six parts it has', () => {
		expect(proposal).toMatchObject({ year: { value: 2024 }, publishedOn: { value: '2025-01-20' }, format: '2021' });
		expect(proposal.parts).toEqual({ overview: true, proactive: true, requests: true, review: true, problems: true, other: false });
		expect(proposal.headings.map((h) => [h.part, h.line])).toEqual([
			['overview', 2],
			['proactive', 4],
			['requests', 9],
			['review', 14],
			['problems', 16]
		]);
	});

	it('reads each table from its own section, with line numbers of the whole text', () => {
		const [proactive, requests, review] = proposal.tables;
		expect(proposedCells(proactive!)).toEqual({
			'proactive.rules.issued': 0,
			'proactive.rules.repealed': 0,
			'proactive.rules.valid': 0,
			'proactive.normative.issued': 5,
			'proactive.normative.repealed': 1,
			'proactive.normative.valid': 25
		});
		expect(proposedCells(requests!)).toMatchObject({ 'requests.new.natural': 58, 'requests.new.total': 66, 'requests.carried-out.total': 0 });
		expect(requests!.placements.find((p) => p.cell === 'requests.new.total')?.line).toBe(12);
		expect(Object.keys(proposedCells(review!))).toHaveLength(15);
		expect(proposal.tables.flatMap((t) => t.unplaced)).toEqual([]);
	});

	it('finds the numbers in prose, full-width digits included, pointing into the pasted text', () => {
		expect(proposal.prose.map((p) => ({ text: p.text, cells: p.cells, value: p.value, none: p.none, line: p.line }))).toEqual([
			{ text: '收到政府信息公开申请６７件', cells: ['requests.new.total'], value: 67, none: false, line: 3 },
			{
				text: '未发生政府信息公开行政复议、行政诉讼',
				cells: ['review.reconsideration.total', 'review.suit-direct.total', 'review.suit-after.total'],
				value: 0,
				none: true,
				line: 3
			}
		]);
		for (const p of proposal.prose) expect(REPORT.slice(p.at, p.at + p.text.length)).toBe(p.text);
	});

	it('once confirmed, fails the prose rule where the text says 67 and the table 66', () => {
		const results = evaluateReport({ report: acceptProposal(proposal), publisherKind: 'department' });
		const prose = results.find((r) => r.ruleId === 'prose')!;
		expect(prose.status).toBe('fail');
		expect(prose.detail?.type === 'comparisons' && prose.detail.comparisons.map((c) => [c.left.text, c.right.text, c.differenceText])).toEqual([['67', '66', '1']]);
		expect(results.find((r) => r.ruleId === 'stated-none')!.status).toBe('pass');
		expect(results.find((r) => r.ruleId === 'part.other')!.status).toBe('fail');
	});

	it('does not guess a format for the 2019–2020 reports it has no template for', () => {
		expect(formatForYear(2020)).toBeNull();
		const old = extractReport('某县2020年政府信息公开工作年度报告\n一、总体情况\n共收到申请3件。');
		expect(old).toMatchObject({ year: { value: 2020 }, format: null, tables: [], prose: [] });
	});
});
