import type { Evidence } from '$lib/domain/evidence';
import type { Rectification } from '$lib/domain/rectification';
import type { Finding, Outcome } from '$lib/domain/finding';
import { newFinding, withDeductionCount, withLevel, withNote, withOutcome, withRatio } from '$lib/domain/finding-edit';
import type { Indicator } from '$lib/domain/framework';
import { stamp } from '$lib/domain/common';
import { HttpUrl } from '$lib/domain/target';
import { normaliseUrl } from '$lib/domain/target-paste';
import type { MessageKey } from '$lib/i18n/index.svelte';
import type { CampaignState } from './campaign.svelte';
import { errorKey } from './errors';
import { SaveQueue } from './save-queue.svelte';

/** Grading one target: every change is applied on screen at once and written through the save queue. */
export class AssessState {
	readonly campaign: CampaignState;
	readonly targetId: string;
	readonly saves: SaveQueue;
	#evidence = $state.raw<Evidence[]>([]);
	#evidenceError = $state<MessageKey | null>(null);
	#recheck = $state.raw<Rectification[]>([]);

	constructor(campaign: CampaignState, targetId: string) {
		this.campaign = campaign;
		this.targetId = targetId;
		this.saves = new SaveQueue(campaign.app.writes);
	}

	get evidence() {
		return this.#evidence;
	}
	get evidenceError() {
		return this.#evidenceError;
	}
	/** In a re-check round: the previous round's items for this agency still to be verified. */
	get recheck() {
		return this.#recheck;
	}

	async load() {
		try {
			this.#evidence = await this.campaign.app.repos.evidence.listByTarget(this.campaign.id, this.targetId);
			this.#recheck = await this.#previousOpenItems();
		} catch (e) {
			this.#evidenceError = errorKey(e);
		}
	}

	async #previousOpenItems(): Promise<Rectification[]> {
		const previousId = this.campaign.campaign?.previousCampaignId;
		const target = this.campaign.targets.find((t) => t.id === this.targetId);
		if (!previousId || !target) return [];
		const { repos } = this.campaign.app;
		const lineage = target.lineageId ?? target.id;
		const before = (await repos.targets.listByCampaign(previousId)).find((t) => (t.lineageId ?? t.id) === lineage);
		if (!before) return [];
		const items = await repos.rectifications.listByCampaign(previousId);
		return items.filter((r) => r.targetId === before.id && r.status !== 'passed' && r.status !== 'notApplicable');
	}

	finding(indicatorId: string): Finding | undefined {
		return this.campaign.findingsOf(this.targetId).find((f) => f.indicatorId === indicatorId);
	}

	evidenceOf(findingId: string | undefined): Evidence[] {
		return findingId ? this.#evidence.filter((e) => e.findingId === findingId) : [];
	}

	#current(indicatorId: string): Finding {
		return this.finding(indicatorId) ?? newFinding(this.campaign.context(), this.campaign.id, this.targetId, indicatorId);
	}

	#save(finding: Finding) {
		this.campaign.setFinding(finding);
		const repo = this.campaign.app.repos.findings;
		this.saves.push(`finding:${finding.indicatorId}`, () => repo.put(finding));
	}

	setOutcome(indicatorId: string, outcome: Outcome) {
		this.#save(withOutcome(this.#current(indicatorId), outcome, this.campaign.context()));
	}

	setCount(indicatorId: string, deductionId: string, count: number) {
		this.#save(withDeductionCount(this.#current(indicatorId), deductionId, count, this.campaign.context()));
	}

	setLevel(indicator: Indicator, levelId: string) {
		this.#save(withLevel(this.#current(indicator.id), indicator, levelId, this.campaign.context()));
	}

	setRatio(indicatorId: string, met: number, of: number) {
		this.#save(withRatio(this.#current(indicatorId), met, of, this.campaign.context()));
	}

	setNote(indicatorId: string, note: string) {
		this.#save(withNote(this.#current(indicatorId), note, this.campaign.context()));
	}

	/** Returns an error key for an unusable URL; evidence is queued behind its finding so the finding exists first. */
	addEvidenceUrl(indicatorId: string, input: string): MessageKey | null {
		const url = normaliseUrl(input);
		if (!HttpUrl.safeParse(url).success) return 'assess.evidence.invalidUrl';
		const ctx = this.campaign.context();
		let finding = this.finding(indicatorId);
		if (!finding) {
			finding = newFinding(ctx, this.campaign.id, this.targetId, indicatorId);
			this.#save(finding);
		}
		const evidence: Evidence = {
			id: ctx.newId(),
			campaignId: this.campaign.id,
			targetId: this.targetId,
			findingId: finding.id,
			kind: 'url',
			url,
			text: '',
			observedAt: ctx.now(),
			...stamp(ctx)
		};
		this.#evidence = [...this.#evidence, evidence];
		const repo = this.campaign.app.repos.evidence;
		this.saves.push(`evidence:${evidence.id}`, () => repo.put(evidence));
		return null;
	}

	removeEvidence(id: string) {
		this.#evidence = this.#evidence.filter((e) => e.id !== id);
		const repo = this.campaign.app.repos.evidence;
		this.saves.push(`evidence:${id}`, () => repo.delete(id));
	}
}
