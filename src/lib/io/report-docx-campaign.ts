/** The campaign 通报: overview, rankings per category, vetoes and failures, main problems, rectification demand. */
import type { Document, Paragraph, Table } from 'docx';
import type { BandCount, CampaignReport, CategoryRanking, IndicatorProblem, RankedTarget } from '$lib/domain/results';
import {
	body,
	bold,
	cleanLine,
	cleanText,
	codeTitle,
	dataTable,
	flush,
	formatDate,
	formatNumber,
	formatPercent,
	gap,
	heading1,
	heading2,
	itemNumber,
	listSep,
	reasonSep,
	reportDocument,
	signature,
	spacer,
	splitParagraphs,
	subNumber,
	subtitleParagraph,
	titleParagraph,
	type DocxText
} from './report-docx-common';

type Block = Paragraph | Table;

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

function overview(report: CampaignReport, text: DocxText): Block[] {
	const { summary } = report;
	const out: Block[] = [heading1(text.t('docx.overview'))];
	if (summary.targets === 0) {
		out.push(body(text.t('docx.overviewNone')));
		return out;
	}
	out.push(
		body(
			text.t('docx.overviewText', {
				targets: String(summary.targets),
				passed: String(summary.passed),
				failed: String(summary.targets - summary.passed),
				passRate: formatPercent(summary.passRate)
			})
		)
	);
	if (report.vetoed.length > 0) out.push(body(text.t('docx.overviewVetoed', { count: String(report.vetoed.length) })));
	const bands = summary.bands;
	if (bands.length > 0) {
		out.push(body(text.t('docx.bandTableIntro')));
		out.push(
			dataTable(
				[
					{ header: text.t('docx.colGrade'), weight: 3, align: 'center' },
					{ header: text.t('docx.colRange'), weight: 4, align: 'center' },
					{ header: text.t('docx.colCount'), weight: 2, align: 'center' },
					{ header: text.t('docx.colShare'), weight: 2, align: 'center' }
				],
				bands.map((b) => [bandLabel(b, text), bandRange(b, text), String(b.count), formatPercent(summary.targets > 0 ? b.count / summary.targets : null)])
			),
			spacer()
		);
	}
	return out;
}

function rankingRow(row: RankedTarget, text: DocxText): string[] {
	const name = row.complete ? cleanLine(row.name) : `${cleanLine(row.name)}${gap(text)}${text.t('docx.incomplete')}`;
	return [
		row.rank === null ? '—' : String(row.rank),
		name,
		text.score(row.total),
		cleanLine(text.local(row.gradeTitle)),
		row.vetoed ? reasons(row.vetoReasons, text) : ''
	];
}

function ranking(ranking: CategoryRanking, n: number, text: DocxText): Block[] {
	const category = cleanLine(text.local(ranking.title));
	const out: Block[] = [heading2(`${subNumber(n, text)}${text.t('docx.rankingTitle', { category })}`)];
	if (ranking.rows.length === 0) {
		out.push(body(text.t('docx.rankingEmpty')));
		return out;
	}
	out.push(
		dataTable(
			[
				{ header: text.t('docx.colRank'), weight: 2, align: 'center' },
				{ header: text.t('docx.colName'), weight: 8 },
				{ header: text.t('docx.colScore'), weight: 2.5, align: 'center' },
				{ header: text.t('docx.colGrade'), weight: 2.5, align: 'center' },
				{ header: text.t('docx.colVetoReasons'), weight: 6 }
			],
			ranking.rows.map((r) => rankingRow(r, text))
		),
		spacer()
	);
	return out;
}

function rankings(report: CampaignReport, text: DocxText): Block[] {
	const out: Block[] = [heading1(text.t('docx.rankingSection'))];
	if (report.rankings.length === 0) out.push(body(text.t('docx.rankingsNone')));
	report.rankings.forEach((r, i) => out.push(...ranking(r, i + 1, text)));
	return out;
}

