import { numberText, templateCells, type ReportTemplate, type RuleResult, type TemplateCell } from '$lib/domain/annual-report';
import { t } from '$lib/i18n/index.svelte';

const cellsByTemplate = new WeakMap<ReportTemplate, Map<string, TemplateCell>>();

/** A cell's short name as a reviewer reads it ("一（自然人）"); the id when the template does not know it. */
export function cellShort(template: ReportTemplate, id: string): string {
	let cells = cellsByTemplate.get(template);
	if (!cells) cellsByTemplate.set(template, (cells = new Map(templateCells(template).map((c) => [c.id, c]))));
	return cells.get(id)?.short ?? id;
}

function missingText(template: ReportTemplate, id: string): string {
	if (id === 'publishedOn') return t('annualReport.missingPublishedOn');
	if (id === 'publisherKind') return t('annualReport.missingPublisherKind');
	if (id.startsWith('parts.')) return t('annualReport.missingPart', { part: template.parts.find((p) => p.id === id.slice(6))?.label ?? id });
	if (id.startsWith('lastYear.')) return t('annualReport.missingLastYear', { cell: cellShort(template, id.slice(9)) });
	return cellShort(template, id);
}

/** What a rule's result says beyond its status: both sides and the difference, what is missing, what is late. */
export function resultLines(result: RuleResult, template: ReportTemplate): string[] {
	const lines: string[] = [];
	const detail = result.detail;
	if (result.status === 'fail' && detail?.type === 'comparisons') {
		for (const c of detail.comparisons) {
			lines.push(t('annualReport.comparison', { left: c.left.label, leftValue: c.left.text, right: c.right.label, rightValue: c.right.text, difference: c.differenceText }));
			if (c.assumedZero.length > 0) lines.push(t('annualReport.assumedZero', { cells: c.assumedZero.map((id) => cellShort(template, id)).join(t('list.separator')) }));
		}
	}
	if (detail?.type === 'invalidCells') for (const c of detail.cells) lines.push(t('annualReport.invalidCell', { cell: cellShort(template, c.cell), value: c.text }));
	if (detail?.type === 'late') lines.push(t('annualReport.late', { publishedOn: detail.publishedOn, deadline: detail.deadline, days: numberText(detail.daysLate) }));
	if (result.status === 'fail' && result.kind === 'part') lines.push(t('annualReport.partMissing', { part: template.parts.find((p) => `part.${p.id}` === result.ruleId)?.label ?? result.ruleId }));
	if (result.missing.length > 0) lines.push(t('annualReport.missing', { cells: result.missing.map((id) => missingText(template, id)).join(t('list.separator')) }));
	return lines;
}

/** The cells a failing rule is about: the invalid ones, or every cell it reads. */
export function failingCells(result: RuleResult): string[] {
	if (result.status !== 'fail') return [];
	return result.detail?.type === 'invalidCells' ? result.detail.cells.map((c) => c.cell) : result.reads;
}
