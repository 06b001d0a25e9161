import { z } from 'zod';
import { IsoDate, LocalText, RecordMeta, Slug } from './common';

/** A value taken from a secondary source ((?) in criteria.md): shown as provisional in the UI. */
const Provisional = {
	provisional: z.boolean().optional(),
	provisionalNote: z.string().optional()
};

/**
 * A problem type under an indicator (扣分项). `each`: points × count; `once`: a fixed amount when present.
 * In a bonus section the same shape earns points instead of losing them.
 */
export const Deduction = z.object({
	id: Slug,
	title: LocalText,
	points: z.number().positive(),
	per: z.enum(['each', 'once']),
	...Provisional
});
export type Deduction = z.infer<typeof Deduction>;

export const Indicator = z.object({
	id: Slug,
	code: z.string().min(1),
	title: LocalText,
	guidance: LocalText.optional(),
	/** Source clause, e.g. "国办秘函〔2019〕19号 单项否决 第4项". */
	basis: z.string().optional(),
	suggestion: LocalText.optional(),
	/** Points the indicator is worth; 0 for veto indicators. */
	max: z.number().min(0),
	deductions: z.array(Deduction).default([]),
	...Provisional
});
export type Indicator = z.infer<typeof Indicator>;

export const SectionPart = z.enum(['veto', 'deduct', 'bonus', 'weighted', 'checklist']);
export type SectionPart = z.infer<typeof SectionPart>;

export const Section = z.object({
	id: Slug,
	code: z.string().min(1),
	title: LocalText,
	part: SectionPart,
	guidance: LocalText.optional(),
	/** Ceiling on the sum of deductions inside this section, when the scheme sets one. */
	cap: z.number().positive().optional(),
	indicators: z.array(Indicator).default([]),
	get sections() {
		return z.array(Section).default([]);
	},
	// Spelled out rather than spread: a spread next to the recursive getter defeats TypeScript's inference.
	provisional: z.boolean().optional(),
	provisionalNote: z.string().optional()
});
export type Section = z.infer<typeof Section>;

export const TargetCategory = z.object({
	id: Slug,
	title: LocalText,
	/** Sections not checked for this category (e.g. 办事服务 for units without external service). */
	naSections: z.array(Slug).default([]),
	naIndicators: z.array(Slug).default([]),
	/** Whether the bonus part is scored (national: portals only). */
	bonus: z.boolean(),
	...Provisional
});
export type TargetCategory = z.infer<typeof TargetCategory>;

export const GradeBand = z.object({
	id: Slug,
	title: LocalText,
	/** Lowest final score (inclusive) that earns this grade. */
	min: z.number(),
	...Provisional
});
export type GradeBand = z.infer<typeof GradeBand>;

export const NaPolicy = z.enum(['rescale', 'redistribute', 'exclude']);
export type NaPolicy = z.infer<typeof NaPolicy>;

export const ScoringRules = z.object({
	model: z.literal('deduction'),
	/** Total of the deduct part when everything applies (100 nationally). */
	total: z.number().positive(),
	passMark: z.number().min(0),
	/** Recorded score of a vetoed target: null = no number (national), or e.g. 59 (肇庆). */
	vetoScore: z.number().nullable(),
	naPolicy: NaPolicy,
	bonus: z
		.object({
			gate: z.number().min(0),
			/** The text says 高于 (strictly above); some schemes let exactly the gate qualify. */
			gateInclusive: z.boolean(),
			cap: z.number().positive(),
			...Provisional
		})
		.nullable(),
	/** Bands from best to worst; a vetoed or failed target always gets the last one. */
	grades: z.array(GradeBand).min(1),
	decimals: z.int().min(0).max(4).default(1)
});
export type ScoringRules = z.infer<typeof ScoringRules>;

export const SourceDocument = z.object({
	title: z.string().min(1),
	docNo: z.string().optional(),
	issuedOn: IsoDate.optional(),
	url: z.url({ protocol: /^https?$/ }).optional()
});

export const Framework = z
	.object({
		id: Slug,
		version: z.string().min(1),
		builtIn: z.boolean(),
		title: LocalText,
		description: LocalText.optional(),
		source: SourceDocument,
		scoring: ScoringRules,
		categories: z.array(TargetCategory).min(1),
		sections: z.array(Section).min(1),
		...RecordMeta.shape,
		...Provisional
	})
	.superRefine((fw, ctx) => {
		const seen = new Set<string>();
		const check = (id: string, path: (string | number)[]) => {
			if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `duplicate id "${id}"` });
			seen.add(id);
		};
		const walk = (sections: Section[], path: (string | number)[]) => {
			sections.forEach((s, i) => {
				check(s.id, [...path, i, 'id']);
				s.indicators.forEach((ind, j) => {
					check(ind.id, [...path, i, 'indicators', j, 'id']);
					const dIds = new Set<string>();
					ind.deductions.forEach((d, k) => {
						if (dIds.has(d.id))
							ctx.addIssue({
								code: 'custom',
								path: [...path, i, 'indicators', j, 'deductions', k, 'id'],
								message: `duplicate deduction id "${d.id}"`
							});
						dIds.add(d.id);
					});
				});
				walk(s.sections, [...path, i, 'sections']);
			});
		};
		walk(fw.sections, ['sections']);
		const known = new Set(seen);
		fw.categories.forEach((c, i) => {
			[...c.naSections, ...c.naIndicators].forEach((ref) => {
				if (!known.has(ref))
					ctx.addIssue({ code: 'custom', path: ['categories', i], message: `unknown section or indicator "${ref}"` });
			});
		});
		const mins = fw.scoring.grades.map((g) => g.min);
		if (mins.some((m, i) => i > 0 && m >= mins[i - 1]!))
			ctx.addIssue({ code: 'custom', path: ['scoring', 'grades'], message: 'grades must go from best to worst' });
	});
export type Framework = z.infer<typeof Framework>;
/** What a framework file contains before parsing (defaults not yet applied). */
export type FrameworkInput = z.input<typeof Framework>;

/** Every indicator with the chain of sections above it, in framework order. */
export interface IndicatorEntry {
	indicator: Indicator;
	section: Section;
	/** Top-level section the indicator belongs to (the block that scores roll up into). */
	block: Section;
}

export function listIndicators(fw: Pick<Framework, 'sections'>): IndicatorEntry[] {
	const out: IndicatorEntry[] = [];
	const walk = (sections: Section[], block: Section | null) => {
		for (const s of sections) {
			const top = block ?? s;
			for (const indicator of s.indicators) out.push({ indicator, section: s, block: top });
			walk(s.sections, top);
		}
	};
	walk(fw.sections, null);
	return out;
}
