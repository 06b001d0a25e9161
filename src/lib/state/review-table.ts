import type { AgreementReport, AgreementTableLabels } from '$lib/domain/review';
import { t, text } from '$lib/i18n/index.svelte';
import type { SheetFormat } from '$lib/io/download-sheets';

/** The agreement table's words in the UI language: the screen and the Excel/CSV export read the same. */
export function agreementLabels(): AgreementTableLabels {
	return {
		sheet: t('teamReview.agreement.sheet'),
		scope: t('teamReview.agreement.scope'),
		items: t('teamReview.agreement.items'),
		observed: t('teamReview.agreement.observed'),
		kappa: t('teamReview.agreement.kappa'),
		ci: t('teamReview.agreement.ci'),
		weighted: t('teamReview.agreement.weighted'),
		overall: t('teamReview.agreement.overall'),
		byAssessor: t('teamReview.agreement.byAssessor'),
		bySection: t('teamReview.agreement.bySection'),
		byIndicator: t('teamReview.agreement.byIndicator'),
		unassigned: t('teamReview.agreement.unassigned'),
		scopeRow: (kind, name) => t('teamReview.agreement.scopeRow', { kind, name }),
		text
	};
}

/** 导出 Excel / CSV of the agreement table; the sheet code loads when someone exports. */
export async function exportAgreement(report: AgreementReport, format: SheetFormat, campaignTitle: string): Promise<void> {
	const [{ agreementSheet }, { downloadSheets }] = await Promise.all([import('$lib/domain/review'), import('$lib/io/download-sheets')]);
	await downloadSheets([agreementSheet(report, agreementLabels())], format, t('teamReview.agreement.file', { campaign: campaignTitle }));
}
