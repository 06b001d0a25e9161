import { effectiveCalendar, localDate } from '$lib/domain/calendar';
import { type Rectification, type RectificationStatus, syncRectifications, bulkEdit, changeStatus, setDeadline, type BulkPatch, type BulkProblem, type DeadlineInput, type StatusChangeInput, type RectProblem, Rectification as RectificationSchema, mergeRectification, type MergeField } from '$lib/domain/rectification';
import { touch } from '$lib/domain/common';
import type { CampaignState } from './campaign.svelte';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { StorageError } from '$lib/storage/errors';
import { toUserError, type UserError } from './errors';
import type { StateDeps } from './deps';

export type EditableFields = Partial<Pick<Rectification, 'responsibleUnit' | 'responsiblePerson' | 'fixedUrl' | 'proof' | 'remarks' | 'description'>>;

/** An edit: the item as it was when the user made it (none for a new item) and the item it became. */
interface Change {
	base: Rectification | undefined;
	next: Rectification;
}

/** An item both this tab and another changed, on the same fields: the user chooses which version to keep. */
export interface ItemConflict {
	mine: Rectification;
	theirs: Rectification;
	fields: MergeField[];
}

/** Each changed item with the item it was made from (none for a new one). */
function changesOf(bases: Rectification[], changed: Rectification[]): Change[] {
	const byId = new Map(bases.map((r) => [r.id, r]));
	return changed.map((next) => ({ base: byId.get(next.id), next }));
}

/** Attempts of one save against items other tabs keep changing: then it is reported as stale. */
const ATTEMPTS = 3;

/** The 整改清单 of one campaign: generated from findings, edited item by item or in bulk, saved at once. */
export class RectificationState {
	readonly campaign: CampaignState;
	#items = $state.raw<Rectification[]>([]);
	#loading = $state(true);
	#failure = $state<UserError | null>(null);
	#conflict = $state.raw<{ items: ItemConflict[]; settle: (keepMine: boolean) => void } | null>(null);
	/** Saves run one at a time, each against the items as the previous one left them. */
	#writes: Promise<unknown> = Promise.resolve();
	/** Revisions this tab stored: an edit made on top of one of them is my own newer edit, not a collision. */
	#own = new Set<string>();

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
	/** Items changed here and in another tab on the same fields, waiting for `settle`. */
	get conflict(): ItemConflict[] | null {
		return this.#conflict?.items ?? null;
	}
	/** The user's answer to `conflict`: keep this tab's values for the colliding fields, or the other tab's. */
	settle(keepMine: boolean) {
		this.#conflict?.settle(keepMine);
	}
	get today() {
		return localDate(this.#deps.clock.now().toISOString());
	}
	/** What deadlines are counted on: the built-in official years with the user's own days over them. */
	calendar = $derived.by(() => effectiveCalendar(this.campaign.app.settings.calendar));
	/** The campaign's working days to fix a problem, when an item has no count of its own. */
	get days() {
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

	/** Another tab changed items: show what is stored. */
	async reload() {
		try {
			this.#items = await this.#deps.repos.rectifications.listByCampaign(this.campaign.id);
		} catch (e) {
			this.#failure = toUserError(e);
		}
	}

	/** Edits of `bases` (the items as the user saw them when editing), or new items. */
	#save(bases: Rectification[], changed: Rectification[]): Promise<boolean> {
		if (changed.length === 0) return Promise.resolve(true);
		return this.#saveFrom(() => changesOf(bases, changed));
	}

	/** Runs a save after the previous one; `changes` makes it from the items as then known, again on each attempt. */
	#saveFrom(changes: () => Change[]): Promise<boolean> {
		const run = this.#writes.then(() => this.#attempt(changes));
		this.#writes = run;
		return run;
	}

