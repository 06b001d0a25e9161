/**
 * A campaign on a veto-only framework (the national new-media rule) has no numbers: wherever a score would stand —
 * the results lists, the 通报's ranking table, the Excel and CSV score column — a complete target shows its verdict,
 * 合格 or 不合格, and its veto reasons stand where the results screen lists them.
 */
import { describe, expect, it } from 'vitest';
import type { LocalText } from '$lib/domain/common';
import type { DocxText } from '$lib/domain/document-text';
import { shownScore } from '$lib/domain/progress';
import { campaignNotice, campaignReport, scoresTable, ZH_TABLE_LABELS } from '$lib/domain/results';
import { scoreCampaign, scoreText } from '$lib/domain/scoring';
import { sheetToCsv } from '$lib/io/csv';
import { getBuiltInFramework } from '$lib/frameworks';
import { finding } from '../fixtures/mini-framework';
import { campaign, target } from './helpers';

const fw = getBuiltInFramework('cn-gov-newmedia-2019')!;
const targets = [target('A', '甲公众号', 'account'), target('B', '乙微博', 'account'), target('C', '丙头条号', 'account')];
const vetoIds = fw.sections[0]!.indicators.map((i) => i.id);
const findings = [
	...vetoIds.map((id) => finding(id, 'pass', {}, 'A')),
	...vetoIds.map((id) => finding(id, id === 'veto-not-updated' ? 'fail' : 'pass', {}, 'B')),
	finding(vetoIds[0]!, 'pass', {}, 'C')
];
const scores = scoreCampaign(fw, targets, findings);
const notUpdated = fw.sections[0]!.indicators.find((i) => i.id === 'veto-not-updated')!.title.zh;

const words: DocxText = {
	locale: 'zh-CN',
	local: (x: LocalText) => x.zh,
	score: (n) => scoreText(n, fw.scoring.decimals),
	t: (key, params = {}) => `${key}${JSON.stringify(params)}`
};

describe('a veto-only campaign shows its verdict where a score would stand', () => {
	it('the shown score of a complete target carries the verdict; an unfinished one has none', () => {
		expect(scores.map((s) => shownScore(s, fw.scoring).verdict?.zh ?? null)).toEqual(['合格', '不合格', null]);
		expect(scores.map((s) => shownScore(s, fw.scoring).score)).toEqual(['—', '—', '—']);
	});

	it('Excel and CSV: the score column says 合格 / 不合格, the veto reasons column names the veto', () => {
		const sheet = scoresTable(fw, targets, scores);
		const [header, ...rows] = sheet.rows;
		const col = (name: string) => header!.indexOf(name);
		const byName = new Map(rows.map((r) => [r[col(ZH_TABLE_LABELS.scores.name)], r]));
		const cells = (name: string) => [ZH_TABLE_LABELS.scores.score, ZH_TABLE_LABELS.scores.vetoReasons].map((c) => byName.get(name)![col(c)]);
		expect(cells('甲公众号')).toEqual(['合格', '']);
		expect(cells('乙微博')).toEqual(['不合格', notUpdated]);
		expect(cells('丙头条号')).toEqual([null, null]);
		const csv = sheetToCsv(sheet);
		expect(csv).toContain('甲公众号,https://A.gov.cn/,甲公众号主管,合格,合格');
		expect(csv).toContain(`乙微博,https://B.gov.cn/,乙微博主管,不合格,不合格`);
	});

	it('the 通报: the ranking table says 合格 / 不合格 in the score column, with the veto reasons beside', () => {
		const report = campaignReport(campaign(fw), targets, findings);
		const blocks = campaignNotice(report, words);
		// No table of score ranges (分数段): a veto-only framework has none.
		expect(blocks.filter((b) => b.kind === 'table')).toHaveLength(1);
		const table = blocks.find((b) => b.kind === 'table' && b.rows.some((r) => r.includes('甲公众号')));
		expect(table?.kind).toBe('table');
		const rows = table!.kind === 'table' ? table!.rows : [];
		// rank, name, score, grade, veto reasons
		expect(rows.map((r) => r.slice(1))).toEqual([
			['甲公众号', '合格', '合格', ''],
			['乙微博', '不合格', '不合格', notUpdated]
		]);
	});
});
