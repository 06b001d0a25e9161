import { roundedText, scoreText } from '../rounding';
import type { Agreement } from './kappa';

/** Decimals of the published agreement figures: κ as 0.40, agreement as a percentage such as 70.0. */
export const AGREEMENT_DECIMALS = { kappa: 2, percent: 1 } as const;

/** The text of each figure, the one that screen, Word, Excel and CSV show ("—" where there is no number); the % sign and labels are the UI's. */
export interface AgreementText {
	items: string;
	observed: string;
	chance: string;
	kappa: string;
	ciLow: string;
	ciHigh: string;
}

export function agreementText(a: Agreement): AgreementText {
	const percent = (p: number | null) => (p === null ? '—' : roundedText(p * 100, AGREEMENT_DECIMALS.percent));
	return {
		items: String(a.items),
		observed: percent(a.observed),
		chance: percent(a.chance),
		kappa: scoreText(a.kappa, AGREEMENT_DECIMALS.kappa),
		ciLow: scoreText(a.ci95?.low ?? null, AGREEMENT_DECIMALS.kappa),
		ciHigh: scoreText(a.ci95?.high ?? null, AGREEMENT_DECIMALS.kappa)
	};
}

/** The parameters of the one-line summary (i18n `teamReview.agreement.summary`): the screen and the 通报's appendix say it alike. */
export function agreementSummaryParams(a: AgreementText): Record<'items' | 'observed' | 'kappa' | 'low' | 'high', string> {
	return { items: a.items, observed: a.observed, kappa: a.kappa, low: a.ciLow, high: a.ciHigh };
}
