import { cellId, tableCells } from './template';
import { LEGAL_KINDS, OUTCOME_GROUPS, REVIEW_GROUPS, REVIEW_OUTCOMES, TEMPLATE_2021 } from './template-2021';
import { plus, type EquationRule, type Rule } from './rules';

/** The 勾稽 rules of the 2021 format, built once from its template so a label is never typed twice. */

const requests = TEMPLATE_2021.tables.find((t) => t.id === 'requests')!;

const req = (row: string, column: string) => cellId('requests', row, column);
const column = (id: string) => requests.columns.find((c) => c.id === id)!;
const row = (id: string) => requests.rows.find((r) => r.id === id)!;

const itemRows = (group: string) => requests.rows.filter((r) => r.group === group);
const OUTCOME_ITEMS = ['disclosed', 'partly', ...OUTCOME_GROUPS.flatMap((g) => itemRows(g.id).map((r) => r.id))];
/** Every row, the 小计 rows included: a rule on one applies only when the report prints it. */
const NUMBER_ROWS = requests.rows.map((r) => r.id);

function perColumn(make: (column: string, short: string) => EquationRule): EquationRule[] {
	return requests.columns.map((c) => make(c.id, c.short));
}

const balance = perColumn((c, short) => ({
	id: `requests.balance.${c}`,
	kind: 'balance',
	formula: `一 + 二 = 三 + 四（${short}）`,
	left: { label: '一+二', cells: [req('new', c), req('carried-in', c)] },
	right: { label: '三+四', cells: [req('outcome-total', c), req('carried-out', c)] },
	indicator: 'b-check-balance'
}));

const outcomes = perColumn((c, short) => ({
	id: `requests.outcomes.${c}`,
	kind: 'rowSum',
	formula: `三（七）总计 = （一）+（二）+（三）+（四）+（五）+（六）（${short}）`,
	left: { label: '（七）总计', cells: [req('outcome-total', c)] },
	right: { label: '（一）至（六）之和', cells: OUTCOME_ITEMS.map((r) => req(r, c)) },
	indicator: 'b-check-outcome-total'
}));

const subtotals = OUTCOME_GROUPS.flatMap((g) => {
	const items = itemRows(g.id);
	return perColumn((c, short) => ({
		id: `requests.${g.id}-subtotal.${c}`,
		kind: 'rowSum',
		formula: `${g.short}小计 = ${plus(items.map((r) => r.short))}（${short}）`,
		left: { label: `${g.short}小计`, cells: [req(`${g.id}-subtotal`, c)] },
		right: { label: `${g.short}1至${items.length}之和`, cells: items.map((r) => req(r.id, c)) },
		indicator: 'b-check-subtotals'
	}));
});

const APPLICANTS = ['natural', ...LEGAL_KINDS];

const columnTotals: EquationRule[] = NUMBER_ROWS.map((r) => ({
	id: `requests.columns.${r}`,
	kind: 'columnSum',
	formula: `${row(r).short}：总计 = 自然人 + 法人或其他组织（${plus(LEGAL_KINDS.map((k) => column(k).short))}）`,
	left: { label: '总计', cells: [req(r, 'total')] },
	right: { label: '自然人+法人或其他组织', cells: APPLICANTS.map((c) => req(r, c)) },
	indicator: 'b-check-total-column'
}));

const legalTotals: EquationRule[] = NUMBER_ROWS.map((r) => ({
	id: `requests.legal.${r}`,
	kind: 'columnSum',
	formula: `${row(r).short}：法人或其他组织 = ${plus(LEGAL_KINDS.map((k) => column(k).short))}`,
	left: { label: '法人或其他组织', cells: [req(r, 'legal')] },
	right: { label: '五类之和', cells: LEGAL_KINDS.map((c) => req(r, c)) },
	indicator: 'b-check-total-column'
}));

const REVIEW_INDICATORS: Record<string, string> = {
	reconsideration: 'c-check-review',
	'suit-direct': 'c-check-suit-direct',
	'suit-after': 'c-check-suit-after'
};

const reviewTotals: EquationRule[] = REVIEW_GROUPS.map((g) => {
	const parts = REVIEW_OUTCOMES.filter((o) => o.id !== 'total');
	return {
		id: `review.${g.id}`,
		kind: 'reviewTotal',
		formula: `${g.short}：总计 = ${plus(parts.map((o) => o.label))}`,
		left: { label: `${g.short}总计`, cells: [cellId('review', '', `${g.id}.total`)] },
		right: { label: '维持+纠正+其他+尚未审结', cells: parts.map((o) => cellId('review', '', `${g.id}.${o.id}`)) },
		indicator: REVIEW_INDICATORS[g.id]
	};
});

const nonNegative: Rule[] = TEMPLATE_2021.tables.map((t) => ({
	id: `${t.id}.non-negative`,
	kind: 'nonNegative',
	formula: `${t.label}：各项为非负数，件数为整数`,
	cells: tableCells(t).map((c) => c.id)
}));

const yearOverYear: Rule[] = requests.columns.map((c) => ({
	id: `year-over-year.${c.id}`,
	kind: 'yearOverYear',
	formula: `上年报告的四（结转下年度继续办理）= 本年报告的二（上年结转）（${c.short}）`,
	lastYear: { label: '上年四', cells: [req('carried-out', c.id)] },
	thisYear: { label: '本年二', cells: [req('carried-in', c.id)] }
}));

const PART_INDICATORS: Record<string, string> = {
	overview: 'part-overview',
	proactive: 'part-proactive',
	requests: 'part-requests',
	review: 'part-review-litigation',
	problems: 'part-problems',
	other: 'part-other'
};

const parts: Rule[] = TEMPLATE_2021.parts.map((p) => ({
	id: `part.${p.id}`,
	kind: 'part',
	part: p.id,
	formula: `报告含“${p.label}”部分`,
	indicator: PART_INDICATORS[p.id]
}));

export const RULES_2021: readonly Rule[] = [
	...balance,
	...outcomes,
	...subtotals,
	...columnTotals,
	...legalTotals,
	...reviewTotals,
	...nonNegative,
	{ id: 'prose', kind: 'prose', formula: '正文所述数字 = 表中对应数字' },
	{ id: 'stated-none', kind: 'statedNone', formula: '正文称“未收到”的，表中对应数字为 0' },
	...yearOverYear,
	{
		id: 'deadline',
		kind: 'deadline',
		formula: '条例第四十九条：部门于1月31日前、县级以上人民政府于3月31日前公布上一年度报告',
		deadline: { department: '01-31', government: '03-31' },
		indicator: 'published-by-jan-31'
	},
	...parts
];
