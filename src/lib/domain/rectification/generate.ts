import { addWorkingDays, type WorkCalendar } from '../calendar';
import { stamp, touch, type Context } from '../common';
import type { Evidence } from '../evidence';
import type { Finding } from '../finding';
import type { Framework } from '../framework/schema';
import type { Campaign } from '../campaign';
import { rectificationKey, type Rectification, type RectificationStatus } from './schema';
import { problemsByKey, targetProblems, type ProblemFields } from './problems';
import type { Target } from '../target';

export interface SyncInput {
	framework: Framework;
	campaign: Pick<Campaign, 'id'>;
	/** Only these targets are synced; items of other targets are left alone (so one target can be synced alone). */
	targets: Pick<Target, 'id' | 'campaignId' | 'categoryId' | 'ownerUnit' | 'order'>[];
	findings: Finding[];
	evidence: Evidence[];
	/** Every item of the campaign so far (items of other campaigns are ignored). */
	existing: Rectification[];
	ctx: Context;
	/** The campaign's default number of working days to fix a problem (e.g. 10). */
	workingDays: number;
	calendar: WorkCalendar;
	/** 通报 date: when given, new items get it and a deadline `workingDays` working days later. */
	noticeDate?: string;
}

export interface SyncResult {
	/** New items, in target order, framework order and deduction order; `seq` continues after the largest one. */
	create: Rectification[];
	/** Existing items that changed, by `seq`. Nothing is ever deleted. */
	update: Rectification[];
}

/** The comments written into `history` by the generator: i18n keys (the UI shows them through `tKey`). */
export const AUTO_RESOLVED = 'rect.auto.findingResolved';
export const AUTO_REOPENED = 'rect.auto.findingReturned';

/**
 * Brings a campaign's rectification list in line with its findings (整改清单 from 评估记录):
 * - a problem with no item gets a new 未整改 item, prefilled from the finding, its URL evidence, the
 *   indicator (basis, suggestion) and the target (owner unit);
 * - an item still 未整改 follows its finding: description, evidence URLs, points lost and the veto flag
 *   are refreshed (so a 未整改 description is edited through the finding's note); the owner, person,
 *   dates, basis and suggestion, which people set on the item, are never overwritten;
 * - an item still 未整改 whose problem is gone (符合 / 不适用 / count back to 0, or the category no longer
 *   requires the indicator) becomes 无需整改 with a history entry; an item someone has worked on keeps its
 *   status and is flagged `findingResolved` for the lead; a 无需整改 item whose problem returns is reopened;
 * - an indicator not judged yet (no finding, or its outcome cleared) leaves its items alone.
 */
export function syncRectifications(input: SyncInput): SyncResult {
	const { framework, campaign, ctx } = input;
	const targets = input.targets
		.map((t, i) => ({ t, i }))
		.filter(({ t }) => t.campaignId === campaign.id)
		.sort((a, b) => a.t.order - b.t.order || a.i - b.i)
		.map(({ t }) => t);
	const findings = groupBy(input.findings.filter((f) => f.campaignId === campaign.id), (f) => f.targetId);
	const evidence = groupBy(input.evidence.filter((e) => e.campaignId === campaign.id), (e) => e.targetId);
	const existing = input.existing.filter((r) => r.campaignId === campaign.id).sort((a, b) => a.seq - b.seq);

	// The first item (by seq) holds a key; should a duplicate ever exist it is left alone.
	const byKey = new Map<string, Rectification>();
	for (const r of existing) if (!byKey.has(rectificationKey(r))) byKey.set(rectificationKey(r), r);
	const byIndicator = groupBy([...byKey.values()], (r) => `${r.targetId} ${r.indicatorId}`);

	const create: Rectification[] = [];
	const update: Rectification[] = [];
	let seq = existing.reduce((max, r) => Math.max(max, r.seq), 0);
	const deadline = input.noticeDate !== undefined ? addWorkingDays(input.noticeDate, input.workingDays, input.calendar) : undefined;

	for (const target of targets) {
		const states = targetProblems(framework, target, findings.get(target.id) ?? [], evidence.get(target.id) ?? []);
		for (const [indicatorId, state] of states) {
			if (state.kind === 'unknown') continue;
			const problems = problemsByKey(state);
			for (const [key, p] of problems) {
				const item = byKey.get(key);
				if (!item) {
					seq++;
					create.push(newItem(p, campaign.id, seq, input.noticeDate, deadline, ctx));
					continue;
				}
				const next = withProblem(item, p, ctx);
				if (next) update.push(next);
			}
			for (const item of byIndicator.get(`${target.id} ${indicatorId}`) ?? []) {
				if (problems.has(rectificationKey(item))) continue;
				const next = withoutProblem(item, ctx);
				if (next) update.push(next);
			}
		}
	}
	return { create, update: update.sort((a, b) => a.seq - b.seq) };
}

function groupBy<T>(list: T[], key: (x: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const x of list) {
		const k = key(x);
		const group = out.get(k);
		if (group) group.push(x);
		else out.set(k, [x]);
	}
	return out;
}

function newItem(p: ProblemFields, campaignId: string, seq: number, noticeDate: string | undefined, deadline: string | undefined, ctx: Context): Rectification {
	const { taskDeadline, ...fields } = p;
	return {
		id: ctx.newId(),
		campaignId,
		...fields,
		seq,
		responsiblePerson: '',
		...(noticeDate !== undefined ? { noticeDate, deadline } : taskDeadline ? { deadline: taskDeadline } : {}),
		status: 'open',
		reason: '',
		fixedUrl: '',
		proof: '',
		rechecker: '',
		remarks: '',
		findingResolved: false,
		history: [],
		...stamp(ctx)
	};
}

const sameUrls = (a: string[], b: string[]) => a.length === b.length && a.every((u, i) => u === b[i]);

/** The problem is (still or again) there. Returns the changed item, or null when nothing changes. */
function withProblem(item: Rectification, p: ProblemFields, ctx: Context): Rectification | null {
	if (item.status === 'open' || item.status === 'notApplicable') {
		const reopened = item.status === 'notApplicable';
		const same =
			!reopened && item.description === p.description && sameUrls(item.evidenceUrls, p.evidenceUrls) && item.pointsLost === p.pointsLost && item.veto === p.veto && !item.findingResolved;
		if (same) return null;
		return touch<Rectification>(
			{
				...item,
				description: p.description,
				evidenceUrls: p.evidenceUrls,
				pointsLost: p.pointsLost,
				veto: p.veto,
				findingResolved: false,
				status: 'open',
				history: reopened ? [...item.history, change(item.status, 'open', AUTO_REOPENED, ctx)] : item.history
			},
			ctx
		);
	}
	// Worked on: the unit's work and the item's text stay; only a stale "resolved" flag is cleared.
	return item.findingResolved ? touch({ ...item, findingResolved: false }, ctx) : null;
}

/** The problem is gone. Returns the changed item, or null when nothing changes. */
function withoutProblem(item: Rectification, ctx: Context): Rectification | null {
	if (item.status === 'notApplicable') return null;
	if (item.status === 'open') return touch<Rectification>({ ...item, status: 'notApplicable', history: [...item.history, change('open', 'notApplicable', AUTO_RESOLVED, ctx)] }, ctx);
	return item.findingResolved ? null : touch({ ...item, findingResolved: true }, ctx);
}

function change(from: RectificationStatus, to: RectificationStatus, comment: string, ctx: Context) {
	return { at: ctx.now(), by: ctx.user, from, to, comment };
}
