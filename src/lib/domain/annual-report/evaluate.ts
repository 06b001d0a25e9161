import { TEMPLATES } from './format';
import { cleanSum, numberText } from './numbers';
import { RULES_2021 } from './rules-2021';
import { RULES_PRE2019 } from './rules-pre2019';
import { isEquation, ruleCells, type DeadlineRule, type EquationRule, type EquationSide, type NonNegativeRule, type ProseRule, type Rule, type RuleKind, type YearOverYearRule } from './rules';
import type { AnnualReport, FormatVersion, PublisherKind } from './schema';
import { templateCells, type TemplateCell } from './template';

/**
 * pass; fail (with the evidence); cannotCheck (what it reads is missing, listed); notApplicable (nothing to check:
 * no last year's report, no statement in the text, an optional 小计 the report does not print).
 */
export type RuleStatus = 'pass' | 'fail' | 'cannotCheck' | 'notApplicable';

/** One side of a comparison as the reviewer reads it: "一+二" = "42". */
export interface Side {
	label: string;
	value: number;
	text: string;
}

export interface Comparison {
	left: Side;
	right: Side;
	/** |left − right| and its text, in the numbers' own decimals. */
	difference: number;
	differenceText: string;
	/** Parts a prose report left out, counted as 0. */
	assumedZero: string[];
}

export type RuleDetail =
	| { type: 'comparisons'; comparisons: Comparison[] }
	| { type: 'invalidCells'; cells: { cell: string; value: number; text: string }[] }
	| { type: 'late'; publishedOn: string; deadline: string; daysLate: number };

export interface RuleResult {
	ruleId: string;
	kind: RuleKind;
	formula: string;
	indicator?: string;
	status: RuleStatus;
	/** Cells of this year's report the check read (for prose rules: the cells their statements name); none when not applicable. */
	reads: string[];
	/** What was missing: cell ids, or 'publishedOn', 'publisherKind', 'parts.<id>'. */
	missing: string[];
	/** For a failure, the evidence; for a pass, the comparisons that held (so a check sheet can print them). */
	detail?: RuleDetail;
}

export interface EvaluationInput {
	report: AnnualReport;
	/** Last year's report of the same target, when on file: the year-over-year rules need it. */
	lastYear?: AnnualReport;
	publisherKind?: PublisherKind;
}

export const RULES: Record<FormatVersion, readonly Rule[]> = { '2021': RULES_2021, pre2019: RULES_PRE2019 };

type Checked = Omit<RuleResult, 'ruleId' | 'kind' | 'formula' | 'indicator'>;

const has = (cells: Record<string, number>, id: string) => Object.hasOwn(cells, id);

function side(label: string, values: number[]): Side {
	const value = cleanSum(values);
	return { label, value, text: numberText(value) };
}

function compare(left: Side, right: Side, assumedZero: string[] = []): Comparison {
	const difference = Math.abs(cleanSum([left.value, -right.value]));
	return { left, right, difference, differenceText: numberText(difference), assumedZero };
}

const cellsByFormat = new Map<FormatVersion, Map<string, TemplateCell>>();

/** The template's cells by id, built once per format: the checker runs again on every edit. */
function templateCell(format: FormatVersion): Map<string, TemplateCell> {
	let cells = cellsByFormat.get(format);
	if (!cells) cellsByFormat.set(format, (cells = new Map(templateCells(TEMPLATES[format]).map((c) => [c.id, c]))));
	return cells;
}

function equation(rule: EquationRule, report: AnnualReport): Checked {
	const { cells } = report;
	const reads = [...rule.left.cells, ...rule.right.cells];
	let missing = reads.filter((id) => !has(cells, id));
	let assumedZero: string[] = [];
	if (rule.absentPartsAreZero && missing.length > 0) {
		const leftComplete = rule.left.cells.every((id) => has(cells, id));
		const anyPart = rule.right.cells.some((id) => has(cells, id));
		if (leftComplete && anyPart) {
			assumedZero = missing;
			missing = [];
		}
	}
	if (missing.length > 0) return { status: 'cannotCheck', reads, missing };
	const value = (s: EquationSide) => side(s.label, s.cells.map((id) => cells[id] ?? 0));
	const c = compare(value(rule.left), value(rule.right), assumedZero);
	return { status: c.difference === 0 ? 'pass' : 'fail', reads, missing: [], detail: { type: 'comparisons', comparisons: [c] } };
}

function nonNegative(rule: NonNegativeRule, report: AnnualReport): Checked {
	const template = templateCell(report.format);
	const reads = rule.cells.filter((id) => has(report.cells, id));
	if (reads.length === 0) return { status: 'cannotCheck', reads, missing: [...rule.cells] };
	const invalid = reads
		.map((cell) => ({ cell, value: report.cells[cell]! }))
		.filter(({ cell, value }) => value < 0 || (template.get(cell)?.integer === true && !Number.isInteger(value)))
		.map((c) => ({ ...c, text: numberText(c.value) }));
	return invalid.length > 0 ? { status: 'fail', reads, missing: [], detail: { type: 'invalidCells', cells: invalid } } : { status: 'pass', reads, missing: [] };
}

