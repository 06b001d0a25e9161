/**
 * The 通报 (campaign notice) as text blocks: overview, rankings per category, vetoes and failures, targets not
 * yet finished, main problems, rectification demand. The on-screen preview and the Word document both render
 * these blocks, so what the reviewer reads is word for word what is sent.
 */
import {
	cleanLine,
	cleanText,
	codeTitle,
	formatDate,
	formatNumber,
	formatPercent,
	gap,
	itemNumber,
	listSep,
	reasonSep,
	splitParagraphs,
	subNumber,
	type DocxText
} from '../document-text';
import { provisionalScoresText } from '../framework/stats';
import { shownScore } from '../progress';
import { agreementSummaryParams } from '../review/text';
import type { BandCount, CampaignReport, CategoryRanking, IndicatorProblem, RankedTarget } from './types';

/** A run of a paragraph: plain text, or bold. */
export type NoticeRun = string | { bold: string };

export interface NoticeColumn {
	header: string;
	/** Relative width; the table spans the text width. */
	weight: number;
	align?: 'left' | 'center' | 'right';
}

export type NoticeBlock =
	| { kind: 'title'; text: string }
	| { kind: 'subtitle'; text: string }
	| { kind: 'heading1'; text: string }
	| { kind: 'heading2'; text: string }
	/** `flush`: no first-line indent (the addressee line, 主送机关). */
	| { kind: 'paragraph'; runs: NoticeRun[]; flush?: boolean }
	| { kind: 'table'; columns: NoticeColumn[]; rows: string[][] }
	| { kind: 'signature'; lines: string[] };

const p = (...runs: NoticeRun[]): NoticeBlock => ({ kind: 'paragraph', runs: runs.filter((r) => r !== '') });
const bold = (text: string): NoticeRun => ({ bold: text });

function reasons(list: RankedTarget['vetoReasons'], text: DocxText): string {
	return list.map((r) => cleanLine(text.local(r))).join(reasonSep(text));
}

function bandLabel(band: BandCount, text: DocxText): string {
	if (band.title) return text.local(band.title);
	return band.id === 'vetoed' ? text.t('docx.bandVetoed') : band.id;
}

function bandRange(band: BandCount, text: DocxText): string {
	if (band.id === 'vetoed') return text.t('docx.rangeVetoed');
	const min = band.min === null ? null : formatNumber(band.min, 2);
	const max = band.max === null ? null : formatNumber(band.max, 2);
	if (min !== null && max !== null) return text.t('docx.rangeBetween', { min, max });
	if (min !== null) return text.t('docx.rangeFrom', { min });
	if (max !== null) return text.t('docx.rangeBelow', { max });
	return '—';
}

/** A ranked target's score as the results screen shows it: the verdict (合格 / 不合格) where the framework gives no number. */
function scoreInTable(row: RankedTarget, scoring: CampaignReport['scoring'], text: DocxText): string {
	const { verdict } = shownScore(row, scoring);
	return verdict ? cleanLine(text.local(verdict)) : text.score(row.total);
}

function progress(row: RankedTarget, text: DocxText): string {
	return row.status === 'unstarted' ? text.t('docx.unstarted') : text.t('docx.gradedOf', { graded: String(row.graded), applicable: String(row.applicable) });
}

function overview(report: CampaignReport, text: DocxText): NoticeBlock[] {
	const { summary } = report;
	const out: NoticeBlock[] = [{ kind: 'heading1', text: text.t('docx.overview') }];
	if (summary.targets === 0) return [...out, p(text.t('docx.overviewNone'))];
	if (summary.complete > 0)
		out.push(
			p(
				text.t(summary.unfinished > 0 ? 'docx.overviewTextPartial' : 'docx.overviewText', {
					targets: String(summary.targets),
					complete: String(summary.complete),
					passed: String(summary.passed),
					failed: String(summary.complete - summary.passed),
					passRate: formatPercent(summary.passRate)
				})
			)
		);
	if (summary.unfinished > 0) out.push(p(bold(text.t('docx.overviewUnfinished', { count: String(summary.unfinished) }))));
	const provisional = provisionalScoresText(report.provisionalValues, text.t);
	if (provisional) out.push(p(bold(provisional)));
	if (report.vetoed.length > 0) out.push(p(text.t('docx.overviewVetoed', { count: String(report.vetoed.length) })));
	// A veto-only framework has no score ranges: the sentences above already count 合格 and 不合格.
	if (summary.complete > 0 && summary.bands.length > 0 && report.scoring.model !== 'veto') {
		out.push(p(text.t('docx.bandTableIntro')), {
			kind: 'table',
			columns: [
				{ header: text.t('docx.colGrade'), weight: 3, align: 'center' },
				{ header: text.t('docx.colRange'), weight: 4, align: 'center' },
				{ header: text.t('docx.colCount'), weight: 2, align: 'center' },
				{ header: text.t('docx.colShare'), weight: 2, align: 'center' }
			],
			rows: summary.bands.map((b) => [bandLabel(b, text), bandRange(b, text), String(b.count), formatPercent(b.count / summary.complete)])
		});
	}
	return out;
}

