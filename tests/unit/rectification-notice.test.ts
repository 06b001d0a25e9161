import { describe, expect, it } from 'vitest';
import { listIndicators } from '$lib/domain/framework/schema';
import { noticeBasis, noticeLines, Rectification, type RectificationStatus } from '$lib/domain/rectification';
import { builtInFrameworks } from '$lib/frameworks';
import { CAMPAIGN, TARGET } from './fixtures/mini-framework';

const fw = (id: string) => builtInFrameworks.find((f) => f.id === id)!;
const web = fw('cn-gov-website-2019');
const indicator = (f: typeof web, id: string) => listIndicators(f).find((e) => e.indicator.id === id)!.indicator;

let n = 0;
function item(indicatorId: string, status: RectificationStatus, seq: number, basis = indicator(web, indicatorId).basis ?? ''): Rectification {
	n++;
	return Rectification.parse({
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		campaignId: CAMPAIGN,
		targetId: TARGET,
		indicatorId,
		deductionId: null,
		seq,
		description: `问题${seq}`,
		basis,
		pointsLost: 2,
		veto: false,
		status,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'generator'
	});
}

describe('noticeLines', () => {
	it('numbers what is to fix from 1 in list order, keeps 无法整改 apart and settled items out', () => {
		const { toFix, cannotFix } = noticeLines(web, [
			item('publish-policy', 'open', 4),
			item('publish-functions', 'cannotFix', 6),
			item('publish-news', 'passed', 7),
			item('services-stats', 'fixed', 9),
			item('publish-leaders', 'notApplicable', 12),
			item('services-guide', 'failed', 15),
			item('services-forms', 'inProgress', 21)
		]);
		expect(toFix.map((l) => [l.seq, l.item.seq, l.code])).toEqual([
			[1, 4, '2.1.5'],
			[2, 9, '2.2.3'],
			[3, 15, '2.2.4'],
			[4, 21, '2.2.6']
		]);
		expect(cannotFix.map((l) => [l.seq, l.code, l.title?.zh])).toEqual([[1, '2.1.2', '机构职能']]);
	});

	it('an indicator no longer in the framework is named by its id', () => {
		const { toFix } = noticeLines(web, [item('publish-policy', 'open', 1, '国办秘函〔2019〕19号'), { ...item('publish-policy', 'open', 2), indicatorId: 'gone' }]);
		expect(toFix.map((l) => [l.code, l.title, l.basis])).toEqual([
			['2.1.5', indicator(web, 'publish-policy').title, '国办秘函〔2019〕19号'],
			['gone', undefined, '国办秘函〔2019〕19号 第二部分 扣分指标 发布解读—政策文件']
		]);
	});
});

describe('noticeBasis', () => {
	it('prints the framework’s own basis citing its source document as 文号 and item', () => {
		expect(noticeBasis(web, indicator(web, 'publish-functions'), indicator(web, 'publish-functions').basis!)).toBe('国办秘函〔2019〕19号 2.1.2');
		expect(noticeBasis(web, indicator(web, 'veto-columns-stale'), indicator(web, 'veto-columns-stale').basis!)).toBe('国办秘函〔2019〕19号 1.4');
	});

	it('prints as written a basis citing another text, one people edited, and an empty one', () => {
		const column = fw('cn-disclosure-column');
		const first = listIndicators(column)[0]!.indicator;
		expect(noticeBasis(column, first, first.basis!)).toBe('《政府信息公开条例》第十二条第二款');
		expect(noticeBasis(web, indicator(web, 'publish-policy'), '国办秘函〔2019〕19号 另见市里通知')).toBe('国办秘函〔2019〕19号 另见市里通知');
		expect(noticeBasis(web, indicator(web, 'publish-policy'), '')).toBe('');
		// No 文号 to cite by: the basis as the framework words it.
		const zhaoqing = fw('zhaoqing-2019-website');
		const policy = indicator(zhaoqing, 'publish-policy');
		expect(noticeBasis(zhaoqing, policy, policy.basis!)).toBe('肇庆细则（参照国办秘函〔2019〕19号） 第二部分 扣分指标 发布解读—政策文件');
	});
});
