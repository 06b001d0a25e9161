import type { AgreementText } from '../review/text';
import type { NaReason } from '../not-applicable';
import type { LocalText } from '../common';
import type { ReportSettings } from '../campaign';
import type { EvidenceImage } from '../evidence';
import type { Outcome } from '../finding';
import type { ScoringRules } from '../framework/schema';
import type { TargetStatus } from '../progress';
import type { TargetScore } from '../scoring/score';
import type { Impact } from '../scoring/what-if';

/** One target in a ranking. Ties share a rank (1, 2, 2, 4); vetoed targets come last with rank null. */
export interface RankedTarget {
	targetId: string;
	name: string;
	categoryId: string;
	url: string;
	ownerUnit: string;
	rank: number | null;
	total: number | null;
	gradeId: string;
	gradeTitle: LocalText;
	passed: boolean;
	vetoed: boolean;
	vetoReasons: LocalText[];
	/** Every applicable indicator judged (`targetStatus`); only then are rank, grade and pass meaningful. */
	complete: boolean;
	status: TargetStatus;
	graded: number;
	applicable: number;
}

export interface CategoryRanking {
	categoryId: string;
	title: LocalText;
	/** Complete targets, ranked. */
	rows: RankedTarget[];
	/** 评估未完成: not ranked, most progressed first. */
	unfinished: RankedTarget[];
}

/** A score band: `vetoed`, or one of the framework's grade bands (with its score range). */
export interface BandCount {
	id: string;
	title: LocalText | null;
	min: number | null;
	/** Exclusive upper bound; null for the top band. */
	max: number | null;
	count: number;
}

export interface BandSummary {
	bands: BandCount[];
	/** Every target of the campaign. */
	targets: number;
	/** Targets complete: the only ones counted in bands, passed and the pass rate. */
	complete: number;
	/** targets − complete. */
	unfinished: number;
	passed: number;
	/** passed / complete; null when no target is complete. */
	passRate: number | null;
}

export interface HeatmapSection {
	sectionId: string;
	code: string;
	title: LocalText;
}

export interface HeatmapRow {
	targetId: string;
	name: string;
	/** Per section (same order as `sections`): % of the section's max, null when not applicable or not scored. */
	cells: (number | null)[];
}

export interface Heatmap {
	sections: HeatmapSection[];
	rows: HeatmapRow[];
}

export interface RadarData {
	sections: HeatmapSection[];
	target: (number | null)[];
	/** Mean % over targets where the section was scored. */
	mean: (number | null)[];
}

export interface IndicatorProblem {
	indicatorId: string;
	code: string;
	title: LocalText;
	sectionTitle: LocalText;
	/** Targets that lost points on (or failed) this indicator. */
	targets: { targetId: string; name: string; lost: number | null; note: string }[];
}

export interface ProgressRow {
	key: string;
	label: string;
	graded: number;
	applicable: number;
	targets: number;
	complete: number;
}


export interface CampaignReport {
	campaignTitle: string;
	/** What the framework's scores are: a veto-only one shows its verdict where a score would stand (`shownScore`). */
	scoring: Pick<ScoringRules, 'model' | 'decimals'>;
	frameworkTitle: LocalText;
	frameworkDocNo?: string;
	monitoringPoint: string;
	settings: ReportSettings;
	summary: BandSummary;
	rankings: CategoryRanking[];
	/** Complete targets with a failed veto. */
	vetoed: RankedTarget[];
	/** Targets not yet complete, category by category: no result is published for them. */
	unfinished: RankedTarget[];
	/** Most common first. */
	problems: IndicatorProblem[];
	/** Values of the framework still flagged 待核: the report says its scores are provisional (`provisionalScoresText`). */
	provisionalValues: number;
	/** The overall 复核 agreement for 附：质量控制; null when the appendix is off or no item was graded twice. */
	quality?: AgreementText | null;
}

export interface TargetFindingLine {
	indicatorId: string;
	code: string;
	title: LocalText;
	sectionTitle: LocalText;
	outcome: Outcome | null;
	/** Problem counts as "title × count" (already joined, in framework order). */
	deductions: { title: LocalText; count: number; points: number }[];
	/** What this indicator cost the deduct score (`allocateLosses`), null outside the deduct part. */
	lost: number | null;
	note: string;
	evidenceUrls: string[];
	/** Screenshot evidence of the finding, oldest first. */
	screenshots: ReportScreenshot[];
	veto: boolean;
}

export interface ReportScreenshot {
	/** The evidence id (the key of its original bytes). */
	id: string;
	caption: string;
	image: EvidenceImage;
}

export interface TargetReport {
	campaignTitle: string;
	monitoringPoint: string;
	assessor: string;
	target: { id: string; name: string; url: string; ownerUnit: string; categoryTitle: LocalText };
	score: TargetScore;
	/** Findings that lost points, failed, or are vetoes, in framework order. */
	problems: TargetFindingLine[];
	/** Indicators the target's category does not check, with why (e.g. a 工作要点 task of other units). */
	notApplicable: { indicatorId: string; code: string; title: LocalText; reason: NaReason }[];
	/** The framework rescales or redistributes N/A, so points lost are 折算后 points and their column says so. */
	lossesScaled: boolean;
	impacts: Impact[];
	/** As in `CampaignReport`. */
	provisionalValues: number;
}
