import { type Campaign, ReportSettings } from '../campaign';
import type { Evidence } from '../evidence';
import type { Finding } from '../finding';
import { listIndicators } from '../framework/schema';
import { provisionalValues } from '../framework/stats';
import { skippedByCategory } from '../not-applicable';
import { allocateLosses, lossesScaled } from '../scoring/allocate';
import { scoreCampaign, scoreTarget } from '../scoring/score';
import type { Target } from '../target';
import { reviewedItems } from '../review/record';
import { agreementReport } from '../review/report';
import type { ReviewGrade } from '../review/schema';
import { agreementText } from '../review/text';
import { hasProblem, whatIf } from '../scoring/what-if';
import { targetAssessor } from './assessor';
import { scoreBands } from './bands';
import { deductionLines, indicatorScope } from './losses';
import { problemsByIndicator } from './problems';
import { rankCampaign } from './ranking';
import { byIndicator, categoryTitle } from './shared';
import type { CampaignReport, ReportScreenshot, TargetFindingLine, TargetReport } from './types';

/**
 * Everything the 通报-style campaign report shows. Settings are the stored ones (zod defaults: empty
 * texts); the UI fills in its own default wording where a text is empty.
 */
export function campaignReport(campaign: Campaign, targets: Target[], findings: Finding[], grades: readonly ReviewGrade[] = []): CampaignReport {
	const fw = campaign.framework;
	const scores = scoreCampaign(fw, targets, findings);
	const rankings = rankCampaign(fw, targets, scores);
	const settings = ReportSettings.parse(campaign.report ?? {});
	const reviewed = settings.qualityAppendix ? reviewedItems(grades) : [];
	return {
		campaignTitle: campaign.title,
		scoring: { model: fw.scoring.model, decimals: fw.scoring.decimals },
		frameworkTitle: fw.title,
		...(fw.source.docNo ? { frameworkDocNo: fw.source.docNo } : {}),
		monitoringPoint: campaign.monitoringPoint,
		settings,
		summary: scoreBands(fw, scores),
		rankings,
		// Category by category, each by name, as a 通报 names them; only complete targets have a result.
		vetoed: rankings.flatMap((r) => r.rows.filter((x) => x.vetoed)),
		unfinished: rankings.flatMap((r) => r.unfinished),
		problems: problemsByIndicator(fw, targets, findings),
		provisionalValues: provisionalValues(fw).length,
		quality: reviewed.length > 0 ? agreementText(agreementReport(fw, reviewed).overall) : null
	};
}

/**
 * One target's report: score and trace, its problems in framework order (failed, partial, points lost,
 * failed vetoes; bonus items and indicators its category skips are not problems) with what each cost the
 * deduct score (`allocateLosses`: they add up to the points the target lost), and what fixing each
 * would gain. `findings` and `evidence` may include other targets' records; only this target's are used.
 */
export function targetReport(campaign: Campaign, target: Target, findings: Finding[], evidence: Evidence[]): TargetReport {
	const fw = campaign.framework;
	const own = findings.filter((f) => f.targetId === target.id);
	const score = scoreTarget(fw, target, own);
	const mine = byIndicator(own);
	const scope = indicatorScope(fw, target.categoryId, true);
	const losses = allocateLosses(fw, target, own);
	const urls = evidenceUrls(evidence);
	const shots = screenshots(evidence);
	const problems: TargetFindingLine[] = [];
	for (const { indicator, block } of listIndicators(fw)) {
		const f = mine.get(indicator.id);
		if (!f || !scope.has(indicator.id) || !hasProblem(indicator, f)) continue;
		problems.push({
			indicatorId: indicator.id,
			code: indicator.code,
			title: indicator.title,
			sectionTitle: block.title,
			outcome: f.outcome,
			deductions: deductionLines(indicator, f),
			lost: losses.get(indicator.id)?.lost ?? null,
			note: f.note,
			evidenceUrls: urls.get(f.id) ?? [],
			screenshots: shots.get(f.id) ?? [],
			veto: block.part === 'veto' && f.outcome === 'fail'
		});
	}
	return {
		campaignTitle: campaign.title,
		monitoringPoint: campaign.monitoringPoint,
		assessor: targetAssessor(target, own),
		target: { id: target.id, name: target.name, url: target.url, ownerUnit: target.ownerUnit, categoryTitle: categoryTitle(fw, target.categoryId) },
		score,
		problems,
		notApplicable: skippedByCategory(fw, target.categoryId).map(({ indicator, reason }) => ({ indicatorId: indicator.id, code: indicator.code, title: indicator.title, reason })),
		lossesScaled: lossesScaled(fw),
		provisionalValues: provisionalValues(fw).length,
		impacts: whatIf(fw, target, own, score)
	};
}

/** Screenshot evidence per finding, oldest observation first. */
export function screenshots(evidence: Evidence[]): Map<string, ReportScreenshot[]> {
	const out = new Map<string, ReportScreenshot[]>();
	const sorted = evidence.filter((e) => e.kind === 'image' && e.image).sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));
	for (const e of sorted) out.set(e.findingId, [...(out.get(e.findingId) ?? []), { id: e.id, caption: e.text, image: e.image! }]);
	return out;
}

/** URL evidence per finding, oldest observation first, without repeats. */
export function evidenceUrls(evidence: Evidence[]): Map<string, string[]> {
	const out = new Map<string, string[]>();
	const sorted = evidence.filter((e) => e.kind === 'url' && e.url).sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));
	for (const e of sorted) {
		const list = out.get(e.findingId) ?? [];
		if (!list.includes(e.url!)) list.push(e.url!);
		out.set(e.findingId, list);
	}
	return out;
}
