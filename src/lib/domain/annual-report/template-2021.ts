import type { ReportTemplate, TemplateColumn, TemplateRow } from './template';

/**
 * 《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号), for reports on 2021 onwards.
 * Labels as printed in the format's tables, compared with stored reports that reproduce them (Longgang 2024, Jiuyuan
 * 2022, Wendeng 2022: table 二, table 三's columns and rows up to （三）7, table 四). （三）8, （四） and （五） rest on
 * criteria.md's sources; the three rows under （六）其他处理 only on its secondary notes, hence 待核.
 */

const count = (id: string, label: string, short: string, keys: string[], optional = false): TemplateColumn => ({
	id,
	label,
	short,
	keys,
	integer: true,
	...(optional ? { optional } : {})
});

const PROACTIVE_COLUMNS: TemplateColumn[] = [
	count('issued', '本年制发件数', '制发', ['本年制发']),
	count('repealed', '本年废止件数', '废止', ['本年废止']),
	count('valid', '现行有效件数', '现行有效', ['现行有效']),
	count('decisions', '本年处理决定数量', '处理决定', ['处理决定']),
	{ id: 'amount', label: '本年收费金额（单位：万元）', short: '收费金额', keys: ['收费金额'], integer: false }
];

/** 申请人情况: 自然人, 法人或其他组织 (five kinds), 总计. The 法人或其他组织 subtotal is not a printed column. */
const APPLICANT_COLUMNS: TemplateColumn[] = [
	count('natural', '自然人', '自然人', ['自然人']),
	count('legal', '法人或其他组织（小计）', '法人或其他组织', ['法人或其他组织'], true),
	count('commercial', '商业企业', '商业企业', ['商业企业']),
	count('research', '科研机构', '科研机构', ['科研机构']),
	count('public-interest', '社会公益组织', '社会公益组织', ['社会公益组织']),
	count('legal-service', '法律服务机构', '法律服务机构', ['法律服务机构']),
	count('other-org', '其他', '其他组织', ['其他']),
	count('total', '总计', '总计', ['总计'])
];

export const LEGAL_KINDS = ['commercial', 'research', 'public-interest', 'legal-service', 'other-org'] as const;

interface Item {
	label: string;
	keys: string[];
	exact?: string[];
	provisional?: boolean;
}

const groupRows = (group: string, short: string, items: Item[]): TemplateRow[] =>
	items.map((item, i) => ({
		id: `${group}-${i + 1}`,
		label: `${i + 1}.${item.label}`,
		short: `${short}${i + 1}`,
		keys: item.keys,
		...(item.exact ? { exact: item.exact } : {}),
		group,
		...(item.provisional ? { provisional: true } : {})
	}));

const subtotal = (group: string, label: string, short: string): TemplateRow => ({
	id: `${group}-subtotal`,
	label: `${label}（小计）`,
	short: `${short}小计`,
	keys: [],
	optional: true
});

export const OUTCOME_GROUPS = [
	{ id: 'refused', label: '（三）不予公开', short: '（三）', keys: ['不予公开'] },
	{ id: 'unable', label: '（四）无法提供', short: '（四）', keys: ['无法提供'] },
	{ id: 'not-processed', label: '（五）不予处理', short: '（五）', keys: ['不予处理'] },
	{ id: 'other', label: '（六）其他处理', short: '（六）', keys: ['其他处理'] }
] as const;

