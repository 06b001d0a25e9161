import { describe, expect, it } from 'vitest';
import type { Finding, Outcome } from '$lib/domain/finding';
import { drawReviewSample, reviewerClash, ReviewSampleSpec, SampleSeed, sampleSize, type SampledFinding } from '$lib/domain/review';
import { mulberry32, seedFromId } from '$lib/domain/review/prng';
import { finding, miniFramework } from '../fixtures/mini-framework';

const framework = miniFramework();
const INDICATORS = ['v1', 'v2', 'a1', 'a2', 's1', 'd1'];
const OUTCOMES: (Outcome | null)[] = ['pass', 'pass', 'fail', 'partial', 'na', null];

/** 30 targets × 6 indicators, outcomes spread so every option has something to take; one in six ungraded. */
function campaignFindings(): Finding[] {
	const out: Finding[] = [];
	for (let t = 0; t < 30; t++) {
		const targetId = `00000000-0000-4000-a000-${String(t).padStart(12, '0')}`;
		INDICATORS.forEach((ind, i) => out.push(finding(ind, OUTCOMES[(t + i) % OUTCOMES.length]!, {}, targetId)));
	}
	return out;
}
const FINDINGS = campaignFindings();
const GRADED = FINDINGS.filter((f) => f.outcome !== null);
const spec = (more: Partial<ReviewSampleSpec> = {}) => ReviewSampleSpec.parse({ seed: 20260401, percent: 20, ...more });
const ids = (s: ReturnType<typeof drawReviewSample>) => s.findings.map((f) => f.findingId);

/** The same findings in another order: rotated and reversed. */
const reordered = <T>(list: readonly T[]): T[] => [...list.slice(7), ...list.slice(0, 7)].reverse();

describe('drawReviewSample', () => {
	it('draws the stated share of the graded findings at random', () => {
		const s = drawReviewSample(framework, FINDINGS, spec());
		expect(s.eligible).toBe(GRADED.length);
		expect(s.drawn).toBe(sampleSize(GRADED.length, 20));
		expect(s.findings).toHaveLength(s.drawn);
		expect(s.findings.every((f) => f.reasons.join() === 'random')).toBe(true);
		const graded = new Set(GRADED.map((f) => f.id));
		expect(s.findings.every((f) => graded.has(f.findingId))).toBe(true);
	});

	it('is the same sample from the same seed and findings, in any input order', () => {
		const a = drawReviewSample(framework, FINDINGS, spec());
		const b = drawReviewSample(framework, reordered(FINDINGS), spec());
		expect(reordered(FINDINGS).map((f) => f.id)).not.toEqual(FINDINGS.map((f) => f.id));
		expect(b).toEqual(a);
	});

	it('changes with the seed', () => {
		expect(ids(drawReviewSample(framework, FINDINGS, spec({ seed: 1 })))).not.toEqual(ids(drawReviewSample(framework, FINDINGS, spec({ seed: 2 }))));
	});

	it('keeps the random part whatever the other options take', () => {
		const plain = drawReviewSample(framework, FINDINGS, spec());
		const more = drawReviewSample(framework, FINDINGS, spec({ veto: true, failed: true }));
		const random = more.findings.filter((f) => f.reasons.includes('random')).map((f) => f.findingId);
		expect(random).toEqual(ids(plain));
	});

	it('takes every veto and every 不符合 finding when asked, with every reason it is in for', () => {
		const s = drawReviewSample(framework, FINDINGS, spec({ percent: 0, veto: true, failed: true }));
		const expected = GRADED.filter((f) => f.indicatorId === 'v1' || f.indicatorId === 'v2' || f.outcome === 'fail');
		expect(new Set(ids(s))).toEqual(new Set(expected.map((f) => f.id)));
		const failedVeto = GRADED.find((f) => f.indicatorId === 'v1' && f.outcome === 'fail')!;
		expect(s.findings.find((f) => f.findingId === failedVeto.id)!.reasons).toEqual(['veto', 'failed']);
		expect(s.drawn).toBe(0);
	});

	it('takes every graded finding of chosen targets and indicators', () => {
		// A target whose d1 is graded, so one finding is in for both reasons.
		const targetId = GRADED.find((f) => f.indicatorId === 'd1')!.targetId;
		const s = drawReviewSample(framework, FINDINGS, spec({ percent: 0, targetIds: [targetId], indicatorIds: ['d1'] }));
		const expected = GRADED.filter((f) => f.targetId === targetId || f.indicatorId === 'd1');
		expect(new Set(ids(s))).toEqual(new Set(expected.map((f) => f.id)));
		const both = GRADED.find((f) => f.targetId === targetId && f.indicatorId === 'd1')!;
		expect(s.findings.find((f) => f.findingId === both.id)!.reasons).toEqual(['target', 'indicator']);
	});

	it('holds each finding once, even when the input repeats it', () => {
		const s = drawReviewSample(framework, [...FINDINGS, ...FINDINGS], spec({ percent: 50, veto: true, failed: true, indicatorIds: ['a1'] }));
		expect(s.eligible).toBe(GRADED.length);
		expect(new Set(ids(s)).size).toBe(s.findings.length);
		expect(s.findings.filter((f) => f.reasons.includes('random'))).toHaveLength(sampleSize(GRADED.length, 50));
	});
});

