/** The report for one target: who and when, score and grade, how it was computed, problems and what to fix first. */
import type { Document, Paragraph, Table } from 'docx';
import type { TargetFindingLine, TargetReport } from '$lib/domain/results';
import type { EmbeddableImage } from './image';
import { screenshotFigures } from './report-docx-figures';
import type { Impact } from '$lib/domain/scoring';
import { provisionalScoresText } from '$lib/domain/framework';
import {
	body,
	bold,
	cleanLine,
	cleanText,
	codeTitle,
	dataTable,
	fieldTable,
	formatDate,
	gap,
	heading1,
	itemNumber,
	reportDocument,
	spacer,
	subtitleParagraph,
	textRuns,
	titleParagraph,
	urlInline,
	type CellContent,
	type DocxText,
	type Inline
} from './report-docx-common';

type Block = Paragraph | Table;

/** Table cell text for the problem tables: 五号 so six columns fit on A4 portrait. */
const SMALL = 21;

function header(report: TargetReport, text: DocxText): Block[] {
	const { target } = report;
	const url = cleanLine(target.url);
	const fields: [string, CellContent][] = [
		[text.t('docx.fieldTarget'), cleanLine(target.name)],
		[text.t('docx.fieldUrl'), url ? [urlInline(url)] : '—'],
		[text.t('target.ownerUnit'), cleanLine(target.ownerUnit) || '—'],
		[text.t('docx.fieldCategory'), cleanLine(text.local(target.categoryTitle)) || '—'],
		[text.t('docx.fieldCampaign'), cleanLine(report.campaignTitle) || '—'],
		[text.t('docx.fieldMonitoringPoint'), formatDate(report.monitoringPoint, text) || '—'],
		[text.t('docx.fieldAssessor'), cleanLine(report.assessor) || '—']
	];
	return [fieldTable(fields), spacer()];
}

function result(report: TargetReport, text: DocxText): Block[] {
	const { score } = report;
	const out: Block[] = [heading1(text.t('docx.resultSection'))];
	const provisional = provisionalScoresText(report.provisionalValues, text.t);
	if (provisional) out.push(body(provisional));
	const grade = cleanLine(text.local(score.gradeTitle));
	const codes = new Map(report.problems.map((p) => [p.indicatorId, p.code]));
	const vetoList = () => score.vetoReasons.forEach((r, i) => out.push(body(`${itemNumber(i + 1, text)}${codeTitle(codes.get(r.indicatorId) ?? '', text.local(r.title))}`)));
	// Unfinished work is never reported as a result: no grade, the score marked as provisional.
	if (!score.complete) {
		const params = { graded: String(score.graded), applicable: String(score.applicable), score: text.score(score.total) };
		out.push(body(bold(text.t(score.graded === 0 ? 'docx.resultUnstarted' : score.vetoed ? 'docx.resultProvisionalVetoed' : 'docx.resultProvisional', params))));
		if (score.graded > 0 && score.vetoed) vetoList();
		return out;
	}
	if (score.vetoed) {
		out.push(
			body(
				bold(text.t('docx.resultVetoed', { grade })),
				gap(text) +
					(score.total === null ? text.t('docx.resultVetoNoScore') : text.t('docx.resultVetoScore', { score: text.score(score.total) }))
			)
		);
		vetoList();
	} else if (score.total === null) {
		out.push(body(bold(text.t('docx.resultVetoOnly', { grade }))));
	} else {
		out.push(
			body(
				bold(text.t('docx.resultScore', { score: text.score(score.total), grade })),
				gap(text) + text.t(score.passed ? 'docx.resultPassed' : 'docx.resultFailed')
			)
		);
	}
	return out;
}

function trace(report: TargetReport, text: DocxText): Block[] {
	const out: Block[] = [heading1(text.t('docx.traceSection'))];
	if (report.score.trace.length === 0) out.push(body(text.t('docx.traceNone')));
	report.score.trace.forEach((step, i) => out.push(body(`${itemNumber(i + 1, text)}${cleanText(text.t(step.key, step.params))}`)));
	return out;
}

function sections(report: TargetReport, text: DocxText): Block[] {
	const { score } = report;
	const out: Block[] = [heading1(text.t('docx.sectionsSection'))];
	if (score.vetoed) return [...out, body(text.t('docx.sectionsVetoed'))];
	if (score.sections.length === 0) return [...out, body(text.t('docx.sectionsNone'))];
	out.push(
		dataTable(
			[
				{ header: text.t('docx.colSection'), weight: 6 },
				{ header: text.t('docx.colScore'), weight: 2, align: 'center' },
				{ header: text.t('docx.colMax'), weight: 2, align: 'center' }
			],
			score.sections.map((s) => [
				cleanLine(text.local(s.title)),
				s.applicable ? text.score(s.score) : text.t('docx.notApplicable'),
				s.applicable ? text.score(s.max) : '—'
			])
		),
		spacer()
	);
	return out;
}

function outcomeLabel(line: TargetFindingLine, text: DocxText): string {
	if (line.outcome === null) return text.t('docx.outcomeNone');
	if (line.outcome === 'fail' && line.veto) return text.t('outcome.vetoFail');
	return text.t(`outcome.${line.outcome}`);
}

