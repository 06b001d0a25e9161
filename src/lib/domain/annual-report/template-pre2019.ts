import type { ReportTemplate, TemplateCell } from './template';

/**
 * Reports under the 2008 条例 (reports on 2018 and before). There was no national table: reports state their
 * numbers in prose (申请, 答复, 收费, 复议/诉讼), so the cells are loose and few. Never judged against the 2021
 * template. The parts follow the 2008 条例 第三十二条 as recalled and as local rules repeat it; no stored copy of the
 * article itself was read, hence 待核.
 */

const loose = (id: string, label: string, short: string, integer = true): TemplateCell => ({
	id,
	table: null,
	row: null,
	column: null,
	label,
	short,
	integer,
	optional: false
});

export const TEMPLATE_PRE2019: ReportTemplate = {
	format: 'pre2019',
	label: '政府信息公开工作年度报告（2008年条例）',
	provenance: {
		source: '《中华人民共和国政府信息公开条例》(2007年国务院令第492号) 第三十二条',
		issuedOn: '2007-04-05',
		urls: ['https://dhap.com.cn/info/13751/4979743.htm'],
		provisional: true,
		provisionalNote: '第三十二条原文未见所存副本，六项内容据地方年报制度转述，待核。'
	},
	parts: [
		{ id: 'proactive', label: '主动公开政府信息的情况', keys: ['主动公开'] },
		{ id: 'requests', label: '依申请公开政府信息和不予公开政府信息的情况', keys: ['依申请'] },
		{ id: 'fees', label: '政府信息公开的收费及减免情况', keys: ['收费'] },
		{ id: 'review', label: '因政府信息公开申请行政复议、提起行政诉讼的情况', keys: ['复议'] },
		{ id: 'problems', label: '政府信息公开工作存在的主要问题及改进情况', keys: ['问题'] },
		{ id: 'other', label: '其他需要报告的事项', keys: ['其他需要报告'] }
	],
	tables: [],
	looseCells: [
		loose('requests.received', '收到政府信息公开申请数', '收到申请'),
		loose('requests.answered', '已答复（已处理）申请数', '已答复'),
		loose('fees.charged', '依申请公开收费金额（元）', '收费金额', false),
		loose('review.total', '行政复议案件数', '行政复议'),
		loose('litigation.total', '行政诉讼（应诉）案件数', '行政诉讼'),
		loose('litigation.after-review', '其中复议后起诉案件数', '复议后起诉'),
		loose('litigation.upheld', '维持（驳回诉讼请求）', '维持（驳回）'),
		loose('litigation.corrected', '纠正', '纠正'),
		loose('litigation.other', '其他结果（含撤诉）', '其他（含撤诉）'),
		loose('litigation.pending', '尚未审结', '尚未审结')
	]
};