function vetoesAndFailures(report: CampaignReport, text: DocxText): Block[] {
	const out: Block[] = [heading1(text.t('docx.vetoSection'))];
	if (report.vetoed.length === 0) out.push(body(text.t('docx.vetoNone')));
	else {
		out.push(body(text.t('docx.vetoIntro', { count: String(report.vetoed.length) })));
		report.vetoed.forEach((v, i) =>
			out.push(
				body(
					itemNumber(i + 1, text),
					bold(cleanLine(v.name)),
					v.vetoReasons.length > 0 ? text.t('docx.vetoReasons', { reasons: reasons(v.vetoReasons, text) }) : text.t('docx.vetoNoReasons')
				)
			)
		);
	}
	// Units that failed on score alone (below the pass mark) are named too: a 通报 names every 不合格 unit.
	const failed = report.rankings.flatMap((r) => r.rows).filter((r) => !r.passed && !r.vetoed);
	if (failed.length > 0) {
		const names = failed.map((r) => text.t('docx.failedItem', { name: cleanLine(r.name), score: text.score(r.total) })).join(listSep(text));
		out.push(body(text.t('docx.failedIntro', { count: String(failed.length), names })));
	}
	return out;
}

function problem(p: IndicatorProblem, n: number, text: DocxText): Block[] {
	const title = codeTitle(p.code, text.local(p.title));
	const section = cleanLine(text.local(p.sectionTitle));
	const out: Block[] = [body(bold(`${itemNumber(n, text)}${title}`), section ? gap(text) + text.t('docx.problemSection', { section }) : '')];
	const names = p.targets
		.map((x) => (x.lost !== null && x.lost > 0 ? text.t('docx.targetLost', { name: cleanLine(x.name), points: text.score(x.lost) }) : cleanLine(x.name)))
		.join(listSep(text));
	if (p.targets.length > 0) out.push(body(text.t('docx.problemTargets', { count: String(p.targets.length), names })));
	for (const x of p.targets) {
		const note = cleanText(x.note).trim();
		if (note) out.push(body(text.t('docx.problemNote', { name: cleanLine(x.name), note })));
	}
	return out;
}

function problems(report: CampaignReport, text: DocxText): Block[] {
	const out: Block[] = [heading1(text.t('docx.problemsSection'))];
	if (report.problems.length === 0) out.push(body(text.t('docx.problemsNone')));
	else {
		out.push(body(text.t('docx.problemsIntro', { count: String(report.problems.length) })));
		report.problems.forEach((p, i) => out.push(...problem(p, i + 1, text)));
	}
	return out;
}

function demand(report: CampaignReport, text: DocxText): Block[] {
	const { settings } = report;
	const deadline = formatDate(settings.deadline, text);
	const shownDeadline = deadline || text.t('docx.deadlineUnset');
	const own = splitParagraphs(cleanText(settings.demand).split('{deadline}').join(shownDeadline));
	const paragraphs = own.length > 0 ? own : [deadline ? text.t('docx.defaultDemandDeadline', { deadline }) : text.t('docx.defaultDemand')];
	const out: Block[] = [heading1(text.t('docx.demandSection')), ...paragraphs.map((p) => body(p))];
	if (deadline) out.push(body(bold(text.t('docx.deadlineLine', { deadline }))));
	return out;
}

function defaultTitle(report: CampaignReport, text: DocxText): string {
	return text.t('docx.defaultTitle', { campaign: cleanLine(report.campaignTitle) });
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

export function campaignReportDocument(report: CampaignReport, text: DocxText): Document {
	const { settings } = report;
	const title = cleanLine(settings.title) || defaultTitle(report, text);
	const issuer = cleanLine(settings.issuer);
	const date = formatDate(settings.date, text);
	const intro = splitParagraphs(settings.intro);
	const closing = splitParagraphs(settings.closing);

	const children: Block[] = [titleParagraph(title)];
	const byline = [issuer, date].filter((s) => s !== '').join(text.locale === 'en' ? ', ' : '　');
	if (byline) children.push(subtitleParagraph(byline));
	// A first line ending in a colon before more text is the addressee (主送机关): set flush left.
	const [first, ...rest] = intro.length > 0 ? intro : [defaultIntro(report, text)];
	const addressee = rest.length > 0 && /[：:]$/.test(first!) && first!.length <= 100;
	children.push(addressee ? flush(first!) : body(first!), ...rest.map((p) => body(p)));
	children.push(...overview(report, text));
	children.push(...rankings(report, text));
	children.push(...vetoesAndFailures(report, text));
	children.push(...problems(report, text));
	children.push(...demand(report, text));
	children.push(...(closing.length > 0 ? closing : [text.t('docx.defaultClosing')]).map((p) => body(p)));
	children.push(...signature([issuer, date]));

	return reportDocument({ title, description: cleanLine(report.campaignTitle), locale: text.locale, children });
}
