/**
 * The export and import jobs behind the buttons of the results, report and framework screens. Components
 * only call these; the Excel, CSV, Word and zip code loads with `import()` when a job runs.
 */
import type { Clock } from '$lib/domain/clock';
import type { Framework } from '$lib/domain/framework/schema';
import type { SheetImportOptions, SheetProblem } from '$lib/domain/framework/sheet';
import type { CampaignReport, ReportScreenshot, TargetReport, TableLabels } from '$lib/domain/results';
import { lossesScaled } from '$lib/domain/scoring';
import { formatScore, i18n, t, text, tKey } from '$lib/i18n/index.svelte';
import type { DocxText } from '$lib/io/report-docx';
import type { EmbeddableImage } from '$lib/io/image';
import type { SheetFormat } from '$lib/io/download-sheets';
import type { CampaignState } from './campaign.svelte';
import { ShownError } from './job.svelte';
import { toUserError } from './errors';
import { AppError } from '$lib/domain/errors';

/** What the Word documents need from the UI: messages, framework text and how a score is written. */
export function docxText(score: (n: number | null) => string): DocxText {
	return { t: (k: string, p?: Record<string, unknown>) => tKey(k, (p ?? {}) as Record<string, string | number>), local: text, score, locale: i18n.locale };
}

// ---------------------------------------------------------------------------------------------------------
// Results tables

/** Sheet names, headers and words of the results tables in the UI language; `lossesScaled`: points lost are 折算后. */
export function resultsTableLabels(lossesScaled = false): TableLabels {
	return {
		locale: i18n.locale === 'en' ? 'en' : 'zh',
		separator: t('table.separator'),
		yes: t('table.yes'),
		no: t('table.no'),
		outcomes: { pass: t('outcome.pass'), fail: t('outcome.fail'), partial: t('outcome.partial'), na: t('outcome.na'), ungraded: t('table.ungraded'), unearned: t('outcome.bonusNone') },
		status: { complete: t('status.complete'), inProgress: t('status.inProgress'), unstarted: t('status.unstarted') },
		scores: {
			sheet: t('table.scoresSheet'),
			index: t('results.order'),
			category: t('target.category'),
			name: t('target.name'),
			url: t('target.url'),
			ownerUnit: t('target.ownerUnit'),
			score: t('results.score'),
			grade: t('results.grade'),
			status: t('status.column'),
			rank: t('table.rankInCategory'),
			vetoed: t('table.vetoed'),
			vetoReasons: t('table.vetoReasons'),
			graded: t('results.graded'),
			applicable: t('table.applicable')
		},
		findings: {
			sheet: t('table.findingsSheet'),
			target: t('table.target'),
			category: t('target.category'),
			code: t('editor.code'),
			indicator: t('results.indicator'),
			block: t('score.section'),
			outcome: t('indicator.outcome'),
			deductions: t('indicator.deductions'),
			lost: t(lossesScaled ? 'report.lostScaled' : 'report.lost'),
			note: t('indicator.note'),
			evidence: t('indicator.evidence'),
			assessor: t('campaign.assessor'),
			updatedAt: t('table.updatedAt')
		}
	};
}

/** What an export must wait for: the campaign's writes under way (see `CampaignState.settleWrites`). */
export interface WriteSource {
	settleWrites(): Promise<number>;
}

/**
 * An export is a record of what is stored: after the writes under way have committed, a value still not stored
 * (a failed write) refuses it, rather than putting a number in a file that a reload would not show.
 */
export async function refuseUnsaved(source: WriteSource): Promise<void> {
	const count = await source.settleWrites();
	if (count > 0) throw new ShownError({ key: 'export.unsaved', params: { count }, detail: [] });
}

export type ResultsExportKind = 'xlsx' | 'scores' | 'findings';

/** Excel (both sheets) or one sheet as CSV: real cells (numbers as numbers), headers in the UI language. */
export async function exportResults(campaign: CampaignState, kind: ResultsExportKind): Promise<void> {
	await refuseUnsaved(campaign);
	const c = campaign.campaign!;
	const evidence = await campaign.evidenceOf(campaign.targets.map((x) => x.id));
	if (!evidence) throw new ShownError(campaign.failure ?? { key: 'report.exportFailed', params: {}, detail: [] });
	const [{ resultsSheets }, { downloadSheets }, { provisionalScoresText, provisionalValues }] = await Promise.all([
		import('$lib/domain/results'),
		import('$lib/io/download-sheets'),
		import('$lib/domain/framework')
	]);
	const findings = campaign.targets.flatMap((x) => campaign.findingsOf(x.id));
	const labels = resultsTableLabels(lossesScaled(c.framework));
	const note = provisionalScoresText(provisionalValues(c.framework).length, (k, p) => tKey(k, (p ?? {}) as Record<string, string | number>));
	const [scores, details] = resultsSheets(c.framework, [...campaign.targets], campaign.scores, findings, [...evidence.values()].flat(), labels, note);
	if (kind === 'xlsx') await downloadSheets([scores!, details!], 'xlsx', c.title);
	else {
		const sheet = kind === 'scores' ? scores! : details!;
		await downloadSheets([sheet], 'csv', `${c.title}-${sheet.name}`);
	}
}

// ---------------------------------------------------------------------------------------------------------
// Word reports

/** Screenshots as Word embeds them (the campaign state reads them one target at a time), and its writes. */
export interface ImageSource extends WriteSource {
	embeddableImages(shots: ReportScreenshot[]): Promise<Map<string, EmbeddableImage>>;
}

