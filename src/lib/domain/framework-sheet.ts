/**
 * The framework spreadsheet ("indicator sheet"): what people edit in Excel/WPS and send around.
 *
 * Sheets (Chinese names on export; the English names in brackets are accepted on import):
 * - 指标 [indicators]: ONE ROW PER INDICATOR, columns in `INDICATOR_COLUMNS`.
 * - 一级指标 [sections]: one row per section (any depth): path, ID, part, English title, weight, cap, guidance.
 *   Optional: sections missing here are derived from the indicator rows' paths.
 * - 框架信息 [framework]: key/value rows (id, version, title, source, scoring rules).
 * - 评分等级 [grades] and 评估对象类别 [categories]: one row per grade band / target category. They are
 *   tables rather than key/value rows because each entry has several fields.
 * - 填写说明 [notes]: explanations only; ignored on import.
 *
 * Cell encodings (also explained in the notes sheet):
 * - Section path: segments `编号 名称` joined by " > ", from the top, e.g. `2 扣分指标 > 2.1 发布解读`.
 *   A section is identified by its code, so section codes must be unique; a segment may be written as
 *   the bare code when the section is named in another row.
 * - Bilingual text in one cell (deduction, level titles): `中文 | English`.
 * - Deduction rules (扣分规则), one per line (a "；" also separates rules typed on one line; a line that
 *   starts with "[id]" is split at "；" only where every piece has an id — otherwise, when both readings
 *   work, it is reported as ambiguous):
 *   `[id] 标题 | English：每处 1 分（待核：说明）`. `[id]` and the English title are optional (ids are then
 *   generated). Amount: `每处 N 分` / `每项加 N 分` = per occurrence, `扣 N 分` / `加 N 分` = once;
 *   English `each N` / `once N` is accepted. Suffix `（待核）`, `（待核：说明）`, `（不待核[：说明]）` or
 *   `（备注：说明）` carries the provisional flag and note.
 * - Levels (等级), one per line or "；"-separated: `[id] 完整 | Complete=1`.
 * - 适用类别: category titles separated by "、"; empty = every category; `（无）` = none; `[id]` names a
 *   category by id (written when its title is shared or unsafe). Converted to and from each category's
 *   `naIndicators` (kept in framework order).
 * - 不适用指标组: section codes separated by "、" (`[id]` for an id, e.g. an indicator's).
 * - 待核 (provisional): empty = unset, `是` / `否`, optionally followed by `：说明`.
 * - Lists (责任单位, 不适用指标组): separated by "、" (also "，" "," "；" ";" or new lines on import).
 *
 * Import never returns a partial framework: either every check passes (sheet rules, then the zod schema and
 * `checkFramework`) or it returns problems, each pointing at a sheet, row (1-based as Excel shows it) and
 * column (the header as written) with an i18n key under `sheet.error.*` (or `fwcheck.*` for the framework
 * checks this module does not repeat itself).
 */
import type { z } from 'zod';
import { Framework, type FrameworkInput, type Indicator, type IndicatorMethod, type NaPolicy, type Section, type SectionPart } from './framework';
import { IsoDate, Slug, Timestamp, type LocalText } from './common';
import { issueProblem, type SheetProblem } from './framework-json';

export type { SheetProblem } from './framework-json';

export type Cell = string | number | null;
export type Row = Cell[];
export interface Sheet {
	name: string;
	rows: Row[];
}
export type Sheets = Sheet[];

export type SheetImportResult = { ok: true; framework: Framework } | { ok: false; problems: SheetProblem[] };

export interface SheetImportOptions {
	/** createdAt / updatedAt when the framework sheet leaves them empty (a new framework). */
	now: string;
	/** updatedBy when the framework sheet leaves it empty. */
	user?: string;
	/**
	 * Supplies whatever sheets are missing: a CSV holds only the indicator sheet, so framework info, grades,
	 * categories and section metadata (matched by section code) come from here, typically the framework
	 * being edited. Without it those sheets are required.
	 */
	base?: Framework;
}

type SheetKey = 'indicators' | 'sections' | 'info' | 'grades' | 'categories' | 'notes';

export const SHEET_NAMES: Record<SheetKey, string> = {
	indicators: '指标',
	sections: '一级指标',
	info: '框架信息',
	grades: '评分等级',
	categories: '评估对象类别',
	notes: '填写说明'
};

const SHEET_ALIASES: Record<SheetKey, string[]> = {
	indicators: ['indicators', '指标清单', '指标表'],
	sections: ['sections', '指标组', '指标分组'],
	info: ['framework', 'info', '基本信息'],
	grades: ['grades', '等级'],
	categories: ['categories', '类别', '评估对象'],
	notes: ['notes', '说明', 'readme']
};

// ---------------------------------------------------------------------------------------------------------
// Columns

interface ColumnSpec<K extends string = string> {
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
	col('basis', '依据', ['basis', '依据条款'], '出处条款，如“国办秘函〔2019〕19号 第一部分 第1项”。'),
	col('suggestion', '整改建议', ['suggestion', 'rectification'], '整改建议。'),
	col('suggestionEn', '整改建议（英文）', ['suggestion (en)', 'suggestion en'], '整改建议的英文，可留空。'),
	col('deadline', '完成时限', ['deadline', '截止日期', '时限'], '清单任务的完成日期，格式 2021-06-30。'),
	col('units', '责任单位', ['responsible units', 'units', '牵头单位'], '责任单位，多个用“、”分隔。'),
	col('provisional', '待核', ['provisional', '待核对'], '分值等是否待核对原文：留空、“是”或“否”，可加“：说明”，如“是：原文未取得”。'),
	col('id', 'ID', ['id', '指标id', 'indicator id'], '指标的稳定标识（字母、数字、“.”“_”“-”），评估记录按它关联；新指标可留空，导入时自动生成。')
] as const;
type IndicatorKey = (typeof INDICATOR_COLUMNS)[number]['key'];

const SECTION_COLUMNS = [
	col('path', '指标路径', PATH_ALIASES, '指标组的完整路径，写法同“指标”表；每个指标组一行，行序即显示顺序。', true),
	col('id', 'ID', ['id', 'section id'], '指标组的稳定标识；留空时自动生成。'),
	col('part', '部分', ['part', '类型'], '单项否决、扣分、加分、加权、清单；下级指标组须与上级一致。'),
	col('titleEn', '英文名称', ['english title', 'title (en)', 'title en', 'title_en'], '英文名称，可留空。'),
	col('weight', '权重', ['weight'], '加权模型：最上级指标组的权重，合计须为 100。'),
	col('cap', '扣分上限', ['cap', '封顶', '上限'], '本组扣分（或加分）合计的上限，可留空。'),
	col('guidance', '考察要点', ['guidance', '说明'], '本组的说明。'),
	col('guidanceEn', '考察要点（英文）', ['guidance (en)', 'guidance en'], '说明的英文，可留空。'),
	col('provisional', '待核', ['provisional', '待核对'], '写法同“指标”表。')
] as const;
type SectionKey = (typeof SECTION_COLUMNS)[number]['key'];

const GRADE_COLUMNS = [
	col('id', 'ID', ['id'], '等级标识，如 excellent；留空时自动生成。'),
	col('title', '名称', ['title', 'name', '等级'], '等级名称，如“优秀”。', true),
	col('titleEn', '英文名称', ['english title', 'title (en)', 'title en'], '英文名称，可留空。'),
	col('min', '最低分', ['min', 'minimum', '分数线'], '达到该等级的最低总分（含）；从高到低排列，最后一行通常为 0。', true),
	col('provisional', '待核', ['provisional', '待核对'], '写法同“指标”表。')
] as const;
type GradeKey = (typeof GRADE_COLUMNS)[number]['key'];

const CATEGORY_COLUMNS = [
	col('id', 'ID', ['id'], '类别标识，如 portal；留空时自动生成。'),
	col('title', '名称', ['title', 'name', '类别'], '类别名称，如“政府门户网站”；“指标”表的“适用类别”按此名称填写。', true),
	col('titleEn', '英文名称', ['english title', 'title (en)', 'title en'], '英文名称，可留空。'),
	col('bonus', '计加分', ['bonus', '加分'], '该类别是否计算加分部分：是 / 否。'),
	col('naSections', '不适用指标组', ['na sections', 'not applicable sections', '不适用'], '对该类别整组不检查的指标组编号，用“、”分隔，如“2.2”；也可写“[ID]”。'),
	col('provisional', '待核', ['provisional', '待核对'], '写法同“指标”表。')
] as const;
type CategoryKey = (typeof CATEGORY_COLUMNS)[number]['key'];

const INFO_COLUMNS = [col('key', '项目', ['key', 'item', '字段'], '', true), col('value', '值', ['value'], '', true)] as const;

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

