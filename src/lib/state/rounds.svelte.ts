import type { Campaign } from '$lib/domain/campaign';
import { compareAll, type RoundInput, type RoundsHistory } from '$lib/domain/rounds';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';
import type { StateDeps } from './deps';

/** Every round of a campaign's chain (round 1 … this one) and their comparisons. */
export class RoundsState {
	readonly #repos: StateDeps['repos'];
	readonly campaignId: string;
	#history = $state.raw<RoundsHistory | null>(null);
	#rounds = $state(0);
	#loading = $state(true);
	#failure = $state<UserError | null>(null);

	constructor(deps: StateDeps, campaignId: string) {
		this.#repos = deps.repos;
		this.campaignId = campaignId;
	}

	get history() {
		return this.#history;
	}
	/** How many rounds the chain has (1 = nothing to compare yet). */
	get rounds() {
		return this.#rounds;
	}
	get loading() {
		return this.#loading;
	}
	/** The message key of the last failure; `failure` has its details, as the UI shows them. */
	get error(): MessageKey | null {
		return this.#failure?.key ?? null;
	}
	get failure() {
		return this.#failure;
	}

	async load() {
		this.#loading = true;
		try {
			const repos = this.#repos;
			const chain: Campaign[] = [];
			let next = await repos.campaigns.get(this.campaignId);
			// Walk back through previousCampaignId; a missing earlier round ends the chain there.
			while (next && chain.length < 100) {
				chain.unshift(next);
				next = next.previousCampaignId ? await repos.campaigns.get(next.previousCampaignId) : undefined;
			}
			const inputs: RoundInput[] = await Promise.all(
				chain.map(async (campaign) => ({
					campaign,
					targets: await repos.targets.listByCampaign(campaign.id),
					findings: await repos.findings.listByCampaign(campaign.id)
				}))
			);
			this.#rounds = chain.length;
			this.#history = chain.length >= 2 ? compareAll(inputs) : null;
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e);
		} finally {
			this.#loading = false;
		}
	}
}
