import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	evaluateReport,
	extractReport,
	failureLine,
	findingBlock,
	findingHeader,
	noteMarks,
	overrideLine,
	planApply,
	proposeFindings,
	RULE_INDICATORS,
	RULES,
	type ApplyInput,
	type FormatVersion,
	type IndicatorProposal,
	type RuleResult
} from '$lib/domain/annual-report';
import { listIndicators, type Finding } from '$lib/domain';
import { getBuiltInFramework } from '$lib/frameworks';
import { zh } from '$lib/i18n/zh-CN';
import { acceptProposal, balancedReport, report } from './helpers';

const t = (key: string, params: Record<string, string | number> = {}) => (zh as Record<string, string>)[key]!.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
const framework = getBuiltInFramework('cn-annual-report-2021')!;
const INDICATORS = new Set(listIndicators(framework).map((e) => e.indicator.id));
const outcomes = (proposals: IndicatorProposal[]) => Object.fromEntries(proposals.map((p) => [p.indicatorId, p.outcome]));

describe('the rule → indicator mapping', () => {
	it('names only indicators of the built-in annual-report framework, and only rules of its format', () => {
		for (const format of ['2021', 'pre2019'] as FormatVersion[]) {
			const ids = new Set(RULES[format].map((r) => r.id));
			for (const [rule, indicator] of Object.entries(RULE_INDICATORS[format])) {
				expect(ids, rule).toContain(rule);
				expect(INDICATORS, `${rule} → ${indicator}`).toContain(indicator);
			}
		}
		// Every 2021 rule decides an indicator.
		expect(RULES['2021'].filter((r) => !RULE_INDICATORS['2021'][r.id]).map((r) => r.id)).toEqual([]);
	});
});

describe('proposing findings from a report’s evaluation', () => {
	const { report: balanced, lastYear } = balancedReport();
	const base = evaluateReport({ report: balanced, lastYear, publisherKind: 'department' });

	it('a balanced 2021 report proposes 符合 everywhere it can, and leaves ungraded only what had nothing to check', () => {
		const { proposals, unplaced } = proposeFindings('2021', base, INDICATORS);
		expect(unplaced).toEqual([]);
		for (const p of proposals) {
			if (p.outcome === null) expect(p.results.every((r) => r.status === 'notApplicable'), p.indicatorId).toBe(true);
			else expect(p.outcome, p.indicatorId).toBe('pass');
		}
		const passed = proposals.filter((p) => p.outcome === 'pass').map((p) => p.indicatorId);
		expect(passed).toEqual(expect.arrayContaining(['b-check-balance', 'b-check-outcome-total', 'b-check-total-column', 'c-check-review', 'c-check-suit-direct', 'c-check-suit-after', 'published-by-jan-31', 'part-overview', 'part-other']));
		// The report prints no 小计 rows: nothing to check there.
		expect(outcomes(proposals)['b-check-subtotals']).toBeNull();
	});

	it('each mapped rule failing alone sets exactly its indicator to 不符合', () => {
		const before = outcomes(proposeFindings('2021', base, INDICATORS).proposals);
		for (const rule of RULES['2021']) {
			const results = base.map((r): RuleResult => (r.ruleId === rule.id ? { ...r, status: 'fail' } : r));
			const after = outcomes(proposeFindings('2021', results, INDICATORS).proposals);
			const changed = Object.keys(after).filter((id) => after[id] !== before[id]);
			const indicator = RULE_INDICATORS['2021'][rule.id]!;
			expect(after[indicator], rule.id).toBe('fail');
			expect(changed.filter((id) => id !== indicator), rule.id).toEqual([]);
		}
	});

	it('a cell changed in a balanced report fails exactly the indicators of the rules that read it', () => {
		for (const cell of ['requests.new.natural', 'review.suit-after.pending', 'requests.refused-1.total']) {
			const results = evaluateReport({ report: { ...balanced, cells: { ...balanced.cells, [cell]: balanced.cells[cell]! + 1 } }, lastYear, publisherKind: 'department' });
			const expected = new Set(results.filter((r) => r.status === 'fail').map((r) => RULE_INDICATORS['2021'][r.ruleId]));
			const failed = proposeFindings('2021', results, INDICATORS).proposals.filter((p) => p.outcome === 'fail').map((p) => p.indicatorId);
			expect(failed.length, cell).toBeGreaterThan(0);
			expect(new Set(failed), cell).toEqual(expected);
		}
	});

	it('leaves an indicator ungraded when a rule of it could not be checked and none failed', () => {
		const { 'requests.new.natural': _, ...cells } = balanced.cells;
		const results = evaluateReport({ report: { ...balanced, cells }, lastYear, publisherKind: 'department' });
		expect(outcomes(proposeFindings('2021', results, INDICATORS).proposals)['b-check-balance']).toBeNull();
	});

	it('lists failures whose indicator the campaign’s framework does not have', () => {
		const results = base.map((r): RuleResult => (r.ruleId === 'deadline' ? { ...r, status: 'fail' } : r));
		const own = new Set([...INDICATORS].filter((id) => id !== 'published-by-jan-31'));
		const { proposals, unplaced } = proposeFindings('2021', results, own);
		expect(unplaced.map((r) => r.ruleId)).toEqual(['deadline']);
		expect(proposals.some((p) => p.indicatorId === 'published-by-jan-31')).toBe(false);
	});

	it('writes a failure as one line with the computed evidence', () => {
		const cells = { 'requests.new.natural': 40, 'requests.carried-in.natural': 2, 'requests.outcome-total.natural': 38, 'requests.carried-out.natural': 3 };
		const result = evaluateReport({ report: report(2024, { cells }) }).find((r) => r.ruleId === 'requests.balance.natural')!;
		expect(failureLine(result, '2021', t)).toBe('勾稽关系：一 + 二 = 三 + 四（自然人） 不成立：一+二 = 42，三+四 = 41，相差 1');
	});
});

