import { afterEach, describe, expect, it, vi } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { effectiveCalendar, EMPTY_CALENDAR } from '$lib/domain/calendar';
import { fixedClock } from '$lib/domain/clock';
import { listIndicators } from '$lib/domain/framework/schema';
import { builtInFrameworks } from '$lib/frameworks';
import { Rectification, type RectificationStatus, rectificationRates, summarizeRectifications, type BulkPatch } from '$lib/domain/rectification';
import { parseCsv } from '$lib/io/csv';
import type { CampaignState } from '$lib/state/campaign.svelte';
import type { RectificationState } from '$lib/state/rectification.svelte';
import { RectificationView } from '$lib/state/rectification-view.svelte';
import { miniFramework } from '../fixtures/mini-framework';
import { catchDownloads } from '../io/catch-downloads';
import { campaign, target } from '../results/helpers';

const fw = miniFramework();
const A = target('00000000-0000-4000-8000-0000000000a1', '门户', 'portal');
const B = target('00000000-0000-4000-8000-0000000000b1', '部门站', 'dept');
const TODAY = '2026-03-10';

let n = 0;
function item(targetId: string, indicatorId: string, status: RectificationStatus, over: Partial<Rectification> = {}): Rectification {
	n++;
	return Rectification.parse({
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		campaignId: campaign(fw).id,
		targetId,
		indicatorId,
		deductionId: 'link',
		seq: n,
		description: `问题${n}`,
		pointsLost: 3,
		veto: false,
		status,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: 'generator',
		...over
	});
}

const items = [item(A.id, 'a1', 'open', { deadline: '2026-03-01' }), item(A.id, 'a2', 'fixed'), item(B.id, 'a1', 'open', { deadline: '2026-04-01' })];

/** The parts of the campaign and the item list the view reads, with the calls it makes recorded. */
function setup(list = items, framework = fw) {
	const calls: string[] = [];
	const bulks: { ids: string[]; patch: BulkPatch }[] = [];
	const cs = { id: campaign(framework).id, campaign: campaign(framework), targets: [A, B], findingsOf: () => [], settleWrites: async () => 0 } as unknown as CampaignState;
	const rect = {
		items: [] as Rectification[],
		today: TODAY,
		calendar: effectiveCalendar(EMPTY_CALENDAR),
		days: 10,
		async load() {
			calls.push('load');
			this.items = list;
		},
		async generate(noticeDate?: string) {
			calls.push(`generate ${noticeDate ?? '-'}`);
			return { created: 0, updated: 1 };
		},
		async bulk(ids: Set<string>, patch: BulkPatch) {
			bulks.push({ ids: [...ids], patch });
			return [];
		}
	};
	const view = new RectificationView(cs, rect as unknown as RectificationState, { clock: fixedClock('2026-03-05T12:00:00.000Z') });
	return { view, rect, calls, bulks };
}

