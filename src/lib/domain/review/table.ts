import type { LocalText } from '../common';
import type { Sheet } from '../framework/sheet/types';
import type { AgreementReport } from './report';
import { agreementText, type AgreementText } from './text';
import type { Agreement } from './kappa';

/** The words of the agreement table in the UI language; the figures are `agreementText`'s. */
export interface AgreementTableLabels {
	sheet: string;
	scope: string;
	items: string;
	observed: string;
	kappa: string;
	ci: string;
	weighted: string;
	overall: string;
	byAssessor: string;
	bySection: string;
	byIndicator: string;
	unassigned: string;
	/** One row's scope: a kind (首评人, 栏目, 指标) and a name. */
	scopeRow: (kind: string, name: string) => string;
	text: (t: LocalText) => string;
}

export interface AgreementRow {
	scope: string;
	figures: AgreementText;
	/** The 95% interval, or one "—" where there is none. */
	ci: string;
	/** The linear weighted κ of an indicator graded on an ordered scale; '' elsewhere. */
	weighted: string;
}

/** The rows of the agreement table, the same on screen, in Excel and in CSV: overall, by first grader, section, indicator. */
export function agreementRows(r: AgreementReport, labels: AgreementTableLabels): AgreementRow[] {
	const row = (scope: string, a: Agreement, weighted: Agreement | null = null): AgreementRow => ({ scope, figures: agreementText(a), ci: ciText(agreementText(a)), weighted: weighted ? agreementText(weighted).kappa : '' });
	return [
		row(labels.overall, r.overall),
		...r.byAssessor.map((a) => row(labels.scopeRow(labels.byAssessor, a.assessor || labels.unassigned), a.outcome)),
		...r.bySection.filter((s) => s.outcome.items > 0).map((s) => row(labels.scopeRow(labels.bySection, `${s.code} ${labels.text(s.title)}`), s.outcome)),
		...r.byIndicator.filter((i) => i.outcome.items > 0).map((i) => row(labels.scopeRow(labels.byIndicator, `${i.code} ${labels.text(i.title)}`), i.outcome, i.ordered?.linear ?? null))
	];
}

/** The agreement table as one sheet (Excel or CSV): every cell the text the screen shows. */
export function agreementSheet(r: AgreementReport, labels: AgreementTableLabels): Sheet {
	return {
		name: labels.sheet,
		rows: [
			[labels.scope, labels.items, labels.observed, labels.kappa, labels.ci, labels.weighted],
			...agreementRows(r, labels).map((x) => [x.scope, x.figures.items, x.figures.observed, x.figures.kappa, x.ci, x.weighted])
		]
	};
}

function ciText(x: AgreementText): string {
	return x.ciLow === '—' && x.ciHigh === '—' ? '—' : `${x.ciLow}–${x.ciHigh}`;
}
