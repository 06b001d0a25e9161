import type { Evidence, ImageProblem } from '$lib/domain/evidence';
import type { Rectification } from '$lib/domain/rectification/schema';
import type { Finding, Outcome } from '$lib/domain/finding';
import { isJudged, newFinding, withDeductionCount, withJudgementOf, withLevel, withNote, withOutcome, withoutOutcome, withRatio } from '$lib/domain/finding-edit';
import type { Indicator } from '$lib/domain/framework/schema';
import { stamp, touch } from '$lib/domain/common';
import { HttpUrl } from '$lib/domain/target';
import { normaliseUrl } from '$lib/domain/target-paste';
import type { MessageKey } from '$lib/i18n/index.svelte';
import { evidenceKey, findingKey, type CampaignState, type UnsavedValue } from './campaign.svelte';
import { toUserError, type UserError } from './errors';
import type { SaveQueue } from './save-queue.svelte';
import { writeMerged } from './merge-write';
import { StorageError } from '$lib/storage/errors';
import type { StateDeps } from './deps';

const NO_EVIDENCE: Evidence[] = [];

/** The last removal, which `undo()` reverses: a deleted evidence item (with its file) or a cleared outcome. */
export type Undoable = { kind: 'evidence'; evidence: Evidence; blob: Blob | undefined } | { kind: 'outcome'; before: Finding };

