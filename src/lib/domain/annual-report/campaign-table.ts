import type { Sheet } from '../framework/sheet/types';
import { countStatuses, publication, type Publication } from './check-sheet';
import type { RuleResult } from './evaluate';
import { cleanSum, numberText } from './numbers';
import type { AnnualReport, FormatVersion, PublisherKind } from './schema';
import type { Translate } from './text';

/**
 * Every target's report of a campaign in one table (issue 17 point 4): published on time or not, rules passed /
 * failed / cannot check, the totals of applications (table 三), and a totals row summing all reports — a city's
 * sum of its departments. The screen, Excel and CSV print these same strings.
 */

/** Table 三's totals, by the cell each format states them in. Pre-2019 reports state only received and answered. */
export const APPLICATION_TOTALS: readonly { id: string; cells: Partial<Record<FormatVersion, string>> }[] = [
	{ id: 'new', cells: { '2021': 'requests.new.total', pre2019: 'requests.received' } },
	{ id: 'carriedIn', cells: { '2021': 'requests.carried-in.total' } },
	{ id: 'outcomes', cells: { '2021': 'requests.outcome-total.total', pre2019: 'requests.answered' } },
	{ id: 'carriedOut', cells: { '2021': 'requests.carried-out.total' } }
];

export interface ReportEntry {
	targetId: string;
	targetName: string;
	/** Absent: no report on file for this target. */
	report?: AnnualReport;
	results?: readonly RuleResult[];
	publisherKind?: PublisherKind;
}

export interface CampaignReportRow {
	targetId: string;
	name: string;
	year: string;
	publication: Publication | null;
	publishedText: string;
	passed: number | null;
	failed: number | null;
	cannotCheck: number | null;
	/** By `APPLICATION_TOTALS` id; null where the report does not state it. */
	totals: Record<string, number | null>;
}

export interface CampaignReportTable {
	rows: CampaignReportRow[];
	/** Sums over the reports on file; each total over the reports that state it. */
	sum: { reports: number; onTime: number; late: number; notFound: number; passed: number; failed: number; cannotCheck: number; totals: Record<string, number | null> };
}

function row(e: ReportEntry, t: Translate): CampaignReportRow {
	const { report, results = [] } = e;
	if (!report) return { targetId: e.targetId, name: e.targetName, year: '', publication: null, publishedText: t('annualReport.table.noReport'), passed: null, failed: null, cannotCheck: null, totals: Object.fromEntries(APPLICATION_TOTALS.map((c) => [c.id, null])) };
	const fact = publication(report, results, e.publisherKind, t);
	const counts = countStatuses(results);
	const totals = Object.fromEntries(
		APPLICATION_TOTALS.map((c) => {
			const cell = c.cells[report.format];
			return [c.id, cell !== undefined && Object.hasOwn(report.cells, cell) ? report.cells[cell]! : null];
		})
	);
	return { targetId: e.targetId, name: e.targetName, year: String(report.year), publication: fact.kind, publishedText: fact.text, passed: counts.pass, failed: counts.fail, cannotCheck: counts.cannotCheck, totals };
}

export function campaignReportTable(entries: readonly ReportEntry[], t: Translate): CampaignReportTable {
	const rows = entries.map((e) => row(e, t));
	const on = rows.filter((r) => r.publication !== null);
	const sumOf = (values: (number | null)[]) => {
		const present = values.filter((v): v is number => v !== null);
		return present.length > 0 ? cleanSum(present) : null;
	};
	return {
		rows,
		sum: {
			reports: on.length,
			onTime: on.filter((r) => r.publication === 'onTime').length,
			late: on.filter((r) => r.publication === 'late').length,
			notFound: on.filter((r) => r.publication === 'notFound').length,
			passed: on.reduce((s, r) => s + r.passed!, 0),
			failed: on.reduce((s, r) => s + r.failed!, 0),
			cannotCheck: on.reduce((s, r) => s + r.cannotCheck!, 0),
			totals: Object.fromEntries(APPLICATION_TOTALS.map((c) => [c.id, sumOf(rows.map((r) => r.totals[c.id] ?? null))]))
		}
	};
}

export interface CommonFailure {
	ruleId: string;
	formula: string;
	/** How many reports failed it. */
	reports: number;
}

/** The rules most reports failed, most first (ties in rule order), for the chart. */
export function commonFailures(entries: readonly ReportEntry[]): CommonFailure[] {
	const byRule = new Map<string, CommonFailure>();
	for (const e of entries)
		for (const r of e.results ?? [])
			if (r.status === 'fail') {
				const hit = byRule.get(r.ruleId) ?? { ruleId: r.ruleId, formula: r.formula, reports: 0 };
				hit.reports++;
				byRule.set(r.ruleId, hit);
			}
	return [...byRule.values()].sort((a, b) => b.reports - a.reports);
}

const text = (n: number | null) => (n === null ? '' : numberText(n));

export function campaignTableHeader(t: Translate): string[] {
	return [
		t('annualReport.sheet.target'),
		t('annualReport.sheet.year'),
		t('annualReport.sheet.published'),
		t('annualReport.table.passed'),
		t('annualReport.table.failed'),
		t('annualReport.table.cannotCheck'),
		...APPLICATION_TOTALS.map((c) => t(`annualReport.table.${c.id}`))
	];
}

/** The table as rows of text, the totals row last: what the screen shows and CSV writes. */
export function campaignTableRows(table: CampaignReportTable, t: Translate): string[][] {
	const { sum } = table;
	return [
		...table.rows.map((r) => [r.name, r.year, r.publishedText, text(r.passed), text(r.failed), text(r.cannotCheck), ...APPLICATION_TOTALS.map((c) => text(r.totals[c.id] ?? null))]),
		[
			t('annualReport.table.sum', { reports: sum.reports }),
			'',
			t('annualReport.table.sumPublished', { onTime: sum.onTime, late: sum.late, notFound: sum.notFound }),
			text(sum.passed),
			text(sum.failed),
			text(sum.cannotCheck),
			...APPLICATION_TOTALS.map((c) => text(sum.totals[c.id] ?? null))
		]
	];
}

/** The table as a sheet: counts and totals as number cells, the same text as `campaignTableRows`. */
export function campaignTableSheet(table: CampaignReportTable, t: Translate): Sheet {
	const rows = campaignTableRows(table, t);
	const numeric = (row: string[]) => row.map((c, i) => (i >= 3 && c !== '' ? Number(c) : c));
	return { name: t('annualReport.table.sheetName'), rows: [campaignTableHeader(t), ...rows.map(numeric)] };
}
