import { describe, expect, it } from 'vitest';
import type { LocalText } from '$lib/domain/common';
import type { DocxText } from '$lib/domain/document-text';
import { campaignNotice, campaignReport } from '$lib/domain/results';
import { agreementReport, agreementSummaryParams, agreementText, reviewedItems, type ReviewGrade } from '$lib/domain/review';
import { t } from '$lib/i18n/index.svelte';
import { finding, miniFramework } from '../fixtures/mini-framework';
import { campaign, target } from '../results/helpers';

/* 附：质量控制 (issue 16 point 5): the 通报 ends with the 复核 figures, the same text the results page shows. */

const fw = miniFramework();
const words: DocxText = { locale: 'zh-CN', local: (x: LocalText) => x.zh, score: (n) => String(n), t: (key, params) => t(key as never, params as never) };
const A = target('A', '甲局', 'dept');

/** Ten items: eight agree (5 符合, 3 不符合), two do not. */
function grades(): ReviewGrade[] {
	const pairs: ['pass' | 'fail', 'pass' | 'fail'][] = [...Array<['pass', 'pass']>(5).fill(['pass', 'pass']), ...Array<['fail', 'fail']>(3).fill(['fail', 'fail']), ['pass', 'fail'], ['fail', 'pass']];
	return pairs.map(([a, b], i) => {
		const first = finding('a2', a, {}, `T${i}`);
		return { id: first.id, campaignId: first.campaignId, targetId: first.targetId, indicatorId: 'a2', findingId: first.id, packageId: first.id, reviewer: '赵六', assessor: '张三', reasons: ['random'], first, second: { ...first, outcome: b }, createdAt: first.createdAt, updatedAt: first.updatedAt, updatedBy: '组长' };
	});
}

describe('the 通报’s quality-control appendix', () => {
	it('says 复核 n 项, 一致率 and κ with its interval, word for word the results page’s line', () => {
		const list = grades();
		const blocks = campaignNotice(campaignReport(campaign(fw, { report: { title: '', issuer: '', intro: '', demand: '', closing: '', qualityAppendix: true } }), [A], [], list), words);
		const screen = t('teamReview.agreement.summary', agreementSummaryParams(agreementText(agreementReport(fw, reviewedItems(list)).overall)));
		expect(blocks.slice(-2)).toEqual([{ kind: 'heading1', text: '附：质量控制' }, { kind: 'paragraph', runs: [screen] }]);
		expect(screen).toBe('复核 10 项，一致率 80.0%，κ = 0.58（95% CI 0.07–1.00）');
	});

	it('is left out when the switch is off or nothing was graded twice', () => {
		const off = campaignNotice(campaignReport(campaign(fw), [A], [], grades()), words);
		const none = campaignNotice(campaignReport(campaign(fw, { report: { title: '', issuer: '', intro: '', demand: '', closing: '', qualityAppendix: true } }), [A], [], grades().map(({ second: _s, ...g }) => g)), words);
		for (const blocks of [off, none]) expect(blocks.some((b) => b.kind === 'heading1' && b.text === '附：质量控制')).toBe(false);
	});
});
