import { TEMPLATES } from './format';
import type { NoteMarks } from './apply';
import { RULES, type RuleResult } from './evaluate';
import type { IndicatorProposal } from './findings';
import type { FormatVersion } from './schema';
import { templateCells } from './template';

/**
 * The words of a rule's result, written once for every place that shows it: the screen, a finding's note, the check
 * sheet (Word, Excel) and the campaign table. The message function comes from the caller (domain/ has no i18n).
 */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const names = new Map<FormatVersion, Map<string, string>>();

/** How a reviewer names a cell ("一（自然人）", "行政诉讼"), or a missing piece of the report (publication date, a part). */
export function cellName(format: FormatVersion, id: string, t: Translate): string {
	let byId = names.get(format);
	if (!byId) names.set(format, (byId = new Map(templateCells(TEMPLATES[format]).map((c) => [c.id, c.short]))));
	if (id === 'publishedOn' || id === 'publisherKind') return t(`annualReport.field.${id}`);
	if (id.startsWith('parts.')) return TEMPLATES[format].parts.find((p) => `parts.${p.id}` === id)?.label ?? id;
	if (id.startsWith('lastYear.')) return t('annualReport.field.lastYear', { cell: cellName(format, id.slice('lastYear.'.length), t) });
	return byId.get(id) ?? id;
}

const list = (format: FormatVersion, ids: readonly string[], t: Translate) => ids.map((id) => cellName(format, id, t)).join(t('list.enum'));

/** The evidence of one result: both sides and the difference, the invalid cells, the delay, what is missing; '' when none. */
export function resultEvidence(result: RuleResult, format: FormatVersion, t: Translate): string {
	const { detail } = result;
	if (result.status === 'cannotCheck') return t('annualReport.missing', { cells: list(format, result.missing, t) });
	const rule = RULES[format].find((r) => r.id === result.ruleId);
	if (result.status === 'fail' && rule?.kind === 'part') return t('annualReport.partMissing', { part: cellName(format, `parts.${rule.part}`, t) });
	if (!detail) return '';
	if (detail.type === 'late') return t('annualReport.late', { publishedOn: detail.publishedOn, deadline: detail.deadline, days: detail.daysLate });
	if (detail.type === 'invalidCells') return detail.cells.map((c) => t('annualReport.invalidCell', { cell: cellName(format, c.cell, t), value: c.text })).join('');
	return detail.comparisons
		.map((c) => {
			const text = t('annualReport.comparison', { left: c.left.label, leftValue: c.left.text, right: c.right.label, rightValue: c.right.text, difference: c.differenceText });
			return c.assumedZero.length > 0 ? t('annualReport.withAssumed', { comparison: text, assumed: t('annualReport.assumedZero', { cells: list(format, c.assumedZero, t) }) }) : text;
		})
		.join(t('annualReport.evidenceSeparator'));
}

/** A failed rule as one line of a note: "勾稽关系：一 + 二 = 三 + 四（自然人） 不成立：一+二 = 42，三+四 = 41，相差 1". */
export function failureLine(result: RuleResult, format: FormatVersion, t: Translate): string {
	return t('annualReport.failureLine', { kind: t(`annualReport.kind.${result.kind}`), formula: result.formula, evidence: resultEvidence(result, format, t) });
}

/** A note holds at most this many of the checker's lines: a note is 10,000 characters at most. */
const MAX_LINES = 40;

export function noteMarks(t: Translate): NoteMarks {
	return { block: t('annualReport.findings.mark'), override: t('annualReport.findings.overrideMark') };
}

export function findingHeader(year: number, outcome: 'pass' | 'fail', t: Translate): string {
	return t('annualReport.findings.header', { mark: t('annualReport.findings.mark'), year, outcome: t(`outcome.${outcome}`) });
}

type ProposedOutcome = IndicatorProposal & { outcome: 'pass' | 'fail' };

/** The checker's block of a finding's note: the header, then one line per failed rule (or how many passed). */
export function findingBlock(proposal: ProposedOutcome, year: number, format: FormatVersion, t: Translate): string[] {
	const failed = proposal.results.filter((r) => r.status === 'fail');
	const lines =
		proposal.outcome === 'fail'
			? failed.slice(0, MAX_LINES).map((r) => failureLine(r, format, t))
			: [t('annualReport.findings.allPassed', { count: proposal.results.filter((r) => r.status === 'pass').length })];
	if (failed.length > MAX_LINES) lines.push(t('annualReport.findings.more', { count: failed.length - MAX_LINES }));
	return [findingHeader(year, proposal.outcome, t), ...lines];
}

/** The line that keeps the assessor's outcome against the checker's, with their reason. */
export function overrideLine(proposed: 'pass' | 'fail', reason: string, t: Translate): string {
	return t('annualReport.findings.overrideLine', { mark: t('annualReport.findings.overrideMark'), proposed: t(`outcome.${proposed}`), reason: reason.replace(/\s*\n\s*/g, ' ').trim() });
}
