import type { RuleResult } from './evaluate';
import { RULES_2021 } from './rules-2021';
import type { FormatVersion } from './schema';

/**
 * Which indicator of the built-in annual-report framework (cn-annual-report-2021) each rule decides, as data.
 *
 * 2021 format: the rule sets name the indicator of every table and part rule (`indicator`); the rest land on the
 * closest one — a table's negative or fractional count on the part that presents the table; the prose statements
 * (Part 1's account of requests and of 复议/诉讼) on part-overview, whose text they contradict; last year's 四 ≠ this
 * year's 二 on the balance, the relation that carries the numbers from one year into the next.
 *
 * Pre-2019 reports (the 2008 条例) map only what applies: the framework has no indicator of their own prose format.
 * Their litigation total (Fenyang 2018: 10 ≠ 2 + 8 + 1) and "未收到" under 行政复议和诉讼 land on
 * part-review-litigation, the part reporting 复议 and 诉讼 (table 四's group checks are per 2021 column group, which
 * a prose total cannot be split into); two statements of one number that disagree on part-overview; the publication
 * deadline (31 March under the 2008 条例 第三十一条) on published-by-jan-31, the indicator of publishing on time.
 * Their numbers' sign and whole-ness check (`non-negative`) decides nothing: it reads numbers the text states, which
 * are never negative.
 */
const RULES_2021_INDICATORS: Record<string, string> = Object.fromEntries(RULES_2021.flatMap((r) => (r.indicator ? [[r.id, r.indicator]] : [])));
const YEAR_OVER_YEAR_2021 = Object.fromEntries(RULES_2021.filter((r) => r.kind === 'yearOverYear').map((r) => [r.id, 'b-check-balance']));

export const RULE_INDICATORS: Record<FormatVersion, Readonly<Record<string, string>>> = {
	'2021': {
		...RULES_2021_INDICATORS,
		'proactive.non-negative': 'part-proactive',
		'requests.non-negative': 'part-requests',
		'review.non-negative': 'part-review-litigation',
		prose: 'part-overview',
		'stated-none': 'part-overview',
		...YEAR_OVER_YEAR_2021
	},
	pre2019: {
		'litigation.total': 'part-review-litigation',
		'stated-none': 'part-review-litigation',
		prose: 'part-overview',
		deadline: 'published-by-jan-31'
	}
};

/** The checker's word on one indicator: 不符合 when a rule of it failed, 符合 when every one it could check passed. */
export interface IndicatorProposal {
	indicatorId: string;
	/** null: nothing of it could be checked, or a rule could not be checked and none failed — left to the assessor. */
	outcome: 'pass' | 'fail' | null;
	/** Its rules' results, in the rule set's order. */
	results: RuleResult[];
}

export interface Proposals {
	/** In the order of the rules that decide them. */
	proposals: IndicatorProposal[];
	/** Failed rules whose indicator the campaign's framework does not have (a framework of one's own). */
	unplaced: RuleResult[];
}

function outcomeOf(results: readonly RuleResult[]): IndicatorProposal['outcome'] {
	if (results.some((r) => r.status === 'fail')) return 'fail';
	if (results.some((r) => r.status === 'cannotCheck')) return null;
	return results.some((r) => r.status === 'pass') ? 'pass' : null;
}

/** From a report's evaluation, what each mapped indicator of the campaign's framework should say. Pure. */
export function proposeFindings(format: FormatVersion, results: readonly RuleResult[], indicators: ReadonlySet<string>): Proposals {
	const byIndicator = new Map<string, RuleResult[]>();
	const unplaced: RuleResult[] = [];
	for (const r of results) {
		const map = RULE_INDICATORS[format];
		const indicatorId = Object.hasOwn(map, r.ruleId) ? map[r.ruleId] : undefined;
		if (indicatorId && indicators.has(indicatorId)) byIndicator.set(indicatorId, [...(byIndicator.get(indicatorId) ?? []), r]);
		else if (r.status === 'fail') unplaced.push(r);
	}
	return { proposals: [...byIndicator].map(([indicatorId, rs]) => ({ indicatorId, outcome: outcomeOf(rs), results: rs })), unplaced };
}