function ranking(r: CategoryRanking, n: number, scoring: CampaignReport['scoring'], text: DocxText): NoticeBlock[] {
	const category = cleanLine(text.local(r.title));
	const out: NoticeBlock[] = [{ kind: 'heading2', text: `${subNumber(n, text)}${text.t('docx.rankingTitle', { category })}` }];
	if (r.rows.length === 0) out.push(p(text.t(r.unfinished.length > 0 ? 'docx.rankingNoneComplete' : 'docx.rankingEmpty')));
	else
		out.push({
			kind: 'table',
			columns: [
				{ header: text.t('docx.colRank'), weight: 2, align: 'center' },
				{ header: text.t('docx.colName'), weight: 8 },
				{ header: text.t('docx.colScore'), weight: 2.5, align: 'center' },
				{ header: text.t('docx.colGrade'), weight: 2.5, align: 'center' },
				{ header: text.t('docx.colVetoReasons'), weight: 6 }
			],
			rows: r.rows.map((row) => [
				row.rank === null ? '—' : String(row.rank),
				cleanLine(row.name),
				scoreInTable(row, scoring, text),
				cleanLine(text.local(row.gradeTitle)),
				row.vetoed ? reasons(row.vetoReasons, text) : ''
			])
		});
	if (r.unfinished.length > 0) {
		const names = r.unfinished.map((u) => text.t('docx.nameWithProgress', { name: cleanLine(u.name), progress: progress(u, text) })).join(listSep(text));
		out.push(p(text.t('docx.rankingUnfinished', { count: String(r.unfinished.length), names })));
	}
	return out;
}

function vetoesAndFailures(report: CampaignReport, text: DocxText): NoticeBlock[] {
	const out: NoticeBlock[] = [{ kind: 'heading1', text: text.t('docx.vetoSection') }];
	if (report.vetoed.length === 0) out.push(p(text.t('docx.vetoNone')));
	else {
		out.push(p(text.t('docx.vetoIntro', { count: String(report.vetoed.length) })));
		report.vetoed.forEach((v, i) =>
			out.push(p(itemNumber(i + 1, text), bold(cleanLine(v.name)), v.vetoReasons.length > 0 ? text.t('docx.vetoReasons', { reasons: reasons(v.vetoReasons, text) }) : text.t('docx.vetoNoReasons')))
		);
	}
	// Units that failed on score alone (below the pass mark) are named too: a 通报 names every 不合格 unit.
	const failed = report.rankings.flatMap((r) => r.rows).filter((r) => !r.passed && !r.vetoed);
	if (failed.length > 0) {
		const names = failed.map((r) => text.t('docx.failedItem', { name: cleanLine(r.name), score: text.score(r.total) })).join(listSep(text));
		out.push(p(text.t('docx.failedIntro', { count: String(failed.length), names })));
	}
	return out;
}

function problem(pr: IndicatorProblem, n: number, text: DocxText): NoticeBlock[] {
	const title = codeTitle(pr.code, text.local(pr.title));
	const section = cleanLine(text.local(pr.sectionTitle));
	const out: NoticeBlock[] = [p(bold(`${itemNumber(n, text)}${title}`), section ? gap(text) + text.t('docx.problemSection', { section }) : '')];
	const names = pr.targets
		.map((x) => (x.lost !== null && x.lost > 0 ? text.t('docx.targetLost', { name: cleanLine(x.name), points: text.score(x.lost) }) : cleanLine(x.name)))
		.join(listSep(text));
	if (pr.targets.length > 0) out.push(p(text.t('docx.problemTargets', { count: String(pr.targets.length), names })));
	for (const x of pr.targets) {
		const note = cleanText(x.note).trim();
		if (note) out.push(p(text.t('docx.problemNote', { name: cleanLine(x.name), note })));
	}
	return out;
}