describe('RectificationView', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.restoreAllMocks();
	});

	it('proposes today from its clock as the notice date and brings existing items in step on load', async () => {
		const { view, calls } = setup();
		expect(view.noticeDate).toBe('2026-03-05');
		await view.load();
		expect(calls).toEqual(['load', 'generate -']);
		view.noticeDate = '2026-03-06';
		await view.generate();
		expect(calls.at(-1)).toBe('generate 2026-03-06');
		expect(view.generated).toEqual({ created: 0, updated: 1 });
	});

	it('does not generate on load when the list is empty', async () => {
		const { view, calls } = setup([]);
		await view.load();
		expect(calls).toEqual(['load']);
	});

	it('derives summary and rates from the items and filters what is shown', async () => {
		const { view } = setup();
		await view.load();
		expect(view.summary).toEqual(summarizeRectifications(items, TODAY));
		expect(view.rates).toEqual(rectificationRates(items, TODAY));
		expect(view.indicatorIds).toEqual(['a1', 'a2']);
		expect(view.names.get(B.id)).toBe('部门站');
		expect(view.shown).toEqual(items);
		view.targetFilter = A.id;
		expect(view.shown.map((r) => r.seq)).toEqual([items[0]!.seq, items[1]!.seq]);
		view.statusFilter = 'open';
		expect(view.shown).toEqual([items[0]]);
		view.targetFilter = '';
		view.overdueOnly = true;
		expect(view.shown).toEqual([items[0]]);
		expect(view.overdue(items[0]!)).toBe(true);
		expect(view.overdue(items[2]!)).toBe(false);
		view.overdueOnly = false;
		view.statusFilter = '';
		view.indicatorFilter = 'a2';
		expect(view.shown).toEqual([items[1]]);
	});

	it('keeps the selection and sends only the bulk fields that were filled in', async () => {
		const { view, bulks } = setup();
		await view.load();
		view.toggle(items[0]!.id);
		view.toggle(items[2]!.id);
		view.toggle(items[0]!.id);
		expect([...view.selected]).toEqual([items[2]!.id]);
		view.bulkDeadline = '2026-04-30';
		await view.applyBulk();
		expect(bulks).toEqual([{ ids: [items[2]!.id], patch: { deadline: '2026-04-30' } }]);
		view.toggleOpen(items[2]!.id);
		expect(view.open).toBe(items[2]!.id);
		view.toggleOpen(items[2]!.id);
		expect(view.open).toBeNull();
	});

	it('labels points lost 折算后 where the framework rescales or redistributes, and shows them at its precision', () => {
		const { view } = setup();
		expect(view.lossesScaled).toBe(true);
		expect(view.labels().headers.pointsLost).toBe('扣分（折算后）');
		expect(view.lostText(16 / 3)).toBe('5.3');
		expect(view.lostText(1.05)).toBe('1.1'); // 四舍五入 on the decimal value, where toFixed gives 1.0
		const exclude = setup(items, miniFramework((f) => void ((f.scoring.naPolicy = 'exclude'), (f.scoring.decimals = 2)))).view;
		expect(exclude.lossesScaled).toBe(false);
		expect(exclude.labels().headers.pointsLost).toBe('扣分');
		expect(exclude.lostText(16 / 3)).toBe('5.33');
	});

	it('says of a deadline counted into a year without a holiday arrangement that it is indicative, on screen and in the export', async () => {
		// 10 working days from Thu 2026-12-24 reach Thu 2027-01-07, counting Fri 2027-01-01 as a working day.
		const counted = item(A.id, 'a1', 'open', { noticeDate: '2026-12-24', deadline: '2027-01-07' });
		const typed = item(A.id, 'a2', 'open', { noticeDate: '2026-12-24', deadline: '2027-02-01' });
		const { view } = setup([counted, typed]);
		await view.load();
		const note = '2027 年的节假日安排未录入，期限按周末计算，仅供参考';
		expect(view.deadlineNote(counted)).toBe(note);
		expect(view.deadlineNote(typed)).toBe('');
		const downloads = catchDownloads();
		await view.exportList('csv');
		const rows = parseCsv(await downloads[0]!.blob.text()).rows;
		const col = rows[0]!.indexOf(view.labels().headers.deadline);
		expect(rows.slice(1).map((r) => r[col])).toEqual([`2027-01-07（${note}）`, '2027-02-01']);
		// Before generating: the notice date chosen would reach 2027.
		view.noticeDate = '2026-12-24';
		expect(view.noticeGap).toEqual([2027]);
		view.noticeDate = '2026-02-13';
		expect(view.noticeGap).toEqual([]);
	});

	it('exports the shown items as CSV through the one sheets download path', async () => {
		const { view } = setup();
		await view.load();
		view.targetFilter = B.id;
		const downloads = catchDownloads();
		await view.exportList('csv');
		expect(downloads.map((d) => d.name)).toEqual([`${campaign(fw).title}-整改清单.csv`]);
		const sheet = parseCsv(await downloads[0]!.blob.text());
		expect(sheet.rows[0]).toEqual(Object.values(view.labels().headers));
		expect(sheet.rows).toHaveLength(2);
		expect(sheet.rows[1]).toContain('部门站');
	});
});

