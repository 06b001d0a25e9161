import type { Finding } from '../finding';
import { listIndicators, type Framework } from '../framework/schema';
import { roundScore } from '../rounding';
import type { Target } from '../target';
import { mulberry32 } from './prng';
import type { ReviewSampleSpec, SampledFinding, SampleReason } from './schema';

export interface ReviewSample {
	/** Graded findings the draw was made from. */
	eligible: number;
	/** How many of them the random draw took (`sampleSize`). */
	drawn: number;
	/** Every finding in the sample once, with all its reasons, ordered by target id then indicator id. */
	findings: SampledFinding[];
}

/**
 * How many of `eligible` findings `percent` draws: rounded up, so the sample is never smaller than the share
 * asked for (20% of 11 is 3, 1% of 40 is 1, 0% is none). Float noise in the product is removed first, so
 * 20% of 35 is exactly 7.
 */
export function sampleSize(eligible: number, percent: number): number {
	return Math.min(eligible, Math.ceil(roundScore((eligible * percent) / 100, 9)));
}

/**
 * The review sample: a seeded random share of the graded findings (an outcome recorded), plus what the spec
 * takes whatever the draw. The same seed and the same findings give the same sample in any input order:
 * findings are sorted by target id, indicator id and id (code-unit order, not the locale's) before the
 * draw, which is a partial Fisher–Yates shuffle driven by mulberry32(seed). The random part does not depend
 * on the other options.
 */
export function drawReviewSample(framework: Pick<Framework, 'sections'>, findings: readonly Finding[], spec: ReviewSampleSpec): ReviewSample {
	const graded = uniqueSorted(findings.filter((f) => f.outcome !== null));
	const drawn = sampleSize(graded.length, spec.percent);
	const next = mulberry32(spec.seed);
	const order = graded.map((_, i) => i);
	for (let i = 0; i < drawn; i++) {
		const j = i + Math.floor(next() * (order.length - i));
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	const random = new Set(order.slice(0, drawn));

	const veto = new Set(listIndicators(framework).filter((e) => e.section.part === 'veto').map((e) => e.indicator.id));
	const targets = new Set(spec.targetIds);
	const indicators = new Set(spec.indicatorIds);
	const out: SampledFinding[] = [];
	graded.forEach((f, i) => {
		const reasons: SampleReason[] = [];
		if (random.has(i)) reasons.push('random');
		if (spec.veto && veto.has(f.indicatorId)) reasons.push('veto');
		if (spec.failed && f.outcome === 'fail') reasons.push('failed');
		if (targets.has(f.targetId)) reasons.push('target');
		if (indicators.has(f.indicatorId)) reasons.push('indicator');
		if (reasons.length > 0) out.push({ findingId: f.id, targetId: f.targetId, indicatorId: f.indicatorId, reasons });
	});
	return { eligible: graded.length, drawn, findings: out };
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Findings in the draw's order, each id once (the same record passed twice is one finding). */
function uniqueSorted(findings: readonly Finding[]): Finding[] {
	const sorted = [...findings].sort((a, b) => byCodeUnits(a.targetId, b.targetId) || byCodeUnits(a.indicatorId, b.indicatorId) || byCodeUnits(a.id, b.id));
	return sorted.filter((f, i) => i === 0 || f.id !== sorted[i - 1]!.id);
}

/** Why a reviewer cannot take a sample: they gave the first grade of these targets' items. */
export interface ReviewerClash {
	reviewer: string;
	targets: string[];
}

/**
 * The targets of the sample whose first grade `reviewer` gave. An assigned target's first grader is its assessor: a
 * lead who merged returns wrote those findings last without grading them. An unassigned target's first grader is
 * whoever wrote the finding last.
 */
export function reviewerClash(
	sample: Pick<ReviewSample, 'findings'>,
	reviewer: string,
	targets: readonly Pick<Target, 'id' | 'name' | 'assessor'>[],
	findings: readonly Pick<Finding, 'id' | 'updatedBy'>[]
): ReviewerClash | null {
	const who = reviewer.trim();
	const byId = new Map(targets.map((x) => [x.id, x]));
	const lastBy = new Map(findings.map((f) => [f.id, f.updatedBy.trim()]));
	const names = new Set<string>();
	for (const item of sample.findings) {
		const target = byId.get(item.targetId);
		if (!target) continue;
		const first = target.assessor.trim() || lastBy.get(item.findingId);
		if (first === who) names.add(target.name);
	}
	return names.size > 0 ? { reviewer: who, targets: [...names] } : null;
}
