import type { NaReason } from '$lib/domain/not-applicable';
import { t, text } from '$lib/i18n/index.svelte';

/** Why an indicator does not apply to a target, as the assess screen and the target report say it. */
export function naReasonText(reason: NaReason): string {
	const category = text(reason.category);
	if (reason.responsibleUnits.length === 0) return t('na.category', { category });
	return t('na.responsibleUnits', { category, units: reason.responsibleUnits.join(t('list.enum')) });
}
