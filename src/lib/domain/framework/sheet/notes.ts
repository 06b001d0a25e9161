import { CATEGORY_COLUMNS, GRADE_COLUMNS, INDICATOR_COLUMNS, INFO_KEYS, SECTION_COLUMNS, SHEET_NAMES, type ColumnSpec } from './columns';
import { orNull } from './text';
import type { Row, Sheet } from './types';

const NOTES_HEADER = ['工作表', '列 / 项目', '英文表头', '说明'];

/** The first alias written in Latin letters: what an English-speaking author may type as the header. */
function englishName(aliases: string[]): string {
	return aliases.find((a) => /^[A-Za-z]/.test(a)) ?? '';
}

export function notesSheet(): Sheet {
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
