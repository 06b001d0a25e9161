import type { Campaign } from '$lib/domain/campaign';
import { newCampaign, reportYearProblem, type CampaignInput } from '$lib/domain/campaign-new';
import { summarizeCampaign, type CampaignSummary } from '$lib/domain/progress';
import { scoreCampaign } from '$lib/domain/scoring';
import type { AppState } from './app.svelte';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';
import type { StateDeps } from './deps';

export interface CampaignListItem {
	campaign: Campaign;
	summary: CampaignSummary;
}

export class CampaignListState {
	#app: AppState;
	#items = $state.raw<CampaignListItem[]>([]);
	#loading = $state(false);
	#failure = $state<UserError | null>(null);
	#damaged = $state.raw<string[]>([]);
	#loads = 0;

	readonly #repos: StateDeps['repos'];

	constructor(deps: StateDeps, app: AppState) {
		this.#repos = deps.repos;
		this.#app = app;
	}

	get items() {
		return this.#items;
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
	/** Titles of campaigns with findings that failed the check after reading (see `readCampaign`). */
	get damaged() {
		return this.#damaged;
	}

	async load() {
		this.#loading = true;
		try {
			const repos = this.#repos;
			const campaigns = await repos.campaigns.list();
			const load = ++this.#loads;
			this.#damaged = [];
			this.#items = await Promise.all(
				campaigns.map(async (campaign) => {
					const [targets, read] = await Promise.all([repos.targets.listByCampaign(campaign.id), repos.findings.readCampaign(campaign.id)]);
					void read.invalidTargets.then((ids) => {
						if (ids.length > 0 && load === this.#loads) this.#damaged = [...this.#damaged, campaign.title];
					});
					const findings = [...read.byTarget.values()].flat();
					const scores = scoreCampaign(campaign.framework, targets, findings);
					return { campaign, summary: summarizeCampaign(campaign, targets, findings, scores) };
				})
			);
			this.#items = [...this.#items].sort((a, b) => b.summary.lastEdited.localeCompare(a.summary.lastEdited));
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e);
		} finally {
			this.#loading = false;
		}
	}

	async create(input: CampaignInput): Promise<Campaign | null> {
		// The form says why first; this keeps any other caller from judging a report against the wrong template.
		if (reportYearProblem(input.framework, input.reportYear)) return null;
		try {
			const campaign = await this.#repos.campaigns.put(newCampaign(this.#app.context(input.assessor), input));
			this.#failure = null;
			return campaign;
		} catch (e) {
			this.#failure = toUserError(e);
			return null;
		}
	}

	async remove(id: string) {
		try {
			await this.#repos.campaigns.delete(id);
			this.#items = this.#items.filter((i) => i.campaign.id !== id);
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e);
		}
	}
}