function problemRow(line: TargetFindingLine, text: DocxText): CellContent[] {
	const explanation: Inline[][] = [
		...line.deductions.map((d) => textRuns(text.t('docx.deductionLine', { title: cleanLine(text.local(d.title)), count: String(d.count) }))),
		...(cleanText(line.note).trim() ? [textRuns(cleanText(line.note).trim())] : [])
	];
	const urls = line.evidenceUrls.map(cleanLine).filter((u) => u !== '');
	return [
		cleanLine(line.code),
		[textRuns(cleanLine(text.local(line.title))), textRuns(cleanLine(text.local(line.sectionTitle)), { color: '595959' })],
		outcomeLabel(line, text),
		line.veto ? text.t('docx.veto') : line.lost === null ? '—' : text.score(line.lost),
		explanation,
		urls.map((u) => urlInline(u, { size: SMALL }))
	];
}

/** Indicators the target's category does not check, each with why, after the problems (as on screen). */
function notApplicable(report: TargetReport, text: DocxText): Block[] {
	if (report.notApplicable.length === 0) return [];
	const reason = ({ category, responsibleUnits }: TargetReport['notApplicable'][number]['reason']) =>
		responsibleUnits.length === 0
			? text.t('na.category', { category: cleanLine(text.local(category)) })
			: text.t('na.responsibleUnits', { category: cleanLine(text.local(category)), units: responsibleUnits.map(cleanLine).join(text.t('list.enum')) });
	return [
		body(bold(text.t('report.notApplicable'))),
		...report.notApplicable.map((x, i) => body(`${itemNumber(i + 1, text)}${codeTitle(x.code, text.local(x.title))} — ${reason(x.reason)}`))
	];
}

function problems(report: TargetReport, text: DocxText): Block[] {
	const out: Block[] = [heading1(text.t('docx.targetProblemsSection'))];
	if (report.problems.length === 0) return [...out, body(text.t('docx.targetProblemsNone')), ...notApplicable(report, text)];
	out.push(
		dataTable(
			[
				{ header: text.t('docx.colCode'), weight: 2.2, align: 'center' },
				{ header: text.t('docx.colIndicator'), weight: 4.5 },
				{ header: text.t('docx.colOutcome'), weight: 2.4, align: 'center' },
				{ header: text.t(report.lossesScaled ? 'docx.colLostScaled' : 'docx.colLost'), weight: 2, align: 'center' },
				{ header: text.t('docx.colExplanation'), weight: 7 },
				{ header: text.t('docx.colEvidence'), weight: 6 }
			],
			report.problems.map((p) => problemRow(p, text)),
			{ size: SMALL }
		),
		spacer(),
		...notApplicable(report, text)
	);
	return out;
}

function impactEffect(impact: Impact, text: DocxText): string {
	if (impact.vetoShared && !impact.liftsVeto) return text.t('docx.impactVetoShared');
	const effect = impact.liftsVeto
		? text.t('docx.impactLiftsVeto') +
			(impact.newTotal === null ? '' : text.t('docx.impactNewTotal', { total: text.score(impact.newTotal) })) +
			(impact.passes ? '' : text.t('docx.impactStillFails'))
		: text.t(impact.bonus ? 'docx.impactBonus' : 'docx.impactGain', { gain: text.score(impact.gain), total: text.score(impact.newTotal) });
	return impact.newGrade ? effect + text.t('docx.impactGrade', { grade: cleanLine(text.local(impact.newGrade.title)) }) : effect;
}

function impacts(report: TargetReport, text: DocxText): Block[] {
	const out: Block[] = [heading1(text.t('docx.impactsSection'))];
	if (report.impacts.length === 0) return [...out, body(text.t('docx.impactsNone'))];
	out.push(body(text.t('docx.impactsIntro')));
	report.impacts.forEach((impact, i) =>
		out.push(body(bold(`${itemNumber(i + 1, text)}${codeTitle(impact.code, text.local(impact.title))}`), text.t('docx.impactEffect', { effect: impactEffect(impact, text) })))
	);
	return out;
}

export function targetReportDocument(report: TargetReport, text: DocxText, images: ReadonlyMap<string, EmbeddableImage> = new Map()): Document {
	const name = cleanLine(report.target.name);
	const title = text.t('docx.targetTitle', { name });
	const children: Block[] = [titleParagraph(title)];
	const campaign = cleanLine(report.campaignTitle);
	if (campaign) children.push(subtitleParagraph(campaign));
	children.push(...header(report, text));
	children.push(...result(report, text));
	children.push(...trace(report, text));
	children.push(...sections(report, text));
	children.push(...problems(report, text));
	children.push(...impacts(report, text));
	const groups = report.problems.map((p) => ({ label: codeTitle(p.code, text.local(p.title)), screenshots: p.screenshots }));
	children.push(...screenshotFigures(groups, text.t('docx.screenshotsSection'), text, images));
	return reportDocument({ title, description: campaign, locale: text.locale, children });
}
