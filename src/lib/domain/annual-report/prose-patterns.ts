import type { FormatVersion } from './schema';

/**
 * How reports word their numbers, as data. Tried in order; a later pattern never reads text an earlier one took,
 * so the specific wording ("复议后被行政诉讼案件2件") goes before the general ("行政诉讼…件"). `(\d…)` captures the number;
 * `none` patterns state that there were none. `section`: only inside that part of the report.
 */
export interface ProsePattern {
	pattern: string;
	cells: readonly string[];
	/** 'cell': the number fills a cell (pre-2019 reports have no tables); 'prose': it is checked against the tables. */
	target: 'cell' | 'prose';
	none?: boolean;
	section?: string;
}

const N = '(\\d{1,3}(?:,\\d{3})+|\\d+)';
const GAP = '[^。；;\\d\\n]';

const SUITS_2021 = ['review.suit-direct.total', 'review.suit-after.total'];

export const PROSE_PATTERNS: Record<FormatVersion, readonly ProsePattern[]> = {
	'2021': [
		{ pattern: `(?:未|没有)(?:收到|受理)${GAP}{0,20}?申请`, cells: ['requests.new.total'], target: 'prose', none: true },
		{ pattern: `(?:收到|受理|新收)${GAP}{0,20}?申请${GAP}{0,4}?${N}\\s*(?:件|条|个)`, cells: ['requests.new.total'], target: 'prose' },
		{
			pattern: `(?:未|没有)(?:发生|收到|出现)${GAP}{0,20}?行政复议[、和及与]行政诉讼`,
			cells: ['review.reconsideration.total', ...SUITS_2021],
			target: 'prose',
			none: true
		},
		{ pattern: `(?:未|没有)(?:发生|收到|出现)${GAP}{0,20}?行政复议`, cells: ['review.reconsideration.total'], target: 'prose', none: true },
		{ pattern: `(?:未|没有)(?:发生|收到|出现)${GAP}{0,24}?行政诉讼`, cells: SUITS_2021, target: 'prose', none: true },
		{ pattern: `行政复议(?:案件|申请)?(?:共)?${N}\\s*(?:件|起)`, cells: ['review.reconsideration.total'], target: 'prose' },
		{ pattern: `行政诉讼(?:案件)?(?:共)?${N}\\s*(?:件|起)`, cells: SUITS_2021, target: 'prose' }
	],
	pre2019: [
		{ pattern: `(?:未|没有)(?:收到|受理)${GAP}{0,20}?申请`, cells: ['requests.received'], target: 'prose', none: true },
		{ pattern: `(?:未|没有)(?:收到|发生)`, cells: ['review.total', 'litigation.total'], target: 'prose', none: true, section: 'review' },
		{ pattern: `(?:无|未)收(?:取)?费`, cells: ['fees.charged'], target: 'prose', none: true },
		{ pattern: `(?:收到|受理)${GAP}{0,15}?申请${GAP}{0,4}?${N}\\s*(?:件|条)`, cells: ['requests.received'], target: 'cell' },
		{ pattern: `处理依申请公开${GAP}{0,4}?${N}\\s*(?:件|条)`, cells: ['requests.answered'], target: 'cell' },
		{ pattern: `收费(?:金额)?${GAP}{0,6}?${N}\\s*元`, cells: ['fees.charged'], target: 'cell' },
		{ pattern: `复议后(?:被)?(?:提起)?(?:行政)?诉讼(?:案件)?${N}件`, cells: ['litigation.after-review'], target: 'cell' },
		{ pattern: `(?:行政)?应诉案件${N}件`, cells: ['litigation.total'], target: 'cell' },
		{ pattern: `行政诉讼(?:案件)?${N}件`, cells: ['litigation.total'], target: 'cell' },
		{ pattern: `(?:驳回|维持)${GAP}{0,8}?${N}件`, cells: ['litigation.upheld'], target: 'cell' },
		{ pattern: `(?:未审理完结|尚未审结|未审结)(?:案件)?${N}件`, cells: ['litigation.pending'], target: 'cell' },
		{ pattern: `撤诉${N}件`, cells: ['litigation.other'], target: 'cell' },
		{ pattern: `纠正${GAP}{0,6}?${N}件`, cells: ['litigation.corrected'], target: 'cell' },
		{ pattern: `行政复议(?:案件)?${N}件`, cells: ['review.total'], target: 'cell' }
	]
};
