import { stamp, type Context } from './common';
import type { Campaign } from './campaign';
import type { Framework } from './framework/schema';
import { withoutRev } from './revision';

export function newCampaign(
	ctx: Context,
	input: { title: string; framework: Framework; monitoringPoint: string; assessor: string }
): Campaign {
	return {
		id: ctx.newId(),
		title: input.title.trim(),
		// A deep copy, so the campaign keeps scoring by the rules it started with.
		framework: structuredClone(withoutRev(input.framework)),
		monitoringPoint: input.monitoringPoint,
		assessor: input.assessor.trim(),
		round: 1,
		rectificationDays: 10,
		...stamp(ctx)
	};
}
