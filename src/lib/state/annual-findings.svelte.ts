import {
	evaluateReport,
	findingBlock,
	findingHeader,
	noteMarks,
	overrideLine,
	planApply,
	proposeFindings,
	type ApplyStep,
	type EvaluationInput,
	type IndicatorProposal,
	type RuleResult
} from '$lib/domain/annual-report';
import { listIndicators } from '$lib/domain/framework/schema';
import { annualWords as words, exportCheckSheet, type SheetKind } from './annual-exports';
import type { CampaignState } from './campaign.svelte';
import { Job } from './job.svelte';

type Decided = IndicatorProposal & { outcome: 'pass' | 'fail' };
export type Difference = Extract<ApplyStep, { kind: 'differs' }>;

/**
 * 写入评估: a target's report checked, its proposals written into the target's findings through the campaign's one
 * finding save path (so the score, the trace, the 整改清单, the 通报 and the finding history follow). Outcomes the
 * assessor set otherwise are listed (`differences`) for them to take the proposal or keep theirs with a reason.
 */
export class AnnualFindingsState {
	#differences = $state<Difference[]>([]);
	#written = $state<number | null>(null);
	#kept = $state(0);
	#undecided = $state<IndicatorProposal[]>([]);
	#unplaced = $state<RuleResult[]>([]);
	#input: EvaluationInput | null = null;
	readonly sheetJob = new Job();

	constructor(
		private readonly campaign: CampaignState,
		private readonly targetId: string
	) {}

	/** The report's 检查单 as Word, Excel or CSV. */
	downloadSheet(input: EvaluationInput, kind: SheetKind): Promise<boolean> {
		const target = this.campaign.targets.find((x) => x.id === this.targetId);
		if (!target) return Promise.resolve(false);
		return this.sheetJob.run(() => exportCheckSheet({ targetName: target.name, report: input.report, results: evaluateReport(input), ...(input.publisherKind ? { publisherKind: input.publisherKind } : {}) }, kind));
	}

	/** Listed, not written: the assessor's outcome differs from the proposal and no decision is on record. */
	get differences(): Difference[] {
		return this.#differences;
	}
	/** How many findings the last run wrote (null before a run). */
	get written(): number | null {
		return this.#written;
	}
	/** How many written findings keep the assessor's outcome against the proposal. */
	get kept(): number {
		return this.#kept;
	}
	/** Indicators the report could not decide: left to the assessor. */
	get undecided(): IndicatorProposal[] {
		return this.#undecided;
	}
	/** Failed rules whose indicator the campaign's framework lacks. */
	get unplaced(): RuleResult[] {
		return this.#unplaced;
	}

	#proposals(input: EvaluationInput): Decided[] {
		const framework = this.campaign.campaign!.framework;
		const indicators = new Set(listIndicators(framework).map((e) => e.indicator.id));
		const { proposals, unplaced } = proposeFindings(input.report.format, evaluateReport(input), indicators);
		this.#unplaced = unplaced;
		this.#undecided = proposals.filter((p) => p.outcome === null);
		return proposals.filter((p): p is Decided => p.outcome !== null);
	}

	#run(input: EvaluationInput, proposals: Decided[], decisions: { take?: ReadonlySet<string>; keep?: ReadonlyMap<string, string> } = {}): ApplyStep[] {
		const { report } = input;
		const steps = planApply({
			campaignId: this.campaign.id,
			targetId: this.targetId,
			proposals: proposals.map((p) => ({ indicatorId: p.indicatorId, outcome: p.outcome, block: findingBlock(p, report.year, report.format, words) })),
			findings: this.campaign.findingsOf(this.targetId),
			marks: noteMarks(words),
			header: (o) => findingHeader(report.year, o, words),
			ctx: this.campaign.context(),
			...decisions
		});
		for (const s of steps) if (s.kind === 'write') this.campaign.saveFinding(s.finding);
		return steps;
	}

	/** Checks the report and writes every proposal it can; returns how many findings it wrote. */
	write(input: EvaluationInput): number {
		this.#input = input;
		const steps = this.#run(input, this.#proposals(input));
		const writes = steps.filter((s) => s.kind === 'write');
		this.#written = writes.length;
		this.#kept = writes.filter((s) => s.kept).length;
		this.#differences = steps.filter((s): s is Difference => s.kind === 'differs');
		return writes.length;
	}

	/** The assessor's answer on a listed difference: the proposal, or their own outcome with a reason. */
	decide(indicatorId: string, decision: { take: true } | { keep: string }): void {
		const difference = this.#differences.find((d) => d.indicatorId === indicatorId);
		if (!difference || !this.#input) return;
		const proposals = this.#proposals(this.#input).filter((p) => p.indicatorId === indicatorId);
		const decisions = 'take' in decision ? { take: new Set([indicatorId]) } : { keep: new Map([[indicatorId, overrideLine(difference.proposed, decision.keep, words)]]) };
		const steps = this.#run(this.#input, proposals, decisions);
		const wrote = steps.filter((s) => s.kind === 'write');
		this.#written = (this.#written ?? 0) + wrote.length;
		this.#kept += wrote.filter((s) => s.kept).length;
		this.#differences = this.#differences.filter((d) => d.indicatorId !== indicatorId);
	}
}