	/**
	 * Writes the changes on top of the items as last read. Storage refuses a write based on a copy another tab
	 * replaced ('stale'), or a new item for a problem or 序号 another tab has just added ('conflict'): then the items
	 * are read again and the changes made again (generation) or re-applied field by field; where both changed the
	 * same field the user chooses.
	 */
	async #attempt(changes: () => Change[]): Promise<boolean> {
		try {
			for (let attempt = 1; ; attempt++) {
				const writes = await this.#rebase(changes());
				if (writes.length === 0) return true;
				try {
					this.#stored(await this.#deps.repos.rectifications.putMany(writes));
					this.#failure = null;
					return true;
				} catch (e) {
					if (!(e instanceof StorageError && (e.code === 'stale' || e.code === 'conflict')) || attempt === ATTEMPTS) throw e;
					this.#items = await this.#deps.repos.rectifications.listByCampaign(this.campaign.id);
				}
			}
		} catch (e) {
			this.#failure = toUserError(e);
			return false;
		}
	}

	/** Each change re-applied to the item as now known; items gone meanwhile (their target deleted) are dropped. */
	async #rebase(changes: Change[]): Promise<Rectification[]> {
		const latest = new Map(this.#items.map((r) => [r.id, r]));
		const writes: Rectification[] = [];
		const conflicts: (ItemConflict & { merge: ReturnType<typeof mergeRectification> })[] = [];
		for (const { base, next } of changes) {
			const theirs = latest.get(next.id);
			if (!base || theirs?.rev === next.rev) writes.push(next);
			else if (theirs) {
				const merge = mergeRectification(base, next, theirs);
				// On top of my own earlier edit, my newer value simply wins.
				if (merge.conflicts.length === 0 || this.#own.has(theirs.rev ?? '')) writes.push(merge.keepingMine);
				else conflicts.push({ mine: next, theirs, fields: merge.conflicts, merge });
			}
		}
		if (conflicts.length === 0) return writes;
		const mine = await new Promise<boolean>((settle) => (this.#conflict = { items: conflicts, settle }));
		this.#conflict = null;
		const settled = conflicts.map((c) => (mine ? c.merge.keepingMine : c.merge.merged));
		// Theirs kept with nothing of mine left to add: nothing to write.
		return [...writes, ...settled.filter((r, i) => mine || JSON.stringify(r) !== JSON.stringify(conflicts[i]!.theirs))];
	}

	#stored(saved: Rectification[]) {
		for (const r of saved) if (r.rev) this.#own.add(r.rev);
		const byId = new Map(saved.map((r) => [r.id, r]));
		const kept = this.#items.map((r) => byId.get(r.id) ?? r);
		const added = saved.filter((r) => !this.#items.some((x) => x.id === r.id));
		this.#items = [...kept, ...added].sort((a, b) => a.seq - b.seq);
	}

	/**
	 * Creates items for new problems and refreshes existing ones from the current findings. Made from the items as
	 * known when the write runs, and made again from the stored ones when another tab wrote first: generating is
	 * idempotent, so two tabs generating at once end with one item per problem.
	 */
	async generate(noticeDate?: string): Promise<{ created: number; updated: number } | null> {
		const cs = this.campaign;
		const campaign = cs.campaign;
		if (!campaign) return null;
		const evidence = await cs.evidenceOf(cs.targets.map((t) => t.id));
		if (!evidence) return null;
		const findings = cs.targets.flatMap((t) => cs.findingsOf(t.id));
		let counts = { created: 0, updated: 0 };
		const saved = await this.#saveFrom(() => {
			const existing = this.#items;
			const { create, update } = syncRectifications({
				framework: campaign.framework,
				campaign,
				targets: [...cs.targets],
				findings,
				evidence: [...evidence.values()].flat(),
				existing,
				ctx: cs.context(),
				workingDays: this.days,
				calendar: this.calendar,
				noticeDate
			});
			counts = { created: create.length, updated: update.length };
			return changesOf(existing, [...create, ...update]);
		});
		return saved ? counts : null;
	}

	async changeStatus(item: Rectification, to: RectificationStatus, input: StatusChangeInput): Promise<RectProblem | null> {
		const r = changeStatus(item, to, input, this.campaign.context());
		if (!r.ok) return r.problem;
		await this.#save([item], [r.item]);
		return null;
	}

	async setDeadline(item: Rectification, input: DeadlineInput): Promise<RectProblem | null> {
		const r = setDeadline(item, input, this.calendar, this.days, this.campaign.context());
		if (!r.ok) return r.problem;
		await this.#save([item], [r.item]);
		return null;
	}

	/** Free-text fields; a value the schema refuses (e.g. a fixed URL that is not http(s)) is reported, not saved. */
	async update(item: Rectification, patch: EditableFields): Promise<RectProblem | null> {
		const next = touch({ ...item, ...patch }, this.campaign.context());
		if (!RectificationSchema.safeParse(next).success) return { code: 'rect.error.badUrl', params: { value: patch.fixedUrl ?? '' } };
		await this.#save([item], [next]);
		return null;
	}

	async bulk(ids: Set<string>, patch: BulkPatch): Promise<BulkProblem[]> {
		const chosen = this.#items.filter((r) => ids.has(r.id));
		const result = bulkEdit(chosen, patch, this.campaign.context(), this.calendar, this.days);
		await this.#save(chosen, result.updated);
		return result.problems;
	}
}
