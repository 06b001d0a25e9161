import { z } from 'zod';
import { IsoDate, LocalText, RecordMeta, Slug } from '../common';
import { checkFramework } from './check';
import { Rounding } from '../rounding';
import { Rev } from '../revision';
import { FRAMEWORK_LIMITS } from '../limits';

/** Points, weights, caps and marks: bounded so that any sum of them (≤ 5,000 indicators) stays finite. */
const Points = z.number().min(-FRAMEWORK_LIMITS.points).max(FRAMEWORK_LIMITS.points);

/**
 * Why a value is provisional, in Chinese and (optionally) English like every framework text. Files and stored
 * frameworks from before notes were translated hold a plain Chinese string, read as `{ zh }`.
 */
const ProvisionalNote = z.union([LocalText, z.string().transform((zh): LocalText | undefined => (zh === '' ? undefined : { zh }))]);

/** A value taken from a secondary source ((?) in criteria.md): shown as provisional in the UI. */
const Provisional = {
	provisional: z.boolean().optional(),
	provisionalNote: ProvisionalNote.optional()
};

/**
 * A problem type under an indicator (扣分项). `each`: points × count; `once`: a fixed amount when present.
 * In a bonus section the same shape earns points instead of losing them.
 */
export const Deduction = z.object({
	id: Slug,
	title: LocalText,
	points: Points.positive(),
	per: z.enum(['each', 'once']),
	...Provisional
});
export type Deduction = z.infer<typeof Deduction>;

/** A named level of a graded indicator (e.g. 完整 1 / 基本完整 0.5 / 缺失 0), worth `points` of the indicator's max. */
export const Level = z.object({
	id: Slug,
	title: LocalText,
	points: Points.min(0)
});
export type Level = z.infer<typeof Level>;

/**
 * How a weighted-model indicator earns its share: `binary` (符合 = all, 不符合 = none), `levels` (the chosen
 * level's points), `ratio` (k of n required elements present, e.g. 8 of 10 办事指南 elements).
 */
export const IndicatorMethod = z.enum(['binary', 'levels', 'ratio']);
export type IndicatorMethod = z.infer<typeof IndicatorMethod>;

export const NaPolicy = z.enum(['rescale', 'redistribute', 'exclude']);
export type NaPolicy = z.infer<typeof NaPolicy>;

export const Indicator = z.object({
	id: Slug,
	code: z.string().min(1),
	title: LocalText,
	guidance: LocalText.optional(),
	/** Source clause, e.g. "国办秘函〔2019〕19号 单项否决 第4项": printed as the 依据 of 整改通知 and 整改清单. */
	basis: z.string().optional(),
	/**
	 * Where the framework's author took the rule from (e.g. "6个月未更新扣5分见国管局自查报告"): internal provenance,
	 * shown with the framework, never printed in a notice, report or export.
	 */
	basisSource: z.string().optional(),
	suggestion: LocalText.optional(),
	/** Points the indicator is worth (its weight in weighted and checklist models); 0 for veto indicators. */
	max: Points.min(0),
	deductions: z.array(Deduction).default([]),
	method: IndicatorMethod.default('binary'),
	levels: z.array(Level).default([]),
	/** For `ratio`: how many elements are required (n). */
	ratioOf: z.int().positive().optional(),
	/**
	 * Whether an inspector may judge this indicator 不适用 where the scoring says only listed indicators may
	 * (`scoring.naJudgement: 'listed'`), and how its points are then treated in the deduction model; without it,
	 * `scoring.naPolicy`. The national 2019 text lets an inspector mark nothing N/A: its categories remove sections.
	 */
	naTreatment: NaPolicy.optional(),
	/** Checklist tasks (工作要点): when it is due and who carries it out. */
	deadline: IsoDate.optional(),
	responsibleUnits: z.array(z.string().min(1)).default([]),
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
	/** Where the section's total or structure was taken from: internal provenance like an indicator's, never printed. */
	basisSource: z.string().optional(),
	/** Ceiling on the sum of deductions inside this section, when the scheme sets one. */
	cap: Points.positive().optional(),
	/** Weighted model: the top-level section's share of 100. */
	weight: Points.positive().optional(),
	indicators: z.array(Indicator).default([]),
	get sections() {
		return z.array(Section).default([]);
	},
	// Spelled out rather than spread: a spread next to the recursive getter defeats TypeScript's inference.
	provisional: z.boolean().optional(),
	provisionalNote: ProvisionalNote.optional()
});
export type Section = z.infer<typeof Section>;

