import { SvelteMap } from 'svelte/reactivity';
import type { BackupProblem } from '$lib/domain/backup';
import type { Evidence } from '$lib/domain/evidence';
import { planReturnMerge, resolveReturnMerge, type ConflictChoice, type MergePlan, type MergePlanResult, type MergeRefusal, type ReturnFile } from '$lib/domain/team';
import { isReviewReturn, planReviewReturn, type ReviewReturnPlan } from '$lib/domain/review';
import { StorageError } from '$lib/storage/errors';
import type { CampaignState } from './campaign.svelte';
import type { StateDeps } from './deps';
import { toUserError, type UserError } from './errors';

/** One file as read and checked, with what the preview shows of it. */
export type ReadReturn =
	| { name: string; kind: 'unreadable'; problems: BackupProblem[] }
	| { name: string; kind: 'refused'; refusal: MergeRefusal }
	| { name: string; kind: 'alreadyMerged' }
	| { name: string; kind: 'plan'; plan: MergePlan; file: ReturnFile; localEvidence: Evidence[] }
	/** A reviewer's return: its second grades are stored with the 复核 items, nothing is merged into the findings. */
	| { name: string; kind: 'review'; plan: ReviewReturnPlan; file: ReturnFile };

/** What a merge did, over all files confirmed. */
export interface MergeReport {
	applied: number;
	conflictsResolved: number;
	evidenceAdded: number;
	evidenceRemoved: number;
	historyAdded: number;
	/** Second grades stored from reviewers' returns, and sampled items they left ungraded. */
	secondGrades: number;
	ungraded: number;
	/** Files that were already merged: nothing written for them. */
	unchanged: string[];
}

/** A plan made again just before writing was refused or met a stored change it could not merge alone. */
const REPLAN_ROUNDS = 3;

/** The key of one conflict's answer: the file (by its SHA-256) and the item. */
export const choiceKey = (plan: MergePlan, itemKey: string) => `${plan.file.sha256}|${itemKey}`;

/**
 * 导入交回文件: read and check return files (several, any order), preview every file's plan and conflicts, take
 * the lead's answers, and write each file's merge in one transaction when confirmed. Nothing is written before.
 */
export class TeamMergeState {
	readonly #deps: StateDeps;
	readonly #campaign: CampaignState;
	#busy = $state(false);
	#returns = $state.raw<ReadReturn[]>([]);
	#report = $state.raw<MergeReport | null>(null);
	#failure = $state.raw<UserError | null>(null);
	readonly choices = new SvelteMap<string, ConflictChoice>();

	constructor(deps: StateDeps, campaign: CampaignState) {
		this.#deps = deps;
		this.#campaign = campaign;
	}

	get busy() {
		return this.#busy;
	}
	get returns() {
		return this.#returns;
	}
	get report() {
		return this.#report;
	}
	get failure() {
		return this.#failure;
	}
	/** Whether any file has something to merge. */
	get mergeable() {
		return this.#returns.some((r) => r.kind === 'plan' || r.kind === 'review');
	}

