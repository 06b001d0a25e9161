import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateReport, isEquation, ruleCells, RULES, templateCells, TEMPLATES, type AnnualReport, type RuleResult } from '$lib/domain/annual-report';
import { zh } from '$lib/i18n/zh-CN';
import { balancedReport, report } from './helpers';

const byId = (results: RuleResult[], id: string) => results.find((r) => r.ruleId === id)!;
const failed = (results: RuleResult[]) => results.filter((r) => r.status === 'fail').map((r) => r.ruleId);
const fill = (message: string, params: Record<string, string | number>) => message.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const withCells = (r: AnnualReport, cells: Record<string, number>): AnnualReport => ({ ...r, cells: { ...r.cells, ...cells } });

describe('the 2021 rule set', () => {
	it('reads only cells of its template, and every printed cell is read by some rule', () => {
		const cells = new Set(templateCells(TEMPLATES['2021']).map((c) => c.id));
		const read = new Set<string>();
		for (const rule of RULES['2021']) {
			const ids = isEquation(rule) ? [...rule.left.cells, ...rule.right.cells] : rule.kind === 'nonNegative' ? rule.cells : rule.kind === 'yearOverYear' ? [...rule.lastYear.cells, ...rule.thisYear.cells] : [];
			for (const id of ids) {
				expect(cells, `${rule.id} reads ${id}`).toContain(id);
				if (rule.kind !== 'nonNegative') read.add(id);
			}
		}
		for (const c of templateCells(TEMPLATES['2021'])) if (c.table === 'requests' || c.table === 'review') expect(read, c.id).toContain(c.id);
		expect(new Set(RULES['2021'].map((r) => r.id)).size).toBe(RULES['2021'].length);
	});

	it('passes a report built to balance on every rule it can check', () => {
		const { report: r, lastYear } = balancedReport();
		const results = evaluateReport({ report: r, lastYear, publisherKind: 'department' });
		expect(failed(results)).toEqual([]);
		expect(results.filter((x) => x.status === 'cannotCheck')).toEqual([]);
		// Not applicable: only the rules on the 小计 rows and column the report does not print, and "未收到" (not stated).
		const optional = new Set(templateCells(TEMPLATES['2021']).filter((c) => c.optional).map((c) => c.id));
		const onOptional = RULES['2021'].filter((rule) => rule.kind !== 'nonNegative' && ruleCells(rule).some((id) => optional.has(id))).map((rule) => rule.id);
		expect(onOptional.length).toBeGreaterThan(30);
		expect(results.filter((x) => x.status === 'notApplicable').map((x) => x.ruleId)).toEqual([...onOptional, 'stated-none'].sort((a, b) => results.findIndex((x) => x.ruleId === a) - results.findIndex((x) => x.ruleId === b)));
	});

	it('fails exactly the rules that read a changed cell, for every cell (+1)', () => {
		const { report: r, lastYear } = balancedReport();
		for (const cell of Object.keys(r.cells)) {
			const results = evaluateReport({ report: withCells(r, { [cell]: r.cells[cell]! + 1 }), lastYear, publisherKind: 'department' });
			const expected = results.filter((x) => x.reads.includes(cell) && x.kind !== 'nonNegative').map((x) => x.ruleId);
			expect(failed(results), cell).toEqual(expected);
			if (cell.startsWith('requests.') || cell.startsWith('review.')) expect(expected.length, cell).toBeGreaterThan(0);
		}
	});

	it('fails exactly the rules that read a changed cell, for any change (property)', () => {
		const { report: r, lastYear } = balancedReport();
		const cells = Object.keys(r.cells);
		fc.assert(
			fc.property(fc.constantFrom(...cells), fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0), (cell, delta) => {
				const value = r.cells[cell]! + delta;
				const results = evaluateReport({ report: withCells(r, { [cell]: value }), lastYear, publisherKind: 'department' });
				const expected = results.filter((x) => x.reads.includes(cell) && (x.kind !== 'nonNegative' || value < 0)).map((x) => x.ruleId);
				expect(failed(results)).toEqual(expected);
			}),
			{ numRuns: 300 }
		);
	});

	it('fails each table rule alone on a table holding only its cells', () => {
		for (const rule of RULES['2021'].filter(isEquation)) {
			const cells: Record<string, number> = {};
			for (const id of rule.right.cells) cells[id] = 1;
			for (const id of rule.left.cells) cells[id] = 0;
			cells[rule.left.cells[0]!] = rule.right.cells.length + 1;
			const results = evaluateReport({ report: report(2024, { cells }) });
			expect(failed(results), rule.id).toEqual([rule.id]);
			const c = byId(results, rule.id);
			expect(c.detail?.type === 'comparisons' && c.detail.comparisons[0]!.difference, rule.id).toBe(1);
		}
	});
});

