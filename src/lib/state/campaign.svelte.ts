import { type Campaign, ReportSettings } from '$lib/domain/campaign';
import type { Evidence } from '$lib/domain/evidence';
import { type ReportScreenshot, screenshots } from '$lib/domain/results';
import type { EmbeddableImage } from '$lib/io/image';
import { type Framework, movedFindings, planFrameworkMove, type MovePlan } from '$lib/domain/framework';
import { startRecheckRound } from '$lib/domain/rounds';
import type { Finding } from '$lib/domain/finding';
import { scoreLazily, type TargetScore } from '$lib/domain/scoring';
import type { Target } from '$lib/domain/target';
import { targetsFromPaste, type PasteRow } from '$lib/domain/target-paste';
import { touch } from '$lib/domain/common';
import { withoutRev } from '$lib/domain/revision';
import type { AppState } from './app.svelte';
import { text, type MessageKey } from '$lib/i18n/index.svelte';
import { toUserError, type UserError } from './errors';
import type { StateDeps } from './deps';
import { SaveQueue, type Unsaved } from './save-queue.svelte';
import { mergeFinding, type FindingMerge } from '$lib/domain/finding-merge';
import { StorageError } from '$lib/storage/errors';
import { writeMerged } from './merge-write';
import { assignTargets, type Assigned } from './assign-targets';
import { targetsToAssign, type AssignScope } from '$lib/domain/assignment';
import { reportYearError } from './report-year';

const EMPTY: Finding[] = [];

/** A campaign's fields a user edits (campaign and report pages), with their names in the UI. */
const CAMPAIGN_FIELDS = {
	title: 'campaign.title',
	monitoringPoint: 'campaign.monitoringPoint',
	assessor: 'campaign.assessor',
	rectificationDays: 'campaign.rectificationDays',
	reportYear: 'campaign.reportYear',
	'report.title': 'report.fTitle',
	'report.issuer': 'report.fIssuer',
	'report.date': 'report.fDate',
	'report.deadline': 'report.fDeadline',
	'report.intro': 'report.fIntro',
	'report.demand': 'report.fDemand',
	'report.closing': 'report.fClosing',
	'report.qualityAppendix': 'teamReview.appendix.switch'
} as const satisfies Record<string, MessageKey>;

/** A target's fields a user edits, with their names in the UI. */
const TARGET_FIELDS = { name: 'target.name', categoryId: 'target.category', url: 'target.url', ownerUnit: 'target.ownerUnit' } as const satisfies Partial<Record<keyof Target, MessageKey>>;

/** With the report settings' defaults filled in, so a report never saved compares field by field with one saved. */
const withReport = (c: Campaign): Campaign => ({ ...c, report: ReportSettings.parse(c.report ?? {}) });

/** Another tab wrote the finding first: a newer revision ('stale'), or another finding for the same indicator ('conflict'). */
const refusedAsStale = (e: unknown) => e instanceof StorageError && (e.code === 'stale' || e.code === 'conflict');

/**
 * What a write not committed yet stores: a finding, an evidence record (with its screenshot's bytes while the
 * file is not stored, and the finding it needs), or an evidence removal.
 */
export type UnsavedValue =
	| { kind: 'finding'; finding: Finding }
	| { kind: 'evidence'; evidence: Evidence; blob?: Blob; finding?: Finding }
	| { kind: 'removal'; evidence: Evidence };

/** A finding this tab and another changed on the same field: both versions, until the user keeps one. */
export interface FindingConflict {
	key: string;
	/** My value, whose write was refused; it stays unsaved (failed) meanwhile. */
	mine: Finding;
	theirs: Finding;
	merge: FindingMerge;
}

export const findingKey = (f: Pick<Finding, 'targetId' | 'indicatorId'>) => `finding:${f.targetId}:${f.indicatorId}`;
export const evidenceKey = (id: string) => `evidence:${id}`;

