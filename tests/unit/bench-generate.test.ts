import { describe, expect, it } from 'vitest';
import { listIndicators } from '$lib/domain/framework';
import { scoreCampaign } from '$lib/domain/scoring';
import { readBackup } from '$lib/io/backup';
import { GENERATED_FORMAT_VERSION, MIN_INDICATORS_PER_TARGET, benchFramework, generateBackup } from '../../bench/generate';

// The benchmark's file goes through the real restore path; if the generator drifted from the schemas the
// bench would time a refusal. Reading a small one back with the app's reader keeps them in step.
describe('bench campaign generator', () => {
	const generated = generateBackup({ targets: 40, seed: 7 });

	it('writes a version-1 backup that readBackup accepts in full', async () => {
		const result = await readBackup(generated.bytes);
		if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 5)));
		expect(result.manifest.formatVersion).toBe(GENERATED_FORMAT_VERSION);
		expect(result.manifest.scope).toEqual({ kind: 'campaign', campaignId: generated.campaign.id, title: generated.campaign.title });
		expect(result.data.targets).toHaveLength(40);
		expect(result.data.findings).toHaveLength(generated.data.findings.length);
		expect(result.data.evidence.length).toBeGreaterThan(0);
		// What the app reads back is what was generated (no defaults filled in, nothing dropped).
		expect(result.data.findings).toEqual(generated.data.findings);
		expect(result.data.campaigns).toEqual(generated.data.campaigns);
	});

	it('extends the 2019 website framework to at least 120 indicators per category, keeping the part total', () => {
		const fw = benchFramework();
		expect(fw.scoring.model === 'deduction' && fw.scoring.total).toBe(100);
		expect(listIndicators(fw).length).toBeGreaterThan(37);
		for (const n of Object.values(generated.indicatorsPerCategory)) expect(n).toBeGreaterThanOrEqual(MIN_INDICATORS_PER_TARGET);
		const blockSum = (id: string) => fw.sections.find((s) => s.id === id)!.indicators.reduce((a, i) => a + i.max, 0);
		expect([blockSum('publish'), blockSum('services'), blockSum('interaction'), blockSum('design')]).toEqual([31, 25, 23, 21]);
	});

	it('has a realistic mix: three categories, every outcome, deductions, notes and vetoes', () => {
		const { targets, findings } = generated.data;
		expect(new Set(targets.map((t) => t.categoryId))).toEqual(new Set(['portal', 'dept-service', 'dept-no-service']));
		expect(new Set(findings.map((f) => f.outcome))).toEqual(new Set(['pass', 'fail', 'partial', 'na', null]));
		expect(findings.some((f) => Object.keys(f.deductionCounts).length > 0)).toBe(true);
		expect(findings.some((f) => f.note !== '')).toBe(true);
		const scores = scoreCampaign(generated.campaign.framework, targets, findings);
		expect(scores.some((s) => s.vetoed)).toBe(true);
		expect(scores.some((s) => !s.vetoed && s.passed)).toBe(true);
	});

	it('is reproducible from its seed', () => {
		expect(generateBackup({ targets: 3, seed: 1 }).bytes).toEqual(generateBackup({ targets: 3, seed: 1 }).bytes);
	});
});
