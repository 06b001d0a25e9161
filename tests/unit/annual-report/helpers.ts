import { AnnualReport, proposedCells, templateCells, TEMPLATES, type FormatVersion, type ProseNumber, type ReportProposal } from '$lib/domain/annual-report';

export const META = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'test' };
const ids = { campaignId: '00000000-0000-4000-8000-000000000001', targetId: '00000000-0000-4000-8000-000000000002' };

let n = 10;
export function report(year: number, fields: Partial<Pick<AnnualReport, 'cells' | 'prose' | 'parts' | 'publishedOn'>> = {}, format?: FormatVersion): AnnualReport {
	n++;
	return AnnualReport.parse({
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		...ids,
		year,
		format: format ?? (year >= 2021 ? '2021' : 'pre2019'),
		...fields,
		...META
	});
}

const printed = (format: FormatVersion) => templateCells(TEMPLATES[format]).filter((c) => !c.optional);
const req = (row: string, column: string) => `requests.${row}.${column}`;

export const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'public-interest', 'legal-service', 'other-org'];
export const OUTCOME_ITEMS = printed('2021')
	.filter((c) => c.table === 'requests' && c.column === 'natural' && !['new', 'carried-in', 'outcome-total', 'carried-out'].includes(c.row!))
	.map((c) => c.row!);

/** Every printed cell of a 2021 report, with numbers chosen so that every 勾稽 relation holds. */
export function balancedCells(): Record<string, number> {
	const cells: Record<string, number> = {};
	APPLICANT_COLUMNS.forEach((c, j) => {
		OUTCOME_ITEMS.forEach((r, i) => (cells[req(r, c)] = (i * 7 + j * 3) % 4));
		const outcomes = OUTCOME_ITEMS.reduce((s, r) => s + cells[req(r, c)]!, 0);
		cells[req('outcome-total', c)] = outcomes;
		cells[req('carried-in', c)] = (j % 2) + 1;
		cells[req('carried-out', c)] = j % 3;
		cells[req('new', c)] = outcomes + (j % 3) - ((j % 2) + 1);
	});
	for (const r of ['new', 'carried-in', ...OUTCOME_ITEMS, 'outcome-total', 'carried-out'])
		cells[req(r, 'total')] = APPLICANT_COLUMNS.reduce((s, c) => s + cells[req(r, c)]!, 0);
	['reconsideration', 'suit-direct', 'suit-after'].forEach((g, j) => {
		const parts = { upheld: 1, corrected: j, other: 0, pending: 2 };
		for (const [o, v] of Object.entries(parts)) cells[`review.${g}.${o}`] = v;
		cells[`review.${g}.total`] = 3 + j;
	});
	Object.assign(cells, {
		'proactive.rules.issued': 0,
		'proactive.rules.repealed': 0,
		'proactive.rules.valid': 3,
		'proactive.normative.issued': 5,
		'proactive.normative.repealed': 1,
		'proactive.normative.valid': 25,
		'proactive.licensing.decisions': 12,
		'proactive.penalties.decisions': 3,
		'proactive.coercion.decisions': 0,
		'proactive.fees.amount': 1.25
	});
	return cells;
}

export function balancedReport(): { report: AnnualReport; lastYear: AnnualReport } {
	const cells = balancedCells();
	const prose: ProseNumber[] = [
		{ text: `共收到政府信息公开申请${cells['requests.new.total']}件`, cells: ['requests.new.total'], value: cells['requests.new.total']!, none: false },
		{ text: '行政复议3件', cells: ['review.reconsideration.total'], value: 3, none: false }
	];
	const parts = Object.fromEntries(TEMPLATES['2021'].parts.map((p) => [p.id, true]));
	const lastCells = Object.fromEntries(APPLICANT_COLUMNS.concat('total').map((c) => [req('carried-out', c), cells[req('carried-in', c)]!]));
	return { report: report(2024, { cells, prose, parts, publishedOn: '2025-01-20' }), lastYear: report(2023, { cells: lastCells }) };
}

/** The report a user gets by confirming a text's proposal unchanged. */
export function acceptProposal(proposal: ReportProposal): AnnualReport {
	return report(
		proposal.year!.value,
		{
			...(proposal.publishedOn ? { publishedOn: proposal.publishedOn.value } : {}),
			parts: proposal.parts,
			cells: Object.assign({}, ...proposal.tables.map(proposedCells), Object.fromEntries(proposal.cells.map((c) => [c.cell, c.value]))),
			prose: proposal.prose.map((p) => ({ text: p.text, cells: p.cells, value: p.value, none: p.none, at: p.at }))
		},
		proposal.format!
	);
}