/** One campaign with its targets and findings; scores are derived and recomputed only for changed targets. */
export class CampaignState {
	readonly id: string;
	readonly app: AppState;
	#campaign = $state.raw<Campaign | null>(null);
	#targets = $state.raw<Target[]>([]);
	#findings = $state.raw<ReadonlyMap<string, Finding[]>>(new Map());
	#loading = $state(true);
	#failure = $state<UserError | null>(null);
	#notFound = $state(false);
	#damaged = $state.raw<string[]>([]);
	/** Which load a late check result belongs to: only the latest one may set `damaged`. */
	#loads = 0;
	// Keyed by the findings array: a target whose findings did not change keeps its score object.
	#memo = new WeakMap<Finding[], { categoryId: string; score: TargetScore }>();
	/**
	 * Finding id → revision of the copy this tab last stored, when newer than the one the finding in memory was made
	 * from (a finding's next edit is made before its last write has returned). Emptied on load: loaded findings carry
	 * the stored revisions.
	 */
	#storedRevs = new Map<string, string | undefined>();
	/** Campaign and target writes, one at a time: each is made from the copy the previous one stored. */
	#writes: Promise<unknown> = Promise.resolve();
	/** Revisions of the campaign and targets this tab wrote: a change colliding with one of them is simply newer. */
	#own = new Set<string>();

	/**
	 * The campaign's one save queue: its unsaved values (queued, running, failed) outlive the screen of one
	 * target, so a failed value stays marked, counted and retried wherever the user goes in the campaign.
	 */
	readonly saves: SaveQueue<UnsavedValue>;
	#discardListeners = new Set<(dropped: Unsaved<UnsavedValue>[]) => void>();
	/**
	 * By finding key, while the key has an unsaved value: the stored copy that value was made from (undefined: a new
	 * finding), the base of the three-way merge when its write is refused as stale.
	 */
	#bases = new Map<string, Finding | undefined>();
	#conflicts = $state.raw<ReadonlyMap<string, FindingConflict>>(new Map());
	/**
	 * Finding id → the id of the finding that took its place: another tab created the indicator's finding first, and
	 * this tab's was merged into it. Evidence made for mine is written to, and shown with, the surviving one.
	 */
	#replaced = $state.raw<ReadonlyMap<string, string>>(new Map());

	readonly #repos: StateDeps['repos'];

	constructor(deps: StateDeps, app: AppState, id: string) {
		this.#repos = deps.repos;
		this.app = app;
		this.id = id;
		this.saves = new SaveQueue(app.writes, deps.clock);
	}

