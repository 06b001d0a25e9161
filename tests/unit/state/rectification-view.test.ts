import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '$lib/domain/clock';
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
function setup(list = items) {
	const calls: string[] = [];
	const bulks: { ids: string[]; patch: BulkPatch }[] = [];
	const cs = { id: campaign(fw).id, campaign: campaign(fw), targets: [A, B], findingsOf: () => [] } as unknown as CampaignState;
	const rect = {
		items: [] as Rectification[],
		today: TODAY,
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
