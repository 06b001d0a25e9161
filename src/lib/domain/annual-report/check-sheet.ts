import type { FixedNumber, Sheets } from '../framework/sheet/types';
import { RULES, type RuleResult, type RuleStatus } from './evaluate';
import { TEMPLATES } from './format';
import { numberText } from './numbers';
import type { DeadlineRule } from './rules';
import type { AnnualReport, PublisherKind } from './schema';
import { cellId, rowColumns } from './template';
import { resultEvidence, type Translate } from './text';

/**
 * A report's check sheet (检查单) as text: what was published and when, every rule with its formula, status and
 * computed sides, then the report's numbers. The screen, Word and Excel print these same strings.
 */

export type Publication = 'onTime' | 'late' | 'notFound' | 'unknownKind';

export interface PublicationFact {
	kind: Publication;
	/** "2019-02-25，按期（期限 2019-03-31）" */
	text: string;
}

/** Published on time or late against the format's deadline (条例 第四十九条; 2008 条例 第三十一条), from the deadline rule's result. */
export function publication(report: AnnualReport, results: readonly RuleResult[], publisherKind: PublisherKind | undefined, t: Translate): PublicationFact {
	if (!report.publishedOn) return { kind: 'notFound', text: t('annualReport.sheet.notFound') };
	const rule = RULES[report.format].find((r): r is DeadlineRule => r.kind === 'deadline')!;
	const result = results.find((r) => r.ruleId === rule.id);
	const shared = rule.deadline.department === rule.deadline.government ? rule.deadline.department : undefined;
	const monthDay = publisherKind ? rule.deadline[publisherKind] : shared;
	if (!monthDay || !result || result.status === 'cannotCheck') return { kind: 'unknownKind', text: t('annualReport.sheet.unknownKind', { date: report.publishedOn }) };
	const deadline = `${report.year + 1}-${monthDay}`;
	if (result.detail?.type === 'late') return { kind: 'late', text: t('annualReport.sheet.late', { date: report.publishedOn, deadline, days: result.detail.daysLate }) };
	return { kind: 'onTime', text: t('annualReport.sheet.onTime', { date: report.publishedOn, deadline }) };
}

export interface SheetRule {
	seq: number;
	kind: string;
	formula: string;
	status: RuleStatus;
	statusText: string;
	evidence: string;
}

/** A cell of a report's table: its number as the sheet prints it (a number cell in Excel), or a label. */
export type TableCell = string | FixedNumber;

export interface SheetTable {
	title: string;
	header: string[];
	rows: TableCell[][];
}

/** The text a table cell shows (screen, Word, CSV). */
export const cellText = (c: TableCell): string => (typeof c === 'string' ? c : c.text);

function fixed(value: number): FixedNumber {
	const text = numberText(value);
	const decimals = text.split('.')[1]?.length ?? 0;
	return { value, text, format: decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0' };
}

export interface CheckSheet {
	title: string;
	facts: [label: string, value: string][];
	rules: SheetRule[];
	tables: SheetTable[];
}

export interface CheckSheetInput {
	targetName: string;
	report: AnnualReport;
	results: readonly RuleResult[];
	publisherKind?: PublisherKind;
}

function tables(report: AnnualReport, t: Translate): SheetTable[] {
	const template = TEMPLATES[report.format];
	const value = (id: string): TableCell => (Object.hasOwn(report.cells, id) ? fixed(report.cells[id]!) : '');
	const out: SheetTable[] = template.tables.map((table) => ({
		title: table.label,
		header: [t('annualReport.sheet.item'), ...table.columns.map((c) => c.label)],
		rows: table.rows.map((row) => {
			const own = new Set(rowColumns(table, row).map((c) => c.id));
			return [row.label || table.label, ...table.columns.map((c) => (own.has(c.id) ? value(cellId(table.id, row.id, c.id)) : '—'))];
		})
	}));
	if (template.looseCells?.length)
		out.push({ title: t('annualReport.sheet.statedNumbers'), header: [t('annualReport.sheet.item'), t('annualReport.sheet.value')], rows: template.looseCells.map((c) => [c.label, value(c.id)]) });
	if (report.prose.length > 0)
		out.push({
			title: t('annualReport.sheet.prose'),
			header: [t('annualReport.sheet.proseText'), t('annualReport.sheet.value')],
			rows: report.prose.map((p) => [p.text, p.none ? t('annualReport.sheet.none') : fixed(p.value)])
		});
	return out;
}

export function checkSheet(input: CheckSheetInput, t: Translate): CheckSheet {
	const { report, results } = input;
	const template = TEMPLATES[report.format];
	return {
		title: t('annualReport.sheet.title', { target: input.targetName, year: report.year }),
		facts: [
			[t('annualReport.sheet.target'), input.targetName],
			[t('annualReport.sheet.year'), String(report.year)],
			[t('annualReport.sheet.format'), template.label],
			[t('annualReport.sheet.published'), publication(report, results, input.publisherKind, t).text],
			[t('annualReport.sheet.url'), report.url || '—'],
			[t('annualReport.sheet.counts'), statusCounts(results, t)]
		],
		rules: results.map((r, i) => ({
			seq: i + 1,
			kind: t(`annualReport.kind.${r.kind}`),
			formula: r.formula,
			status: r.status,
			statusText: t(`annualReport.status.${r.status}`),
			evidence: resultEvidence(r, report.format, t)
		})),
		tables: tables(report, t)
	};
}

export function countStatuses(results: readonly RuleResult[]): Record<RuleStatus, number> {
	const counts: Record<RuleStatus, number> = { pass: 0, fail: 0, cannotCheck: 0, notApplicable: 0 };
	for (const r of results) counts[r.status]++;
	return counts;
}

function statusCounts(results: readonly RuleResult[], t: Translate): string {
	return t('annualReport.sheet.countsText', countStatuses(results));
}

/**
 * The check sheet as spreadsheet sheets, each headed by its header row (Excel freezes and bolds it): the rules
 * first (what CSV writes), then the facts, then each table, its title heading the label column.
 */
export function checkSheetSheets(sheet: CheckSheet, t: Translate): Sheets {
	const ruleHeader = [t('annualReport.sheet.seq'), t('annualReport.sheet.kind'), t('annualReport.sheet.formula'), t('annualReport.sheet.status'), t('annualReport.sheet.evidence')];
	return [
		{ name: t('annualReport.sheet.rules'), rows: [ruleHeader, ...sheet.rules.map((r) => [r.seq, r.kind, r.formula, r.statusText, r.evidence])] },
		{ name: t('annualReport.sheet.sheetName'), rows: [[t('annualReport.sheet.item'), sheet.title], ...sheet.facts] },
		...sheet.tables.map((table, i) => ({ name: t('annualReport.sheet.tableSheet', { n: i + 1 }), rows: [[table.title, ...table.header.slice(1)], ...table.rows] }))
	];
}
