export type SheetKey = 'indicators' | 'sections' | 'info' | 'grades' | 'categories' | 'notes';

export const SHEET_NAMES: Record<SheetKey, string> = {
	indicators: '指标',
	sections: '一级指标',
	info: '框架信息',
	grades: '评分等级',
	categories: '评估对象类别',
	notes: '填写说明'
};

export const SHEET_ALIASES: Record<SheetKey, string[]> = {
	indicators: ['indicators', '指标清单', '指标表'],
	sections: ['sections', '指标组', '指标分组'],
	info: ['framework', 'info', '基本信息'],
	grades: ['grades', '等级'],
	categories: ['categories', '类别', '评估对象'],
	notes: ['notes', '说明', 'readme']
};

export interface ColumnSpec<K extends string = string> {
	key: K;
	header: string;
	aliases: string[];
	required?: boolean;
	note: string;
}

const col = <K extends string>(key: K, header: string, aliases: string[], note: string, required = false): ColumnSpec<K> => ({
	key,
	header,
	aliases,
	note,
	required
});

const PATH_ALIASES = ['路径', '所属指标', '所属指标组', '一级/二级指标', 'section path', 'path', 'section'];

export const INDICATOR_COLUMNS = [
	col('path', '指标路径', PATH_ALIASES, '所属指标组，从最上级写起，每级“编号 名称”，用“ > ”连接，如“2 扣分指标 > 2.1 发布解读”。', true),
	col('part', '部分', ['part', '类型'], '所属部分：单项否决、扣分、加分、加权、清单（或 veto / deduct / bonus / weighted / checklist）。同一指标组内须一致；已在“一级指标”表填写的可留空。'),
	col('code', '编号', ['code', '序号'], '指标编号，如 2.1.3；整个体系内不得重复。', true),
	col('title', '指标名称', ['title', 'name', '名称'], '中文名称。', true),
	col('titleEn', '英文名称', ['english title', 'title (en)', 'title en', 'title_en'], '英文名称，可留空。'),
	col('max', '分值/权重', ['分值', '权重', '满分', 'max', 'points', 'weight'], '指标分值（加权、清单模型中为权重）；单项否决指标填 0。须为不小于 0 的数字。', true),
	col('method', '评分方法', ['method', 'scoring method'], '加权/清单指标的评分方法：是否、等级、比例（binary / levels / ratio）；留空为“是否”。'),
	col('deductions', '扣分规则', ['扣分项', '加分规则', '扣分/加分规则', 'deductions', 'rules'], '每行一条（也可用“；”分隔）：“[编号] 问题名称 | English：每处 1 分”或“：扣 5 分”；加分指标写“每项加 2 分”“加 4 分”。[编号] 与英文可省略。末尾可加“（待核：说明）”。'),
	col('levels', '等级', ['levels', '评分等级'], '“等级”方法的各等级，每行一个（也可用“；”分隔）：“[full] 完整=1”，等号后为该等级得分，不超过分值。'),
	col('ratioOf', '要素数', ['ratio of', 'ratioof', 'elements', '应有要素数'], '“比例”方法应具备的要素个数（正整数），得分 = 具备数 / 要素数 × 分值。'),
	col('categories', '适用类别', ['applies to', 'categories', '适用对象'], '适用的评估对象类别名称，用“、”分隔；留空表示适用于全部类别，“（无）”表示均不适用。类别名称重复时写“[类别ID]”。'),
	col('guidance', '考察要点', ['guidance', '评分标准'], '考察要点 / 评分说明。'),
	col('guidanceEn', '考察要点（英文）', ['guidance (en)', 'guidance en'], '考察要点的英文，可留空。'),
	col('basis', '依据', ['basis', '依据条款'], '出处条款，如“国办秘函〔2019〕19号 第一部分 第1项”；整改通知的“依据”栏印此项。'),
	col('basisSource', '依据来源（内部）', ['basis source', 'provenance', '来源备注'], '内部备注：规则取自何处，如“见国管局自查报告”；只在指标体系中显示，不印入整改通知、报告和导出。'),
	col('suggestion', '整改建议', ['suggestion', 'rectification'], '整改建议。'),
	col('suggestionEn', '整改建议（英文）', ['suggestion (en)', 'suggestion en'], '整改建议的英文，可留空。'),
	col('deadline', '完成时限', ['deadline', '截止日期', '时限'], '清单任务的完成日期，格式 2021-06-30。'),
	col('units', '责任单位', ['responsible units', 'units', '牵头单位'], '责任单位，多个用“、”分隔。'),
	col(
		'naTreatment',
		'可判不适用',
		['na treatment', 'inspector na', '不适用处理方式'],
		'“框架信息”的“不适用判定”为“仅限标明的指标”时，评估人只能将此列已填的指标判为不适用，并按所填方式处理其分值：按比例折算、平均分配、剔除；留空为不可判不适用。“均可”时留空按“不适用处理”。'
	),
	col('provisional', '待核', ['provisional', '待核对'], '分值等是否待核对原文：留空、“是”或“否”，可加“：说明”，如“是：原文未取得”；说明可附英文，如“是：原文未取得 | Original not obtained”。'),
	col('id', 'ID', ['id', '指标id', 'indicator id'], '指标的稳定标识（字母、数字、“.”“_”“-”），评估记录按它关联；新指标可留空，导入时自动生成。')
] as const;
export type IndicatorKey = (typeof INDICATOR_COLUMNS)[number]['key'];