/** Grading one target: every change is applied on screen at once and written through the campaign's save queue. */
export class AssessState {
	readonly campaign: CampaignState;
	readonly targetId: string;
	readonly saves: SaveQueue<UnsavedValue>;
	#evidence = $state.raw<Evidence[]>([]);
	#evidenceError = $state<UserError | null>(null);
	#recheck = $state.raw<Rectification[]>([]);
	/** Screenshot bytes the viewer or an undo has read (those not stored yet travel with their write). */
	#blobs = new Map<string, Blob>();
	/** Evidence id → revision this tab last stored (undefined once deleted): the base of the next write (see `CampaignState.writable`). */
	#storedRevs = new Map<string, string | undefined>();
	/** Evidence id → the stored copy its caption's unsaved value was made from (see `setCaption`). */
	#bases = new Map<string, Evidence>();
	#processing = $state.raw<ReadonlyMap<string, number>>(new Map());
	#imageProblems = $state.raw<{ indicatorId: string; problem: ImageProblem }[]>([]);
	#undoable = $state.raw<Undoable | null>(null);
	// Built once per change, so a card whose finding and evidence did not change gets the same objects and
	// does not re-render: a grading keystroke then updates one card, not all 135 of a portal.
	#findings = $derived.by(() => new Map(this.campaign.findingsOf(this.targetId).map((f) => [f.indicatorId, f])));
	#evidenceByFinding = $derived.by(() => {
		const map = new Map<string, Evidence[]>();
		for (const e of this.#evidence) {
			// Evidence made for a finding since merged into another tab's goes with the surviving one.
			const findingId = this.campaign.survivorId(e.findingId);
			const list = map.get(findingId);
			if (list) list.push(e);
			else map.set(findingId, [e]);
		}
		return map;
	});

	readonly #repos: StateDeps['repos'];

	constructor(deps: StateDeps, campaign: CampaignState, targetId: string) {
		this.#repos = deps.repos;
		this.campaign = campaign;
		this.targetId = targetId;
		this.saves = campaign.saves;
	}

	get evidence() {
		return this.#evidence;
	}
	get evidenceError() {
		return this.#evidenceError;
	}
	/** The removal `undo()` reverses, until undone, replaced by another removal or forgotten. */
	get undoable() {
		return this.#undoable;
	}
	/** In a re-check round: the previous round's items for this agency still to be verified. */
	get recheck() {
		return this.#recheck;
	}

	async load() {
		try {
			this.#evidence = this.#withUnsaved(await this.#repos.evidence.listByTarget(this.campaign.id, this.targetId));
			this.#storedRevs.clear();
			this.#recheck = await this.#previousOpenItems();
		} catch (e) {
			this.#evidenceError = toUserError(e);
		}
	}

	/** Another tab changed evidence of this campaign, or failed writes were discarded: show what is stored, with what is not stored yet. */
	async reloadEvidence() {
		try {
			this.#evidence = this.#withUnsaved(await this.#repos.evidence.listByTarget(this.campaign.id, this.targetId));
			this.#storedRevs.clear();
		} catch (e) {
			this.#evidenceError = toUserError(e);
		}
	}

	/** Lays this target's evidence writes not committed yet (queued or failed, here or before leaving the target) over the stored list. */
	#withUnsaved(stored: Evidence[]): Evidence[] {
		let list = stored;
		for (const w of this.saves.unsaved) {
			const v = w.value;
			if (w.target !== this.targetId || !v || v.kind === 'finding') continue;
			const i = list.findIndex((e) => e.id === v.evidence.id);
			if (v.kind === 'removal') list = i >= 0 ? list.toSpliced(i, 1) : list;
			else list = i >= 0 ? list.with(i, v.evidence) : [...list, v.evidence];
		}
		return list;
	}

	/** A screenshot whose file is not stored yet: any write of its record carries the bytes (and its new finding). */
	#unsavedFile(id: string): { blob?: Blob; finding?: Finding } {
		const v = this.saves.unsavedValue(evidenceKey(id));
		return v?.kind === 'evidence' ? v : {};
	}

	/** Whether the last write of an indicator's finding failed (its value is kept, counted as unsaved). */
	findingFailed(indicatorId: string): boolean {
		return this.saves.hasFailed(findingKey({ targetId: this.targetId, indicatorId }));
	}

	evidenceFailed(id: string): boolean {
		return this.saves.hasFailed(evidenceKey(id));
	}

	async #previousOpenItems(): Promise<Rectification[]> {
		const previousId = this.campaign.campaign?.previousCampaignId;
		const target = this.campaign.targets.find((t) => t.id === this.targetId);
		if (!previousId || !target) return [];
		const repos = this.#repos;
		const lineage = target.lineageId ?? target.id;
		const before = (await repos.targets.listByCampaign(previousId)).find((t) => (t.lineageId ?? t.id) === lineage);
		if (!before) return [];
		const items = await repos.rectifications.listByCampaign(previousId);
		return items.filter((r) => r.targetId === before.id && r.status !== 'passed' && r.status !== 'notApplicable');
	}

	finding(indicatorId: string): Finding | undefined {
		return this.#findings.get(indicatorId);
	}

	evidenceOf(findingId: string | undefined): Evidence[] {
		return (findingId && this.#evidenceByFinding.get(findingId)) || NO_EVIDENCE;
	}

	#current(indicatorId: string): Finding {
		return this.finding(indicatorId) ?? newFinding(this.campaign.context(), this.campaign.id, this.targetId, indicatorId);
	}

	#save(finding: Finding) {
		this.campaign.saveFinding(finding);
	}

	/** The outcome already set is kept as it is, with nothing written. */
	setOutcome(indicatorId: string, outcome: Outcome) {
		const current = this.#current(indicatorId);
		if (current.outcome === outcome) return;
		this.#save(withOutcome(current, outcome, this.campaign.context()));
	}

	/** Back to not judged; `undo()` puts the judgement back. Returns whether there was one to clear. */
	clearOutcome(indicatorId: string): boolean {
		const before = this.finding(indicatorId);
		if (!before || !isJudged(before)) return false;
		this.#undoable = { kind: 'outcome', before };
		this.#save(withoutOutcome(before, this.campaign.context()));
		return true;
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
		this.#write(evidence);
		return null;
	}

	/** How many screenshots are being read for an indicator (hashing, thumbnail). */
	processing(indicatorId: string): number {
		return this.#processing.get(indicatorId) ?? 0;
	}

	/** Files refused for an indicator (not an image, too large…), until the next attempt. */
	imageProblems(indicatorId: string): ImageProblem[] {
		return this.#imageProblems.filter((p) => p.indicatorId === indicatorId).map((p) => p.problem);
	}

	#countProcessing(indicatorId: string, delta: number) {
		const next = new Map(this.#processing);
		next.set(indicatorId, (next.get(indicatorId) ?? 0) + delta);
		this.#processing = next;
	}

	/** Pasted, dropped or picked files become screenshot evidence of the indicator, each in one transaction with its finding. */
	async addImages(indicatorId: string, files: { blob: Blob; name: string }[]) {
		this.#imageProblems = this.#imageProblems.filter((p) => p.indicatorId !== indicatorId);
		const { prepareImage } = await import('$lib/io/image');
		for (const file of files) {
			this.#countProcessing(indicatorId, 1);
			let prepared: Awaited<ReturnType<typeof prepareImage>>;
			try {
				prepared = await prepareImage(file.blob, file.name);
			} catch {
				prepared = { ok: false, problem: { code: 'evidence.error.decode', params: { name: file.name } } };
			} finally {
				this.#countProcessing(indicatorId, -1);
			}
			if (!prepared.ok) {
				this.#imageProblems = [...this.#imageProblems, { indicatorId, problem: prepared.problem }];
				continue;
			}
			const ctx = this.campaign.context();
			let finding = this.finding(indicatorId);
			if (!finding) {
				// Written with the screenshot, in its transaction (see #write).
				finding = newFinding(ctx, this.campaign.id, this.targetId, indicatorId);
				this.campaign.setFinding(finding);
			}
			const evidence: Evidence = {
				id: ctx.newId(),
				campaignId: this.campaign.id,
				targetId: this.targetId,
				findingId: finding.id,
				kind: 'image',
				text: '',
				image: prepared.image,
				observedAt: ctx.now(),
				...stamp(ctx)
			};
			this.#evidence = [...this.#evidence, evidence];
			this.#write(evidence, { blob: prepared.blob, finding });
		}
	}

	/** The evidence as its write must state it: based on the revision this tab last stored. */
	#writable(evidence: Evidence): Evidence {
		return this.#storedRevs.has(evidence.id) ? { ...evidence, rev: this.#storedRevs.get(evidence.id) } : evidence;
	}

	/**
	 * Writes the record based on the revision this tab last stored. A caption another tab changed meanwhile (refused
	 * as 'stale') is merged with theirs (`writeMerged`: their other changes kept, the same field changed there asked).
	 */
	async #putEvidence(evidence: Evidence) {
		const repo = this.#repos.evidence;
		let stored: Evidence;
		let rebased = false;
		try {
			stored = await repo.put(this.#writable(this.campaign.onSurvivor(evidence)));
		} catch (e) {
			const base = this.#bases.get(evidence.id);
			const read = async () => (await repo.listByTarget(this.campaign.id, this.targetId)).find((x) => x.id === evidence.id);
			const theirs = e instanceof StorageError && e.code === 'stale' && base ? await read() : undefined;
			if (!base || !theirs) throw e;
			stored = await writeMerged({
				base,
				mine: evidence,
				latest: theirs,
				fields: { text: 'evidence.viewer.caption' },
				read,
				put: (next) => repo.put(touch(next, this.campaign.context())),
				conflicts: this.campaign.app.conflicts,
				what: 'conflict.evidence',
				params: (x) => ({ name: x.url ?? x.image?.fileName ?? '' })
			});
			rebased = true;
		}
		this.#storedRevs.set(stored.id, stored.rev);
		const latest = this.saves.unsavedValue(evidenceKey(evidence.id));
		// A newer caption made meanwhile is based on this copy; otherwise show what was stored (merged with theirs).
		if (latest?.kind === 'evidence' && latest.evidence !== evidence) this.#bases.set(evidence.id, stored);
		else if (rebased) this.#evidence = this.#evidence.map((x) => (x.id === stored.id ? stored : x));
	}

	/**
	 * Queues the record's write; a screenshot not yet stored goes with its file and, if new, its finding
	 * (`finding`, kept with the unsaved value so it is not lost while the write waits).
	 */
	#write(evidence: Evidence, { blob, finding }: { blob?: Blob; finding?: Finding } = this.#unsavedFile(evidence.id)) {
		const repo = this.#repos.evidence;
		const about = { target: this.targetId, value: { kind: 'evidence' as const, evidence, blob, finding } };
		if (!blob) {
			this.saves.push(evidenceKey(evidence.id), () => this.#putEvidence(evidence), about);
			return;
		}
		this.saves.push(
			evidenceKey(evidence.id),
			async () => {
				// The finding as it is when the write runs: a newer version may have been made meanwhile, or another
				// tab's may have taken its place (storage then adds the screenshot to that one).
				const moved = this.campaign.onSurvivor(evidence);
				const shown = this.campaign.findingsOf(this.targetId).find((f) => f.id === moved.findingId);
				const [current, named] = shown ? [shown, moved] : [finding, evidence];
				if (!current) throw new Error(`finding ${evidence.findingId} of evidence ${evidence.id} is gone`);
				const stored = await repo.addImage(this.campaign.writable(current), this.#writable(named), blob);
				this.campaign.stored(stored.finding, current);
				this.#storedRevs.set(evidence.id, stored.evidence.rev);
			},
			about
		);
	}

	/** Writes every failed value of the campaign again (e.g. the disk was full and space was freed). */
	retry() {
		this.campaign.retryUnsaved();
	}

	setCaption(id: string, caption: string) {
		const evidence = this.#evidence.find((e) => e.id === id);
		if (!evidence) return;
		// The first change since it was stored: that copy is the base a merge with another tab's change starts from.
		if (!this.saves.unsavedValue(evidenceKey(id))) this.#bases.set(id, this.#writable(evidence));
		const next = { ...touch(evidence, this.campaign.context()), text: caption };
		this.#evidence = this.#evidence.map((e) => (e.id === id ? next : e));
		this.#write(next);
	}

	/** The original bytes of a screenshot: from this session, or read from storage. */
	async imageFile(id: string): Promise<Blob | undefined> {
		const known = this.#blobs.get(id) ?? this.#unsavedFile(id).blob;
		if (known) return known;
		const blob = (await this.#repos.evidence.getFiles([id])).get(id);
		if (blob) this.#blobs.set(id, blob);
		return blob;
	}

	/** Removes at once; `undo()` puts it back (with its file) until something else is removed. */
	async removeEvidence(id: string) {
		const evidence = this.#evidence.find((e) => e.id === id);
		if (!evidence) return;
		let blob: Blob | undefined;
		try {
			blob = evidence.kind === 'image' ? await this.imageFile(id) : undefined;
		} catch (e) {
			this.#evidenceError = toUserError(e);
			return;
		}
		this.#evidence = this.#evidence.filter((e) => e.id !== id);
		this.#undoable = { kind: 'evidence', evidence, blob };
		const repo = this.#repos.evidence;
		const ctx = this.campaign.context();
		const stamp = { at: ctx.now(), by: ctx.user };
		this.saves.push(
			evidenceKey(id),
			async () => {
				await repo.delete(id, stamp);
				// An undo writes it again as a new record.
				this.#storedRevs.set(id, undefined);
			},
			{ target: this.targetId, value: { kind: 'removal', evidence } }
		);
	}

	undo() {
		const last = this.#undoable;
		if (!last) return;
		this.#undoable = null;
		if (last.kind === 'outcome') {
			const id = last.before.indicatorId;
			this.#save(withJudgementOf(this.#current(id), last.before, this.campaign.context()));
			return;
		}
		// Stamped now: putting it back is a new addition in the finding's history, by whoever undid the removal.
		const back = touch(last.evidence, this.campaign.context());
		this.#evidence = [...this.#evidence, back];
		this.#write(back, { blob: last.blob });
	}

	forgetUndo() {
		this.#undoable = null;
	}
}