describe('each kind of rule', () => {
	it('balance: 一 + 二 = 三 + 四 per column, with both sides and the difference', () => {
		const cells = { 'requests.new.natural': 40, 'requests.carried-in.natural': 2, 'requests.outcome-total.natural': 38, 'requests.carried-out.natural': 3 };
		const result = byId(evaluateReport({ report: report(2024, { cells }) }), 'requests.balance.natural');
		expect(result.status).toBe('fail');
		expect(result.formula).toBe('一 + 二 = 三 + 四（自然人）');
		if (result.detail?.type !== 'comparisons') throw new Error('no comparison');
		const [c] = result.detail.comparisons;
		const text = fill(zh['annualReport.comparison'], { left: c!.left.label, leftValue: c!.left.text, right: c!.right.label, rightValue: c!.right.text, difference: c!.differenceText });
		expect(text).toBe('一+二 = 42，三+四 = 41，相差 1');
	});

	it('cannot check a rule whose cells are missing, and lists them', () => {
		const result = byId(evaluateReport({ report: report(2024, { cells: { 'requests.new.natural': 40 } }) }), 'requests.balance.natural');
		expect(result.status).toBe('cannotCheck');
		expect(result.missing).toEqual(['requests.carried-in.natural', 'requests.outcome-total.natural', 'requests.carried-out.natural']);
	});

	it('column sums: the 法人或其他组织 小计, when printed, equals its five kinds; otherwise not applicable', () => {
		const kinds = { 'requests.new.commercial': 1, 'requests.new.research': 2, 'requests.new.public-interest': 0, 'requests.new.legal-service': 0, 'requests.new.other-org': 1 };
		expect(byId(evaluateReport({ report: report(2024, { cells: kinds }) }), 'requests.legal.new').status).toBe('notApplicable');
		expect(byId(evaluateReport({ report: report(2024, { cells: { ...kinds, 'requests.new.legal': 4 } }) }), 'requests.legal.new').status).toBe('pass');
		expect(byId(evaluateReport({ report: report(2024, { cells: { ...kinds, 'requests.new.legal': 5 } }) }), 'requests.legal.new').status).toBe('fail');
	});

	it('non-negative: a negative or fractional count fails; a fractional 万元 amount does not', () => {
		const ok = evaluateReport({ report: report(2024, { cells: { 'proactive.fees.amount': 1.5, 'proactive.licensing.decisions': 3 } }) });
		expect(byId(ok, 'proactive.non-negative').status).toBe('pass');
		const bad = evaluateReport({ report: report(2024, { cells: { 'proactive.licensing.decisions': 1.5, 'proactive.penalties.decisions': -2 } }) });
		const result = byId(bad, 'proactive.non-negative');
		expect(result.status).toBe('fail');
		expect(result.detail).toEqual({
			type: 'invalidCells',
			cells: [
				{ cell: 'proactive.licensing.decisions', value: 1.5, text: '1.5' },
				{ cell: 'proactive.penalties.decisions', value: -2, text: '-2' }
			]
		});
		expect(failed(bad)).toEqual(['proactive.non-negative']);
	});

	it('prose: a number stated in the text equals its cell', () => {
		const prose = [{ text: '共收到申请66件', cells: ['requests.new.total'], value: 66, none: false }];
		const pass = evaluateReport({ report: report(2024, { cells: { 'requests.new.total': 66 }, prose }) });
		expect(byId(pass, 'prose').status).toBe('pass');
		const fail = evaluateReport({ report: report(2024, { cells: { 'requests.new.total': 65 }, prose }) });
		expect(failed(fail)).toEqual(['prose']);
		const detail = byId(fail, 'prose').detail;
		expect(detail?.type === 'comparisons' && detail.comparisons[0]).toMatchObject({ left: { label: '共收到申请66件', value: 66 }, right: { label: '一（总计）', value: 65 }, differenceText: '1' });
		expect(byId(evaluateReport({ report: report(2024, { prose }) }), 'prose')).toMatchObject({ status: 'cannotCheck', missing: ['requests.new.total'] });
	});

	it('stated none: "未收到" while the table has numbers above 0 is a contradiction', () => {
		const prose = [{ text: '未收到政府信息公开申请', cells: ['requests.new.total'], value: 0, none: true }];
		expect(byId(evaluateReport({ report: report(2024, { cells: { 'requests.new.total': 0 }, prose }) }), 'stated-none').status).toBe('pass');
		const fail = evaluateReport({ report: report(2024, { cells: { 'requests.new.total': 3 }, prose }) });
		expect(failed(fail)).toEqual(['stated-none']);
	});

	it('year over year: last year’s 四 equals this year’s 二, when last year’s report is given', () => {
		const thisYear = report(2024, { cells: { 'requests.carried-in.natural': 2 } });
		expect(byId(evaluateReport({ report: thisYear }), 'year-over-year.natural').status).toBe('notApplicable');
		const same = report(2023, { cells: { 'requests.carried-out.natural': 2 } });
		expect(byId(evaluateReport({ report: thisYear, lastYear: same }), 'year-over-year.natural').status).toBe('pass');
		const other = report(2023, { cells: { 'requests.carried-out.natural': 3 } });
		const results = evaluateReport({ report: thisYear, lastYear: other });
		expect(failed(results)).toEqual(['year-over-year.natural']);
		const twoYearsBack = report(2022, { cells: { 'requests.carried-out.natural': 3 } });
		expect(byId(evaluateReport({ report: thisYear, lastYear: twoYearsBack }), 'year-over-year.natural').status).toBe('notApplicable');
	});

	it('deadline: departments by 31 January, governments by 31 March of the next year (条例 Art. 49)', () => {
		const onTime = report(2024, { publishedOn: '2025-01-31' });
		expect(byId(evaluateReport({ report: onTime, publisherKind: 'department' }), 'deadline').status).toBe('pass');
		const feb = report(2024, { publishedOn: '2025-02-01' });
		const late = byId(evaluateReport({ report: feb, publisherKind: 'department' }), 'deadline');
		expect(late).toMatchObject({ status: 'fail', detail: { type: 'late', deadline: '2025-01-31', daysLate: 1 } });
		expect(byId(evaluateReport({ report: feb, publisherKind: 'government' }), 'deadline').status).toBe('pass');
		expect(byId(evaluateReport({ report: report(2024, { publishedOn: '2025-04-01' }), publisherKind: 'government' }), 'deadline').status).toBe('fail');
		expect(byId(evaluateReport({ report: feb }), 'deadline')).toMatchObject({ status: 'cannotCheck', missing: ['publisherKind'] });
		expect(byId(evaluateReport({ report: report(2024), publisherKind: 'government' }), 'deadline')).toMatchObject({ status: 'cannotCheck', missing: ['publishedOn'] });
	});

	it('parts: each of the six parts present', () => {
		const parts = { overview: true, proactive: true, requests: true, review: false, problems: true };
		const results = evaluateReport({ report: report(2024, { parts }) });
		expect(failed(results)).toEqual(['part.review']);
		expect(byId(results, 'part.review').indicator).toBe('part-review-litigation');
		expect(byId(results, 'part.other')).toMatchObject({ status: 'cannotCheck', missing: ['parts.other'] });
	});
});

describe('the report record', () => {
	it('takes its format from its year and rejects cells of another format', () => {
		expect(() => report(2018, {}, '2021')).toThrow();
		expect(() => report(2020)).toThrow();
		expect(() => report(2024, { cells: { 'litigation.total': 1 } })).toThrow(/unknown cell/);
		expect(() => report(2018, { cells: { 'litigation.total': 1 } })).not.toThrow();
	});
});
