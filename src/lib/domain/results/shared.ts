import type { LocalText } from '../common';
import type { Finding } from '../finding';
import type { Framework } from '../framework/schema';

/** Chinese collation for names (pinyin order), the same as the results table uses. */
const zhCollator = new Intl.Collator('zh-CN');
export const compareZh = (a: string, b: string): number => zhCollator.compare(a, b);

/** Indicator codes in natural order: "2.9" before "2.10". */
const codeCollator = new Intl.Collator('zh-CN', { numeric: true });
export const compareCode = (a: string, b: string): number => codeCollator.compare(a, b);

/** Findings grouped by target, keeping their order. */
export function groupByTarget(findings: readonly Finding[]): Map<string, Finding[]> {
	const out = new Map<string, Finding[]>();
	for (const f of findings) {
		const list = out.get(f.targetId);
		if (list) list.push(f);
		else out.set(f.targetId, [f]);
	}
	return out;
}

/** One target's findings: the campaign state's own lookup, or `findingsOf` over a flat list. */
export type FindingsOf = (targetId: string) => readonly Finding[];

/**
 * A lookup of each target's findings. A flat list is grouped once; a lookup is used as it is, so the results
 * page does not copy a province's quarter of a million findings into one array to have them grouped again.
 */
export function findingsOf(findings: readonly Finding[] | FindingsOf): FindingsOf {
	if (typeof findings === 'function') return findings;
	const grouped = groupByTarget(findings);
	return (targetId) => grouped.get(targetId) ?? [];
}

/** One finding per indicator; the last one wins, as in `scoreTarget`. */
export function byIndicator(findings: Finding[]): Map<string, Finding> {
	return new Map(findings.map((f) => [f.indicatorId, f]));
}

/** A category's title, or its id when the framework does not know it. */
export function categoryTitle(fw: Pick<Framework, 'categories'>, categoryId: string): LocalText {
	return fw.categories.find((c) => c.id === categoryId)?.title ?? { zh: categoryId };
}
