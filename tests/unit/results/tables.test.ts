import { describe, expect, it } from 'vitest';
import { findingsTable, resultsSheets, scoresTable, ZH_TABLE_LABELS, type TableLabels } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import type { Finding } from '$lib/domain/finding';
import { completed, finding, miniFramework } from '../fixtures/mini-framework';
import { localDateTime } from '$lib/domain/clock';
import { cassFramework } from '../fixtures/other-models';
import { target, urlEvidence } from './helpers';

const fw = miniFramework();
const A = target('A', '甲', 'dept', { assessor: '张三' });
const N = target('N', '乙', 'nosvc');
const P = target('P', '丙', 'portal');
const V = target('V', '丁', 'dept');
const targets = [A, N, P, V];
const fa1 = { ...finding('a1', 'fail', { link: 3, stale: 1 }, 'A'), note: '错链', updatedBy: '王五', updatedAt: '2026-03-02T08:00:00.000Z' };
const findings: Finding[] = [
	finding('v1', 'pass', {}, 'A'),
	fa1,
	finding('d1', 'pass', {}, 'A'),
	finding('a2', 'fail', {}, 'N'), // (75 − 20) × 100 / 75
	finding('s1', 'fail', {}, 'N'), // N/A for nosvc: not exported
	finding('b1', 'pass', {}, 'P'),
	finding('v1', 'fail', {}, 'V'),
	finding('d1', null, {}, 'V')
];
const evidence = [urlEvidence(fa1.id, 'A', 'https://a.gov.cn/1'), urlEvidence(fa1.id, 'A', 'https://a.gov.cn/2', '2026-03-05T00:00:00.000Z')];
// 甲, 乙 and 丙 fully graded; 丁 not (a veto found, 4.1 opened but not judged).
const scores = scoreCampaign(fw, targets, completed(fw, [A, N, P], findings));
/** A published score cell: a number with one decimal as its Excel format, the screen's text in CSV. */
const fx = (value: number, text = value.toFixed(1)) => ({ value, text, format: '0.0' });

describe('scoresTable', () => {
	const sheet = scoresTable(fw, targets, scores);

	it('has the header row with one column per scored section', () => {
		expect(sheet.name).toBe('得分排名');
		expect(sheet.rows[0]).toEqual(['序号', '类别', '名称', '网址', '主管单位', '得分', '等次', '评估状态', '类别内排名', '是否单项否决', '否决原因', '已评', '应评', '发布', '办事', '功能', '加分']);
		expect(sheet.rows.every((r) => r.length === 17)).toBe(true);
	});

	it('lists complete targets in ranking order, then the unfinished; published scores as fixed-decimal numbers', () => {
		const body = sheet.rows.slice(1);
		expect(body.map((r) => [r[0], r[1], r[2], r[8]])).toEqual([
			[1, '门户', '丙', 1],
			[2, '部门', '甲', 1],
			[3, '部门', '丁', null],
			[4, '无服务', '乙', 1]
		]);
		const [p, a, v, n] = body;
		expect(p).toEqual([1, '门户', '丙', 'https://P.gov.cn/', '丙主管', fx(120), '优秀', '已完成', 1, '否', '', 8, 8, fx(40), fx(25), fx(35), fx(20)]);
		expect(a!.slice(5, 17)).toEqual([fx(92), '优秀', '已完成', 1, '否', '', 6, 6, fx(32), fx(25), fx(35), null]);
		// Unfinished: no grade, rank or veto verdict, whatever its findings say so far.
		expect(v!.slice(5, 17)).toEqual([null, '评估中', '评估中', null, null, null, 1, 6, null, null, null, null]);
		// (75 − 20) × 100 / 75 = 73.33… is published as 73.3, in Excel and CSV alike.
		expect(n![5]).toEqual(fx(73.3));
		expect(n!.slice(13)).toEqual([fx(20), null, fx(35), null]);
	});

	it('writes an unstarted target without a score, never the 100 of an empty sheet', () => {
		const s = scoresTable(fw, [A], scoreCampaign(fw, [A], []));
		expect(s.rows[1]!.slice(5, 9)).toEqual([null, '未开始', '未开始', null]);
		expect(s.rows[1]!.slice(13)).toEqual([null, null, null]);
	});

	it('uses the labels it is given (English falls back to Chinese framework texts)', () => {
		const en: TableLabels = {
			...ZH_TABLE_LABELS,
			locale: 'en',
			yes: 'yes',
			no: 'no',
			scores: { ...ZH_TABLE_LABELS.scores, sheet: 'Scores', score: 'Score' }
		};
		const s = scoresTable(fw, targets, scores, en);
		expect(s.name).toBe('Scores');
		expect(s.rows[0]![5]).toBe('Score');
		expect(s.rows[1]![9]).toBe('no');
		expect(s.rows[1]![1]).toBe('门户');
	});

	it('weighted model: a column per weighted section, no bonus column', () => {
		const cass = cassFramework();
		const t = target('c', '甲市', 'city');
		const s = scoresTable(cass, [t], scoreCampaign(cass, [t], completed(cass, [t], [], 'fail')));
		expect(s.rows[0]!.slice(13)).toEqual(['决策公开', '管理服务公开', '执行和结果公开', '政务公开平台建设', '依申请公开']);
		const zero = { value: 0, text: '0.00', format: '0.00' };
		expect(s.rows[1]!.slice(13)).toEqual([zero, zero, zero, zero, zero]);
	});
});