export type ReportDocxJob = { kind: 'campaign'; report: CampaignReport } | { kind: 'target'; report: TargetReport } | { kind: 'targets'; reports: () => Promise<TargetReport[] | null> };

/** The campaign 通报, one target's report, or a zip with one report per target. */
export async function exportReportDocx(job: ReportDocxJob, images: ImageSource, decimals: number): Promise<void> {
	await refuseUnsaved(images);
	const [docx, { downloadBlob, safeFileName }] = await Promise.all([import('$lib/io/report-docx'), import('$lib/io/download')]);
	const words = docxText((n) => formatScore(n, decimals));
	if (job.kind === 'campaign') {
		const r = job.report;
		downloadBlob(await docx.toDocxBlob(docx.campaignReportDocument(r, words)), safeFileName(`${r.settings.title || r.campaignTitle}.docx`));
	} else if (job.kind === 'target') {
		const r = job.report;
		const shots = await images.embeddableImages(r.problems.flatMap((p) => p.screenshots));
		downloadBlob(await docx.toDocxBlob(docx.targetReportDocument(r, words, shots)), safeFileName(`${r.target.name}.docx`));
	} else {
		const list = await job.reports();
		if (!list) throw new Error('no reports');
		const { numberedFileName, zipFiles } = await import('$lib/io/zip');
		// One target at a time: all screenshots of a large campaign at once would not fit in memory.
		const files = [];
		for (const [i, r] of list.entries()) {
			const shots = await images.embeddableImages(r.problems.flatMap((p) => p.screenshots));
			files.push({ name: numberedFileName(i, list.length, r.target.name, '.docx'), data: await docx.toDocxBytes(docx.targetReportDocument(r, words, shots)) });
		}
		downloadBlob(await zipFiles(files), safeFileName(`${t('report.zipName')}.zip`));
	}
}

// ---------------------------------------------------------------------------------------------------------
// Frameworks

export type FrameworkExportKind = 'json' | SheetFormat;

/** A framework as JSON (stamped with the export time), Excel (every sheet) or CSV (the indicator sheet). */
export async function exportFramework(framework: Framework, kind: FrameworkExportKind, clock: Clock): Promise<void> {
	const base = `${framework.id}-v${framework.version}`;
	if (kind === 'json') {
		const [{ frameworkToJson }, { downloadBlob }] = await Promise.all([import('$lib/domain/framework'), import('$lib/io/download')]);
		downloadBlob(new Blob([frameworkToJson(framework, clock.now().toISOString())], { type: 'application/json' }), `${base}.json`);
		return;
	}
	const [{ frameworkToSheets }, { downloadSheets }] = await Promise.all([import('$lib/domain/framework/sheet'), import('$lib/io/download-sheets')]);
	await downloadSheets(frameworkToSheets(framework), kind, base);
}

/** The empty Excel template for writing a framework by hand. */
export async function downloadFrameworkTemplate(): Promise<void> {
	const [{ templateSheets }, { downloadSheets }] = await Promise.all([import('$lib/domain/framework/sheet'), import('$lib/io/download-sheets')]);
	await downloadSheets(templateSheets(), 'xlsx', t('import.templateFile'));
}

const MB = 1024 * 1024;

export type FrameworkFileResult = { framework: Framework } | { problems: SheetProblem[] };

/**
 * A framework read from a .json, .xlsx or .csv file, or the problems that refuse it (never a rejection): an
 * unreadable file becomes one problem naming why. CSV holds only the indicator sheet; the rest comes from
 * `options.base`.
 */
export async function readFrameworkFile(file: File, options: SheetImportOptions): Promise<FrameworkFileResult> {
	try {
		const ext = file.name.toLowerCase().split('.').pop();
		if (ext === 'json') {
			const [{ parseFrameworkJson }, { readFileAsText }] = await Promise.all([import('$lib/domain/framework'), import('$lib/io/read-file')]);
			const r = parseFrameworkJson(await readFileAsText(file), file.name);
			return r.ok ? { framework: r.framework } : { problems: r.problems };
		}
		if (ext === 'xlsx') {
			const [{ readXlsxSheets }, { sheetsToFramework }] = await Promise.all([import('$lib/io/xlsx'), import('$lib/domain/framework/sheet')]);
			const r = sheetsToFramework(await readXlsxSheets(file), { now: options.now, user: options.user });
			return r.ok ? { framework: r.framework } : { problems: r.problems };
		}
		if (ext === 'csv') {
			// Excel on Chinese Windows saves CSV as GB18030; readFileAsText falls back to it when the bytes are not UTF-8.
			const [{ parseCsv }, { sheetsToFramework }, { readFileAsText }] = await Promise.all([import('$lib/io/csv'), import('$lib/domain/framework/sheet'), import('$lib/io/read-file')]);
			const r = sheetsToFramework([parseCsv(await readFileAsText(file))], options);
			return r.ok ? { framework: r.framework } : { problems: r.problems };
		}
		return { problems: [{ sheet: file.name, code: 'import.wrongType', params: { name: file.name } }] };
	} catch (e) {
		// An io error names what went wrong (.xls, damaged file, unclosed CSV quote) and where; anything else is unexpected.
		const { key } = toUserError(e, { fallback: 'import.unreadable' });
		const { row, size, limit } = e instanceof AppError ? e.details : {};
		if (key === 'io.error.too-large' && size !== undefined && limit !== undefined) {
			return { problems: [{ sheet: file.name, code: 'import.tooLarge', params: { name: file.name, size: size / MB, limit: limit / MB } }] };
		}
		return { problems: [{ sheet: file.name, ...(row !== undefined ? { row } : {}), code: key, params: { name: file.name } }] };
	}
}