export const SECTION_COLUMNS = [
	col('path', '指标路径', PATH_ALIASES, '指标组的完整路径，写法同“指标”表；每个指标组一行，行序即显示顺序。', true),
	col('id', 'ID', ['id', 'section id'], '指标组的稳定标识；留空时自动生成。'),
	col('part', '部分', ['part', '类型'], '单项否决、扣分、加分、加权、清单；下级指标组须与上级一致。'),
	col('titleEn', '英文名称', ['english title', 'title (en)', 'title en', 'title_en'], '英文名称，可留空。'),
	col('weight', '权重', ['weight'], '加权模型：最上级指标组的权重，合计须为 100。'),
	col('cap', '扣分上限', ['cap', '封顶', '上限'], '本组扣分（或加分）合计的上限，可留空。'),
	col('guidance', '考察要点', ['guidance', '说明'], '本组的说明。'),
	col('guidanceEn', '考察要点（英文）', ['guidance (en)', 'guidance en'], '说明的英文，可留空。'),
	col('basisSource', '依据来源（内部）', ['basis source', 'provenance', '来源备注'], '内部备注：本组分值或结构取自何处；只在指标体系中显示，不印入整改通知、报告和导出。'),
	col('provisional', '待核', ['provisional', '待核对'], '写法同“指标”表。')
] as const;
export type SectionKey = (typeof SECTION_COLUMNS)[number]['key'];

export const GRADE_COLUMNS = [
	col('id', 'ID', ['id'], '等级标识，如 excellent；留空时自动生成。'),
	col('title', '名称', ['title', 'name', '等级'], '等级名称，如“优秀”。', true),
	col('titleEn', '英文名称', ['english title', 'title (en)', 'title en'], '英文名称，可留空。'),
	col('min', '最低分', ['min', 'minimum', '分数线'], '达到该等级的最低总分（含）；从高到低排列，最后一行通常为 0。', true),
	col('provisional', '待核', ['provisional', '待核对'], '写法同“指标”表。')
] as const;
export type GradeKey = (typeof GRADE_COLUMNS)[number]['key'];

export const CATEGORY_COLUMNS = [
	col('id', 'ID', ['id'], '类别标识，如 portal；留空时自动生成。'),
	col('title', '名称', ['title', 'name', '类别'], '类别名称，如“政府门户网站”；“指标”表的“适用类别”按此名称填写。', true),
	col('titleEn', '英文名称', ['english title', 'title (en)', 'title en'], '英文名称，可留空。'),
	col('bonus', '计加分', ['bonus', '加分'], '该类别是否计算加分部分：是 / 否。'),
	col('naSections', '不适用指标组', ['na sections', 'not applicable sections', '不适用'], '对该类别整组不检查的指标组编号，用“、”分隔，如“2.2”；也可写“[ID]”。'),
	col('basisSource', '依据来源（内部）', ['basis source', 'provenance', '来源备注'], '内部备注：该类别的规则取自何处；只在指标体系中显示，不印入整改通知、报告和导出。'),
	col('provisional', '待核', ['provisional', '待核对'], '写法同“指标”表。')
] as const;
export type CategoryKey = (typeof CATEGORY_COLUMNS)[number]['key'];

export const INFO_COLUMNS = [col('key', '项目', ['key', 'item', '字段'], '', true), col('value', '值', ['value'], '', true)] as const;