describe('findingsTable', () => {
	const sheet = findingsTable(fw, targets, findings, evidence);

	it('has the header row and one row per target × indicator with a finding, skipping what the category skips', () => {
		expect(sheet.name).toBe('评估明细');
		expect(sheet.rows[0]).toEqual(['对象', '类别', '指标编号', '指标名称', '一级指标', '评估结果', '扣分项', '扣分', '问题说明', '佐证网址', '评估人', '更新时间']);
		expect(sheet.rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
			['甲', '1.1'],
			['甲', '2.1'],
			['甲', '4.1'],
			['乙', '2.2'],
			['丙', '5.1'],
			['丁', '1.1'],
			['丁', '4.1']
		]);
	});

	it('fills outcome words, counted problems, the loss as a number, evidence URLs and who/when', () => {
		const rows = sheet.rows.slice(1);
		// Times as people read them, in local time: "2026-03-02 16:00" in Beijing, not UTC ISO text.
		expect(localDateTime('2026-03-02T08:00:00.000Z')).toMatch(/^2026-03-02 \d\d:00$/);
		expect(rows[1]).toEqual(['甲', '部门', '2.1', '动态', '发布', '不符合', '错链×3；未更新×1', fx(8), '错链', 'https://a.gov.cn/1\nhttps://a.gov.cn/2', '王五', localDateTime('2026-03-02T08:00:00.000Z')]);
		expect(rows[0]!.slice(5, 8)).toEqual(['符合', '', null]); // veto indicator: no loss column
		expect(rows[2]!.slice(5, 8)).toEqual(['符合', '', fx(0)]);
		expect(rows[3]!.slice(5, 8)).toEqual(['不符合', '', fx(26.7)]); // 折算后 20 × 100/75: 乙 (nosvc) skips 办事, 25 of 100
		expect(rows[4]!.slice(4, 8)).toEqual(['加分', '符合', '', null]);
		expect(rows[6]!.slice(5, 8)).toEqual(['未评', '', fx(0)]);
	});

	it('shows the level or ratio with the outcome (weighted model), with no loss column value', () => {
		const cass = cassFramework();
		const t = target('c', '甲市', 'city');
		const fs = [
			{ ...finding('decision-r', 'partial', {}, 'c'), ratio: { met: 8, of: 10 } },
			{ ...finding('platform-levels', 'pass', {}, 'c'), level: 'basic' }
		];
		const rows = findingsTable(cass, [t], fs, []).rows.slice(1);
		expect(rows.map((r) => [r[5], r[7]])).toEqual([
			['部分符合（8/10）', null],
			['符合（基本完整）', null]
		]);
	});

	it('a bonus not earned reads 未得分, not 不符合', () => {
		const rows = findingsTable(fw, [P], [finding('b1', 'fail', {}, 'P'), finding('a2', 'fail', {}, 'P')], []).rows.slice(1);
		expect(rows.map((r) => [r[2], r[5]])).toEqual([
			['2.2', '不符合'],
			['5.1', '未得分']
		]);
	});

	it('resultsSheets gives both, ready for writeSheetsToXlsx', () => {
		expect(resultsSheets(fw, targets, scores, findings, evidence).map((s) => s.name)).toEqual(['得分排名', '评估明细']);
	});
});