const INFO_KEYS = [
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
	info('decimals', '小数位', ['decimals', '保留小数'], '显示时保留的小数位数（0–4），默认 1。'),
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

// ---------------------------------------------------------------------------------------------------------
// Vocabularies

interface Vocab<K extends string> {
	labels: Record<K, string>;
	aliases: Record<K, string[]>;
}

const PARTS: Vocab<SectionPart> = {
	labels: { veto: '单项否决', deduct: '扣分', bonus: '加分', weighted: '加权', checklist: '清单' },
	aliases: {
		veto: ['否决', '单项否决指标', 'veto'],
		deduct: ['扣分指标', 'deduct', 'deduction'],
		bonus: ['加分指标', 'bonus'],
		weighted: ['加权指标', 'weighted'],
		checklist: ['清单项', 'checklist']
	}
};

const METHODS: Vocab<IndicatorMethod> = {
	labels: { binary: '是否', levels: '等级', ratio: '比例' },
	aliases: { binary: ['符合/不符合', '二元', 'binary'], levels: ['分级', 'levels', 'level'], ratio: ['要素比例', 'ratio'] }
};

type Model = Framework['scoring']['model'];
const MODELS: Vocab<Model> = {
	labels: { deduction: '扣分制', weighted: '加权', checklist: '清单' },
	aliases: { deduction: ['扣分', 'deduction'], weighted: ['加权指数', '加权制', 'weighted'], checklist: ['清单制', 'checklist'] }
};

const NA_POLICIES: Vocab<NaPolicy> = {
	labels: { rescale: '按比例折算', redistribute: '平均分配', exclude: '剔除' },
	aliases: { rescale: ['折算', 'rescale'], redistribute: ['分配', 'redistribute'], exclude: ['不计', 'exclude'] }
};

const BOOLEANS: Vocab<'true' | 'false'> = {
	labels: { true: '是', false: '否' },
	aliases: { true: ['yes', 'y', 'true', '1', '√', '✓'], false: ['no', 'n', 'false', '0', '×'] }
};

function vocabLookup<K extends string>(vocab: Vocab<K>, value: string): K | undefined {
	const wanted = norm(value);
	for (const key of Object.keys(vocab.labels) as K[]) {
		if (norm(vocab.labels[key]) === wanted || vocab.aliases[key].some((a) => norm(a) === wanted)) return key;
	}
	return undefined;
}

function vocabAllowed<K extends string>(vocab: Vocab<K>): string {
	const keys = Object.keys(vocab.labels) as K[];
	return `${keys.map((k) => vocab.labels[k]).join('、')}（${keys.join(' / ')}）`;
}

// ---------------------------------------------------------------------------------------------------------
// Small text helpers

/** Headers, sheet names and vocabulary compare loosely: width, case, spaces and underscores do not matter. */
function norm(s: string): string {
	return s.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '');
}

function cellText(cell: Cell | undefined): string {
	if (cell === null || cell === undefined) return '';
	return typeof cell === 'number' ? String(cell) : cell.trim();
}

function isEmptyRow(row: Row): boolean {
	return row.every((c) => cellText(c) === '');
}

function orNull(s: string | undefined): Cell {
	return s === undefined || s === '' ? null : s;
}

/** Drops undefined properties so a parsed framework deep-equals the original (zod keeps explicit undefined). */
function compact<T extends object>(o: T): T {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const LIST_SPLIT = /[、，,；;\n]+/;
function splitList(s: string): string[] {
	return s
		.split(LIST_SPLIT)
		.map((x) => x.trim())
		.filter((x) => x !== '');
}

/** `中文 | English` ⇄ LocalText. */
function formatTitle(t: LocalText): string {
	return t.en === undefined ? t.zh : `${t.zh} | ${t.en}`;
}
function parseTitle(s: string): LocalText | undefined {
	const m = /\s+[|｜]\s+/.exec(s);
	const zh = (m ? s.slice(0, m.index) : s).trim();
	const en = m ? s.slice(m.index + m[0].length).trim() : '';
	if (!zh) return undefined;
	return en ? { zh, en } : { zh };
}

function localText(zh: string | undefined, en: string | undefined): LocalText | undefined {
	if (!zh) return undefined;
	return en ? { zh, en } : { zh };
}

function formatNumber(n: number): string {
	return String(n);
}

function parseNumberText(s: string): number | undefined {
	const t = s.normalize('NFKC').trim().replace(/分$/, '').trim();
	if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
	const n = Number(t);
	return Number.isFinite(n) ? n : undefined;
}

function formatProvisional(p: { provisional?: boolean; provisionalNote?: string }): Cell {
	if (p.provisional === undefined && p.provisionalNote === undefined) return null;
	const flag = p.provisional === undefined ? '' : p.provisional ? '是' : '否';
	return p.provisionalNote === undefined ? flag : `${flag}：${p.provisionalNote}`;
}

/** `是` / `否` / `是：说明` / `：说明` ⇄ the provisional pair; undefined when unreadable. */
function parseProvisional(s: string): { provisional?: boolean; provisionalNote?: string } | undefined {
	const m = /^([^：:]*)(?:[：:]([\s\S]*))?$/.exec(s);
	if (!m) return undefined;
	const flagText = (m[1] ?? '').trim();
	const note = m[2]?.trim();
	let provisional: boolean | undefined;
	if (flagText) {
		const b = flagText === '待核' ? 'true' : vocabLookup(BOOLEANS, flagText);
		if (!b) return undefined;
		provisional = b === 'true';
	}
	return compact({ provisional, provisionalNote: note ? note : undefined });
}

function slugify(s: string): string {
	return s
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[^A-Za-z0-9]+/, '')
		.replace(/-+$/, '');
}

function isSlug(s: string): boolean {
	return Slug.safeParse(s).success;
}

/** Picks `base`, `base-2`, `base-3`… avoiding every id already taken. */
function uniqueId(base: string, taken: Set<string>): string {
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	taken.add(id);
	return id;
}

// ---------------------------------------------------------------------------------------------------------
// Deduction rules and levels

type Per = 'each' | 'once';
const NUM = '([-+]?\\d+(?:\\.\\d+)?)';
const AMOUNT_PATTERNS: [RegExp, Per][] = [
	[new RegExp(`^每[^\\d\\s+-]{0,3}\\s*[扣加减]?\\s*${NUM}\\s*分?$`), 'each'],
	[new RegExp(`^(?:一次性)?\\s*[扣加减]?\\s*${NUM}\\s*分?$`), 'once'],
	[new RegExp(`^(?:each|per\\s+[a-z]+)\\s*${NUM}(?:\\s*(?:points?|pts?))?$`), 'each'],
	[new RegExp(`^${NUM}\\s*(?:points?|pts?)?\\s*(?:each|per\\s+[a-z]+)$`), 'each'],
	[new RegExp(`^once\\s*${NUM}(?:\\s*(?:points?|pts?))?$`), 'once'],
	[new RegExp(`^${NUM}\\s*(?:points?|pts?)?\\s*once$`), 'once']
];

function parseAmount(s: string): { per: Per; points: number } | undefined {
	const t = s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
	for (const [re, per] of AMOUNT_PATTERNS) {
		const m = re.exec(t);
		if (m?.[1] !== undefined) return { per, points: Number(m[1]) };
	}
	return undefined;
}

function formatAmount(points: number, per: Per, part: SectionPart): string {
	const n = formatNumber(points);
	if (part === 'bonus') return per === 'each' ? `每项加 ${n} 分` : `加 ${n} 分`;
	return per === 'each' ? `每处 ${n} 分` : `扣 ${n} 分`;
}

const NOTE_MARKERS: Record<string, boolean | undefined> = { 待核: true, 不待核: false, 备注: undefined };

function formatNoteSuffix(p: { provisional?: boolean; provisionalNote?: string }): string {
	if (p.provisional === undefined && p.provisionalNote === undefined) return '';
	const marker = p.provisional === true ? '待核' : p.provisional === false ? '不待核' : '备注';
	return p.provisionalNote === undefined ? `（${marker}）` : `（${marker}：${p.provisionalNote}）`;
}

interface ParsedRule {
	id?: string;
	title: LocalText;
	points: number;
	per: Per;
	provisional?: boolean;
	provisionalNote?: string;
}

/** `[id] 标题 | English：每处 1 分（待核：说明）`; undefined when the text is not a rule. */
function parseRule(text: string): ParsedRule | { badId: string } | undefined {
	const s = text.trim();
	// The note may itself contain brackets or colons: try each marker position, leftmost first.
	const markers = [...s.matchAll(/[（(](待核|不待核|备注)(?=[：:）)])/g)];
	const candidates: { head: string; suffix?: { flag: boolean | undefined; note?: string } }[] = [];
	if (/[）)]$/.test(s)) {
		for (const m of markers) {
			const inner = s.slice(m.index + 1, -1);
			const marker = m[1]!;
			const note = inner.slice(marker.length);
			if (note !== '' && !/^[：:]/.test(note)) continue;
			const noteText = note.slice(1).trim();
			candidates.push({ head: s.slice(0, m.index), suffix: { flag: NOTE_MARKERS[marker], note: note === '' ? undefined : noteText || undefined } });
		}
	}
	candidates.push({ head: s });
	for (const c of candidates) {
		const head = parseRuleHead(c.head);
		if (!head) continue;
		if ('badId' in head) return head;
		return compact({ ...head, provisional: c.suffix?.flag, provisionalNote: c.suffix?.note });
	}
	return undefined;
}

function parseRuleHead(head: string): Omit<ParsedRule, 'provisional' | 'provisionalNote'> | { badId: string } | undefined {
	const { id, rest } = splitId(head);
	// Titles may contain colons; amounts never do: the last colon separates them.
	const colon = Math.max(rest.lastIndexOf('：'), rest.lastIndexOf(':'));
	if (colon < 0) return undefined;
	const amount = parseAmount(rest.slice(colon + 1));
	const title = parseTitle(rest.slice(0, colon).trim());
	if (!amount || !title) return undefined;
	if (id !== undefined && !isSlug(id)) return { badId: id };
	return compact({ id, title, ...amount });
}

function splitId(s: string): { id?: string; rest: string } {
	const m = /^\s*[[［【]([^\]］】]*)[\]］】]\s*/.exec(s);
	return m ? { id: m[1]!.trim(), rest: s.slice(m[0].length) } : { rest: s.trim() };
}

/**
 * Splits a cell into rule texts: one per line, and a line at "；" with the pieces re-joined until each
 * parses, so a "；" inside a title or note survives. Exported lines hold one rule starting with "[id]"; a
 * line whose id-less pieces also read as rules could be either, and is reported rather than guessed.
 */