	get campaign() {
		return this.#campaign;
	}
	get targets() {
		return this.#targets;
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
	get notFound() {
		return this.#notFound;
	}
	/** Targets whose stored findings failed the check that follows reading them (see `readCampaign`). */
	get damaged(): Target[] {
		return this.#targets.filter((t) => this.#damaged.includes(t.id));
	}

	findingsOf(targetId: string): Finding[] {
		return this.#findings.get(targetId) ?? EMPTY;
	}

	scoreOf(target: Target): TargetScore {
		const findings = this.findingsOf(target.id);
		// EMPTY is shared by every ungraded target, so it cannot key the memo.
		if (findings === EMPTY) return scoreLazily(this.#campaign!.framework, target, findings);
		const hit = this.#memo.get(findings);
		if (hit?.categoryId === target.categoryId) return hit.score;
		const score = scoreLazily(this.#campaign!.framework, target, findings);
		this.#memo.set(findings, { categoryId: target.categoryId, score });
		return score;
	}

	scores = $derived.by(() => (this.#campaign ? this.#targets.map((t) => this.scoreOf(t)) : []));

	context() {
		return this.app.context(this.#campaign?.assessor ?? '');
	}

	async load() {
		this.#loading = true;
		try {
			const repos = this.#repos;
			const campaign = await repos.campaigns.get(this.id);
			if (!campaign) {
				this.#notFound = true;
				return;
			}
			const [targets, findings] = await Promise.all([repos.targets.listByCampaign(this.id), repos.findings.readCampaign(this.id)]);
			this.#campaign = campaign;
			this.#targets = targets;
			// A value not stored yet stays on screen (and marked) over what another tab stored meanwhile.
			this.#findings = this.#withUnsaved(findings.byTarget);
			this.#storedRevs.clear();
			this.#failure = null;
			const load = ++this.#loads;
			this.#damaged = [];
			void findings.invalidTargets.then((ids) => {
				if (load === this.#loads) this.#damaged = ids;
			});
		} catch (e) {
			this.#failure = toUserError(e);
		} finally {
			this.#loading = false;
		}
	}

	/** Lays the findings not stored yet over stored ones (of one target, or of all). */
	#withUnsaved(byTarget: Map<string, Finding[]>, only?: string): Map<string, Finding[]> {
		for (const w of this.saves.unsaved) {
			const v = w.value;
			const finding = v?.kind === 'finding' ? v.finding : v?.kind === 'evidence' ? v.finding : undefined;
			if (!finding || (only !== undefined && finding.targetId !== only)) continue;
			const list = byTarget.get(finding.targetId) ?? [];
			const i = list.findIndex((f) => f.indicatorId === finding.indicatorId);
			// A screenshot's new finding only fills a gap: its own write never overwrites a stored one either.
			if (v?.kind === 'evidence' && i >= 0) continue;
			byTarget.set(finding.targetId, i >= 0 ? list.with(i, finding) : [...list, finding]);
		}
		return byTarget;
	}

	/** Shows the finding at once and queues its write; until that commits it counts as unsaved. */
	saveFinding(finding: Finding) {
		const key = findingKey(finding);
		if (!this.#bases.has(key)) {
			const before = this.findingsOf(finding.targetId).find((f) => f.indicatorId === finding.indicatorId);
			this.#bases.set(key, before && this.writable(before));
		}
		// Queued before the screen changes, so the transaction opens before Svelte re-renders (both run as
		// microtasks, in this order) and the database reads while the page updates.
		this.saves.push(key, () => this.#writeFinding(key, finding), { target: finding.targetId, value: { kind: 'finding', finding } });
		this.setFinding(finding);
	}

	/**
	 * Writes my value, based on the copy this tab last stored (queued keystrokes of one finding never refuse each
	 * other). Refused because another tab wrote first, it is merged with theirs field by field (`#rebase`).
	 */
	async #writeFinding(key: string, mine: Finding): Promise<void> {
		let stored: Finding;
		let rebased = false;
		try {
			stored = await this.#repos.findings.put(this.writable(mine));
		} catch (e) {
			if (!refusedAsStale(e)) throw e;
			stored = await this.#rebase(key, mine, e);
			rebased = true;
		}
		if (this.#conflicts.has(key)) this.#setConflict(key, null);
		const latest = this.saves.unsavedValue(key);
		const newer = latest?.kind === 'finding' && latest.finding !== mine;
		if (rebased && newer) return; // Made from mine, the newer value meets the merged copy as stale and merges from the same base.
		this.stored(stored);
		if (newer) this.#bases.set(key, stored);
		else this.#bases.delete(key);
		if (rebased) this.setFinding(stored);
	}

	/**
	 * Re-applies my change to what another tab stored: every field I changed that they did not is written over
	 * theirs; a field both changed differently keeps my value unsaved and asks (`conflicts`, `settle`).
	 */
	async #rebase(key: string, mine: Finding, refused: unknown): Promise<Finding> {
		const repo = this.#repos.findings;
		// A third tab may write between the read and the merged write: a few rounds, then the failure stands.
		for (let round = 0; round < 3; round++) {
			const theirs = (await repo.listByTarget(this.id, mine.targetId)).find((f) => f.indicatorId === mine.indicatorId);
			if (!theirs) return repo.put(withoutRev(mine));
			// Mine can never be stored beside theirs: from now on its evidence belongs to theirs.
			if (theirs.id !== mine.id) this.#replace(mine.id, theirs.id);
			const merge = mergeFinding(this.#bases.get(key), mine, theirs);
			if (merge.conflicts.length > 0) {
				this.#setConflict(key, { key, mine, theirs, merge });
				throw refused;
			}
			if (merge.merged === theirs) return theirs;
			try {
				return await repo.put(merge.merged);
			} catch (e) {
				if (!refusedAsStale(e)) throw e;
				refused = e;
			}
		}
		throw refused;
	}

	/** Findings changed here and in another tab on the same field, oldest first: the user keeps one version of each. */
	get conflicts(): FindingConflict[] {
		return [...this.#conflicts.values()];
	}

	#setConflict(key: string, conflict: FindingConflict | null) {
		const next = new Map(this.#conflicts);
		if (conflict) next.set(key, conflict);
		else next.delete(key);
		this.#conflicts = next;
	}

	/** Settles a conflict: my value (`keepMine`) or theirs for the colliding fields, with every other change of both. */
	settle(key: string, keepMine: boolean) {
		const c = this.#conflicts.get(key);
		if (!c) return;
		this.#setConflict(key, null);
		this.saves.discard(key);
		this.stored(c.theirs);
		const value = keepMine ? c.merge.mine : c.merge.merged;
		if (value === c.theirs) {
			this.#bases.delete(key);
			this.setFinding(c.theirs);
			return;
		}
		this.#bases.set(key, c.theirs);
		this.saveFinding(value);
	}

	/** How many values are not stored yet (being written, or failed), of one target or of the campaign. */
	unsavedCount(targetId?: string): number {
		return this.saves.unsavedCount(targetId);
	}

	/** Writes every failed value again, in order. */
	retryUnsaved() {
		this.saves.retry();
	}

	/** Drops every failed value and shows what is stored instead. */
	async discardUnsaved() {
		const dropped = this.saves.discard();
		for (const w of dropped) {
			this.#bases.delete(w.key);
			if (this.#conflicts.has(w.key)) this.#setConflict(w.key, null);
		}
		const targets = new Set(dropped.flatMap((w) => (w.value && w.value.kind !== 'removal' && w.target ? [w.target] : [])));
		try {
			for (const targetId of targets) {
				const stored = await this.#repos.findings.listByTarget(this.id, targetId);
				this.#findings = new Map(this.#findings).set(targetId, this.#withUnsaved(new Map([[targetId, stored]]), targetId).get(targetId)!);
			}
		} catch (e) {
			this.#failure = toUserError(e);
		}
		for (const listener of this.#discardListeners) listener(dropped);
	}

	/** Told after a discard (e.g. the assess screen re-reads its evidence); returns the unsubscribe function. */
	onDiscard(listener: (dropped: Unsaved<UnsavedValue>[]) => void): () => void {
		this.#discardListeners.add(listener);
		return () => this.#discardListeners.delete(listener);
	}

	/** Waits for the writes under way; resolves with how many values are still not stored (failed ones). */
	async settleWrites(): Promise<number> {
		await this.saves.idle();
		return this.saves.unsavedCount();
	}

	/** Replaces one finding locally (the UI updates at once); the caller persists it. */
	setFinding(finding: Finding) {
		const list = this.findingsOf(finding.targetId);
		const i = list.findIndex((f) => f.indicatorId === finding.indicatorId);
		const next = i >= 0 ? list.with(i, finding) : [...list, finding];
		this.#findings = new Map(this.#findings).set(finding.targetId, next);
	}

	/** The finding as its write must state it: based on the revision this tab last stored (see `Repositories`). */
	writable(finding: Finding): Finding {
		return this.#storedRevs.has(finding.id) ? { ...finding, rev: this.#storedRevs.get(finding.id) } : finding;
	}

	/**
	 * A finding write has committed: the next write of that finding is based on this copy. `made` is the finding the
	 * write was given when storage may have kept another tab's finding of the indicator instead (a screenshot's new
	 * finding, see `EvidenceRepository.addImage`): then that one takes its place here.
	 */
	stored(finding: Finding, made?: Finding) {
		this.#storedRevs.set(finding.id, finding.rev);
		if (!made || made.id === finding.id) return;
		this.#replace(made.id, finding.id);
		// A value of mine still queued meets theirs in its own write (`#rebase`); otherwise the screen shows theirs.
		const shown = this.findingsOf(finding.targetId).some((f) => f.id === made.id);
		if (shown && this.saves.unsavedValue(findingKey(finding))?.kind !== 'finding') this.setFinding(finding);
	}

	#replace(lost: string, survivor: string) {
		if (this.#replaced.get(lost) !== survivor) this.#replaced = new Map(this.#replaced).set(lost, survivor);
	}

	/** The id a finding has in storage: its own, or that of the finding it was merged into (another tab's, made first). */
	survivorId(findingId: string): string {
		return this.#replaced.get(findingId) ?? findingId;
	}

	/** Evidence naming the finding it belongs to in storage (see `survivorId`). */
	onSurvivor(evidence: Evidence): Evidence {
		const findingId = this.survivorId(evidence.findingId);
		return findingId === evidence.findingId ? evidence : { ...evidence, findingId };
	}

	/**
	 * Runs a storage change after the previous one, so it is made from the record that one stored; a failure becomes
	 * the page's error message instead of escaping.
	 */
	#run(change: () => Promise<void>): Promise<boolean> {
		const run = this.#writes.then(async () => {
			try {
				await change();
				this.#failure = null;
				return true;
			} catch (e) {
				this.#failure = toUserError(e);
				return false;
			}
		});
		this.#writes = run;
		return run;
	}

	updateDetails(patch: Partial<Pick<Campaign, 'title' | 'monitoringPoint' | 'assessor' | 'rectificationDays' | 'reportYear'>>): Promise<boolean> {
		// The copy on screen when the user made the change.
		const base = this.#campaign;
		// A report year the framework does not apply to is refused with the reason, as when the campaign was created.
		const refused = base && 'reportYear' in patch ? reportYearError(base.framework, patch.reportYear) : null;
		if (refused) {
			this.#failure = refused;
			return Promise.resolve(false);
		}
		return this.#run(async () => {
			if (base) await this.#writeCampaign(base, { ...base, ...patch });
		});
	}

	/**
	 * Writes my change of the campaign, merged field by field into the newest stored copy (`writeMerged`): another
	 * tab's change of other fields survives, the same field changed there too is asked.
	 */
	async #writeCampaign(base: Campaign, mine: Campaign) {
		const repo = this.#repos.campaigns;
		this.#campaign = await writeMerged({
			base: withReport(base),
			mine: withReport(mine),
			latest: withReport(this.#campaign ?? base),
			fields: CAMPAIGN_FIELDS,
			read: async () => {
				const stored = await repo.get(this.id);
				return stored && withReport(stored);
			},
			put: async (next) => this.#wrote(await repo.put(touch(next, this.context()))),
			conflicts: this.app.conflicts,
			what: 'conflict.campaign',
			params: (theirs) => ({ name: theirs.title }),
			own: this.#own
		});
	}

	#wrote<T extends { rev?: string }>(stored: T): T {
		if (stored.rev) this.#own.add(stored.rev);
		return stored;
	}

	addTargets(rows: PasteRow[]): Promise<boolean> {
		const first = this.#targets.reduce((m, t) => Math.max(m, t.order + 1), 0);
		return this.#run(async () => {
			const saved = await this.#repos.targets.putMany(targetsFromPaste(this.context(), this.id, rows, first));
			this.#targets = [...this.#targets, ...saved];
		});
	}