describe('the Fenyang 2018 report (pre-2019)', () => {
	const text = readFileSync(new URL('../fixtures/fenyang-2018-annual-report.txt', import.meta.url), 'utf8');
	const fenyang = acceptProposal(extractReport(text));
	const results = evaluateReport({ report: fenyang, publisherKind: 'government' });
	const { proposals, unplaced } = proposeFindings('pre2019', results, INDICATORS);

	it('lands 10 ≠ 2 + 8 + 1 and the "未收到" contradiction on the 复议/诉讼 part, and publication on time', () => {
		expect(unplaced).toEqual([]);
		expect(outcomes(proposals)).toEqual({ 'part-review-litigation': 'fail', 'published-by-jan-31': 'pass', 'part-overview': null });
		const p = proposals.find((x) => x.indicatorId === 'part-review-litigation')!;
		expect(findingBlock({ ...p, outcome: 'fail' }, 2018, 'pre2019', t)).toEqual([
			'【年报检查】2018 年度报告：不符合',
			'复议诉讼合计：行政诉讼（应诉）案件数 = 维持（驳回）+ 纠正 + 其他（含撤诉）+ 尚未审结 不成立：行政诉讼总数 = 10，维持+纠正+其他+尚未审结 = 11，相差 1。报告未列出的 纠正 按 0 计。',
			'正文与表格：正文称“未收到”的，所列数字为 0 不成立：未收到 = 0，行政复议+行政诉讼 = 10，相差 10'
		]);
	});
});

