import { z } from 'zod';
import { IsoDate, RecordId, RecordMeta, Slug, Timestamp } from '../common';
import { HttpUrl } from '../target';
import { Rev } from '../revision';

/** The longest rectification period, in working days: for a campaign's default and for one item's override. */
export const MAX_RECTIFICATION_DAYS = 365;
export const WorkingDays = z.int().min(0).max(MAX_RECTIFICATION_DAYS);

/**
 * 整改状态 (criteria §7.3). 复核未通过 is a status of its own so the list shows it, and goes back to 整改中.
 * `notApplicable`: the finding behind an untouched item was later judged 符合, so there is nothing to fix.
 */
export const RectificationStatus = z.enum(['open', 'inProgress', 'fixed', 'passed', 'failed', 'cannotFix', 'notApplicable']);
export type RectificationStatus = z.infer<typeof RectificationStatus>;

export const StatusChange = z.object({
	at: Timestamp,
	by: z.string().max(100),
	from: RectificationStatus,
	to: RectificationStatus,
	comment: z.string().max(2_000).default('')
});
export type StatusChange = z.infer<typeof StatusChange>;

/** One problem sent to a target: one per (target, indicator, problem type). */
export const Rectification = z.object({
	id: RecordId,
	campaignId: RecordId,
	targetId: RecordId,
	indicatorId: Slug,
	/** The problem type (deduction id); null when the whole indicator failed or it is a veto. */
	deductionId: Slug.nullable(),
	/** 序号: stable order within the campaign. */
	seq: z.int().min(1),
	description: z.string().max(10_000),
	evidenceUrls: z.array(HttpUrl).default([]),
	basis: z.string().max(2_000).default(''),
	pointsLost: z.number().min(0).nullable(),
	veto: z.boolean(),
	suggestion: z.string().max(10_000).default(''),
	responsibleUnit: z.string().max(200).default(''),
	responsiblePerson: z.string().max(100).default(''),
	noticeDate: IsoDate.optional(),
	/** Overrides the campaign's working-day count for this item. */
	workingDays: WorkingDays.optional(),
	deadline: IsoDate.optional(),
	status: RectificationStatus,
	/** Required for 无法整改: why it cannot be fixed. */
	reason: z.string().max(2_000).default(''),
	fixedUrl: HttpUrl.or(z.literal('')).default(''),
	proof: z.string().max(10_000).default(''),
	recheckResult: z.enum(['passed', 'failed']).optional(),
	rechecker: z.string().max(100).default(''),
	recheckDate: IsoDate.optional(),
	remarks: z.string().max(10_000).default(''),
	/** The finding behind a worked-on item was later judged 符合: kept, but flagged for the lead. */
	findingResolved: z.boolean().default(false),
	history: z.array(StatusChange).default([]),
	rev: Rev.optional(),
	...RecordMeta.shape
});
export type Rectification = z.infer<typeof Rectification>;

/** The key that makes an item unique within a campaign. */
export const rectificationKey = (r: Pick<Rectification, 'targetId' | 'indicatorId' | 'deductionId'>) => `${r.targetId} ${r.indicatorId} ${r.deductionId ?? ''}`;

/** What a write of items would duplicate in their campaign: another item's problem, or its 序号. */
export interface ItemClash {
	item: Rectification;
	holder: string;
	on: 'problem' | 'seq';
}

/**
 * An item is unique in its campaign by problem (`rectificationKey`) and by 序号. Returns the first of `writes` that
 * takes a problem or 序号 another item would then hold too — `stored` being the campaign's items as stored, the
 * written ones' old copies included — or undefined. Only what a write newly takes is checked: an item keeping its
 * own problem and 序号 is never refused for a duplicate stored before this rule.
 */
export function clashingItem(stored: readonly Rectification[], writes: readonly Rectification[]): ItemClash | undefined {
	const before = new Map(stored.map((r) => [r.id, r]));
	const after = new Map(before);
	for (const r of writes) after.set(r.id, r);
	const holders = new Map<string, string[]>();
	const claims = (r: Rectification) => ({ problem: `problem ${rectificationKey(r)}`, seq: `seq ${r.seq}` });
	for (const r of after.values()) {
		for (const claim of Object.values(claims(r))) {
			const ids = holders.get(claim);
			if (ids) ids.push(r.id);
			else holders.set(claim, [r.id]);
		}
	}
	for (const r of writes) {
		const old = before.get(r.id);
		const mine = claims(r);
		for (const on of ['problem', 'seq'] as const) {
			if (old && claims(old)[on] === mine[on]) continue;
			const holder = holders.get(mine[on])!.find((id) => id !== r.id);
			if (holder !== undefined) return { item: r, holder, on };
		}
	}
	return undefined;
}