	/**
	 * Assigns the targets of `scope` to `assessor` ('' takes the assignment away), in one write. Null when the
	 * write failed (see `failure`); otherwise how many changed and which another tab had re-assigned meanwhile.
	 */
	async assign(scope: AssignScope, assessor: string): Promise<{ assigned: number; kept: Target[] } | null> {
		const bases = targetsToAssign(this.#targets, scope, assessor);
		let done: Assigned | null = null;
		const ok = await this.#run(async () => {
			done = await assignTargets(this.#repos.targets, this.id, bases, assessor, this.context());
			const saved = new Map(done.saved.map((t) => [t.id, this.#wrote(t)]));
			const now = done.reread ? new Map(done.reread.map((t) => [t.id, t])) : null;
			this.#targets = this.#targets.flatMap((t) => {
				const next = saved.get(t.id) ?? now?.get(t.id) ?? (now ? undefined : t);
				return next ? [next] : [];
			});
		});
		const result = done as Assigned | null;
		return ok && result ? { assigned: result.saved.length, kept: result.kept } : null;
	}

	/** `base`: the target as the form showed it when editing began; the change is merged into the newest stored copy. */
	updateTarget(base: Target, row: PasteRow): Promise<boolean> {
		return this.#run(async () => {
			const repo = this.#repos.targets;
			const categories = this.#campaign?.framework.categories ?? [];
			const saved = await writeMerged({
				base,
				mine: { ...base, name: row.name, categoryId: row.categoryId!, url: row.url, ownerUnit: row.ownerUnit },
				latest: this.#targets.find((t) => t.id === base.id) ?? base,
				fields: TARGET_FIELDS,
				read: async () => (await repo.listByCampaign(this.id)).find((t) => t.id === base.id),
				put: async (next) => this.#wrote(await repo.put(touch(next, this.context()))),
				conflicts: this.app.conflicts,
				what: 'conflict.target',
				params: (theirs) => ({ name: theirs.name }),
				show: (field, value) => (field === 'categoryId' ? text(categories.find((c) => c.id === value)?.title) || undefined : undefined),
				own: this.#own
			});
			this.#targets = this.#targets.map((t) => (t.id === saved.id ? saved : t));
		});
	}

	/** Evidence of some targets, for reports and exports (read on demand; the assess screen keeps its own). */
	async evidenceOf(targetIds: string[]): Promise<Map<string, Evidence[]> | null> {
		try {
			const lists = await Promise.all(targetIds.map((id) => this.#repos.evidence.listByTarget(this.id, id)));
			return new Map(targetIds.map((id, i) => [id, lists[i]!]));
		} catch (e) {
			this.#failure = toUserError(e);
			return null;
		}
	}

	/** Original screenshot bytes by evidence id, for showing at full size in reports; null on a read error. */
	async evidenceFiles(ids: string[]): Promise<Map<string, Blob> | null> {
		try {
			return ids.length === 0 ? new Map() : await this.#repos.evidence.getFiles(ids);
		} catch (e) {
			this.#failure = toUserError(e);
			return null;
		}
	}

	/**
	 * Items of one target (e.g. 整改事项) with the screenshots of their indicator's finding. A finding with
	 * several problem types has several items: its screenshots go with the first, not with each.
	 */
	async withScreenshots<T extends { indicatorId: string }>(targetId: string, items: T[]): Promise<(T & { screenshots: ReportScreenshot[] })[]> {
		const evidence = await this.evidenceOf([targetId]);
		const byFinding = screenshots(evidence?.get(targetId) ?? []);
		const findings = new Map(this.findingsOf(targetId).map((f) => [f.indicatorId, f.id]));
		const pictured = new Set<string>();
		return items.map((item) => {
			const id = findings.get(item.indicatorId) ?? '';
			const first = !pictured.has(id);
			pictured.add(id);
			return { ...item, screenshots: first ? (byFinding.get(id) ?? []) : [] };
		});
	}

	/** Screenshots as Word can embed them (WebP re-encoded); image code loads only when needed. */
	async embeddableImages(shots: ReportScreenshot[]): Promise<Map<string, EmbeddableImage>> {
		const files = await this.evidenceFiles(shots.map((s) => s.id));
		if (!files || files.size === 0) return new Map();
		const { embeddableImage } = await import('$lib/io/image');
		const out = new Map<string, EmbeddableImage>();
		for (const shot of shots) {
			const blob = files.get(shot.id);
			if (blob) out.set(shot.id, await embeddableImage(blob, shot.image));
		}
		return out;
	}

	/** `base`: the settings as the form had them before the user's change (the stored ones it last showed). */
	updateReport(base: ReportSettings, report: ReportSettings): Promise<boolean> {
		const campaign = this.#campaign;
		return this.#run(async () => {
			if (campaign) await this.#writeCampaign({ ...campaign, report: base }, { ...campaign, report });
		});
	}

	/** Creates round N+1 (same framework and targets, new 监测时间点); returns its id. */
	async startRecheckRound(input: { title: string; monitoringPoint: string }): Promise<string | null> {
		if (!this.#campaign) return null;
		try {
			const next = startRecheckRound(this.#campaign, [...this.#targets], input, this.context());
			await this.#repos.campaigns.putWithTargets(next.campaign, next.targets);
			this.#failure = null;
			return next.campaign.id;
		} catch (e) {
			this.#failure = toUserError(e);
			return null;
		}
	}

	/** What moving to `next` would do; nothing changes until applyFrameworkMove. */
	planFrameworkMove(next: Framework): MovePlan {
		const findings = [...this.#findings.values()].flat();
		return planFrameworkMove(this.#campaign!.framework, next, findings, this.#targets.map((t) => t.categoryId));
	}

	/** Swaps the frozen framework copy and re-points matched findings, in one transaction. */
	applyFrameworkMove(next: Framework, plan: MovePlan): Promise<boolean> {
		return this.#run(async () => {
			if (!this.#campaign) return;
			const ctx = this.context();
			const moved = movedFindings(plan, ctx).map((f) => this.writable(f));
			const { campaign, findings: stored } = await this.#repos.campaigns.putWithFindings(touch({ ...this.#campaign, framework: structuredClone(withoutRev(next)) }, ctx), moved);
			for (const f of stored) this.stored(f);
			const byId = new Map(stored.map((f) => [f.id, f]));
			const findings = new Map<string, Finding[]>();
			for (const [targetId, list] of this.#findings) findings.set(targetId, list.map((f) => byId.get(f.id) ?? f));
			this.#campaign = campaign;
			this.#findings = findings;
		});
	}

	removeTarget(id: string): Promise<boolean> {
		return this.#run(async () => {
			await this.#repos.targets.delete(id);
			this.#targets = this.#targets.filter((t) => t.id !== id);
			const next = new Map(this.#findings);
			next.delete(id);
			this.#findings = next;
		});
	}
}