describe('writing proposals into findings (写入评估)', () => {
	const ids = { campaignId: '00000000-0000-4000-8000-000000000001', targetId: '00000000-0000-4000-8000-000000000002' };
	let n = 100;
	const ctx = { now: () => '2025-02-01T00:00:00.000Z', newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, user: '张三' };
	const failBlock = [findingHeader(2024, 'fail', t), '勾稽关系：一 + 二 = 三 + 四（自然人） 不成立：一+二 = 42，三+四 = 41，相差 1'];
	const passBlock = [findingHeader(2024, 'pass', t), '相关的 7 条规则均通过。'];
	const input = (findings: Finding[], extra: Partial<ApplyInput> = {}): ApplyInput => ({
		...ids,
		proposals: [{ indicatorId: 'b-check-balance', outcome: 'fail', block: failBlock }],
		findings,
		marks: noteMarks(t),
		header: (o) => findingHeader(2024, o, t),
		ctx,
		...extra
	});
	const finding = (outcome: Finding['outcome'], note = ''): Finding => ({ id: ctx.newId(), ...ids, indicatorId: 'b-check-balance', outcome, deductionCounts: {}, note, reviewState: 'draft', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: '李四' });
	const written = (steps: ReturnType<typeof planApply>) => {
		const s = steps[0]!;
		if (s.kind !== 'write') throw new Error(`expected a write, got ${s.kind}`);
		return s.finding;
	};

	it('sets an ungraded indicator, stamped by the assessor, and keeps the note’s own text', () => {
		const created = written(planApply(input([])));
		expect(created).toMatchObject({ ...ids, indicatorId: 'b-check-balance', outcome: 'fail', note: failBlock.join('\n'), updatedBy: '张三' });
		const withNote = written(planApply(input([finding(null, '表B见附件')])));
		expect(withNote.note).toBe(['表B见附件', '', ...failBlock].join('\n'));
	});

	it('replaces its own block on a re-run, and writes nothing when nothing changed', () => {
		const first = written(planApply(input([finding(null, '表B见附件')])));
		expect(planApply(input([first]))).toEqual([{ kind: 'same', indicatorId: 'b-check-balance' }]);
		// The report was corrected: the checker's own 不符合 becomes 符合, the block is replaced, the assessor's text stays.
		const corrected = written(planApply(input([first], { proposals: [{ indicatorId: 'b-check-balance', outcome: 'pass', block: passBlock }] })));
		expect(corrected).toMatchObject({ outcome: 'pass', note: ['表B见附件', '', ...passBlock].join('\n') });
	});

	it('never replaces an outcome the assessor set otherwise: it is listed, then taken or kept with a reason that survives a re-run', () => {
		const mine = finding('pass', '已现场核实');
		expect(planApply(input([mine]))).toEqual([{ kind: 'differs', indicatorId: 'b-check-balance', finding: mine, proposed: 'fail' }]);

		const taken = written(planApply(input([mine], { take: new Set(['b-check-balance']) })));
		expect(taken.outcome).toBe('fail');

		const reason = overrideLine('fail', '上年结转数按更正后的报告计', t);
		expect(reason).toBe('【保留原结论】检查结论为“不符合”，评估人保留原结论。理由：上年结转数按更正后的报告计');
		const steps = planApply(input([mine], { keep: new Map([['b-check-balance', reason]]) }));
		expect(steps[0]).toMatchObject({ kind: 'write', kept: true });
		const kept = written(steps);
		expect(kept).toMatchObject({ outcome: 'pass', note: ['已现场核实', '', ...failBlock, reason].join('\n') });
		// Re-run: still kept, nothing asked, nothing to write.
		expect(planApply(input([kept]))).toEqual([{ kind: 'same', indicatorId: 'b-check-balance' }]);
		// Re-run with other evidence: the block is refreshed, the outcome and the reason stay.
		const other = [findingHeader(2024, 'fail', t), '勾稽关系：… 相差 2'];
		expect(written(planApply(input([kept], { proposals: [{ indicatorId: 'b-check-balance', outcome: 'fail', block: other }] })))).toMatchObject({ outcome: 'pass', note: ['已现场核实', '', ...other, reason].join('\n') });
		// Taking the proposal later drops the reason.
		expect(written(planApply(input([kept], { take: new Set(['b-check-balance']) })))).toMatchObject({ outcome: 'fail', note: ['已现场核实', '', ...failBlock].join('\n') });
	});
});