const GROUP_ITEMS: Record<(typeof OUTCOME_GROUPS)[number]['id'], Item[]> = {
	refused: [
		{ label: '属于国家秘密', keys: ['属于国家秘密'] },
		{ label: '其他法律行政法规禁止公开', keys: ['法律行政法规禁止公开'] },
		{ label: '危及“三安全一稳定”', keys: ['三安全一稳定'] },
		{ label: '保护第三方合法权益', keys: ['第三方合法权益'] },
		{ label: '属于三类内部事务信息', keys: ['内部事务信息'] },
		{ label: '属于四类过程性信息', keys: ['过程性信息'] },
		{ label: '属于行政执法案卷', keys: ['行政执法案卷'] },
		{ label: '属于行政查询事项', keys: ['行政查询事项'] }
	],
	unable: [
		{ label: '本机关不掌握相关政府信息', keys: ['不掌握相关政府信息'] },
		{ label: '没有现成信息需要另行制作', keys: ['另行制作'] },
		{ label: '补正后申请内容仍不明确', keys: ['仍不明确'] }
	],
	'not-processed': [
		{ label: '信访举报投诉类申请', keys: ['信访举报投诉'] },
		{ label: '重复申请', keys: ['重复申请'] },
		{ label: '要求提供公开出版物', keys: ['公开出版物'] },
		{ label: '无正当理由大量反复申请', keys: ['大量反复申请'] },
		{ label: '要求行政机关确认或重新出具已获取信息', keys: ['重新出具'] }
	],
	other: [
		{ label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', keys: ['逾期不补正'], provisional: true },
		{ label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', keys: ['收费通知'], provisional: true },
		{ label: '其他', keys: [], exact: ['其他'], provisional: true }
	]
};

const REQUEST_ROWS: TemplateRow[] = [
	{ id: 'new', label: '一、本年新收政府信息公开申请数量', short: '一', keys: ['本年新收'] },
	{ id: 'carried-in', label: '二、上年结转政府信息公开申请数量', short: '二', keys: ['上年结转'] },
	{ id: 'disclosed', label: '（一）予以公开', short: '（一）', keys: ['予以公开'] },
	{ id: 'partly', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '（二）', keys: ['部分公开'] },
	...OUTCOME_GROUPS.flatMap((g) => [...groupRows(g.id, g.short, GROUP_ITEMS[g.id]), subtotal(g.id, g.label, g.short)]),
	{ id: 'outcome-total', label: '（七）总计', short: '三', keys: ['(七)总计', '七、总计'] },
	{ id: 'carried-out', label: '四、结转下年度继续办理', short: '四', keys: ['结转下年度'] }
];

export const REVIEW_GROUPS = [
	{ id: 'reconsideration', label: '行政复议', short: '复议' },
	{ id: 'suit-direct', label: '行政诉讼·未经复议直接起诉', short: '直接起诉' },
	{ id: 'suit-after', label: '行政诉讼·复议后起诉', short: '复议后起诉' }
] as const;

export const REVIEW_OUTCOMES = [
	{ id: 'upheld', label: '结果维持' },
	{ id: 'corrected', label: '结果纠正' },
	{ id: 'other', label: '其他结果' },
	{ id: 'pending', label: '尚未审结' },
	{ id: 'total', label: '总计' }
] as const;


export const TEMPLATE_2021: ReportTemplate = {
	format: '2021',
	label: '中华人民共和国政府信息公开工作年度报告格式（2021年）',
	provenance: {
		source: '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知',
		docNo: '国办公开办函〔2021〕30号',
		issuedOn: '2021-09-26',
		urls: [
			'http://zrzy.smx.gov.cn/16903/616589856/1288675.html',
			'https://www.lg.gov.cn/xxgk/xxgknb/qzfgzbm/content/post_11956962.html',
			'https://www.jiuyuanqu.gov.cn/ztbm1/51391.html',
			'http://180.76.149.248:88/book/2022dzs/xinfang/files/basic-html/page8.html'
		],
		provisional: true,
		provisionalNote:
			'表二、表三的列与（一）（二）（三）1—7 行、表四的栏目与所存年报副本核对；（三）8 及（四）（五）各项据 criteria.md 所引副本；（六）其他处理的三个分项未见原件，待核。'
	},
	parts: [
		{ id: 'overview', label: '一、总体情况', keys: ['总体情况'] },
		{ id: 'proactive', label: '二、主动公开政府信息情况', keys: ['主动公开政府信息情况'] },
		{ id: 'requests', label: '三、收到和处理政府信息公开申请情况', keys: ['收到和处理政府信息公开申请'] },
		{ id: 'review', label: '四、政府信息公开行政复议、行政诉讼情况', keys: ['行政复议', '行政诉讼'] },
		{ id: 'problems', label: '五、存在的主要问题及改进情况', keys: ['存在的主要问题'] },
		{ id: 'other', label: '六、其他需要报告的事项', keys: ['其他需要报告的事项'] }
	],
	tables: [
		{
			id: 'proactive',
			part: 'proactive',
			label: '二、主动公开政府信息情况',
			columns: PROACTIVE_COLUMNS,
			rows: [
				{ id: 'rules', label: '规章', short: '规章', keys: ['规章'], columns: ['issued', 'repealed', 'valid'] },
				{ id: 'normative', label: '行政规范性文件', short: '行政规范性文件', keys: ['规范性文件'], columns: ['issued', 'repealed', 'valid'] },
				{ id: 'licensing', label: '行政许可', short: '行政许可', keys: ['行政许可'], columns: ['decisions'] },
				{ id: 'penalties', label: '行政处罚', short: '行政处罚', keys: ['行政处罚'], columns: ['decisions'] },
				{ id: 'coercion', label: '行政强制', short: '行政强制', keys: ['行政强制'], columns: ['decisions'] },
				{ id: 'fees', label: '行政事业性收费', short: '行政事业性收费', keys: ['行政事业性收费'], columns: ['amount'] }
			]
		},
		{
			id: 'requests',
			part: 'requests',
			label: '三、收到和处理政府信息公开申请情况',
			columns: APPLICANT_COLUMNS,
			rows: REQUEST_ROWS,
			groups: OUTCOME_GROUPS.map((g) => ({ id: g.id, label: g.label, keys: g.keys, subtotalRow: `${g.id}-subtotal` }))
		},
		{
			id: 'review',
			part: 'review',
			label: '四、政府信息公开行政复议、行政诉讼情况',
			columns: REVIEW_GROUPS.flatMap((g) =>
				REVIEW_OUTCOMES.map((o) => count(`${g.id}.${o.id}`, `${g.label} / ${o.label}`, `${g.short}·${o.label}`, [o.label]))
			),
			rows: [{ id: '', label: '', short: '', keys: [] }]
		}
	]
};
