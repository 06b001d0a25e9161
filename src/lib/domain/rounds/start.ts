import type { Campaign } from '../campaign';
import { IsoDate, stamp, type Context } from '../common';
import { lineageOf } from './problems';
import type { Target } from '../target';

export * from './problems';
export { assertChain, type RoundInfo, type RoundInput, type ScorePoint } from './history';
export * from './compare';

/** A target of a re-check round always carries the lineage it continues. */
export type RecheckTarget = Target & { lineageId: string };

/**
 * Starts round N+1 (复核 / 回头看) from round N. The framework is the same frozen snapshot, deep-copied
 * so the two rounds never share objects; the targets are the same agencies under new ids, each linked
 * to its first-round self by `lineageId`. Findings are not copied: the inspector re-checks every
 * indicator, and the comparison tells apart what was fixed from what was not re-checked. The report
 * settings are not copied either: a new round gets its own 通报.
 */
export function startRecheckRound(
	previous: Campaign,
	targets: Target[],
	input: { monitoringPoint: string; title: string },
	ctx: Context
): { campaign: Campaign; targets: RecheckTarget[] } {
	const title = input.title.trim();
	if (!title) throw new Error('A re-check round needs a title');
	if (!IsoDate.safeParse(input.monitoringPoint).success) throw new Error(`Not a date (YYYY-MM-DD): ${input.monitoringPoint}`);
	// Targets of another campaign would join the wrong lineage; that is a caller's bug, so say so.
	const stranger = targets.find((t) => t.campaignId !== previous.id);
	if (stranger) throw new Error(`Target "${stranger.name}" belongs to campaign ${stranger.campaignId}, not ${previous.id}`);

	const campaign: Campaign = {
		id: ctx.newId(),
		title,
		framework: structuredClone(previous.framework),
		monitoringPoint: input.monitoringPoint,
		assessor: previous.assessor,
		round: previous.round + 1,
		previousCampaignId: previous.id,
		// A rule of the campaign, not of its report: the re-check keeps the same 整改时限.
		rectificationDays: previous.rectificationDays,
		...stamp(ctx)
	};
	const copies = [...targets]
		.sort((a, b) => a.order - b.order)
		.map(
			(t): RecheckTarget => ({
				id: ctx.newId(),
				campaignId: campaign.id,
				name: t.name,
				categoryId: t.categoryId,
				url: t.url,
				ownerUnit: t.ownerUnit,
				assessor: t.assessor,
				order: t.order,
				lineageId: lineageOf(t),
				...stamp(ctx)
			})
		);
	return { campaign, targets: copies };
}