	/** Reads every file and plans its merge against what is stored now; replaces the previous preview. */
	async read(files: File[]): Promise<void> {
		await this.#run(async () => {
			this.choices.clear();
			this.#report = null;
			const out: ReadReturn[] = [];
			for (const f of files) out.push(await this.#readOne(f));
			this.#returns = out;
		});
	}

	async #readOne(f: File): Promise<ReadReturn> {
		const [{ readBackup }, { sha256Hex }] = await Promise.all([import('$lib/io/backup'), import('$lib/io/hash')]);
		const bytes = new Uint8Array(await f.arrayBuffer());
		const read = await readBackup(bytes);
		if (!read.ok) return { name: f.name, kind: 'unreadable', problems: read.problems };
		const { findings, evidence, evidenceFiles, findingChanges } = read.data;
		const file: ReturnFile = { name: f.name, sha256: await sha256Hex(bytes), scope: read.manifest.scope, team: read.team, findings, evidence, evidenceFiles, findingChanges };
		return isReviewReturn(file.scope) ? this.#planReview(file) : this.#plan(file);
	}

	async #plan(file: ReturnFile): Promise<ReadReturn> {
		const result = await this.#planFile(file);
		return result.plan.kind === 'plan' ? { name: file.name, kind: 'plan', plan: result.plan.plan, file, localEvidence: result.localEvidence } : withoutPlan(file.name, result.plan);
	}

	async #planFile(file: ReturnFile): Promise<{ plan: MergePlanResult; localEvidence: Evidence[] }> {
		const { repos } = this.#deps;
		const id = this.#campaign.id;
		const [campaign, targets] = await Promise.all([repos.campaigns.get(id), repos.targets.listByCampaign(id)]);
		if (!campaign) throw new StorageError('not-found', { record: `campaigns/${id}` });
		const info = file.scope.kind === 'return' || file.scope.kind === 'package' ? file.scope.package : undefined;
		const local = info ? await repos.teamMerge.readLocal(id, info.packageId, info.targetIds) : { issued: undefined, findings: [], evidence: [], history: [] };
		return { plan: planReturnMerge(file, { campaign, targets, ...local }), localEvidence: local.evidence };
	}

	async #planReview(file: ReturnFile): Promise<ReadReturn> {
		const { repos, clock } = this.#deps;
		const id = this.#campaign.id;
		const packageId = file.scope.kind === 'return' ? file.scope.package.packageId : '';
		const [campaign, issued, grades] = await Promise.all([repos.campaigns.get(id), repos.issuedPackages.get(packageId), repos.reviewGrades.listByCampaign(id)]);
		if (!campaign) throw new StorageError('not-found', { record: `campaigns/${id}` });
		const result = planReviewReturn(file, { campaign, issued, grades }, { at: clock.now().toISOString(), by: this.#campaign.context().user });
		if (result.kind === 'plan') return { name: file.name, kind: 'review', plan: result.plan, file };
		return result.kind === 'refused' ? { name: file.name, kind: 'refused', refusal: result.refusal } : { name: file.name, kind: 'alreadyMerged' };
	}

	choose(plan: MergePlan, itemKey: string, choice: ConflictChoice) {
		this.choices.set(choiceKey(plan, itemKey), choice);
	}

	/**
	 * Writes every planned file, oldest return first, each in its own transaction. Each plan is made again against
	 * the stored records just before its write, so an earlier file of the same package (or another tab) is taken
	 * into account; when that brings a conflict not answered yet, the merge stops there and the preview shows it.
	 */
	async confirm(): Promise<boolean> {
		let done = false;
		await this.#run(async () => {
			const report: MergeReport = { applied: 0, conflictsResolved: 0, evidenceAdded: 0, evidenceRemoved: 0, historyAdded: 0, secondGrades: 0, ungraded: 0, unchanged: [] };
			for (const entry of this.#returns) if (entry.kind === 'review') await this.#writeReview(entry.file, report);
			const planned = this.#returns.flatMap((r) => (r.kind === 'plan' ? [r] : [])).sort((a, b) => Date.parse(a.plan.returnInfo.returnedAt) - Date.parse(b.plan.returnInfo.returnedAt));
			for (const [i, entry] of planned.entries()) {
				const left = await this.#write(entry.file, report);
				if (left) {
					this.#returns = [left, ...(await Promise.all(planned.slice(i + 1).map((p) => this.#plan(p.file))))];
					this.#report = report;
					return;
				}
			}
			this.#returns = [];
			this.#report = report;
			done = true;
			await this.#campaign.load();
		});
		return done;
	}

	/** One file's merge, planned again and written; what to show again when it needs an answer first. */
	async #write(file: ReturnFile, report: MergeReport): Promise<ReadReturn | null> {
		const { repos, clock } = this.#deps;
		for (let round = 1; ; round++) {
			const again = await this.#plan(file);
			if (again.kind === 'alreadyMerged') {
				report.unchanged.push(file.name);
				return null;
			}
			if (again.kind !== 'plan') return again;
			const plan = again.plan;
			const answers = new Map(plan.items.flatMap((item) => {
				const c = this.choices.get(choiceKey(plan, item.key));
				return c ? [[item.key, c] as const] : [];
			}));
			const resolved = resolveReturnMerge(plan, answers, { at: clock.now().toISOString(), by: this.#campaign.context().user });
			if (!resolved.ok) return again;
			try {
				await repos.teamMerge.apply(resolved.write);
			} catch (e) {
				if (e instanceof StorageError && (e.code === 'stale' || e.code === 'conflict') && round < REPLAN_ROUNDS) continue;
				throw e;
			}
			const { write } = resolved;
			report.applied += plan.items.filter((item) => item.kind === 'apply').length;
			report.conflictsResolved += plan.items.filter((item) => item.kind === 'conflict').length;
			report.evidenceAdded += write.evidence.length;
			report.evidenceRemoved += write.removeEvidence.length;
			report.historyAdded += write.history.length + write.findings.length;
			return null;
		}
	}

	/** A reviewer's second grades, planned again against the stored items and written with the package record. */
	async #writeReview(file: ReturnFile, report: MergeReport): Promise<void> {
		const again = await this.#planReview(file);
		if (again.kind === 'alreadyMerged') report.unchanged.push(file.name);
		if (again.kind !== 'review') return;
		await this.#deps.repos.reviewGrades.putMany(again.plan.grades, again.plan.issued);
		report.secondGrades += again.plan.grades.length;
		report.ungraded += again.plan.ungraded;
	}

	/** Closes the preview without writing anything. */
	cancel() {
		this.#returns = [];
		this.choices.clear();
	}

	dismissReport() {
		this.#report = null;
	}

	async #run(work: () => Promise<void>): Promise<void> {
		this.#busy = true;
		this.#failure = null;
		try {
			await work();
		} catch (e) {
			this.#failure = toUserError(e, { fallback: 'teamMerge.failed' });
		} finally {
			this.#busy = false;
		}
	}
}

function withoutPlan(name: string, result: Exclude<MergePlanResult, { kind: 'plan' }>): ReadReturn {
	return result.kind === 'refused' ? { name, kind: 'refused', refusal: result.refusal } : { name, kind: 'alreadyMerged' };
}