function splitRules<T>(cell: string, parse: (s: string) => T | undefined): { text: string; parsed: T | undefined; ambiguous?: true }[] {
	const out: { text: string; parsed: T | undefined; ambiguous?: true }[] = [];
	for (const line of cell.split(/\r?\n/)) {
		if (!line.trim()) continue;
		const pieces: { text: string; parsed: T | undefined }[] = [];
		let acc = '';
		for (const piece of line.split(/(?<=[；;])/)) {
			acc += piece;
			const text = acc.replace(/[；;]\s*$/, '').trim();
			const parsed = text ? parse(text) : undefined;
			if (parsed !== undefined) {
				pieces.push({ text, parsed });
				acc = '';
			}
		}
		const rest = acc.replace(/[；;]\s*$/, '').trim();
		if (rest) pieces.push({ text: rest, parsed: undefined });
		const whole = parse(line.trim());
		const hasId = (t: string) => /^\s*[[［【]/.test(t);
		const allPiecesParse = !rest && pieces.length > 1;
		if (!allPiecesParse) out.push(...(whole !== undefined ? [{ text: line.trim(), parsed: whole }] : pieces));
		else if (whole === undefined || !hasId(line) || pieces.every((p) => hasId(p.text))) out.push(...pieces);
		else out.push({ text: line.trim(), parsed: undefined, ambiguous: true });
	}
	return out;
}

/** `[id] 完整 | Complete=1`. */
function parseLevel(text: string): { id?: string; title: LocalText; points: number } | { badId: string } | undefined {
	const { id, rest } = splitId(text);
	const eq = Math.max(rest.lastIndexOf('='), rest.lastIndexOf('＝'));
	if (eq < 0) return undefined;
	const points = parseNumberText(rest.slice(eq + 1));
	const title = parseTitle(rest.slice(0, eq).trim());
	if (points === undefined || !title) return undefined;
	if (id !== undefined && !isSlug(id)) return { badId: id };
	return compact({ id, title, points });
}

// ---------------------------------------------------------------------------------------------------------
// Section paths

interface PathSegment {
	code: string;
	title?: string;
}

const PATH_SPLIT = /\s*[>＞›]\s*/;

function parsePath(s: string): PathSegment[] | undefined {
	const parts = s.split(PATH_SPLIT).map((p) => p.trim());
	if (parts.some((p) => p === '')) return undefined;
	return parts.map((p) => {
		const m = /[\s\u3000]+/.exec(p);
		return m ? { code: p.slice(0, m.index), title: p.slice(m.index + m[0].length).trim() } : { code: p };
	});
}

function formatPath(chain: Section[]): string {
	return chain.map((s) => `${s.code} ${s.title.zh}`).join(' > ');
}

const NONE_TOKENS = ['（无）', '(无)', '无', 'none', '（none）'];

/** In a list cell, `[id]` names an item by id only: the fallback when its title or code would be ambiguous. */
function explicitId(token: string): string | undefined {
	return /^[[［【]([^\]］】]+)[\]］】]$/.exec(token.trim())?.[1]?.trim();
}

// ---------------------------------------------------------------------------------------------------------
// Export

function header(cols: readonly ColumnSpec[]): Row {
	return cols.map((c) => c.header);
}

function rowOf<K extends string>(cols: readonly ColumnSpec<K>[], values: Partial<Record<K, Cell>>): Row {
	return cols.map((c) => values[c.key] ?? null);
}

function walkSections(sections: Section[], visit: (s: Section, chain: Section[]) => void, chain: Section[] = []): void {
	for (const s of sections) {
		const here = [...chain, s];
		visit(s, here);
		walkSections(s.sections, visit, here);
	}
}

function categoryTokens(fw: Framework): Map<string, string> {
	// The title when it reads back as this category alone; otherwise `[id]`.
	return new Map(
		fw.categories.map((c) => {
			const t = c.title.zh;
			const safe = !LIST_SPLIT.test(t) && explicitId(t) === undefined && !NONE_TOKENS.some((n) => norm(n) === norm(t));
			const unique = safe && sameIds(resolveCategoryToken(t, fw.categories), [c.id]);
			return [c.id, unique ? t : `[${c.id}]`];
		})
	);
}

function sameIds(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A section's code when no id reads the same (codes are tried first on import, ids second); otherwise `[id]`. */
function naSectionToken(ref: string, sectionCode: Map<string, string>, allIds: Set<string>): string {
	const code = sectionCode.get(ref);
	if (code !== undefined && (code === ref || !allIds.has(code)) && !LIST_SPLIT.test(code) && explicitId(code) === undefined) return code;
	return `[${ref}]`;
}

export function frameworkToSheets(fw: Framework): Sheets {
	const tokens = categoryTokens(fw);
	const indicatorRows: Row[] = [header(INDICATOR_COLUMNS)];
	const sectionRows: Row[] = [header(SECTION_COLUMNS)];
	const sectionCode = new Map<string, string>();
	const allIds = new Set<string>();
	walkSections(fw.sections, (s) => {
		allIds.add(s.id);
		for (const ind of s.indicators) allIds.add(ind.id);
	});
	walkSections(fw.sections, (s, chain) => {
		sectionCode.set(s.id, s.code);
		const path = formatPath(chain);
		sectionRows.push(
			rowOf(SECTION_COLUMNS, {
				path,
				id: s.id,
				part: PARTS.labels[s.part],
				titleEn: orNull(s.title.en),
				weight: s.weight ?? null,
				cap: s.cap ?? null,
				guidance: orNull(s.guidance?.zh),
				guidanceEn: orNull(s.guidance?.en),
				provisional: formatProvisional(s)
			})
		);
		for (const ind of s.indicators) {
			const na = fw.categories.filter((c) => c.naIndicators.includes(ind.id));
			const applies = fw.categories.filter((c) => !c.naIndicators.includes(ind.id));
			const showMethod = ind.method !== 'binary' || s.part === 'weighted' || s.part === 'checklist';
			indicatorRows.push(
				rowOf(INDICATOR_COLUMNS, {
					path,
					part: PARTS.labels[s.part],
					code: ind.code,
					title: ind.title.zh,
					titleEn: orNull(ind.title.en),
					max: ind.max,
					method: showMethod ? METHODS.labels[ind.method] : null,
					deductions: orNull(ind.deductions.map((d) => `[${d.id}] ${formatTitle(d.title)}：${formatAmount(d.points, d.per, s.part)}${formatNoteSuffix(d)}`).join('\n')),
					levels: orNull(ind.levels.map((l) => `[${l.id}] ${formatTitle(l.title)}=${formatNumber(l.points)}`).join('\n')),
					ratioOf: ind.ratioOf ?? null,
					categories: na.length === 0 ? null : applies.length === 0 ? NONE_TOKENS[0]! : applies.map((c) => tokens.get(c.id)!).join('、'),
					guidance: orNull(ind.guidance?.zh),
					guidanceEn: orNull(ind.guidance?.en),
					basis: orNull(ind.basis),
					suggestion: orNull(ind.suggestion?.zh),
					suggestionEn: orNull(ind.suggestion?.en),
					deadline: orNull(ind.deadline),
					units: orNull(ind.responsibleUnits.join('、')),
					provisional: formatProvisional(ind),
					id: ind.id
				})
			);
		}
	});

	const sc = fw.scoring;
	const infoValues: Record<string, Cell> = {
		id: fw.id,
		version: fw.version,
		title: fw.title.zh,
		titleEn: orNull(fw.title.en),
		description: orNull(fw.description?.zh),
		descriptionEn: orNull(fw.description?.en),
		sourceTitle: fw.source.title,
		docNo: orNull(fw.source.docNo),
		issuedOn: orNull(fw.source.issuedOn),
		url: orNull(fw.source.url),
		builtIn: BOOLEANS.labels[fw.builtIn ? 'true' : 'false'],
		provisional: formatProvisional(fw),
		model: MODELS.labels[sc.model],
		passMark: sc.passMark,
		vetoScore: sc.vetoScore,
		decimals: sc.decimals,
		createdAt: fw.createdAt,
		updatedAt: fw.updatedAt,
		updatedBy: orNull(fw.updatedBy)
	};
	if (sc.model === 'deduction') {
		Object.assign(infoValues, {
			total: sc.total,
			naPolicy: NA_POLICIES.labels[sc.naPolicy],
			bonusGate: sc.bonus?.gate ?? null,
			bonusGateInclusive: sc.bonus ? BOOLEANS.labels[sc.bonus.gateInclusive ? 'true' : 'false'] : null,
			bonusCap: sc.bonus?.cap ?? null,
			bonusProvisional: sc.bonus ? formatProvisional(sc.bonus) : null
		});
	}
	const infoRows: Row[] = [header(INFO_COLUMNS)];
	for (const k of INFO_KEYS) {
		if (k.deductionOnly && sc.model !== 'deduction') continue;
		infoRows.push([k.header, infoValues[k.key] ?? null]);
	}

	const gradeRows: Row[] = [header(GRADE_COLUMNS)];
	for (const g of sc.grades) {
		gradeRows.push(rowOf(GRADE_COLUMNS, { id: g.id, title: g.title.zh, titleEn: orNull(g.title.en), min: g.min, provisional: formatProvisional(g) }));
	}
	const categoryRows: Row[] = [header(CATEGORY_COLUMNS)];
	for (const c of fw.categories) {
		categoryRows.push(
			rowOf(CATEGORY_COLUMNS, {
				id: c.id,
				title: c.title.zh,
				titleEn: orNull(c.title.en),
				bonus: BOOLEANS.labels[c.bonus ? 'true' : 'false'],
				naSections: orNull(c.naSections.map((ref) => naSectionToken(ref, sectionCode, allIds)).join('、')),
				provisional: formatProvisional(c)
			})
		);
	}

	return [
		{ name: SHEET_NAMES.indicators, rows: indicatorRows },
		{ name: SHEET_NAMES.sections, rows: sectionRows },
		{ name: SHEET_NAMES.info, rows: infoRows },
		{ name: SHEET_NAMES.grades, rows: gradeRows },
		{ name: SHEET_NAMES.categories, rows: categoryRows },
		notesSheet()
	];
}

// ---------------------------------------------------------------------------------------------------------
// Import: reading tables

interface TableRow {
	row: number;
	cells: Row;
}
interface Table<K extends string> {
	sheet: string;
	columns: Map<K, { index: number; header: string }>;
	rows: TableRow[];
}

function readTable<K extends string>(sheet: Sheet, specs: readonly ColumnSpec<K>[], out: SheetProblem[]): Table<K> | undefined {
	const headerIndex = sheet.rows.findIndex((r) => !isEmptyRow(r));
	if (headerIndex < 0) {
		out.push({ sheet: sheet.name, code: 'sheet.error.emptySheet', params: {} });
		return undefined;
	}
	const byName = new Map<string, ColumnSpec<K>>();
	for (const spec of specs) for (const name of [spec.header, ...spec.aliases]) byName.set(norm(name), spec);
	const columns = new Map<K, { index: number; header: string }>();
	sheet.rows[headerIndex]!.forEach((cell, index) => {
		const text = cellText(cell);
		const spec = text ? byName.get(norm(text)) : undefined;
		if (!spec) return;
		const seen = columns.get(spec.key);
		if (seen) out.push({ sheet: sheet.name, row: headerIndex + 1, column: text, code: 'sheet.error.duplicateColumn', params: { column: text, other: seen.header } });
		else columns.set(spec.key, { index, header: text });
	});
	const missing = specs.filter((s) => s.required && !columns.has(s.key));
	if (missing.length > 0) {
		out.push({ sheet: sheet.name, row: headerIndex + 1, code: 'sheet.error.missingColumns', params: { columns: missing.map((s) => s.header).join('、') } });
		return undefined;
	}
	const rows: TableRow[] = [];
	sheet.rows.forEach((cells, i) => {
		if (i > headerIndex && !isEmptyRow(cells)) rows.push({ row: i + 1, cells });
	});
	return { sheet: sheet.name, columns, rows };
}

/** Reads typed values from one row, recording a problem (sheet, row, column as written) for each bad cell. */
class RowReader<K extends string> {
	constructor(
		private readonly table: Table<K>,
		readonly at: TableRow,
		private readonly out: SheetProblem[]
	) {}

	get row(): number {
		return this.at.row;
	}
	get sheet(): string {
		return this.table.sheet;
	}
	column(key: K): string | undefined {
		return this.table.columns.get(key)?.header;
	}
	has(key: K): boolean {
		return this.table.columns.has(key);
	}
	/** Records a problem at this row; returns undefined so a reader can `return this.fail(…)`. */
	fail(key: K | undefined, code: string, params: Record<string, string | number> = {}): undefined {
		this.out.push(compact({ sheet: this.table.sheet, row: this.at.row, column: key === undefined ? undefined : this.column(key), code, params }));
		return undefined;
	}
	raw(key: K): Cell {
		const c = this.table.columns.get(key);
		return c === undefined ? null : (this.at.cells[c.index] ?? null);
	}
	text(key: K, required = false): string | undefined {
		const t = cellText(this.raw(key));
		if (t) return t;
		if (required) this.fail(key, 'sheet.error.required', { column: this.column(key) ?? key });
		return undefined;
	}
	number(key: K, opts: { required?: boolean; positive?: boolean; integer?: boolean; signed?: boolean } = {}): number | undefined {
		const cell = this.raw(key);
		const t = this.text(key, opts.required);
		if (t === undefined) return undefined;
		const n = typeof cell === 'number' ? cell : parseNumberText(t);
		if (n === undefined || !Number.isFinite(n)) return this.fail(key, 'sheet.error.notNumber', { value: t });
		if (n < 0 && !opts.signed) return this.fail(key, 'sheet.error.negative', { value: t });
		if (opts.positive && n === 0) return this.fail(key, 'sheet.error.notPositive', { value: t });
		if (opts.integer && !Number.isInteger(n)) return this.fail(key, 'sheet.error.notInteger', { value: t });
		return n;
	}
	vocab<V extends string>(key: K, vocab: Vocab<V>, code: string, required = false): V | undefined {
		const t = this.text(key, required);
		if (t === undefined) return undefined;
		const v = vocabLookup(vocab, t);
		if (v === undefined) this.fail(key, code, { value: t, allowed: vocabAllowed(vocab) });
		return v;
	}
	bool(key: K, required = false): boolean | undefined {
		const v = this.vocab(key, BOOLEANS, 'sheet.error.notBoolean', required);
		return v === undefined ? undefined : v === 'true';
	}
	provisional(key: K): { provisional?: boolean; provisionalNote?: string } {
		const t = this.text(key);
		if (t === undefined) return {};
		const p = parseProvisional(t);
		if (!p) {
			this.fail(key, 'sheet.error.badProvisional', { value: t });
			return {};
		}
		return p;
	}
	date(key: K): string | undefined {
		const t = this.text(key);
		if (t === undefined) return undefined;
		const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t.normalize('NFKC'));
		const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : t;
		if (!IsoDate.safeParse(iso).success) return this.fail(key, 'sheet.error.badDate', { value: t });
		return iso;
	}
	slug(key: K): string | undefined {
		const t = this.text(key);
		if (t !== undefined && !isSlug(t)) return this.fail(key, 'sheet.error.badId', { value: t });
		return t;
	}
}