function problems(report: CampaignReport, text: DocxText): NoticeBlock[] {
	const out: NoticeBlock[] = [{ kind: 'heading1', text: text.t('docx.problemsSection') }];
	if (report.problems.length === 0) out.push(p(text.t('docx.problemsNone')));
	else {
		out.push(p(text.t('docx.problemsIntro', { count: String(report.problems.length) })));
		report.problems.forEach((pr, i) => out.push(...problem(pr, i + 1, text)));
	}
	return out;
}

/**
 * 整改要求: the user's text with {deadline} filled in, or the default wording; the deadline is stated once,
 * in the text when the text names it, else on a line of its own.
 */
function demand(report: CampaignReport, text: DocxText): NoticeBlock[] {
	const { settings } = report;
	const deadline = formatDate(settings.deadline, text);
	const own = cleanText(settings.demand);
	const paragraphs = splitParagraphs(own.split('{deadline}').join(deadline || text.t('docx.deadlineUnset')));
	const out: NoticeBlock[] = [{ kind: 'heading1', text: text.t('docx.demandSection') }];
	if (paragraphs.length > 0) {
		out.push(...paragraphs.map((x) => p(x)));
		if (deadline && !own.includes('{deadline}')) out.push(p(bold(text.t('docx.deadlineLine', { deadline }))));
	} else out.push(p(deadline ? text.t('docx.defaultDemandDeadline', { deadline }) : text.t('docx.defaultDemand')));
	return out;
}

/** Activity words that already end a campaign's name ("…网站评估"): the default title does not repeat them. */
const NAMED_ACTIVITY = /(评估|检查|督查|抽查|监测|测评|考核|考评|普查|核查|巡查)$/;

/** The 通报's default title, for the form's placeholder as for the document. */
export function defaultNoticeTitle(campaignTitle: string, t: (key: string, params: Record<string, string>) => string): string {
	const campaign = cleanLine(campaignTitle);
	return t(NAMED_ACTIVITY.test(campaign) ? 'docx.defaultTitleNamed' : 'docx.defaultTitle', { campaign });
}

function defaultIntro(report: CampaignReport, text: DocxText): string {
	const framework = cleanLine(text.local(report.frameworkTitle));
	const docNo = cleanLine(report.frameworkDocNo ?? '');
	const point = formatDate(report.monitoringPoint, text);
	return text.t(point ? 'docx.defaultIntro' : 'docx.defaultIntroNoPoint', {
		framework: docNo ? text.t('docx.frameworkWithDocNo', { framework, docNo }) : text.t('docx.frameworkName', { framework }),
		point,
		campaign: cleanLine(report.campaignTitle),
		targets: String(report.summary.targets)
	});
}

export function noticeTitle(report: CampaignReport, text: DocxText): string {
	return cleanLine(report.settings.title) || defaultNoticeTitle(report.campaignTitle, text.t);
}

export function campaignNotice(report: CampaignReport, text: DocxText): NoticeBlock[] {
	const { settings } = report;
	const issuer = cleanLine(settings.issuer);
	const date = formatDate(settings.date, text);
	const intro = splitParagraphs(settings.intro);
	const closing = splitParagraphs(settings.closing);

	const out: NoticeBlock[] = [{ kind: 'title', text: noticeTitle(report, text) }];
	const byline = [issuer, date].filter((s) => s !== '').join(text.locale === 'en' ? ', ' : '　');
	if (byline) out.push({ kind: 'subtitle', text: byline });
	// A first line ending in a colon before more text is the addressee (主送机关): set flush left.
	const [first, ...rest] = intro.length > 0 ? intro : [defaultIntro(report, text)];
	const addressee = rest.length > 0 && /[：:]$/.test(first!) && first!.length <= 100;
	out.push({ kind: 'paragraph', runs: [first!], ...(addressee ? { flush: true } : {}) }, ...rest.map((x) => p(x)));
	out.push(...overview(report, text));
	out.push({ kind: 'heading1', text: text.t('docx.rankingSection') });
	if (report.rankings.length === 0) out.push(p(text.t('docx.rankingsNone')));
	report.rankings.forEach((r, i) => out.push(...ranking(r, i + 1, report.scoring, text)));
	out.push(...vetoesAndFailures(report, text));
	out.push(...problems(report, text));
	out.push(...demand(report, text));
	out.push(...(closing.length > 0 ? closing : [text.t('docx.defaultClosing')]).map((x) => p(x)));
	const sign = [issuer, date].filter((s) => s !== '');
	if (sign.length > 0) out.push({ kind: 'signature', lines: sign });
	if (report.quality) out.push({ kind: 'heading1', text: text.t('teamReview.appendix.heading') }, p(text.t('teamReview.agreement.summary', agreementSummaryParams(report.quality))));
	return out;
}