describe('RectificationView: 整改通知', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.restoreAllMocks();
	});

	const web = builtInFrameworks.find((f) => f.id === 'cn-gov-website-2019')!;
	const indicator = (id: string) => listIndicators(web).find((e) => e.indicator.id === id)!.indicator;
	const X = target('00000000-0000-4000-8000-0000000000c1', '市人民政府', 'portal', { ownerUnit: '市政府办公室' });
	/** An item as the generator writes it: the framework's basis copied onto it. */
	const on = (indicatorId: string, status: RectificationStatus, seq: number, over: Partial<Rectification> = {}) =>
		item(X.id, indicatorId, status, { seq, deductionId: null, basis: indicator(indicatorId).basis ?? '', deadline: '2026-03-20', ...over });
	const list = [
		on('publish-policy', 'open', 3, { description: '政策文件栏目超过6个月未更新' }),
		on('publish-functions', 'cannotFix', 5, { description: '未公开内设机构职能', reason: '机构改革尚未完成' }),
		on('services-stats', 'inProgress', 8, { description: '办事统计3个月未更新' }),
		on('publish-news', 'passed', 10, { description: '动态要闻已整改' }),
		on('veto-columns-stale', 'failed', 11, { description: '空白栏目6个', basis: '《政府信息公开条例》第二十条', veto: true, pointsLost: null })
	];

	async function notice(items = list) {
		const cs = {
			id: campaign(web).id,
			campaign: campaign(web),
			targets: [X],
			findingsOf: () => [],
			settleWrites: async () => 0,
			withScreenshots: async <T,>(_: string, items: T[]) => items.map((i) => ({ ...i, screenshots: [] })),
			embeddableImages: async () => new Map()
		} as unknown as CampaignState;
		const rect = { items, today: TODAY, calendar: effectiveCalendar(EMPTY_CALENDAR), days: 10, load: async () => {}, generate: async () => ({ created: 0, updated: 0 }) };
		const view = new RectificationView(cs, rect as unknown as RectificationState, { clock: fixedClock('2026-03-05T12:00:00.000Z') });
		const downloads = catchDownloads();
		expect(await view.exportNotices()).toBe(true);
		expect(downloads.map((d) => d.name)).toEqual(['01-整改通知-市人民政府.docx']);
		const xml = strFromU8(unzipSync(new Uint8Array(await downloads[0]!.blob.arrayBuffer()))['word/document.xml']!);
		const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
		const cells = (row: string) => [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => [...m[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
		const rows = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => cells(m[1]!));
		const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
		return { xml, table, rows, grid };
	}

	it('numbers the items 1, 2, 3 within the notice and prints 依据 as document and item', async () => {
		const { rows } = await notice();
		// One deadline for all is said once, under the table, not in a column.
		expect(rows[0]).toEqual(['序号', '指标', '问题描述', '佐证网址', '依据']);
		expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
			['1', '2.1.5 政策文件', '国办秘函〔2019〕19号 2.1.5'],
			['2', '2.2.3 办事统计', '国办秘函〔2019〕19号 2.2.3'],
			// A basis people wrote on the item is theirs to word.
			['3', '1.4 栏目不更新', '《政府信息公开条例》第二十条']
		]);
	});

	it('notes under the demand a deadline counted into a year without a holiday arrangement', async () => {
		expect((await notice()).xml).not.toContain('节假日安排未录入');
		const { xml } = await notice([on('publish-policy', 'open', 3, { noticeDate: '2026-12-24', deadline: '2027-01-07' })]);
		expect(xml).toContain('请于2027年1月7日前完成整改');
		expect(xml).toContain('注：2027 年的节假日安排未录入，期限按周末计算，仅供参考。');
	});

	it('never prints the framework’s internal provenance', async () => {
		const { xml } = await notice();
		expect(indicator('publish-policy').basisSource).toContain('见国管局自查报告');
		expect(xml).not.toContain('国管局');
		expect(xml).not.toContain('待核对');
	});

	it('asks to fix neither settled items nor those shown to be unfixable, and names the latter apart with the reason', async () => {
		const { xml, table } = await notice();
		expect(table).not.toContain('未公开内设机构职能');
		expect(xml).not.toContain('动态要闻已整改');
		expect(xml).toContain('发现你单位存在以下3个问题，请逐项整改');
		expect(xml).toContain('另有1个问题经你单位说明无法整改，不列入本次整改：');
		expect(xml).toContain('1．2.1.2 机构职能：未公开内设机构职能（原因：机构改革尚未完成）');
	});

	it('gives 问题描述 the widest column and 依据 room for a document number, in explicit widths across the text width', async () => {
		const { grid, table, xml } = await notice();
		expect(grid).toEqual([600, 1150, 3894, 1300, 1900]);
		expect(grid.reduce((a, b) => a + b, 0)).toBe(8844);
		expect(table).toContain('<w:tblLayout w:type="fixed"/>');
		expect([...table.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].slice(0, 5).map((m) => Number(m[1]))).toEqual(grid);
		expect(xml).toContain('请于2026年3月20日前完成整改');
	});
});