export const TargetCategory = z.object({
	id: Slug,
	title: LocalText,
	/**
	 * Sections the category removes (e.g. 办事服务 for State Council department portals without external
	 * services); their points are treated by `scoring.naPolicy` (national: rescaled, ×4/3).
	 */
	naSections: z.array(Slug).default([]),
	naIndicators: z.array(Slug).default([]),
	/** Whether the bonus part is scored (national: portals only). */
	bonus: z.boolean(),
	/** Where the category's rules were taken from: internal provenance, never printed. */
	basisSource: z.string().optional(),
	...Provisional
});
export type TargetCategory = z.infer<typeof TargetCategory>;

export const GradeBand = z.object({
	id: Slug,
	title: LocalText,
	/** Lowest final score (inclusive) that earns this grade. */
	min: Points,
	...Provisional
});
export type GradeBand = z.infer<typeof GradeBand>;

const CommonRules = {
	passMark: Points.min(0),
	/** Recorded score of a vetoed target: null = no number (national), or e.g. 59 (肇庆). */
	vetoScore: Points.nullable().default(null),
	/** Bands from best to worst; a vetoed or failed target always gets the last one. */
	grades: z.array(GradeBand).min(1),
	/** Precision of the published score: pass, grade, bonus gate, ranking and every export use it rounded so. */
	decimals: z.int().min(0).max(4).default(1),
	rounding: Rounding.default('halfUp'),
	/**
	 * Which indicators an inspector may judge 不适用: `any` (each treated by `naPolicy`), or only those `listed`
	 * with an `naTreatment`. The assess screen offers 不适用 only where it is allowed; scoring ignores it elsewhere.
	 */
	naJudgement: z.enum(['any', 'listed']).default('any')
};

/** 国办秘函〔2019〕19号 and its local variants: veto, deductions from a total, bonus above a gate. */
export const DeductionRules = z.object({
	model: z.literal('deduction'),
	/** Total of the deduct part when everything applies (100 nationally). */
	total: Points.positive(),
	naPolicy: NaPolicy,
	bonus: z
		.object({
			gate: Points.min(0),
			/** The text says 高于 (strictly above); some schemes let exactly the gate qualify. */
			gateInclusive: z.boolean(),
			cap: Points.positive(),
			...Provisional
		})
		.nullable(),
	...CommonRules
});

/** CASS-style index: top-level sections weighted to 100, each scored as the share of its points earned. */
export const WeightedRules = z.object({ model: z.literal('weighted'), ...CommonRules });

/** Self-checks and 工作要点 follow-up: share of applicable items met (optionally weighted), as a percentage. */
export const ChecklistRules = z.object({ model: z.literal('checklist'), ...CommonRules });

/**
 * 国办秘函〔2019〕19号 for 政务新媒体: only veto items, no score. No failed veto earns the first grade (合格), any
 * failed veto the last (不合格); grade lines and the pass mark are not read.
 */
export const VetoRules = z.object({ model: z.literal('veto'), ...CommonRules, passMark: Points.min(0).default(0) });

export const ScoringRules = z.discriminatedUnion('model', [DeductionRules, WeightedRules, ChecklistRules, VetoRules]);
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
		/**
		 * The report years a framework for one kind of annual report applies to (e.g. the 2021 format: reports on
		 * 2021 onwards). A campaign states its report year and is refused one outside this range.
		 */
		reportYears: z.object({ from: z.int().min(1900).max(9999), to: z.int().min(1900).max(9999).optional() }).optional(),
		rev: Rev.optional(),
		...RecordMeta.shape,
		...Provisional
	})
	.superRefine((fw, ctx) => {
		for (const p of checkFramework(fw)) ctx.addIssue({ code: 'custom', path: p.path, message: p.code, params: p.params });
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
