import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from './db-utils';
import { makeCampaign, makeFinding, makeTarget, REPOSITORY_KINDS } from './fixtures';
import { EMPTY_CALENDAR } from '$lib/domain/calendar';
import type { Campaign } from '$lib/domain/campaign';
import type { Finding } from '$lib/domain/finding';
import { clashingItem, syncRectifications, type Rectification } from '$lib/domain/rectification';
import type { Target } from '$lib/domain/target';
import { StorageError, type Repositories } from '$lib/storage';

/*
 * A 整改 item is unique in its campaign by problem (target, indicator, problem type) and by 序号 (issue 14). Two tabs
 * that generate the list from the same stale copy each add an item for the same problem: the second write must be
 * refused inside its transaction, so the tab re-reads and generates again (which then adds nothing).
 */

function generator(tab: string) {
	let n = 0;
	return {
		now: () => '2026-03-02T08:00:00.000Z',
		newId: () => `00000000-0000-4000-8000-${tab}${String(++n).padStart(11, '0')}`,
		user: tab
	};
}

/** What "生成 / 更新整改清单" writes in one tab, given the items as that tab last read them. */
function generate(tab: string, campaign: Campaign, targets: Target[], findings: Finding[], existing: Rectification[]) {
	const { create, update } = syncRectifications({ framework: campaign.framework, campaign, targets, findings, evidence: [], existing, ctx: generator(tab), workingDays: 10, calendar: EMPTY_CALENDAR });
	return [...create, ...update];
}

async function refused(promise: Promise<unknown>): Promise<StorageError> {
	const error = await promise.then(
		() => {
			throw new Error('expected the write to be refused');
		},
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(StorageError);
	expect((error as StorageError).code).toBe('conflict');
	return error as StorageError;
}

describe.each(REPOSITORY_KINDS)('整改 items unique by problem and 序号 (%s)', (_name, create: () => Repositories) => {
	let repos: Repositories;
	beforeEach(async () => {
		await resetDatabase();
		repos = create();
	});

	async function seed() {
		const campaign = await repos.campaigns.put(makeCampaign());
		const targets = await repos.targets.putMany([makeTarget(campaign.id, { order: 0 }), makeTarget(campaign.id, { order: 1 })]);
		const findings = await Promise.all(targets.map((t) => repos.findings.put(makeFinding(t))));
		return { campaign, targets, findings };
	}

	it('two generators interleaved from the same stale list: the second is refused, and generating again adds nothing', async () => {
		const { campaign, targets, findings } = await seed();
		const stale = await repos.rectifications.listByCampaign(campaign.id);
		const a = generate('a', campaign, targets, findings, stale);
		const b = generate('b', campaign, targets, findings, stale);
		expect(a.map((r) => r.seq)).toEqual([1, 2]);
		expect(b.map((r) => r.seq)).toEqual([1, 2]);

		// Both transactions are started before either has committed, as by two tabs at once.
		const [first, second] = await Promise.allSettled([repos.rectifications.putMany(a), repos.rectifications.putMany(b)]);
		expect(first.status).toBe('fulfilled');
		expect(second.status).toBe('rejected');
		await refused(Promise.reject((second as PromiseRejectedResult).reason));
		expect((await repos.rectifications.listByCampaign(campaign.id)).map((r) => r.id)).toEqual(a.map((r) => r.id));

		// Tab B reads again and generates again: nothing left to add.
		const latest = await repos.rectifications.listByCampaign(campaign.id);
		expect(generate('b', campaign, targets, findings, latest)).toEqual([]);
	});

	it('refuses a new item for a problem another id holds, and one whose 序号 another id holds, writing nothing', async () => {
		const { campaign, targets, findings } = await seed();
		const [one, two] = generate('a', campaign, targets, findings, []);
		await repos.rectifications.putMany([one!]);

		// The same problem under another id and 序号.
		await refused(repos.rectifications.putMany([{ ...one!, id: two!.id, seq: 5 }]));
		// Another problem under a 序号 already taken; the batch's other item is not written either.
		const third = { ...two!, id: crypto.randomUUID(), indicatorId: 'veto-1', seq: 3 };
		await refused(repos.rectifications.putMany([third, { ...two!, seq: 1 }]));
		// Two new items of one batch for the same problem.
		await refused(repos.rectifications.putMany([two!, { ...two!, id: crypto.randomUUID(), seq: 9 }]));
		expect((await repos.rectifications.listByCampaign(campaign.id)).map((r) => r.id)).toEqual([one!.id]);

		// Its own item changed, and new items with keys and 序号 of their own, are written.
		const [changed] = await repos.rectifications.putMany([{ ...(await repos.rectifications.listByCampaign(campaign.id))[0]!, remarks: '已电话通知' }]);
		expect(changed!.remarks).toBe('已电话通知');
		await repos.rectifications.putMany([two!, third]);
		expect((await repos.rectifications.listByCampaign(campaign.id)).map((r) => r.seq)).toEqual([1, 2, 3]);
	});

	it('keys and 序号 count within one campaign only', async () => {
		const { campaign, targets, findings } = await seed();
		const [one] = generate('a', campaign, targets, findings, []);
		await repos.rectifications.putMany([one!]);
		const other = await repos.campaigns.put(makeCampaign());
		await repos.rectifications.putMany([{ ...one!, id: crypto.randomUUID(), campaignId: other.id }]);
		expect(await repos.rectifications.listByCampaign(other.id)).toHaveLength(1);
	});
});

describe('clashingItem', () => {
	const base = { campaignId: 'c', targetId: 't', deductionId: null } as const;
	const item = (id: string, indicatorId: string, seq: number) => ({ ...base, id, indicatorId, seq }) as Rectification;

	it('lets items duplicated before the rule (an old keep-mode restore) be edited, and refuses what would add to them', () => {
		const legacy = [item('x', 'a1', 1), item('y', 'a1', 1)];
		expect(clashingItem(legacy, [{ ...item('y', 'a1', 1), remarks: '已处理' }])).toBeUndefined();
		expect(clashingItem(legacy, [item('z', 'a2', 1)])).toMatchObject({ item: { id: 'z' }, on: 'seq' });
		expect(clashingItem(legacy, [item('z', 'a1', 2)])).toMatchObject({ item: { id: 'z' }, on: 'problem' });
		expect(clashingItem(legacy, [item('z', 'a2', 2)])).toBeUndefined();
	});

	it('refuses an item moved onto another one’s problem or 序号, and lets two items swap 序号 in one write', () => {
		const stored = [item('x', 'a1', 1), item('y', 'a2', 2)];
		expect(clashingItem(stored, [item('y', 'a1', 2)])).toMatchObject({ item: { id: 'y' }, holder: 'x', on: 'problem' });
		expect(clashingItem(stored, [item('y', 'a2', 1)])).toMatchObject({ item: { id: 'y' }, holder: 'x', on: 'seq' });
		expect(clashingItem(stored, [item('x', 'a1', 2), item('y', 'a2', 1)])).toBeUndefined();
	});
});
