import type { Rule } from './rules';
import { TEMPLATE_PRE2019 } from './template-pre2019';

/**
 * The few checks a pre-2019 report's prose allows: its litigation outcomes add up to the number of cases it states
 * (Fenyang 2018: 10 cases stated, 2 驳回 + 8 未审结 + 1 撤诉 listed), "未收到" agrees with its numbers, what the text
 * states twice agrees, and it was published on time: the 2008 条例 第三十一条 gave every 行政机关 one date, 3月31日
 * (quoted in 琼府办〔2011〕214号, http://ask.fsou.com/html/text/lar/173773/17377336.html).
 */
export const RULES_PRE2019: readonly Rule[] = [
	{
		id: 'litigation.total',
		kind: 'reviewTotal',
		formula: '行政诉讼（应诉）案件数 = 维持（驳回）+ 纠正 + 其他（含撤诉）+ 尚未审结',
		left: { label: '行政诉讼总数', cells: ['litigation.total'] },
		right: {
			label: '维持+纠正+其他+尚未审结',
			cells: ['litigation.upheld', 'litigation.corrected', 'litigation.other', 'litigation.pending']
		},
		absentPartsAreZero: true
	},
	{
		id: 'non-negative',
		kind: 'nonNegative',
		formula: '所列数字为非负数，件数为整数',
		cells: (TEMPLATE_PRE2019.looseCells ?? []).map((c) => c.id)
	},
	{ id: 'prose', kind: 'prose', formula: '正文两处所述同一数字一致' },
	{ id: 'stated-none', kind: 'statedNone', formula: '正文称“未收到”的，所列数字为 0' },
	{
		id: 'deadline',
		kind: 'deadline',
		formula: '2008年条例第三十一条：各级行政机关于每年3月31日前公布上一年度报告',
		deadline: { department: '03-31', government: '03-31' }
	}
];
