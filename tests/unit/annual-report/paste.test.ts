import { describe, expect, it } from 'vitest';
import { parseTablePaste, proposedCells, TEMPLATE_2021, type TemplateTable } from '$lib/domain/annual-report';
import { APPLICANT_COLUMNS, balancedCells } from './helpers';

const table = (id: string): TemplateTable => TEMPLATE_2021.tables.find((t) => t.id === id)!;
const requests = table('requests');
const COLUMNS = [...APPLICANT_COLUMNS, 'total'];

/** Table 三 as Excel copies it: three label columns (merged cells copy as empty), a merged two-line header. */
function excelRequests(cells: Record<string, number>, format: (n: number) => string = String): string {
	const nums = (row: string) => COLUMNS.map((c) => format(cells[`requests.${row}.${c}`]!)).join('\t');
	const lines = [
		'（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况',
		'\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
		'\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
		`一、本年新收政府信息公开申请数量\t\t\t${nums('new')}`,
		`二、上年结转政府信息公开申请数量\t\t\t${nums('carried-in')}`
	];
	let group = '';
	for (const row of requests.rows.filter((r) => !r.optional && !['new', 'carried-in', 'carried-out'].includes(r.id))) {
		const first = row.id === 'disclosed' ? '三、本年度办理结果' : '';
		const groupLabel = row.group && row.group !== group ? requests.groups!.find((g) => g.id === row.group)!.label : '';
		group = row.group ?? '';
		lines.push(row.group ? `${first}\t${groupLabel}\t${row.label}\t${nums(row.id)}` : `${first}\t${row.label}\t\t${nums(row.id)}`);
	}
	lines.push(`四、结转下年度继续办理\t\t\t${nums('carried-out')}`);
	return lines.join('\r\n');
}

const requestCells = (cells: Record<string, number>) => Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith('requests.')));