describe('sampleSize rounds the share up, so the sample is never smaller than asked', () => {
	it.each([
		[11, 20, 3],
		[40, 1, 1],
		[35, 20, 7],
		[100, 12.5, 13],
		[3, 33.3, 1],
		[10, 0, 0],
		[10, 100, 10],
		[0, 50, 0]
	])('%i findings at %f%% → %i', (eligible, percent, n) => {
		expect(sampleSize(eligible, percent)).toBe(n);
	});
});

describe('the sample spec', () => {
	it('defaults the options off and refuses a share or seed out of range', () => {
		expect(ReviewSampleSpec.parse({ seed: 7, percent: 10 })).toEqual({ seed: 7, percent: 10, veto: false, failed: false, targetIds: [], indicatorIds: [] });
		expect(ReviewSampleSpec.safeParse({ seed: 7, percent: 101 }).success).toBe(false);
		expect(ReviewSampleSpec.safeParse({ seed: -1, percent: 10 }).success).toBe(false);
		expect(ReviewSampleSpec.safeParse({ seed: 1.5, percent: 10 }).success).toBe(false);
		expect(ReviewSampleSpec.safeParse({ seed: 2 ** 32, percent: 10 }).success).toBe(false);
	});
});

describe('the generator', () => {
	// Pinned: a sample drawn from a seed must draw the same findings in every later version (and the benchmarks replay it).
	it('replays the same mulberry32 sequence for a seed', () => {
		const first = (seed: number) => {
			const next = mulberry32(seed);
			return Array.from({ length: 3 }, () => next() * 2 ** 32);
		};
		expect(first(0)).toEqual([1144304738, 1416247, 958946056]);
		expect(first(20260401)).toEqual([1997480702, 3512300233, 837154569]);
		expect(first(2 ** 32 - 1).every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
	});
});

describe('seedFromId', () => {
	it('gives a 32-bit seed that the same id always repeats (FNV-1a)', () => {
		expect(seedFromId('')).toBe(0x811c9dc5);
		expect(seedFromId('a')).toBe(0xe40c292c);
		expect(seedFromId('foobar')).toBe(0xbf9cf968);
		const seed = seedFromId('0b5e3c1e-8f1a-4d1b-9c55-2f7a4c3b9e10');
		expect(SampleSeed.safeParse(seed).success).toBe(true);
		expect(seedFromId('0b5e3c1e-8f1a-4d1b-9c55-2f7a4c3b9e10')).toBe(seed);
	});
});

describe('reviewerClash: a reviewer cannot have given the first grade', () => {
	const targets = [
		{ id: 't-1', name: '市人民政府', assessor: '张三' },
		{ id: 't-2', name: '市财政局', assessor: '' }
	];
	// The lead merged 张三's return, so the lead wrote t-1's finding last; t-2 is unassigned and 李四 graded it.
	const findings = [
		{ id: 'f-1', updatedBy: '组长' },
		{ id: 'f-2', updatedBy: '李四' }
	];
	const item = (findingId: string, targetId: string): SampledFinding => ({ findingId, targetId, indicatorId: 'x', reasons: ['random'] });
	const sample = { findings: [item('f-1', 't-1'), item('f-2', 't-2')] };

	it('names the assigned assessor and, for an unassigned target, whoever wrote the finding', () => {
		expect(reviewerClash(sample, '张三', targets, findings)).toEqual({ reviewer: '张三', targets: ['市人民政府'] });
		expect(reviewerClash(sample, ' 李四 ', targets, findings)).toEqual({ reviewer: '李四', targets: ['市财政局'] });
		expect(reviewerClash(sample, '王五', targets, findings)).toBeNull();
	});

	it('does not count the lead who merged an assigned target\'s findings as their first grader', () => {
		expect(reviewerClash(sample, '组长', targets, findings)).toBeNull();
	});
});