function prose(rule: ProseRule, report: AnnualReport): Checked {
	const statements = report.prose.filter((p) => p.none === (rule.kind === 'statedNone'));
	const reads = [...new Set(statements.flatMap((p) => p.cells))];
	if (statements.length === 0) return { status: 'notApplicable', reads, missing: [] };
	const template = templateCell(report.format);
	const missing = new Set<string>();
	const failures: Comparison[] = [];
	const held: Comparison[] = [];
	for (const p of statements) {
		const absent = p.cells.filter((id) => !has(report.cells, id));
		const present = p.cells.filter((id) => has(report.cells, id));
		const stated = side(p.text, [p.value]);
		const table = side(p.cells.map((id) => template.get(id)?.short ?? id).join('+'), present.map((id) => report.cells[id]!));
		// "未收到" against numbers already above 0 is a contradiction even if another cell it covers is blank.
		if (absent.length > 0 && !(rule.kind === 'statedNone' && table.value > 0)) {
			for (const id of absent) missing.add(id);
			continue;
		}
		const c = compare(stated, table);
		(c.difference === 0 ? held : failures).push(c);
	}
	if (failures.length > 0) return { status: 'fail', reads, missing: [...missing], detail: { type: 'comparisons', comparisons: failures } };
	if (missing.size > 0) return { status: 'cannotCheck', reads, missing: [...missing] };
	return { status: 'pass', reads, missing: [], detail: { type: 'comparisons', comparisons: held } };
}

function yearOverYear(rule: YearOverYearRule, report: AnnualReport, lastYear: AnnualReport | undefined): Checked {
	const reads = [...rule.thisYear.cells];
	if (!lastYear || lastYear.year !== report.year - 1 || lastYear.format !== report.format) return { status: 'notApplicable', reads: [], missing: [] };
	const missing = [...rule.lastYear.cells.filter((id) => !has(lastYear.cells, id)).map((id) => `lastYear.${id}`), ...reads.filter((id) => !has(report.cells, id))];
	if (missing.length > 0) return { status: 'cannotCheck', reads, missing };
	const c = compare(side(rule.lastYear.label, rule.lastYear.cells.map((id) => lastYear.cells[id]!)), side(rule.thisYear.label, reads.map((id) => report.cells[id]!)));
	return { status: c.difference === 0 ? 'pass' : 'fail', reads, missing: [], detail: { type: 'comparisons', comparisons: [c] } };
}

function dayNumber(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return Date.UTC(y, m - 1, d) / 86_400_000;
}

function deadline(rule: DeadlineRule, report: AnnualReport, kind: PublisherKind | undefined): Checked {
	const byKind = kind ? rule.deadline[kind] : undefined;
	// Both kinds share a date (pre-2019): the publisher's kind is not needed.
	const date = byKind ?? (rule.deadline.department === rule.deadline.government ? rule.deadline.department : undefined);
	const missing = [...(report.publishedOn ? [] : ['publishedOn']), ...(date ? [] : ['publisherKind'])];
	if (missing.length > 0 || !report.publishedOn || !date) return { status: 'cannotCheck', reads: [], missing };
	const due = `${report.year + 1}-${date}`;
	const daysLate = dayNumber(report.publishedOn) - dayNumber(due);
	return daysLate > 0 ? { status: 'fail', reads: [], missing: [], detail: { type: 'late', publishedOn: report.publishedOn, deadline: due, daysLate } } : { status: 'pass', reads: [], missing: [] };
}

function evaluateRule(rule: Rule, input: EvaluationInput): Checked {
	const { report } = input;
	// A rule on a 小计 the report does not print (all its optional cells blank) has nothing to check.
	const template = templateCell(report.format);
	const readOptional = ruleCells(rule).filter((id) => template.get(id)?.optional);
	if (rule.kind !== 'nonNegative' && readOptional.length > 0 && readOptional.every((id) => !has(report.cells, id))) return { status: 'notApplicable', reads: [], missing: [] };
	if (isEquation(rule)) return equation(rule, report);
	switch (rule.kind) {
		case 'nonNegative':
			return nonNegative(rule, report);
		case 'prose':
		case 'statedNone':
			return prose(rule, report);
		case 'yearOverYear':
			return yearOverYear(rule, report, input.lastYear);
		case 'deadline':
			return deadline(rule, report, input.publisherKind);
		case 'part': {
			const present = report.parts[rule.part];
			if (present === undefined) return { status: 'cannotCheck', reads: [], missing: [`parts.${rule.part}`] };
			return { status: present ? 'pass' : 'fail', reads: [], missing: [] };
		}
	}
}

/** Every rule of the report's format, in the rule set's order. Pure: the same input gives the same results. */
export function evaluateReport(input: EvaluationInput): RuleResult[] {
	return RULES[input.report.format].map((rule) => ({
		ruleId: rule.id,
		kind: rule.kind,
		formula: rule.formula,
		...(rule.indicator ? { indicator: rule.indicator } : {}),
		...evaluateRule(rule, input)
	}));
}