function rowsOf<K extends string>(table: Table<K>, out: SheetProblem[]): RowReader<K>[] {
	return table.rows.map((r) => new RowReader(table, r, out));
}

function findSheet(sheets: Sheets, key: SheetKey): Sheet | undefined {
	const names = [SHEET_NAMES[key], ...SHEET_ALIASES[key]].map(norm);
	return sheets.find((s) => names.includes(norm(s.name)));
}

// ---------------------------------------------------------------------------------------------------------
// Import: where each framework path came from, to point schema problems at a cell

interface Origin {
	sheet: string;
	row?: number;
	/** Column header for a field name under this path (the first path key after it). */
	column?: (rest: (string | number)[]) => string | undefined;
}

class Origins {
	private readonly map = new Map<string, Origin>();
	set(path: (string | number)[], origin: Origin): void {
		this.map.set(path.join('.'), origin);
	}
	locate(path: readonly PropertyKey[]): { sheet: string; row?: number; column?: string } | undefined {
		const keys = path.map((k) => (typeof k === 'number' ? k : String(k)));
		for (let n = keys.length; n >= 0; n--) {
			const o = this.map.get(keys.slice(0, n).join('.'));
			if (o) return compact({ sheet: o.sheet, row: o.row, column: o.column?.(keys.slice(n)) });
		}
		return undefined;
	}
}

function fieldColumns<K extends string>(r: RowReader<K>, fields: Record<string, K | ((rest: (string | number)[]) => K)>) {
	return (rest: (string | number)[]) => {
		const f = fields[String(rest[0])];
		if (f === undefined) return undefined;
		return r.column(typeof f === 'function' ? f(rest) : f);
	};
}

// ---------------------------------------------------------------------------------------------------------
// Import: framework info, grades, categories

type InfoValues = Pick<FrameworkInput, 'id' | 'version' | 'builtIn' | 'title' | 'description' | 'source' | 'scoring' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'provisional' | 'provisionalNote'>;

const INFO_PATHS: Record<string, (string | number)[]> = {
	id: ['id'],
	version: ['version'],
	title: ['title', 'zh'],
	titleEn: ['title', 'en'],
	description: ['description', 'zh'],
	descriptionEn: ['description', 'en'],
	sourceTitle: ['source', 'title'],
	docNo: ['source', 'docNo'],
	issuedOn: ['source', 'issuedOn'],
	url: ['source', 'url'],
	builtIn: ['builtIn'],
	provisional: ['provisional'],
	model: ['scoring', 'model'],
	passMark: ['scoring', 'passMark'],
	vetoScore: ['scoring', 'vetoScore'],
	decimals: ['scoring', 'decimals'],
	total: ['scoring', 'total'],
	naPolicy: ['scoring', 'naPolicy'],
	bonusGate: ['scoring', 'bonus', 'gate'],
	bonusGateInclusive: ['scoring', 'bonus', 'gateInclusive'],
	bonusCap: ['scoring', 'bonus', 'cap'],
	bonusProvisional: ['scoring', 'bonus', 'provisional'],
	createdAt: ['createdAt'],
	updatedAt: ['updatedAt'],
	updatedBy: ['updatedBy']
};

