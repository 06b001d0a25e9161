import { localDate } from '$lib/domain/calendar';
import { type Rectification, type RectificationStatus, syncRectifications, bulkEdit, changeStatus, setDeadline, type BulkPatch, type BulkProblem, type DeadlineInput, type StatusChangeInput, type RectProblem, Rectification as RectificationSchema } from '$lib/domain/rectification';
import { touch } from '$lib/domain/common';
import type { CampaignState } from './campaign.svelte';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';
import type { StateDeps } from './deps';

export type EditableFields = Partial<Pick<Rectification, 'responsibleUnit' | 'responsiblePerson' | 'fixedUrl' | 'proof' | 'remarks' | 'description'>>;

/** The 整改清单 of one campaign: generated from findings, edited item by item or in bulk, saved at once. */
export class RectificationState {
	readonly campaign: CampaignState;
	#items = $state.raw<Rectification[]>([]);
	#loading = $state(true);
	#failure = $state<UserError | null>(null);

	readonly #deps: StateDeps;

	constructor(deps: StateDeps, campaign: CampaignState) {
		this.#deps = deps;
		this.campaign = campaign;
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
	get today() {
		return localDate(this.#deps.clock.now().toISOString());
	}
	get #calendar() {
		return this.campaign.app.settings.calendar;
	}
	get #days() {
		return this.campaign.campaign?.rectificationDays ?? 10;
	}

	async load() {
		try {
			this.#items = await this.#deps.repos.rectifications.listByCampaign(this.campaign.id);
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e);
		} finally {
			this.#loading = false;
		}
	}

	async #save(changed: Rectification[]): Promise<boolean> {
		if (changed.length === 0) return true;
		try {
			const saved = await this.#deps.repos.rectifications.putMany(changed);
			const byId = new Map(saved.map((r) => [r.id, r]));
			const kept = this.#items.map((r) => byId.get(r.id) ?? r);
			const added = saved.filter((r) => !this.#items.some((x) => x.id === r.id));
			this.#items = [...kept, ...added].sort((a, b) => a.seq - b.seq);
			this.#failure = null;
			return true;
		} catch (e) {
			this.#failure = toUserError(e);
			return false;
		}
	}

	/** Creates items for new problems and refreshes existing ones from the current findings. */
	async generate(noticeDate?: string): Promise<{ created: number; updated: number } | null> {
		const cs = this.campaign;
		const campaign = cs.campaign;
		if (!campaign) return null;
		const evidence = await cs.evidenceOf(cs.targets.map((t) => t.id));
		if (!evidence) return null;
		const { create, update } = syncRectifications({
			framework: campaign.framework,
			campaign,
			targets: [...cs.targets],
			findings: cs.targets.flatMap((t) => cs.findingsOf(t.id)),
			evidence: [...evidence.values()].flat(),
			existing: this.#items,
			ctx: cs.context(),
			workingDays: this.#days,
			calendar: this.#calendar,
			noticeDate
		});
		return (await this.#save([...create, ...update])) ? { created: create.length, updated: update.length } : null;
	}

	async changeStatus(item: Rectification, to: RectificationStatus, input: StatusChangeInput): Promise<RectProblem | null> {
		const r = changeStatus(item, to, input, this.campaign.context());
		if (!r.ok) return r.problem;
		await this.#save([r.item]);
		return null;
	}

	async setDeadline(item: Rectification, input: DeadlineInput): Promise<RectProblem | null> {
		const r = setDeadline(item, input, this.#calendar, this.#days, this.campaign.context());
		if (!r.ok) return r.problem;
		await this.#save([r.item]);
		return null;
	}

	/** Free-text fields; a value the schema refuses (e.g. a fixed URL that is not http(s)) is reported, not saved. */
	async update(item: Rectification, patch: EditableFields): Promise<RectProblem | null> {
		const next = touch({ ...item, ...patch }, this.campaign.context());
		if (!RectificationSchema.safeParse(next).success) return { code: 'rect.error.badUrl', params: { value: patch.fixedUrl ?? '' } };
		await this.#save([next]);
		return null;
	}

	async bulk(ids: Set<string>, patch: BulkPatch): Promise<BulkProblem[]> {
		const chosen = this.#items.filter((r) => ids.has(r.id));
		const result = bulkEdit(chosen, patch, this.campaign.context(), this.#calendar, this.#days);
		await this.#save(result.updated);
		return result.problems;
	}
}
