import { describe, expect, it } from 'vitest';
import { findingsTable, resultsSheets, scoresTable, ZH_TABLE_LABELS, type TableLabels } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import type { Finding } from '$lib/domain/finding';
import { finding, miniFramework } from '../fixtures/mini-framework';
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
const scores = scoreCampaign(fw, targets, findings);

describe('scoresTable', () => {
	const sheet = scoresTable(fw, targets, scores);

	it('has the header row with one column per scored section', () => {
		expect(sheet.name).toBe('得分排名');
		expect(sheet.rows[0]).toEqual(['序号', '类别', '名称', '网址', '主管单位', '得分', '等次', '类别内排名', '是否单项否决', '否决原因', '已评', '应评', '发布', '办事', '功能', '加分']);
		expect(sheet.rows.every((r) => r.length === 16)).toBe(true);
	});

	it('lists targets category by category in ranking order, numbers as numbers at full precision', () => {
		const body = sheet.rows.slice(1);
		expect(body.map((r) => [r[0], r[1], r[2], r[7]])).toEqual([
			[1, '门户', '丙', 1],
			[2, '部门', '甲', 1],
			[3, '部门', '丁', null],
			[4, '无服务', '乙', 1]
		]);
		const [p, a, v, n] = body;
		expect(p).toEqual([1, '门户', '丙', 'https://P.gov.cn/', '丙主管', 120, '优秀', 1, '否', '', 1, 8, 40, 25, 35, 20]);
		expect(a!.slice(5, 16)).toEqual([92, '优秀', 1, '否', '', 3, 6, 32, 25, 35, null]);
		expect(v!.slice(5, 16)).toEqual([null, '不合格', null, '是', '站点无法访问', 1, 6, null, null, null, null]);
		expect(n![5]).toBe((55 * 100) / 75);
		expect(typeof n![5]).toBe('number');
		expect(n!.slice(12)).toEqual([20, null, 35, null]);
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
		expect(s.rows[1]![8]).toBe('no');
		expect(s.rows[1]![1]).toBe('门户');
	});

	it('weighted model: a column per weighted section, no bonus column', () => {
		const cass = cassFramework();
		const t = target('c', '甲市', 'city');
		const s = scoresTable(cass, [t], scoreCampaign(cass, [t], []));
		expect(s.rows[0]!.slice(12)).toEqual(['决策公开', '管理服务公开', '执行和结果公开', '政务公开平台建设', '依申请公开']);
		expect(s.rows[1]!.slice(12)).toEqual([0, 0, 0, 0, 0]);
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
		expect(rows[1]).toEqual(['甲', '部门', '2.1', '动态', '发布', '不符合', '错链×3；未更新×1', 8, '错链', 'https://a.gov.cn/1\nhttps://a.gov.cn/2', '王五', '2026-03-02T08:00:00.000Z']);
		expect(rows[0]!.slice(5, 8)).toEqual(['符合', '', null]); // veto indicator: no loss column
		expect(rows[2]!.slice(5, 8)).toEqual(['符合', '', 0]);
		expect(rows[3]!.slice(5, 8)).toEqual(['不符合', '', 20]);
		expect(rows[4]!.slice(4, 8)).toEqual(['加分', '符合', '', null]);
		expect(rows[6]!.slice(5, 8)).toEqual(['未评', '', 0]);
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

	it('resultsSheets gives both, ready for writeSheetsToXlsx', () => {
		expect(resultsSheets(fw, targets, scores, findings, evidence).map((s) => s.name)).toEqual(['得分排名', '评估明细']);
	});
});