function readInfo(sheet: Sheet, opts: SheetImportOptions, origins: Origins, out: SheetProblem[]): { values: InfoValues; totalRow?: number } | undefined {
	const table = readTable(sheet, INFO_COLUMNS, out);
	if (!table) return undefined;
	const readers = new Map<string, RowReader<'key' | 'value'>>();
	for (const r of rowsOf(table, out)) {
		const name = r.text('key');
		if (name === undefined) {
			r.fail('key', 'sheet.error.required', { column: r.column('key') ?? '' });
			continue;
		}
		const spec = INFO_KEYS.find((k) => [k.header, ...k.aliases].some((a) => norm(a) === norm(name)));
		if (!spec) {
			r.fail('key', 'sheet.error.unknownKey', { key: name, allowed: INFO_KEYS.map((k) => k.header).join('、') });
			continue;
		}
		const seen = readers.get(spec.key);
		if (seen) {
			r.fail('key', 'sheet.error.duplicateKey', { key: name, otherRow: seen.row });
			continue;
		}
		readers.set(spec.key, r);
		const path = INFO_PATHS[spec.key]!;
		origins.set(path, { sheet: table.sheet, row: r.row, column: () => r.column('value') });
	}
	const value = (key: string) => readers.get(key);
	const missing = (key: string) => {
		const spec = INFO_KEYS.find((k) => k.key === key)!;
		out.push({ sheet: table.sheet, column: table.columns.get('key')?.header, code: 'sheet.error.missingKey', params: { key: spec.header } });
		return undefined;
	};
	const text = (key: string, required = false) => {
		const r = value(key);
		if (!r) return required ? missing(key) : undefined;
		return r.text('value', required);
	};
	const number = (key: string, required = false, o: { positive?: boolean; integer?: boolean } = {}) => {
		const r = value(key);
		if (!r) return required ? missing(key) : undefined;
		return r.number('value', { required, ...o });
	};
	const bool = (key: string) => value(key)?.bool('value');
	const prov = (key: string) => value(key)?.provisional('value') ?? {};
	const slug = (key: string) => {
		const id = text(key, true);
		if (id !== undefined && !isSlug(id)) return value(key)?.fail('value', 'sheet.error.badId', { value: id });
		return id;
	};
	const timestamp = (key: string) => {
		const t = text(key);
		if (t === undefined) return opts.now;
		if (!Timestamp.safeParse(t).success) return value(key)?.fail('value', 'sheet.error.badTimestamp', { value: t });
		return t;
	};

	const model = value('model') ? value('model')!.vocab('value', MODELS, 'sheet.error.unknownModel', true) : missing('model');
	const common = {
		passMark: number('passMark', true),
		vetoScore: text('vetoScore') === undefined ? null : value('vetoScore')!.number('value', { signed: true }),
		decimals: number('decimals', false, { integer: true })
	};
	let scoring: Record<string, unknown> = { model, ...common };
	if (model === 'deduction') {
		const gate = number('bonusGate');
		const cap = number('bonusCap', false, { positive: true });
		const inclusive = bool('bonusGateInclusive');
		const bonusProv = prov('bonusProvisional');
		const anyBonus = text('bonusGate') !== undefined || text('bonusCap') !== undefined || inclusive !== undefined || Object.keys(bonusProv).length > 0;
		// A bonus part needs both numbers; name the empty one rather than drop the bonus silently.
		for (const key of ['bonusGate', 'bonusCap']) {
			if (!anyBonus || text(key) !== undefined) continue;
			const r = value(key);
			if (r) r.text('value', true);
			else missing(key);
		}
		scoring = {
			...scoring,
			total: number('total', true, { positive: true }),
			naPolicy: value('naPolicy') ? value('naPolicy')!.vocab('value', NA_POLICIES, 'sheet.error.unknownNaPolicy', true) : missing('naPolicy'),
			bonus: anyBonus ? compact({ gate, gateInclusive: inclusive ?? false, cap, ...bonusProv }) : null
		};
	}
	const issuedOn = value('issuedOn')?.date('value');
	const values = compact({
		id: slug('id'),
		version: text('version', true),
		builtIn: bool('builtIn') ?? false,
		title: localText(text('title', true), text('titleEn')),
		description: localText(text('description'), text('descriptionEn')),
		source: compact({ title: text('sourceTitle', true), docNo: text('docNo'), issuedOn, url: text('url') }),
		scoring: compact(scoring),
		createdAt: timestamp('createdAt'),
		updatedAt: timestamp('updatedAt'),
		// An empty 更新人 row is an empty name (round trip); only a missing row means "stamp it".
		updatedBy: value('updatedBy') ? (text('updatedBy') ?? '') : (opts.user ?? ''),
		...prov('provisional')
	}) as InfoValues;
	return { values, totalRow: value('total')?.row };
}