describe('pasting a table', () => {
	it('maps a whole table 三 copied from Excel, with its merged row and column headers, onto every cell', () => {
		const cells = balancedCells();
		const paste = parseTablePaste(excelRequests(cells), requests);
		expect(paste.unplaced).toEqual([]);
		expect(proposedCells(paste)).toEqual(requestCells(cells));
		// Each number says where it came from: line 4 is 一, its first number the 4th tab-separated cell.
		expect(paste.placements.find((p) => p.cell === 'requests.new.natural')).toMatchObject({ line: 4, column: 4, raw: String(cells['requests.new.natural']) });
	});

	it('reads full-width digits and thousands separators', () => {
		const cells = balancedCells();
		const fullWidth = (n: number) => String(n * 1000 + 234).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
		const paste = parseTablePaste(excelRequests(cells, (n) => (n % 2 === 0 ? fullWidth(n) : (n * 1000 + 234).toLocaleString('en-US'))), requests);
		expect(paste.unplaced).toEqual([]);
		const expected = Object.fromEntries(Object.entries(requestCells(cells)).map(([k, v]) => [k, v * 1000 + 234]));
		expect(proposedCells(paste)).toEqual(expected);
		const one = parseTablePaste('一、本年新收政府信息公开申请数量\t１，２３４\t1,000\t０\t0\t0\t0\t2,234', requests);
		expect(proposedCells(one)).toMatchObject({ 'requests.new.natural': 1234, 'requests.new.commercial': 1000, 'requests.new.total': 2234 });
	});

	it('leaves blank, "—", "-" and "/" cells unfilled and says so', () => {
		const paste = parseTablePaste('一、本年新收政府信息公开申请数量\t3\t\t—\t-\t/\t／\t3', requests);
		expect(paste.unplaced).toEqual([]);
		expect(paste.placements.map((p) => [p.cell, p.value])).toEqual([
			['requests.new.natural', 3],
			['requests.new.commercial', null],
			['requests.new.research', null],
			['requests.new.public-interest', null],
			['requests.new.legal-service', null],
			['requests.new.other-org', null],
			['requests.new.total', 3]
		]);
		expect(proposedCells(paste)).toEqual({ 'requests.new.natural': 3, 'requests.new.total': 3 });
	});

	it('reads a web page copied as text: "|"-separated, header split over lines, labels split by spaces', () => {
		const text = [
			'(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |',
			'自然人 | 法人或其他组织 | 总计 |',
			'商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |',
			'一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |',
			'三、本年度办理结果 | (一)予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |',
			'(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
			'5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
			'(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
			'3.其他 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |'
		].join('\n');
		const paste = parseTablePaste(text, requests);
		expect(paste.unplaced).toEqual([]);
		expect(proposedCells(paste)).toMatchObject({
			'requests.new.natural': 58,
			'requests.new.research': 0,
			'requests.new.legal-service': 1,
			'requests.new.total': 66,
			'requests.disclosed.total': 3,
			'requests.refused-1.total': 0,
			'requests.refused-5.natural': 1,
			'requests.other-1.total': 0,
			'requests.other-3.natural': 4
		});
	});

	it('reads a space-separated paste without any header', () => {
		const paste = parseTablePaste('一、本年新收政府信息公开申请数量 58 7 0 0 1 0 66\n四、结转下年度继续办理 1 0 0 0 0 0 1', requests);
		expect(paste.unplaced).toEqual([]);
		expect(proposedCells(paste)).toMatchObject({ 'requests.new.natural': 58, 'requests.new.total': 66, 'requests.carried-out.total': 1 });
	});

	it('takes table 四’s one row of 15 numbers, under its three-line merged header or none', () => {
		const numbers = Array.from({ length: 15 }, (_, i) => i);
		const header = ['行政复议\t\t\t\t\t行政诉讼', '\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉', Array(3).fill('结果维持\t结果纠正\t其他结果\t尚未审结\t总计').join('\t')];
		for (const text of [numbers.join('\t'), [...header, numbers.join('\t')].join('\n'), numbers.join(' ')]) {
			const paste = parseTablePaste(text, table('review'));
			expect(paste.unplaced).toEqual([]);
			expect(proposedCells(paste)).toMatchObject({ 'review.reconsideration.upheld': 0, 'review.reconsideration.total': 4, 'review.suit-direct.upheld': 5, 'review.suit-after.total': 14 });
		}
	});

	it('reads table 二, whose blocks each have their own header', () => {
		const text = [
			'第二十条第（一）项',
			'信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
			'规章\t0\t0\t3',
			'行政规范性文件\t5\t1\t25',
			'第二十条第（五）项',
			'信息内容\t本年处理决定数量',
			'行政许可\t1,200',
			'第二十条第（八）项',
			'信息内容\t本年收费金额（单位：万元）',
			'行政事业性收费\t12.5'
		].join('\n');
		const paste = parseTablePaste(text, table('proactive'));
		expect(paste.unplaced).toEqual([]);
		expect(proposedCells(paste)).toEqual({
			'proactive.rules.issued': 0,
			'proactive.rules.repealed': 0,
			'proactive.rules.valid': 3,
			'proactive.normative.issued': 5,
			'proactive.normative.repealed': 1,
			'proactive.normative.valid': 25,
			'proactive.licensing.decisions': 1200,
			'proactive.fees.amount': 12.5
		});
	});

	it('takes the 法人或其他组织 小计 column when a one-line header prints it', () => {
		const text = '\t自然人\t法人或其他组织\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n一、本年新收政府信息公开申请数量\t5\t3\t1\t1\t1\t0\t0\t8';
		expect(proposedCells(parseTablePaste(text, requests))).toMatchObject({ 'requests.new.legal': 3, 'requests.new.commercial': 1, 'requests.new.total': 8 });
		const spaced = '自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n一、本年新收政府信息公开申请数量 5 3 1 1 1 0 0 8';
		expect(proposedCells(parseTablePaste(spaced, requests))).toMatchObject({ 'requests.new.legal': 3, 'requests.new.other-org': 0, 'requests.new.total': 8 });
	});

	it('does not choose between two rows a label names equally', () => {
		const paste = parseTablePaste('行政许可、行政处罚\t12', table('proactive'));
		expect(paste.unplaced).toEqual([{ line: 1, column: 2, raw: '12', reason: 'rowAmbiguous' }]);
		expect(paste.placements).toEqual([]);
	});

	it('lists every number it could not place, with its line, column and why', () => {
		const text = ['一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1', '合计\t3\t4', '四、结转下年度继续办理\t1\t2', '一、本年新收政府信息公开申请数量\t9\t0\t0\t0\t0\t0\t9'].join('\n');
		const paste = parseTablePaste(text, requests);
		expect(paste.unplaced).toEqual([
			{ line: 2, column: 2, raw: '3', reason: 'rowUnknown' },
			{ line: 2, column: 3, raw: '4', reason: 'rowUnknown' },
			{ line: 3, column: 2, raw: '1', reason: 'columnCount', expected: 7 },
			{ line: 3, column: 3, raw: '2', reason: 'columnCount', expected: 7 },
			...[2, 8].map((column) => ({ line: 4, column, raw: '9', reason: 'rowRepeated' })),
			...[3, 4, 5, 6, 7].map((column) => ({ line: 4, column, raw: '0', reason: 'rowRepeated' }))
		].sort((a, b) => a.line - b.line || a.column - b.column));
		expect(proposedCells(paste)).toEqual(Object.fromEntries(COLUMNS.map((c) => [`requests.new.${c}`, c === 'natural' || c === 'total' ? 1 : 0])));
	});
});