interface InfoKeySpec {
	key: string;
	header: string;
	aliases: string[];
	note: string;
	/** Only meaningful for the deduction model. */
	deductionOnly?: boolean;
}
const info = (key: string, header: string, aliases: string[], note: string, deductionOnly = false): InfoKeySpec => ({
	key,
	header,
	aliases,
	note,
	deductionOnly
});

export const INFO_KEYS = [
	info('id', 'ID', ['id', '体系id', 'framework id'], '指标体系的稳定标识（字母、数字、“.”“_”“-”），必填。'),
	info('version', '版本', ['version'], '版本号，如 2026.1，必填。'),
	info('title', '名称', ['title', '指标体系名称'], '指标体系名称，必填。'),
	info('titleEn', '英文名称', ['english title', 'title (en)', 'title en'], '英文名称，可留空。'),
	info('description', '简介', ['description', '描述'], '简介，可留空。'),
	info('descriptionEn', '英文简介', ['description (en)', 'description en'], '简介的英文，可留空。'),
	info('sourceTitle', '依据文件', ['source', 'source title', '来源'], '依据文件名称，必填。'),
	info('docNo', '文号', ['doc no', 'docno', 'document number'], '依据文件文号，如“国办秘函〔2019〕19号”。'),
	info('issuedOn', '印发日期', ['issued on', 'issuedon', '发布日期'], '依据文件印发日期，格式 2019-04-01。'),
	info('url', '链接', ['url', 'source url', '网址'], '依据文件网址（http:// 或 https:// 开头）。'),
	info('builtIn', '内置', ['built in', 'builtin'], '是否为程序内置体系：是 / 否（自建体系填“否”）。'),
	info('provisional', '待核', ['provisional', '待核对'], '写法同“指标”表。'),
	info('model', '评分模型', ['model', 'scoring model'], '扣分制、加权、清单（deduction / weighted / checklist），必填。'),
	info('passMark', '及格线', ['pass mark', 'passmark', '合格线'], '低于该分数为不合格，必填。'),
	info('vetoScore', '否决得分', ['veto score', 'vetoscore'], '触发单项否决时记录的分数；留空表示不计分。'),
	info('decimals', '小数位', ['decimals', '保留小数'], '公布得分保留的小数位数（0–4），默认 1；合格、等次、加分门槛和排名都按公布得分判断。'),
	info('rounding', '舍入方式', ['rounding', '舍入'], '公布得分的舍入方式：四舍五入、四舍六入五成双、去尾；默认四舍五入。'),
	info('naJudgement', '不适用判定', ['na judgement', 'inspector na'], '评估人可将哪些指标判为不适用：均可、仅限标明的指标（any / listed）；默认均可。'),
	info('reportYearFrom', '适用报告年度起', ['report year from', 'report years from'], '年度报告类体系：适用的最早报告年度，如 2021；留空表示不限。'),
	info('reportYearTo', '适用报告年度止', ['report year to', 'report years to'], '年度报告类体系：适用的最晚报告年度；留空表示不限。'),
	info('total', '扣分部分总分', ['total', '总分'], '扣分制：扣分部分满分，须等于全部扣分指标分值之和。', true),
	info('naPolicy', '不适用处理', ['na policy', 'napolicy'], '扣分制：有不适用指标时的处理：按比例折算、平均分配、剔除（rescale / redistribute / exclude）。', true),
	info('bonusGate', '加分门槛', ['bonus gate'], '扣分制：扣分部分得分高于该分数才计加分；不设加分部分时留空。', true),
	info('bonusGateInclusive', '门槛含本数', ['bonus gate inclusive', 'gate inclusive'], '扣分制：恰好等于门槛是否计加分：是 / 否。', true),
	info('bonusCap', '加分上限', ['bonus cap'], '扣分制：加分部分合计上限。', true),
	info('bonusProvisional', '加分规则待核', ['bonus provisional'], '扣分制：加分规则是否待核，写法同“待核”。', true),
	info('createdAt', '创建时间', ['created at', 'createdat'], '自动填写，无需修改；删去此行则导入时填当前时间。'),
	info('updatedAt', '更新时间', ['updated at', 'updatedat'], '自动填写，无需修改；删去此行则导入时填当前时间。'),
	info('updatedBy', '更新人', ['updated by', 'updatedby'], '自动填写，无需修改；删去此行则导入时填当前评估人。')
];