function readGrades(sheet: Sheet, origins: Origins, out: SheetProblem[]) {
	const table = readTable(sheet, GRADE_COLUMNS, out);
	if (!table) return undefined;
	const taken = new Set<string>();
	const seen = new Map<string, number>();
	const grades = rowsOf(table, out).map((r, i) => {
		origins.set(['scoring', 'grades', i], { sheet: table.sheet, row: r.row, column: fieldColumns<GradeKey>(r, { id: 'id', title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'), min: 'min', provisional: 'provisional', provisionalNote: 'provisional' }) });
		const id = r.slug('id');
		if (id !== undefined) {
			if (seen.has(id)) r.fail('id', 'sheet.error.duplicateId', { id, otherRow: seen.get(id)!, otherSheet: table.sheet });
			seen.set(id, r.row);
			taken.add(id);
		}
		// The schema lets a grade floor be any number, so only non-numbers are refused here.
		const min = r.number('min', { required: true, signed: true });
		return { id, title: localText(r.text('title', true), r.text('titleEn')), min, ...r.provisional('provisional') };
	});
	return grades.map(({ id, ...g }, i) => compact({ id: id ?? uniqueId(`grade-${i + 1}`, taken), ...g }));
}

interface CategoryDraft {
	id: string;
	title?: LocalText;
	bonus: boolean;
	naSectionTokens: { token: string; reader?: RowReader<CategoryKey> }[];
	naSections?: string[];
	naIndicators: string[];
	provisional?: boolean;
	provisionalNote?: string;
}

function readCategories(sheet: Sheet, origins: Origins, out: SheetProblem[]): CategoryDraft[] | undefined {
	const table = readTable(sheet, CATEGORY_COLUMNS, out);
	if (!table) return undefined;
	const taken = new Set<string>();
	const seen = new Map<string, number>();
	const drafts = rowsOf(table, out).map((r, i) => {
		origins.set(['categories', i], {
			sheet: table.sheet,
			row: r.row,
			column: fieldColumns<CategoryKey>(r, { id: 'id', title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'), bonus: 'bonus', naSections: 'naSections', provisional: 'provisional', provisionalNote: 'provisional' })
		});
		const id = r.slug('id');
		if (id !== undefined) {
			if (seen.has(id)) r.fail('id', 'sheet.error.duplicateId', { id, otherRow: seen.get(id)!, otherSheet: table.sheet });
			seen.set(id, r.row);
			taken.add(id);
		}
		return {
			r,
			id,
			title: localText(r.text('title', true), r.text('titleEn')),
			bonus: r.bool('bonus') ?? false,
			naSectionTokens: splitList(r.text('naSections') ?? '').map((token) => ({ token, reader: r })),
			naIndicators: [] as string[],
			...r.provisional('provisional')
		};
	});
	return drafts.map(({ r: _r, id, ...d }, i) => compact({ ...d, id: id ?? uniqueId(`category-${i + 1}`, taken) }));
}

function categoriesFromBase(base: Framework): CategoryDraft[] {
	return base.categories.map((c) => ({
		...c,
		naSectionTokens: [],
		naSections: [...c.naSections],
		naIndicators: [...c.naIndicators]
	}));
}

// ---------------------------------------------------------------------------------------------------------
// Import: sections and indicators

interface Where {
	sheet: string;
	row: number;
	column?: string;
}

interface SectionNode {
	code: string;
	title?: string;
	firstSeen: Where;
	titleWhere?: Where;
	parent: string | null;
	parentWhere: Where;
	children: string[];
	indicators: IndicatorDraft[];
	part?: SectionPart;
	partWhere?: Where;
	sheetRow?: RowReader<SectionKey>;
	id?: string;
	titleEn?: string;
	weight?: number;
	cap?: number;
	guidance?: LocalText;
	provisional?: boolean;
	provisionalNote?: string;
}

interface IndicatorDraft {
	r: RowReader<IndicatorKey>;
	sectionCode: string;
	id?: string;
	code?: string;
	title?: LocalText;
	max?: number;
	method?: IndicatorMethod;
	deductions: { id?: string; title: LocalText; points: number; per: Per; provisional?: boolean; provisionalNote?: string }[];
	levels: { id?: string; title: LocalText; points: number }[];
	ratioOf?: number;
	/** Category ids it applies to; undefined = every category (empty cell or no column). */
	appliesTo?: string[];
	guidance?: LocalText;
	basis?: string;
	suggestion?: LocalText;
	deadline?: string;
	responsibleUnits: string[];
	provisional?: boolean;
	provisionalNote?: string;
}

class SectionTree {
	readonly nodes = new Map<string, SectionNode>();
	readonly roots: string[] = [];

	constructor(private readonly out: SheetProblem[]) {}

	/** Registers every segment of a path; returns the leaf code, or undefined after a problem. */
	add(segments: PathSegment[], where: Where): string | undefined {
		let parent: string | null = null;
		let ok = true;
		for (const seg of segments) {
			let node = this.nodes.get(seg.code);
			if (!node) {
				node = { code: seg.code, firstSeen: where, parent, parentWhere: where, children: [], indicators: [] };
				this.nodes.set(seg.code, node);
				if (parent === null) this.roots.push(seg.code);
				else this.nodes.get(parent)!.children.push(seg.code);
			} else if (node.parent !== parent) {
				// Also how a cycle shows: "A > B" then "B > A" places A under both the top level and B.
				this.problem(where, 'sheet.error.sectionTwoParents', {
					code: seg.code,
					parent: parent ?? '—',
					otherParent: node.parent ?? '—',
					otherRow: node.parentWhere.row,
					otherSheet: node.parentWhere.sheet
				});
				ok = false;
			}
			if (seg.title !== undefined) {
				if (node.title === undefined) {
					node.title = seg.title;
					node.titleWhere = where;
				} else if (node.title !== seg.title) {
					this.problem(where, 'sheet.error.sectionTitleConflict', {
						code: seg.code,
						title: seg.title,
						otherTitle: node.title,
						otherRow: node.titleWhere!.row,
						otherSheet: node.titleWhere!.sheet
					});
					ok = false;
				}
			}
			parent = seg.code;
		}
		return ok ? parent! : undefined;
	}

	setPart(code: string, part: SectionPart, where: Where): void {
		const node = this.nodes.get(code)!;
		if (node.part === undefined) {
			node.part = part;
			node.partWhere = where;
		} else if (node.part !== part) {
			this.problem(where, 'sheet.error.sectionPartConflict', {
				code,
				part: PARTS.labels[part],
				otherPart: PARTS.labels[node.part],
				otherRow: node.partWhere!.row,
				otherSheet: node.partWhere!.sheet
			});
		}
	}

	/** Sections without a part of their own take their parent's, or else their first descendant's. */
	resolveParts(): void {
		const down = (code: string, inherited: SectionPart | undefined) => {
			const n = this.nodes.get(code)!;
			n.part ??= inherited;
			for (const c of n.children) down(c, n.part);
		};
		const firstBelow = (code: string): SectionPart | undefined => {
			const n = this.nodes.get(code)!;
			if (n.part) return n.part;
			for (const c of n.children) {
				const p = firstBelow(c);
				if (p) return p;
			}
			return undefined;
		};
		for (const r of this.roots) down(r, firstBelow(r));
		for (const n of this.nodes.values()) {
			if (n.part === undefined) this.problem(n.firstSeen, 'sheet.error.partMissing', { code: n.code, allowed: vocabAllowed(PARTS) });
		}
		for (const n of this.nodes.values()) {
			if (n.title === undefined) this.problem(n.firstSeen, 'sheet.error.sectionUndefined', { code: n.code });
		}
	}

	private problem(where: Where, code: string, params: Record<string, string | number>): void {
		this.out.push(compact({ sheet: where.sheet, row: where.row, column: where.column, code, params }));
	}
}

function readSectionRows(sheet: Sheet, tree: SectionTree, out: SheetProblem[]): boolean {
	const table = readTable(sheet, SECTION_COLUMNS, out);
	if (!table) return false;
	for (const r of rowsOf(table, out)) {
		const pathText = r.text('path', true);
		if (pathText === undefined) continue;
		const where = { sheet: r.sheet, row: r.row, column: r.column('path') };
		const segments = parsePath(pathText);
		if (!segments) {
			r.fail('path', 'sheet.error.badPath', { value: pathText });
			continue;
		}
		const code = tree.add(segments, where);
		if (code === undefined) continue;
		const node = tree.nodes.get(code)!;
		if (node.sheetRow) {
			r.fail('path', 'sheet.error.duplicateSectionRow', { code, otherRow: node.sheetRow.row });
			continue;
		}
		node.sheetRow = r;
		const part = r.vocab('part', PARTS, 'sheet.error.unknownPart');
		if (part) tree.setPart(code, part, { sheet: r.sheet, row: r.row, column: r.column('part') });
		const guidance = r.text('guidance');
		const guidanceEn = r.text('guidanceEn');
		if (guidanceEn && !guidance) r.fail('guidanceEn', 'sheet.error.enWithoutZh', { column: r.column('guidance') ?? SECTION_COLUMNS[6].header });
		Object.assign(
			node,
			compact({
				id: r.slug('id'),
				titleEn: r.text('titleEn'),
				weight: r.number('weight', { positive: true }),
				cap: r.number('cap', { positive: true }),
				guidance: localText(guidance, guidanceEn),
				...r.provisional('provisional')
			})
		);
	}
	return true;
}

/** Ids of the categories a token names: `[id]` by id only, otherwise any category whose title (zh or en) or id it is. */
function resolveCategoryToken(token: string, categories: { id: string; title?: LocalText }[]): string[] {
	const id = explicitId(token);
	if (id !== undefined) return categories.filter((c) => c.id === id).map((c) => c.id);
	return categories.filter((c) => c.title?.zh === token || c.id === token || (c.title?.en !== undefined && norm(c.title.en) === norm(token))).map((c) => c.id);
}

function resolveCategoryTokens(tokens: string[], categories: CategoryDraft[]): { ids: string[]; unknown: string[]; ambiguous: string[] } {
	const out = { ids: [] as string[], unknown: [] as string[], ambiguous: [] as string[] };
	if (tokens.length === 1 && NONE_TOKENS.some((t) => norm(t) === norm(tokens[0]!))) return out;
	for (const token of tokens) {
		const ids = resolveCategoryToken(token, categories);
		if (ids.length === 1) out.ids.push(ids[0]!);
		else if (ids.length > 1) out.ambiguous.push(token);
		else out.unknown.push(token);
	}
	return out;
}

function readIndicatorRow(r: RowReader<IndicatorKey>, tree: SectionTree, categories: CategoryDraft[] | undefined): IndicatorDraft | undefined {
	const pathText = r.text('path', true);
	const segments = pathText === undefined ? undefined : parsePath(pathText);
	if (pathText !== undefined && !segments) r.fail('path', 'sheet.error.badPath', { value: pathText });
	const sectionCode = segments ? tree.add(segments, { sheet: r.sheet, row: r.row, column: r.column('path') }) : undefined;
	const part = r.vocab('part', PARTS, 'sheet.error.unknownPart');
	if (sectionCode !== undefined && part) tree.setPart(sectionCode, part, { sheet: r.sheet, row: r.row, column: r.column('part') });

	const deductions: IndicatorDraft['deductions'] = [];
	for (const { text, parsed, ambiguous } of splitRules(r.text('deductions') ?? '', parseRule)) {
		if (ambiguous) r.fail('deductions', 'sheet.error.ambiguousRule', { value: text });
		else if (!parsed) r.fail('deductions', 'sheet.error.badDeduction', { value: text });
		else if ('badId' in parsed) r.fail('deductions', 'sheet.error.badId', { value: parsed.badId });
		else if (!(parsed.points > 0)) r.fail('deductions', 'sheet.error.rulePoints', { value: text });
		else deductions.push(parsed);
	}
	const levels: IndicatorDraft['levels'] = [];
	for (const { text, parsed, ambiguous } of splitRules(r.text('levels') ?? '', parseLevel)) {
		if (ambiguous) r.fail('levels', 'sheet.error.ambiguousRule', { value: text });
		else if (!parsed) r.fail('levels', 'sheet.error.badLevel', { value: text });
		else if ('badId' in parsed) r.fail('levels', 'sheet.error.badId', { value: parsed.badId });
		else if (parsed.points < 0) r.fail('levels', 'sheet.error.negative', { value: text });
		else levels.push(parsed);
	}

	let appliesTo: string[] | undefined;
	const catText = r.text('categories');
	if (catText !== undefined && categories) {
		const { ids, unknown, ambiguous } = resolveCategoryTokens(splitList(catText), categories);
		for (const token of unknown) {
			r.fail('categories', 'sheet.error.unknownCategory', { value: token, allowed: categories.map((c) => c.title?.zh ?? c.id).join('、') });
		}
		for (const token of ambiguous) r.fail('categories', 'sheet.error.ambiguousCategory', { value: token });
		appliesTo = ids;
	}

	const guidance = r.text('guidance');
	const guidanceEn = r.text('guidanceEn');
	if (guidanceEn && !guidance) r.fail('guidanceEn', 'sheet.error.enWithoutZh', { column: r.column('guidance') ?? '考察要点' });
	const suggestion = r.text('suggestion');
	const suggestionEn = r.text('suggestionEn');
	if (suggestionEn && !suggestion) r.fail('suggestionEn', 'sheet.error.enWithoutZh', { column: r.column('suggestion') ?? '整改建议' });

	const draft: IndicatorDraft = compact({
		r,
		sectionCode: sectionCode ?? '',
		id: r.slug('id'),
		code: r.text('code', true),
		title: localText(r.text('title', true), r.text('titleEn')),
		max: r.number('max', { required: true }),
		method: r.vocab('method', METHODS, 'sheet.error.unknownMethod'),
		deductions,
		levels,
		ratioOf: r.number('ratioOf', { positive: true, integer: true }),
		appliesTo,
		guidance: localText(guidance, guidanceEn),
		basis: r.text('basis'),
		suggestion: localText(suggestion, suggestionEn),
		deadline: r.date('deadline'),
		responsibleUnits: splitList(r.text('units') ?? ''),
		...r.provisional('provisional')
	});
	if (sectionCode !== undefined) tree.nodes.get(sectionCode)!.indicators.push(draft);
	return sectionCode === undefined ? undefined : draft;
}

// ---------------------------------------------------------------------------------------------------------
// Import: assembly

export function sheetsToFramework(sheets: Sheets, opts: SheetImportOptions): SheetImportResult {
	const out: SheetProblem[] = [];
	const origins = new Origins();
	const base = opts.base;

	let indicatorSheet = findSheet(sheets, 'indicators');
	// A single unnamed sheet (CSV, or an .xlsx saved with one "Sheet1") is taken as the indicator sheet.
	const known = (Object.keys(SHEET_NAMES) as SheetKey[]).filter((k) => k !== 'indicators');
	const others = sheets.filter((s) => !known.some((k) => findSheet([s], k)));
	if (!indicatorSheet && others.length === 1) indicatorSheet = others[0];
	const missingSheet = (key: SheetKey) => {
		out.push({ sheet: SHEET_NAMES[key], code: 'sheet.error.missingSheet', params: { sheet: SHEET_NAMES[key], found: sheets.map((s) => s.name).join('、') || '—' } });
		return undefined;
	};
	const unlessBase = (key: SheetKey) => findSheet(sheets, key) ?? (base ? undefined : missingSheet(key));
	if (!indicatorSheet) missingSheet('indicators');
	const infoSheet = unlessBase('info');
	const gradesSheet = unlessBase('grades');
	const categoriesSheet = unlessBase('categories');
	const sectionsSheet = findSheet(sheets, 'sections');
	if (out.length > 0 || !indicatorSheet) return { ok: false, problems: out };

	const infoRead = infoSheet ? readInfo(infoSheet, opts, origins, out) : undefined;
	const grades = gradesSheet ? readGrades(gradesSheet, origins, out) : base?.scoring.grades;
	const categories = categoriesSheet ? readCategories(categoriesSheet, origins, out) : base ? categoriesFromBase(base) : undefined;

	const tree = new SectionTree(out);
	const sectionSheetRead = sectionsSheet ? readSectionRows(sectionsSheet, tree, out) : false;
	const indicatorTable = readTable(indicatorSheet, INDICATOR_COLUMNS, out);
	if (!indicatorTable) return { ok: false, problems: out };
	const drafts = rowsOf(indicatorTable, out)
		.map((r) => readIndicatorRow(r, tree, categories))
		.filter((d): d is IndicatorDraft => d !== undefined);
	if (indicatorTable.rows.length === 0) out.push({ sheet: indicatorTable.sheet, code: 'sheet.error.noIndicators', params: {} });
	if (!sectionSheetRead && base) applyBaseSections(tree, base);
	tree.resolveParts();
	if (out.length > 0 || !categories || !grades) return { ok: false, problems: out };

	const infoValues: InfoValues | undefined = infoRead?.values ?? (base ? infoFromBase(base) : undefined);
	if (!infoValues) return { ok: false, problems: out };

	// Ids: explicit ones first (so generated ones avoid them), duplicates named with both rows.
	const taken = new Map<string, Where>();
	const claim = (id: string, where: Where) => {
		const other = taken.get(id);
		if (other) out.push({ ...where, code: 'sheet.error.duplicateId', params: { id, otherRow: other.row, otherSheet: other.sheet } });
		else taken.set(id, where);
	};
	for (const n of tree.nodes.values()) if (n.id !== undefined && n.sheetRow) claim(n.id, { sheet: n.sheetRow.sheet, row: n.sheetRow.row, column: n.sheetRow.column('id') });
	for (const n of tree.nodes.values()) if (n.id !== undefined && !n.sheetRow) claim(n.id, n.firstSeen);
	for (const d of drafts) if (d.id !== undefined) claim(d.id, { sheet: d.r.sheet, row: d.r.row, column: d.r.column('id') });
	const codes = new Map<string, number>();
	for (const d of drafts) {
		if (d.code === undefined) continue;
		const other = codes.get(d.code);
		if (other !== undefined) d.r.fail('code', 'sheet.error.duplicateCode', { code: d.code, otherRow: other });
		else codes.set(d.code, d.r.row);
	}
	const used = new Set(taken.keys());
	for (const n of tree.nodes.values()) n.id ??= uniqueId(`sec-${slugify(n.code) || n.firstSeen.row}`, used);
	for (const d of drafts) d.id ??= uniqueId(`ind-${slugify(d.code ?? '') || d.r.row}`, used);

	// Category applicability ⇄ naIndicators, in framework order.
	const ordered = orderedDrafts(tree);
	const catColumn = indicatorTable.columns.get('categories');
	categories.forEach((c, i) => {
		// Without the column, a base framework's naIndicators stand; with it, the column decides.
		if (catColumn) {
			c.naIndicators = ordered.filter((d) => d.appliesTo !== undefined && !d.appliesTo.includes(c.id)).map((d) => d.id!);
			origins.set(['categories', i, 'naIndicators'], { sheet: indicatorTable.sheet, column: () => catColumn.header });
		}
		c.naSections ??= resolveNaSections(c, tree, drafts);
	});

	const sections = buildSections(tree, tree.roots, ['sections'], origins);
	checkStructure(tree, infoValues, infoRead?.totalRow, infoSheet?.name, sectionsSheet?.name ?? indicatorTable.sheet, indicatorTable, out);

	const input: FrameworkInput = {
		...infoValues,
		scoring: { ...infoValues.scoring, grades } as FrameworkInput['scoring'],
		categories: categories.map((c) =>
			compact({
				id: c.id,
				title: c.title!,
				naSections: c.naSections ?? [],
				naIndicators: c.naIndicators,
				bonus: c.bonus,
				provisional: c.provisional,
				provisionalNote: c.provisionalNote
			})
		),
		sections
	};
	const parsed = Framework.safeParse(input);
	if (parsed.success && out.length === 0) return { ok: true, framework: parsed.data };
	if (!parsed.success) out.push(...schemaProblems(parsed.error.issues, origins, out, indicatorTable.sheet));
	return { ok: false, problems: out };
}

function infoFromBase(base: Framework): InfoValues {
	const { id, version, builtIn, title, description, source, scoring, createdAt, updatedAt, updatedBy, provisional, provisionalNote } = base;
	return compact({ id, version, builtIn, title, description, source, scoring, createdAt, updatedAt, updatedBy, provisional, provisionalNote });
}

/** Without a sections sheet, section metadata (id, weight, cap, guidance…) comes from the base framework by code. */
function applyBaseSections(tree: SectionTree, base: Framework): void {
	const byCode = new Map<string, Section>();
	walkSections(base.sections, (s) => byCode.set(s.code, s));
	for (const n of tree.nodes.values()) {
		const s = byCode.get(n.code);
		if (!s) continue;
		if (n.part === undefined) {
			n.part = s.part;
			n.partWhere = n.firstSeen;
		}
		Object.assign(n, compact({ id: s.id, titleEn: s.title.en, weight: s.weight, cap: s.cap, guidance: s.guidance, provisional: s.provisional, provisionalNote: s.provisionalNote }));
	}
}

function orderedDrafts(tree: SectionTree): IndicatorDraft[] {
	const out: IndicatorDraft[] = [];
	const walk = (codes: string[]) => {
		for (const code of codes) {
			const n = tree.nodes.get(code)!;
			out.push(...n.indicators);
			walk(n.children);
		}
	};
	walk(tree.roots);
	return out;
}

function resolveNaSections(c: CategoryDraft, tree: SectionTree, drafts: IndicatorDraft[]): string[] {
	const ids: string[] = [];
	const idExists = (id: string) => [...tree.nodes.values()].some((n) => n.id === id) || drafts.some((d) => d.id === id);
	for (const { token, reader } of c.naSectionTokens) {
		const explicit = explicitId(token);
		const node = explicit === undefined ? tree.nodes.get(token) : undefined;
		const id = node ? node.id! : (explicit ?? token);
		if (node || idExists(id)) ids.push(id);
		else reader?.fail('naSections', 'sheet.error.unknownSection', { value: token, allowed: [...tree.nodes.keys()].join('、') });
	}
	return ids;
}

function buildSections(tree: SectionTree, codes: string[], path: (string | number)[], origins: Origins): FrameworkInput['sections'] {
	return codes.map((code, i) => {
		const n = tree.nodes.get(code)!;
		const at = [...path, i];
		const row = n.sheetRow;
		if (row) {
			origins.set(at, {
				sheet: row.sheet,
				row: row.row,
				column: fieldColumns<SectionKey>(row, {
					id: 'id',
					code: 'path',
					title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'path'),
					part: 'part',
					weight: 'weight',
					cap: 'cap',
					guidance: (rest) => (rest[1] === 'en' ? 'guidanceEn' : 'guidance'),
					provisional: 'provisional',
					provisionalNote: 'provisional'
				})
			});
		} else {
			origins.set(at, { sheet: n.firstSeen.sheet, row: n.firstSeen.row, column: () => n.firstSeen.column });
		}
		const indicators = n.indicators.map((d, j) => {
			origins.set([...at, 'indicators', j], {
				sheet: d.r.sheet,
				row: d.r.row,
				column: fieldColumns<IndicatorKey>(d.r, {
					id: 'id',
					code: 'code',
					title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'),
					max: 'max',
					method: 'method',
					deductions: 'deductions',
					levels: 'levels',
					ratioOf: 'ratioOf',
					guidance: (rest) => (rest[1] === 'en' ? 'guidanceEn' : 'guidance'),
					basis: 'basis',
					suggestion: (rest) => (rest[1] === 'en' ? 'suggestionEn' : 'suggestion'),
					deadline: 'deadline',
					responsibleUnits: 'units',
					provisional: 'provisional',
					provisionalNote: 'provisional'
				})
			});
			return buildIndicator(d);
		});
		return compact({
			id: n.id!,
			code: n.code,
			title: localText(n.title, n.titleEn)!,
			part: n.part!,
			guidance: n.guidance,
			cap: n.cap,
			weight: n.weight,
			indicators,
			sections: buildSections(tree, n.children, [...at, 'sections'], origins),
			provisional: n.provisional,
			provisionalNote: n.provisionalNote
		});
	});
}

function buildIndicator(d: IndicatorDraft): z.input<typeof Indicator> {
	const dIds = new Set(d.deductions.flatMap((x) => (x.id ? [x.id] : [])));
	const lIds = new Set(d.levels.flatMap((x) => (x.id ? [x.id] : [])));
	return compact({
		id: d.id!,
		code: d.code!,
		title: d.title!,
		guidance: d.guidance,
		basis: d.basis,
		suggestion: d.suggestion,
		max: d.max!,
		deductions: d.deductions.map((x, k) => compact({ ...x, id: x.id ?? uniqueId(`d${k + 1}`, dIds) })),
		method: d.method ?? 'binary',
		levels: d.levels.map((x, k) => compact({ ...x, id: x.id ?? uniqueId(`l${k + 1}`, lIds) })),
		ratioOf: d.ratioOf,
		deadline: d.deadline,
		responsibleUnits: d.responsibleUnits,
		provisional: d.provisional,
		provisionalNote: d.provisionalNote
	});
}

/** The framework-wide rules a person fixes in the sheet, reported with rows rather than schema paths. */
function checkStructure(
	tree: SectionTree,
	infoValues: InfoValues,
	totalRow: number | undefined,
	infoSheet: string | undefined,
	sectionSheet: string,
	indicatorSheet: Table<IndicatorKey>,
	out: SheetProblem[]
): void {
	const where = (n: SectionNode): Where => (n.sheetRow ? { sheet: n.sheetRow.sheet, row: n.sheetRow.row, column: n.sheetRow.column('path') } : n.firstSeen);
	for (const n of tree.nodes.values()) {
		if (n.indicators.length === 0 && n.children.length === 0) out.push({ ...where(n), code: 'sheet.error.emptySection', params: { code: n.code } });
	}
	const model = infoValues.scoring.model;
	if (model === 'weighted') {
		let sum = 0;
		for (const code of tree.roots) {
			const n = tree.nodes.get(code)!;
			if (n.part !== 'weighted') continue;
			if (n.weight === undefined) out.push({ ...where(n), column: n.sheetRow?.column('weight'), code: 'sheet.error.weightMissing', params: { code } });
			else sum += n.weight;
		}
		if (Math.abs(sum - 100) > 1e-6) out.push({ sheet: sectionSheet, code: 'sheet.error.weightSum', params: { sum: round(sum) } });
	}
	if (model === 'deduction' && 'total' in infoValues.scoring && typeof infoValues.scoring.total === 'number') {
		let sum = 0;
		for (const n of tree.nodes.values()) if (n.part === 'deduct') for (const d of n.indicators) sum += d.max ?? 0;
		const total = infoValues.scoring.total;
		// Without a framework sheet (CSV) the total is the base's: the points column is what to fix.
		const at = infoSheet ? { sheet: infoSheet, row: totalRow } : { sheet: indicatorSheet.sheet, column: indicatorSheet.columns.get('max')?.header };
		if (Math.abs(sum - total) > 1e-9) out.push(compact({ ...at, code: 'sheet.error.deductTotal', params: { sum: round(sum), total } }));
	}
}

function round(n: number): number {
	return Math.round(n * 1e6) / 1e6;
}

/** fwcheck codes this module checks itself with row numbers; the schema's copy would only repeat them. */
const COVERED_CHECKS: Record<string, string> = {
	'fwcheck.duplicateId': 'sheet.error.duplicateId',
	'fwcheck.duplicateCode': 'sheet.error.duplicateCode',
	'fwcheck.emptySection': 'sheet.error.emptySection',
	'fwcheck.weightSum': 'sheet.error.weightSum',
	'fwcheck.weightMissing': 'sheet.error.weightMissing',
	'fwcheck.deductTotal': 'sheet.error.deductTotal'
};

function schemaProblems(issues: z.core.$ZodIssue[], origins: Origins, already: SheetProblem[], fallbackSheet: string): SheetProblem[] {
	const out: SheetProblem[] = [];
	for (const issue of issues) {
		const { code, params } = issueProblem(issue, 'sheet.error');
		const covered = COVERED_CHECKS[code];
		if (covered && already.some((p) => p.code === covered)) continue;
		const at = origins.locate(issue.path) ?? { sheet: fallbackSheet };
		out.push(compact({ ...at, code, params }));
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------------
// Template and notes

const NOTES_HEADER = ['工作表', '列 / 项目', '英文表头', '说明'];

/** The first alias written in Latin letters: what an English-speaking author may type as the header. */
function englishName(aliases: string[]): string {
	return aliases.find((a) => /^[A-Za-z]/.test(a)) ?? '';
}

function notesSheet(): Sheet {
	const rows: Row[] = [NOTES_HEADER];
	const add = (sheet: string, name: string, text: string, aliases: string[] = []) => rows.push([sheet, name, orNull(englishName(aliases)), text]);
	const addColumn = (sheet: string, c: ColumnSpec) => add(sheet, c.header, `${c.required ? '【必填】' : ''}${c.note}`, c.aliases);
	add('', '', '本文件用于导入/导出开明（Kaiming）指标体系。每个指标一行填在“指标”表；指标组的权重、扣分上限等填在“一级指标”表；体系名称、评分规则填在“框架信息”表；等级和评估对象类别各一张表。本“填写说明”表导入时忽略。工作表名和表头也可用英文（见“英文表头”列；工作表：indicators、sections、framework、grades、categories）。只导入 CSV 时仅含“指标”表，其余信息取自正在编辑的指标体系。');
	for (const c of INDICATOR_COLUMNS) addColumn(SHEET_NAMES.indicators, c);
	add(SHEET_NAMES.indicators, '扣分规则示例', '[broken-link] 错链、死链 | Broken link：每处 1 分\n[stale] 栏目未更新：扣 5 分（待核：分值据通报拟定）\n[format] 解读形式：每项加 2 分');
	add(SHEET_NAMES.indicators, '等级示例', '[full] 完整=1\n[basic] 基本完整=0.5\n[none] 缺失=0');
	add(SHEET_NAMES.indicators, '适用类别示例', '政府门户网站、部门网站（有对外服务职能）');
	for (const c of SECTION_COLUMNS) addColumn(SHEET_NAMES.sections, c);
	for (const k of INFO_KEYS) add(SHEET_NAMES.info, k.header, k.note, k.aliases);
	for (const c of GRADE_COLUMNS) addColumn(SHEET_NAMES.grades, c);
	for (const c of CATEGORY_COLUMNS) addColumn(SHEET_NAMES.categories, c);
	add('', '编号与名称', '指标组按编号识别，编号不得重复；路径中的名称须与其他行一致。编号与名称之间用空格分隔，名称中不要出现“ > ”或“ | ”。');
	add('', '分号', '扣分规则、等级可在一行内用“；”分隔多条；以 [编号] 开头的行中，只有每条都带 [编号] 时才按“；”拆分。名称本身含“；”时，请每条单独一行。');
	return { name: SHEET_NAMES.notes, rows };
}

const zh = (s: string) => ({ zh: s });
const TEMPLATE_TIME = '2026-01-01T00:00:00.000Z';

function templateInput(model: Model): FrameworkInput {
	const common = {
		id: 'my-framework',
		version: '1',
		builtIn: false,
		title: zh('自定义指标体系（示例）'),
		source: { title: '依据文件名称', docNo: '某办发〔2026〕1号' },
		createdAt: TEMPLATE_TIME,
		updatedAt: TEMPLATE_TIME,
		updatedBy: ''
	};
	const grades = [
		{ id: 'excellent', title: zh('优秀'), min: 90 },
		{ id: 'pass', title: zh('合格'), min: 60 },
		{ id: 'fail', title: zh('不合格'), min: 0 }
	];
	const veto = {
		id: 'veto',
		code: '1',
		title: zh('单项否决'),
		part: 'veto' as const,
		indicators: [{ id: 'veto-unreachable', code: '1.1', title: zh('站点无法访问'), max: 0, guidance: zh('连续监测1周，无法访问次数占比≥5%即否决。') }]
	};
	if (model === 'weighted') {
		return {
			...common,
			scoring: { model: 'weighted', passMark: 60, grades },
			categories: [{ id: 'city', title: zh('市级政府'), bonus: false }],
			sections: [
				veto,
				{
					id: 'guide',
					code: '2',
					title: zh('公开指南'),
					part: 'weighted',
					weight: 40,
					indicators: [
						{ id: 'guide-published', code: '2.1', title: zh('发布公开指南'), max: 10, method: 'binary' },
						{
							id: 'guide-quality',
							code: '2.2',
							title: zh('指南内容完整'),
							max: 10,
							method: 'levels',
							levels: [
								{ id: 'full', title: zh('完整'), points: 10 },
								{ id: 'basic', title: zh('基本完整'), points: 5 },
								{ id: 'none', title: zh('缺失'), points: 0 }
							]
						}
					]
				},
				{
					id: 'proactive',
					code: '3',
					title: zh('主动公开'),
					part: 'weighted',
					weight: 60,
					indicators: [{ id: 'art20', code: '3.1', title: zh('第二十条规定的信息'), max: 15, method: 'ratio', ratioOf: 15, basis: '《政府信息公开条例》第二十条' }]
				}
			]
		};
	}
	if (model === 'checklist') {
		return {
			...common,
			scoring: { model: 'checklist', passMark: 60, grades },
			categories: [{ id: 'county', title: zh('县区政府'), bonus: false }],
			sections: [
				{
					id: 'tasks',
					code: '1',
					title: zh('工作要点任务'),
					part: 'checklist',
					indicators: [
						{ id: 'task-1', code: '1.1', title: zh('更新政府信息公开指南'), max: 1, deadline: '2026-03-31', responsibleUnits: ['市政府办公室'] },
						{ id: 'task-2', code: '1.2', title: zh('发布年度报告'), max: 2, deadline: '2026-01-31', responsibleUnits: ['市政务公开办', '各县区政府'], basis: '《政府信息公开条例》第四十九条' }
					]
				}
			]
		};
	}
	return {
		...common,
		scoring: { model: 'deduction', total: 100, passMark: 60, vetoScore: null, naPolicy: 'rescale', bonus: { gate: 80, gateInclusive: false, cap: 10 }, grades },
		categories: [
			{ id: 'portal', title: zh('政府门户网站'), bonus: true },
			{ id: 'dept', title: zh('部门网站'), bonus: false },
			{ id: 'dept-no-service', title: zh('部门网站（无对外服务职能）'), bonus: false, naSections: ['services'] }
		],
		sections: [
			veto,
			{
				id: 'deduct',
				code: '2',
				title: zh('扣分指标'),
				part: 'deduct',
				indicators: [],
				sections: [
					{
						id: 'publish',
						code: '2.1',
						title: zh('发布解读'),
						part: 'deduct',
						indicators: [
							{
								id: 'publish-news',
								code: '2.1.1',
								title: zh('动态要闻'),
								max: 30,
								deductions: [
									{ id: 'news-stale', title: zh('栏目2周内未更新（每个栏目）'), points: 2, per: 'each' },
									{ id: 'no-date', title: zh('信息未标注发布日期（每条）'), points: 0.5, per: 'each' }
								],
								suggestion: zh('建立栏目更新台账，明确更新频率和责任人。')
							},
							{ id: 'publish-policy', code: '2.1.2', title: zh('政策文件'), max: 30, deductions: [{ id: 'policy-stale', title: zh('政策文件栏目6个月内未更新'), points: 10, per: 'once' }] }
						]
					},
					{
						id: 'services',
						code: '2.2',
						title: zh('办事服务'),
						part: 'deduct',
						cap: 40,
						indicators: [{ id: 'services-guide', code: '2.2.1', title: zh('办事指南'), max: 40, deductions: [{ id: 'guide-missing', title: zh('事项无办事指南（每个事项）'), points: 2, per: 'each' }] }]
					}
				]
			},
			{
				id: 'bonus',
				code: '3',
				title: zh('加分指标'),
				part: 'bonus',
				indicators: [{ id: 'bonus-formats', code: '3.1', title: zh('解读形式多样'), max: 6, deductions: [{ id: 'format', title: zh('采用一种多样化解读形式（每种）'), points: 2, per: 'each' }] }]
			}
		]
	};
}

/** The framework behind `templateSheets`, for tests and for a "start from the example" button. */
export function templateFramework(model: Model = 'deduction'): Framework {
	return Framework.parse(templateInput(model));
}

/**
 * A small, valid example to fill in, with the notes sheet. It has no 创建时间/更新时间/更新人 rows, so an
 * import stamps them (`SheetImportOptions.now` / `user`).
 */
export function templateSheets(model: Model = 'deduction'): Sheets {
	const sheets = frameworkToSheets(templateFramework(model));
	const stamps = new Set(['createdAt', 'updatedAt', 'updatedBy'].map((k) => INFO_KEYS.find((x) => x.key === k)!.header));
	return sheets.map((s) => (s.name === SHEET_NAMES.info ? { ...s, rows: s.rows.filter((r) => !stamps.has(String(r[0]))) } : s));
}
