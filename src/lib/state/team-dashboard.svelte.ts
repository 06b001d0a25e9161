import type { ReviewGrade } from '$lib/domain/review';
import { teamSummary, type IssuedPackage, type TeamSummary } from '$lib/domain/team';
import type { CampaignState } from './campaign.svelte';
import type { StateDeps } from './deps';
import { toUserError, type UserError } from './errors';

/**
 * 团队进度 (issue 16 point 6): the lead's packages and 复核 items of a campaign, summed up by `teamSummary` for the
 * campaign page's panel and the 通报 page's warning. Read on `load()`: the page reloads it after a 分发 or a merge.
 */
export class TeamDashboardState {
	readonly #deps: StateDeps;
	readonly #campaign: CampaignState;
	#issued = $state.raw<IssuedPackage[]>([]);
	#grades = $state.raw<ReviewGrade[]>([]);
	#failure = $state.raw<UserError | null>(null);

	constructor(deps: StateDeps, campaign: CampaignState) {
		this.#deps = deps;
		this.#campaign = campaign;
	}

	get failure() {
		return this.#failure;
	}

	/** Null in package mode (the figures are the lead's) and before a campaign is loaded. */
	summary: TeamSummary | null = $derived.by(() => {
		const campaign = this.#campaign.campaign;
		if (!campaign || campaign.package) return null;
		return teamSummary({ targets: this.#campaign.targets, issued: this.#issued, grades: this.#grades, framework: campaign.framework });
	});

	async load(): Promise<void> {
		const { repos } = this.#deps;
		try {
			[this.#issued, this.#grades] = await Promise.all([repos.issuedPackages.listByCampaign(this.#campaign.id), repos.reviewGrades.listByCampaign(this.#campaign.id)]);
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e, { fallback: 'teamDashboard.error.load' });
		}
	}
}
