import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, Outcome } from '$lib/domain/finding';
import { listIndicators, type Framework } from '$lib/domain/framework';
import { allocateLosses, scoreCampaign, hasProblem } from '$lib/domain/scoring';
import { targetAssessor, scopeCache, problemsByIndicator, progressByAssessor, type IndicatorProblem, type ProgressRow } from '$lib/domain/results';
import { isComplete } from '$lib/domain/progress';
import { byIndicator, compareCode, compareZh, groupByTarget } from '$lib/domain/results/shared';
import type { Target } from '$lib/domain/target';
import { finding, miniFramework } from '../fixtures/mini-framework';
import { cassFramework, checklistFramework } from '../fixtures/other-models';
import { target } from './helpers';

/**
 * The results page hands these functions each target's findings through a lookup, and problems reuse one
 * array of findings per target: the outputs must stay those of the plain versions below (the code as it was,
 * grouping a flat list and allocating every target's losses with `allocateLosses`).
 */
function problemsReference(fw: Framework, targets: Target[], findings: Finding[]): IndicatorProblem[] {
	const entries = listIndicators(fw);
	const hits = new Map<string, IndicatorProblem['targets']>();
	const scope = scopeCache(fw, true);
	const grouped = groupByTarget(findings);
	for (const t of targets) {
		const mine = byIndicator(grouped.get(t.id) ?? []);
		if (mine.size === 0) continue;
		const inScope = scope(t.categoryId);
		const losses = allocateLosses(fw, t, grouped.get(t.id) ?? []);
		for (const { indicator } of entries) {
			const f = mine.get(indicator.id);
			if (!f || !inScope.has(indicator.id) || !hasProblem(indicator, f)) continue;
			const list = hits.get(indicator.id) ?? [];
			list.push({ targetId: t.id, name: t.name, lost: losses.get(indicator.id)?.lost ?? null, note: f.note });
			hits.set(indicator.id, list);
		}
	}
	const out: (IndicatorProblem & { at: number })[] = [];
	entries.forEach(({ indicator, block }, at) => {
		const list = hits.get(indicator.id);
		if (list) out.push({ indicatorId: indicator.id, code: indicator.code, title: indicator.title, sectionTitle: block.title, targets: list, at });
	});
	return out.sort((a, b) => b.targets.length - a.targets.length || compareCode(a.code, b.code) || a.at - b.at).map(({ at: _at, ...p }) => p);
}

function assessorsReference(targets: Target[], findings: Finding[], fw: Framework): ProgressRow[] {
	const scores = scoreCampaign(fw, targets, findings);
	const scoreOf = new Map(scores.map((s) => [s.targetId, s]));
	const grouped = groupByTarget(findings);
	const rows = new Map<string, ProgressRow>();
	for (const t of targets) {
		const score = scoreOf.get(t.id)!;
		const who = targetAssessor(t, grouped.get(t.id) ?? []);
		let row = rows.get(who);
		if (!row) rows.set(who, (row = { key: who, label: who, graded: 0, applicable: 0, targets: 0, complete: 0 }));
		row.graded += score.graded;
		row.applicable += score.applicable;
		row.targets++;
		if (isComplete(score)) row.complete++;
	}
	return [...rows.values()].sort((a, b) => ((a.key === '') !== (b.key === '') ? (a.key === '' ? 1 : -1) : compareZh(a.label, b.label)));
}

const frameworks: [string, Framework][] = [
	['deduction, rescale', miniFramework()],
	['deduction, redistribute', miniFramework((f) => void (f.scoring.naPolicy = 'redistribute'))],
	['deduction, exclude', miniFramework((f) => void (f.scoring.naPolicy = 'exclude'))],
	['weighted', cassFramework()],
	['checklist', checklistFramework()]
];
const outcome = fc.constantFrom<Outcome | null>('pass', 'fail', 'partial', 'na', null);
const TARGETS = ['t0', 't1', 't2', 't3', 't4', 't5'];

/** Targets of every category (and one the framework lacks); findings in any order, repeats and stray indicators included. */
function campaignArb(fw: Framework) {
	const indicators = listIndicators(fw).map((e) => e.indicator);
	const categories = [...fw.categories.map((c) => c.id), 'unknown'];
	const targetsArb = fc.array(fc.record({ category: fc.constantFrom(...categories), assessor: fc.constantFrom('', ' ', '张三', '李四') }), {
		minLength: TARGETS.length,
		maxLength: TARGETS.length
	});
	const findingArb = fc.record({
		t: fc.constantFrom(...TARGETS, 'stranger'),
		i: fc.nat({ max: indicators.length }),
		outcome,
		counts: fc.array(fc.nat({ max: 6 }), { minLength: 3, maxLength: 3 }),
		level: fc.nat({ max: 3 }),
		ratio: fc.option(fc.record({ met: fc.nat({ max: 4 }), of: fc.constant(4) }), { nil: undefined }),
		note: fc.constantFrom('', '栏目空白'),
		by: fc.constantFrom('张三', '李四', '王五', ' ')
	});
	return fc.tuple(targetsArb, fc.array(findingArb, { maxLength: 60 })).map(([ts, raw]) => {
		const targets = ts.map((x, k) => target(TARGETS[k]!, `对象${k}`, x.category, { assessor: x.assessor }));
		const findings = raw.map((r) => {
			const ind = indicators[r.i];
			if (!ind) return finding('gone-indicator', r.outcome, {}, r.t);
			const counts = Object.fromEntries(ind.deductions.map((d, k) => [d.id, r.counts[k] ?? 0]).filter(([, c]) => (c as number) > 0));
			const f: Finding = { ...finding(ind.id, r.outcome, counts, r.t), note: r.note, updatedBy: r.by };
			const level = ind.levels[r.level % Math.max(1, ind.levels.length)];
			if (ind.method === 'levels' && level) f.level = level.id;
			if (ind.method === 'ratio' && r.ratio) f.ratio = r.ratio;
			return f;
		});
		return { targets, findings };
	});
}

describe('results from a lookup of each target findings', () => {
	for (const [name, fw] of frameworks) {
		it(`problemsByIndicator and progressByAssessor give what the plain versions gave (${name})`, () => {
			fc.assert(
				fc.property(campaignArb(fw), ({ targets, findings }) => {
					const grouped = groupByTarget(findings);
					const lookup = (id: string) => grouped.get(id) ?? [];
					const expected = problemsReference(fw, targets, findings);
					expect(problemsByIndicator(fw, targets, findings)).toEqual(expected);
					expect(problemsByIndicator(fw, targets, lookup)).toEqual(expected);
					const scores = scoreCampaign(fw, targets, findings);
					const assessors = assessorsReference(targets, findings, fw);
					expect(progressByAssessor(targets, scores, findings)).toEqual(assessors);
					expect(progressByAssessor(targets, scores, lookup)).toEqual(assessors);
				}),
				{ numRuns: 300 }
			);
		});
	}
});
