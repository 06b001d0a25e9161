import { readdirSync, readFileSync } from 'node:fs';
import { zh } from '$lib/i18n/zh-CN';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtInFrameworks } from '$lib/frameworks';
import { Framework, type FrameworkInput } from '$lib/domain/framework';
import { checklistInput, weightedInput } from './io/fixtures';
import {
	SHEET_NAMES,
	frameworkToSheets,
	sheetsToFramework,
	templateFramework,
	templateSheets,
	type Cell,
	type Sheet,
	type SheetImportResult,
	type SheetProblem,
	type Sheets
} from '$lib/domain/framework/sheet';

const NOW = '2026-02-01T00:00:00.000Z';
const T = '2025-06-01T08:00:00.000Z';

function roundTrip(fw: Framework): SheetImportResult {
	return sheetsToFramework(frameworkToSheets(fw), { now: NOW, user: 'someone else' });
}

function sheetNamed(sheets: Sheets, name: string): Sheet {
	const s = sheets.find((x) => x.name === name);
	if (!s) throw new Error(`no sheet ${name}`);
	return s;
}

/** Sets one cell by header text and the first column's (or a predicate's) row, returning the Excel row number. */
function setCell(sheets: Sheets, name: string, match: (row: Cell[]) => boolean, header: string, value: Cell): number {
	const s = sheetNamed(sheets, name);
	const col = s.rows[0]!.indexOf(header);
	if (col < 0) throw new Error(`no column ${header}`);
	const index = s.rows.findIndex((r, i) => i > 0 && match(r));
	if (index < 0) throw new Error('no matching row');
	s.rows[index]![col] = value;
	return index + 1;
}

const byId = (id: string) => (row: Cell[]) => row[row.length - 1] === id;
const byKey = (key: string) => (row: Cell[]) => row[0] === key;
const byFirst = (v: string) => (row: Cell[]) => row[0] === v;

function problems(result: SheetImportResult): SheetProblem[] {
	expect(result.ok).toBe(false);
	expect('framework' in result).toBe(false);
	return result.ok ? [] : result.problems;
}

function mini(): Framework {
	return templateFramework('deduction');
}

describe('round trip: sheetsToFramework(frameworkToSheets(fw)) deep-equals fw', () => {
	it('the built-in cn-gov-website-2019', () => {
		const fw = builtInFrameworks.find((f) => f.id === 'cn-gov-website-2019')!;
		expect(roundTrip(fw)).toStrictEqual({ ok: true, framework: fw });
		// The internal provenance travels in a column of its own, apart from 依据.
		const sheet = sheetNamed(frameworkToSheets(fw), '指标');
		const row = sheet.rows.find((r) => r.includes('2.1.5'))!;
		expect(row[sheet.rows[0]!.indexOf('依据')]).toBe('国办秘函〔2019〕19号 第二部分 扣分指标 发布解读—政策文件');
		expect(row[sheet.rows[0]!.indexOf('依据来源（内部）')]).toBe('6个月未更新扣5分见国管局自查报告');
	});

	it('a weighted framework with nested sections, levels, ratio, N/A indicators and tricky text', () => {
		const fw = Framework.parse(weightedInput());
		expect(roundTrip(fw)).toStrictEqual({ ok: true, framework: fw });
	});

	it('a checklist framework with deadlines, responsible units and a negative grade floor', () => {
		const fw = Framework.parse(checklistInput());
		expect(roundTrip(fw)).toStrictEqual({ ok: true, framework: fw });
	});

	it('an indicator that applies to no category is written as （无） and read back', () => {
		const fw = Framework.parse({ ...weightedInput(), categories: weightedInput().categories.map((c) => ({ ...c, naIndicators: ['o1'] })) });
		const sheets = frameworkToSheets(fw);
		const ind = sheetNamed(sheets, SHEET_NAMES.indicators);
		expect(ind.rows.find(byId('o1'))![ind.rows[0]!.indexOf('适用类别')]).toBe('（无）');
		expect(sheetsToFramework(sheets, { now: NOW })).toStrictEqual({ ok: true, framework: fw });
	});

	it('categories sharing a title are written by id in 适用类别 and read back', () => {
		const input = weightedInput();
		input.categories[2]!.title = { zh: '县' };
		const fw = Framework.parse(input);
		const ind = sheetNamed(frameworkToSheets(fw), SHEET_NAMES.indicators);
		expect(ind.rows.find(byId('g2'))![ind.rows[0]!.indexOf('适用类别')]).toBe('市、[town]');
		expect(roundTrip(fw)).toStrictEqual({ ok: true, framework: fw });
	});

	it('English sheet names and headers are accepted', () => {
		const fw = Framework.parse(weightedInput());
		const english: Record<string, string> = { 指标路径: 'section path', 部分: 'part', 编号: 'code', 指标名称: 'title', 分值: 'max', '分值/权重': 'max', 评分方法: 'method', 扣分规则: 'deductions', 等级: 'levels', 要素数: 'ratio of', 适用类别: 'applies to', ID: 'id' };
		const names: Record<string, string> = { 指标: 'indicators', 一级指标: 'sections', 框架信息: 'framework', 评分等级: 'grades', 评估对象类别: 'categories' };
		const sheets = frameworkToSheets(fw).map((s) => ({ name: names[s.name] ?? s.name, rows: s.rows.map((r, i) => (i === 0 ? r.map((h) => english[String(h)] ?? h) : r)) }));
		expect(sheetsToFramework(sheets, { now: NOW })).toStrictEqual({ ok: true, framework: fw });
	});

	it('the notes sheet is ignored and sheet order does not matter', () => {
		const fw = builtInFrameworks[0]!;
		const sheets = frameworkToSheets(fw).reverse();
		expect(sheets.some((s) => s.name === SHEET_NAMES.notes)).toBe(true);
		expect(sheetsToFramework(sheets, { now: NOW })).toStrictEqual({ ok: true, framework: fw });
	});

	it('only the indicator sheet (CSV) plus a base framework gives the base back', () => {
		for (const fw of [builtInFrameworks[0]!, Framework.parse(weightedInput())]) {
			const indicators = sheetNamed(frameworkToSheets(fw), SHEET_NAMES.indicators);
			expect(sheetsToFramework([{ name: 'Sheet1', rows: indicators.rows }], { now: NOW, base: fw })).toStrictEqual({ ok: true, framework: fw });
		}
	});

	it('a CSV with an edited point value changes only that value', () => {
		const fw = builtInFrameworks[0]!;
		const sheets = [sheetNamed(frameworkToSheets(fw), SHEET_NAMES.indicators)];
		setCell(sheets, SHEET_NAMES.indicators, byId('publish-overview'), '分值/权重', 3);
		setCell(sheets, SHEET_NAMES.indicators, byId('publish-functions'), '分值/权重', 2);
		const back = sheetsToFramework(sheets, { now: NOW, base: fw });
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		const publish = back.framework.sections.find((s) => s.id === 'publish')!;
		expect(publish.indicators.map((i) => i.max).slice(0, 2)).toEqual([3, 2]);
		expect(back.framework.sections.filter((s) => s.id !== 'publish')).toStrictEqual(fw.sections.filter((s) => s.id !== 'publish'));
	});
});

describe('templates', () => {
	for (const model of ['deduction', 'weighted', 'checklist'] as const) {
		it(`the ${model} template imports cleanly, stamped with now and user`, () => {
			const result = sheetsToFramework(templateSheets(model), { now: NOW, user: '李四' });
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			expect(result.framework.scoring.model).toBe(model);
			expect(result.framework.createdAt).toBe(NOW);
			expect(result.framework.updatedBy).toBe('李四');
			expect({ ...result.framework, createdAt: T, updatedAt: T, updatedBy: '' }).toStrictEqual({ ...templateFramework(model), createdAt: T, updatedAt: T, updatedBy: '' });
		});
	}

	it('the deduction template covers veto, deduct (nested) and bonus, each-and-once rules and a section cap', () => {
		const fw = templateFramework();
		expect(fw.sections.map((s) => s.part)).toEqual(['veto', 'deduct', 'bonus']);
		const rules = fw.sections.flatMap((s) => [...s.indicators, ...s.sections.flatMap((x) => x.indicators)]).flatMap((i) => i.deductions.map((d) => d.per));
		expect(new Set(rules)).toEqual(new Set(['each', 'once']));
		expect(fw.sections[1]!.sections.some((s) => s.cap !== undefined)).toBe(true);
	});

	it('the weighted template covers every method', () => {
		const methods = templateFramework('weighted').sections.flatMap((s) => s.indicators.map((i) => i.method));
		expect(new Set(methods)).toEqual(new Set(['binary', 'levels', 'ratio']));
	});

	it('has a notes sheet that explains every indicator column and the rule encoding', () => {
		const sheets = templateSheets();
		const notes = sheetNamed(sheets, SHEET_NAMES.notes);
		const headers = sheetNamed(sheets, SHEET_NAMES.indicators).rows[0]!;
		for (const h of headers) expect(notes.rows.some((r) => r[0] === SHEET_NAMES.indicators && r[1] === h)).toBe(true);
		expect(notes.rows.some((r) => String(r[3]).includes('每处 1 分'))).toBe(true);
		expect(notes.rows.some((r) => String(r[3]).includes('[full] 完整=1'))).toBe(true);
	});
});

describe('reading hand-written cells', () => {
	function importEdited(edit: (sheets: Sheets) => void): SheetImportResult {
		const sheets = frameworkToSheets(mini());
		edit(sheets);
		return sheetsToFramework(sheets, { now: NOW });
	}
	const indicator = (result: SheetImportResult, id: string) => {
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const all = [...result.framework.sections].flatMap(function walk(s): Framework['sections'][number]['indicators'] {
			return [...s.indicators, ...s.sections.flatMap(walk)];
		});
		return all.find((i) => i.id === id)!;
	};

	it('rules typed on one line with "；", without ids, in Chinese and English forms', () => {
		const result = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '扣分规则', '错链：每处1分；未更新：扣5分；Hidden link | 暗链: each 2\n空白栏目：每个扣 0.5 分（待核）'));
		expect(indicator(result, 'publish-news').deductions).toEqual([
			{ id: 'd1', title: { zh: '错链' }, points: 1, per: 'each' },
			{ id: 'd2', title: { zh: '未更新' }, points: 5, per: 'once' },
			{ id: 'd3', title: { zh: 'Hidden link', en: '暗链' }, points: 2, per: 'each' },
			{ id: 'd4', title: { zh: '空白栏目' }, points: 0.5, per: 'each', provisional: true }
		]);
	});

	it('bonus rules "每项加2分" and "加 4 分"', () => {
		const result = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('bonus-formats'), '扣分规则', '[f] 图解：每项加2分；[v] 视频：加 4 分'));
		expect(indicator(result, 'bonus-formats').deductions).toEqual([
			{ id: 'f', title: { zh: '图解' }, points: 2, per: 'each' },
			{ id: 'v', title: { zh: '视频' }, points: 4, per: 'once' }
		]);
	});

	it('levels separated by "；" and indicators without ID get generated, stable ids', () => {
		const sheets = frameworkToSheets(templateFramework('weighted'));
		setCell(sheets, SHEET_NAMES.indicators, byId('guide-quality'), '等级', '[full] 完整=10\n基本完整=5；缺失＝0');
		setCell(sheets, SHEET_NAMES.indicators, byId('guide-quality'), 'ID', null);
		const result = sheetsToFramework(sheets, { now: NOW });
		expect(indicator(result, 'ind-2.2').levels).toEqual([
			{ id: 'full', title: { zh: '完整' }, points: 10 },
			{ id: 'l2', title: { zh: '基本完整' }, points: 5 },
			{ id: 'l3', title: { zh: '缺失' }, points: 0 }
		]);
	});

	it('sections come from paths alone when there is no sections sheet; the part column sets their part', () => {
		const sheets = frameworkToSheets(mini()).filter((s) => s.name !== SHEET_NAMES.sections);
		const result = sheetsToFramework(sheets, { now: NOW });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.framework.sections.map((s) => [s.id, s.code, s.title.zh, s.part])).toEqual([
			['sec-1', '1', '单项否决', 'veto'],
			['sec-2', '2', '扣分指标', 'deduct'],
			['sec-3', '3', '加分指标', 'bonus']
		]);
		expect(result.framework.sections[1]!.sections.map((s) => s.code)).toEqual(['2.1', '2.2']);
	});

	it('numbers written as text, blank rows between data rows, dates written with slashes', () => {
		const sheets = frameworkToSheets(templateFramework('checklist'));
		setCell(sheets, SHEET_NAMES.indicators, byId('task-1'), '分值/权重', ' 1.5 ');
		setCell(sheets, SHEET_NAMES.indicators, byId('task-1'), '完成时限', '2026/3/5');
		sheetNamed(sheets, SHEET_NAMES.indicators).rows.splice(2, 0, [null, '', '  ']);
		const result = sheetsToFramework(sheets, { now: NOW });
		expect(indicator(result, 'task-1')).toMatchObject({ max: 1.5, deadline: '2026-03-05' });
	});

	it('category titles in 适用类别 set naIndicators; a section code in 不适用指标组 sets naSections', () => {
		const result = importEdited((s) => {
			setCell(s, SHEET_NAMES.indicators, byId('publish-policy'), '适用类别', '政府门户网站，部门网站');
			setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '适用类别', '政府门户网站');
			setCell(s, SHEET_NAMES.categories, byFirst('dept'), '不适用指标组', '2.1、3');
		});
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const cats = Object.fromEntries(result.framework.categories.map((c) => [c.id, c]));
		expect(cats.dept!.naIndicators).toEqual(['publish-news']);
		expect(cats['dept-no-service']!.naIndicators).toEqual(['publish-news', 'publish-policy']);
		expect(cats.dept!.naSections).toEqual(['publish', 'bonus']);
	});
});

describe('problems name the sheet, row and column, and never return a partial framework', () => {
	function importEdited(edit: (sheets: Sheets) => void, fw: Framework = mini()): SheetProblem[] {
		const sheets = frameworkToSheets(fw);
		edit(sheets);
		return problems(sheetsToFramework(sheets, { now: NOW }));
	}

	it('missing indicator sheet lists the sheets found', () => {
		const sheets = frameworkToSheets(mini()).filter((s) => s.name !== SHEET_NAMES.indicators);
		sheets.push({ name: 'Sheet9', rows: [['x']] }, { name: 'Sheet8', rows: [['y']] });
		const p = problems(sheetsToFramework(sheets, { now: NOW }));
		expect(p).toContainEqual(expect.objectContaining({ code: 'sheet.error.missingSheet', params: expect.objectContaining({ sheet: '指标', found: expect.stringContaining('Sheet9') }) }));
	});

	it('without a base, the framework, grades and categories sheets are required', () => {
		const only = [sheetNamed(frameworkToSheets(mini()), SHEET_NAMES.indicators)];
		const p = problems(sheetsToFramework(only, { now: NOW }));
		expect(p.map((x) => x.params.sheet).sort()).toEqual([SHEET_NAMES.info, SHEET_NAMES.categories, SHEET_NAMES.grades].sort());
	});

	it('missing required columns are named', () => {
		const p = importEdited((s) => {
			const rows = sheetNamed(s, SHEET_NAMES.indicators).rows;
			rows[0] = rows[0]!.map((h) => (h === '编号' || h === '分值/权重' ? 'whatever' : h));
		});
		expect(p).toEqual([{ sheet: '指标', row: 1, code: 'sheet.error.missingColumns', params: { columns: '编号、分值/权重' } }]);
	});

	it('unknown part and method list the allowed values', () => {
		const p = importEdited((s) => {
			setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '部分', '扣分项目');
			setCell(s, SHEET_NAMES.indicators, byId('publish-policy'), '评分方法', '打分');
		});
		expect(p).toContainEqual({ sheet: '指标', row: 3, column: '部分', code: 'sheet.error.unknownPart', params: { value: '扣分项目', allowed: '单项否决、扣分、加分、加权、清单（veto / deduct / bonus / weighted / checklist）' } });
		expect(p).toContainEqual({ sheet: '指标', row: 4, column: '评分方法', code: 'sheet.error.unknownMethod', params: { value: '打分', allowed: '是否、等级、比例（binary / levels / ratio）' } });
	});

	it('non-numeric and negative points', () => {
		const p = importEdited((s) => {
			setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '分值/权重', '三十');
			setCell(s, SHEET_NAMES.indicators, byId('publish-policy'), '分值/权重', -30);
		});
		expect(p).toContainEqual({ sheet: '指标', row: 3, column: '分值/权重', code: 'sheet.error.notNumber', params: { value: '三十' } });
		expect(p).toContainEqual({ sheet: '指标', row: 4, column: '分值/权重', code: 'sheet.error.negative', params: { value: '-30' } });
	});

	it('empty required cells', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '指标名称', '  '));
		expect(p).toEqual([{ sheet: '指标', row: 3, column: '指标名称', code: 'sheet.error.required', params: { column: '指标名称' } }]);
	});

	it('duplicate codes and ids name both rows', () => {
		const p = importEdited((s) => {
			setCell(s, SHEET_NAMES.indicators, byId('publish-policy'), '编号', '2.1.1');
			setCell(s, SHEET_NAMES.indicators, byId('services-guide'), 'ID', 'publish-news');
		});
		expect(p).toContainEqual({ sheet: '指标', row: 4, column: '编号', code: 'sheet.error.duplicateCode', params: { code: '2.1.1', otherRow: 3 } });
		expect(p).toContainEqual({ sheet: '指标', row: 5, column: 'ID', code: 'sheet.error.duplicateId', params: { id: 'publish-news', otherRow: 3, otherSheet: '指标' } });
		expect(p.filter((x) => x.code.startsWith('fwcheck.'))).toEqual([]);
	});

	it('an indicator id that repeats a section id', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), 'ID', 'services'));
		expect(p).toContainEqual({ sheet: '指标', row: 3, column: 'ID', code: 'sheet.error.duplicateId', params: { id: 'services', otherRow: 5, otherSheet: '一级指标' } });
	});

	it('a section with nothing in it', () => {
		const p = importEdited((s) => sheetNamed(s, SHEET_NAMES.sections).rows.push(['4 空组', 'empty', '扣分', null, null, null, null, null, null]));
		expect(p).toContainEqual({ sheet: '一级指标', row: 7, column: '指标路径', code: 'sheet.error.emptySection', params: { code: '4' } });
	});

	it('weights that do not sum to 100 (weighted model)', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.sections, byFirst('2 主动公开'), '权重', 50), Framework.parse(weightedInput()));
		expect(p).toEqual([{ sheet: '一级指标', code: 'sheet.error.weightSum', params: { sum: 80.5 } }]);
	});

	it('deduct total that differs from the scoring total points at the 扣分部分总分 row', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '分值/权重', 25));
		const row = sheetNamed(frameworkToSheets(mini()), SHEET_NAMES.info).rows.findIndex(byKey('扣分部分总分')) + 1;
		expect(p).toEqual([{ sheet: '框架信息', row, code: 'sheet.error.deductTotal', params: { sum: 95, total: 100 } }]);
	});

	it('in a CSV (no framework sheet) a wrong deduct total points at the points column', () => {
		const fw = builtInFrameworks[0]!;
		const sheets = [sheetNamed(frameworkToSheets(fw), SHEET_NAMES.indicators)];
		setCell(sheets, SHEET_NAMES.indicators, byId('publish-overview'), '分值/权重', 4);
		expect(problems(sheetsToFramework(sheets, { now: NOW, base: fw }))).toEqual([{ sheet: '指标', column: '分值/权重', code: 'sheet.error.deductTotal', params: { sum: 102, total: 100 } }]);
	});

	it('unparseable deduction rules and levels quote the text', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '扣分规则', '[ok] 错链：每处 1 分\n错链每处扣一分'));
		expect(p).toEqual([{ sheet: '指标', row: 3, column: '扣分规则', code: 'sheet.error.badDeduction', params: { value: '错链每处扣一分' } }]);
		const q = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('guide-quality'), '等级', '[full] 完整=10\n基本完整'), templateFramework('weighted'));
		expect(q).toEqual([{ sheet: '指标', row: 4, column: '等级', code: 'sheet.error.badLevel', params: { value: '基本完整' } }]);
	});

	it('a line that reads both as one rule and as several is reported, not guessed', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '扣分规则', '[a] 栏目：2；其他：每处 1 分'));
		expect(p).toEqual([{ sheet: '指标', row: 3, column: '扣分规则', code: 'sheet.error.ambiguousRule', params: { value: '[a] 栏目：2；其他：每处 1 分' } }]);
		const q = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('guide-quality'), '等级', '[full] 完整=10；基本完整=5；缺失=0'), templateFramework('weighted'));
		expect(q.map((x) => x.code)).toEqual(['sheet.error.ambiguousRule']);
	});

	it('unknown category title lists the known ones', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '适用类别', '门户网站'));
		expect(p).toEqual([
			{ sheet: '指标', row: 3, column: '适用类别', code: 'sheet.error.unknownCategory', params: { value: '门户网站', allowed: '政府门户网站、部门网站、部门网站（无对外服务职能）' } }
		]);
	});

	it('a category title two categories share is ambiguous in 适用类别', () => {
		const p = importEdited((s) => {
			setCell(s, SHEET_NAMES.categories, byFirst('dept-no-service'), '名称', '部门网站');
			setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '适用类别', '部门网站');
		});
		expect(p).toEqual([{ sheet: '指标', row: 3, column: '适用类别', code: 'sheet.error.ambiguousCategory', params: { value: '部门网站' } }]);
	});

	it('a path whose parent is only a code defined nowhere', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '指标路径', '9 > 9.1 新组'));
		expect(p).toContainEqual({ sheet: '指标', row: 3, column: '指标路径', code: 'sheet.error.sectionUndefined', params: { code: '9' } });
	});

	it('a section placed under two parents, and a cycle', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-policy'), '指标路径', '3 加分指标 > 2.1 发布解读'));
		expect(p).toContainEqual({ sheet: '指标', row: 4, column: '指标路径', code: 'sheet.error.sectionTwoParents', params: { code: '2.1', parent: '3', otherParent: '2', otherRow: 4, otherSheet: '一级指标' } });
		const cycle = importEdited((s) => {
			setCell(s, SHEET_NAMES.indicators, byId('publish-news'), '指标路径', '2.1 发布解读 > 2 扣分指标');
		});
		expect(cycle.some((x) => x.code === 'sheet.error.sectionTwoParents' && x.row === 3)).toBe(true);
	});

	it('a section title that differs between rows', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('publish-policy'), '指标路径', '2 扣分指标 > 2.1 信息发布'));
		expect(p).toContainEqual({ sheet: '指标', row: 4, column: '指标路径', code: 'sheet.error.sectionTitleConflict', params: { code: '2.1', title: '信息发布', otherTitle: '发布解读', otherRow: 4, otherSheet: '一级指标' } });
	});

	it('bad ids, booleans, provisional flags and info keys', () => {
		const p = importEdited((s) => {
			setCell(s, SHEET_NAMES.indicators, byId('publish-news'), 'ID', '动态 要闻');
			setCell(s, SHEET_NAMES.categories, byFirst('portal'), '计加分', '可能');
			setCell(s, SHEET_NAMES.indicators, byId('publish-policy'), '待核', '也许：不确定');
			sheetNamed(s, SHEET_NAMES.info).rows.push(['颜色', '红']);
		});
		expect(p).toContainEqual({ sheet: '指标', row: 3, column: 'ID', code: 'sheet.error.badId', params: { value: '动态 要闻' } });
		expect(p).toContainEqual(expect.objectContaining({ sheet: '评估对象类别', row: 2, column: '计加分', code: 'sheet.error.notBoolean' }));
		expect(p).toContainEqual({ sheet: '指标', row: 4, column: '待核', code: 'sheet.error.badProvisional', params: { value: '也许：不确定' } });
		expect(p).toContainEqual(expect.objectContaining({ sheet: '框架信息', column: '项目', code: 'sheet.error.unknownKey', params: expect.objectContaining({ key: '颜色' }) }));
	});

	it('framework-check problems come back at the row and column they came from', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.indicators, byId('guide-quality'), '等级', '[full] 完整=12\n[none] 缺失=0'), templateFramework('weighted'));
		expect(p).toEqual([{ sheet: '指标', row: 4, column: '等级', code: 'fwcheck.levelAboveMax', params: { points: 12, max: 10, path: 'sections[1].indicators[1].levels[0].points' } }]);
	});

	it('a section whose part differs from its parent (fwcheck.partMismatch) points at its sections-sheet row', () => {
		const p = importEdited((s) => {
			setCell(s, SHEET_NAMES.sections, byFirst('2 扣分指标 > 2.2 办事服务'), '部分', '加分');
			setCell(s, SHEET_NAMES.indicators, byId('services-guide'), '部分', '加分');
			setCell(s, SHEET_NAMES.info, byKey('扣分部分总分'), '值', 60);
		});
		expect(p).toContainEqual(expect.objectContaining({ sheet: '一级指标', row: 5, column: '部分', code: 'fwcheck.partMismatch' }));
	});

	it('a schema failure (bad URL) points at the 框架信息 row', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.info, byKey('链接'), '值', 'ftp://example.org'));
		const row = sheetNamed(frameworkToSheets(mini()), SHEET_NAMES.info).rows.findIndex(byKey('链接')) + 1;
		expect(p).toEqual([{ sheet: '框架信息', row, column: '值', code: 'sheet.error.format', params: { path: 'source.url', format: 'url' } }]);
	});

	it('unknown scoring model and a part not allowed by it', () => {
		const p = importEdited((s) => setCell(s, SHEET_NAMES.info, byKey('评分模型'), '值', '百分制'));
		expect(p).toContainEqual(expect.objectContaining({ sheet: '框架信息', code: 'sheet.error.unknownModel', params: expect.objectContaining({ value: '百分制' }) }));
		const q = importEdited((s) => setCell(s, SHEET_NAMES.info, byKey('评分模型'), '值', 'checklist'));
		expect(q).toContainEqual(expect.objectContaining({ sheet: '一级指标', row: 3, column: '部分', code: 'fwcheck.partForModel' }));
	});
});

describe('property: generated frameworks survive the sheet round trip', () => {
	// Titles avoid "；" (notes and guidance keep it): a title like "a：1；b" reads as two rules as well as one,
	// which import reports as ambiguous (tested below) instead of guessing.
	const safeChars = [...'指标发布解读网站栏目政务公开（）：、=[]abcXYZ 12.无'];
	const noteChars = [...safeChars, '；', '（', '）'];
	const note = fc
		.array(fc.constantFrom(...noteChars), { minLength: 1, maxLength: 10 })
		.map((cs) => cs.join('').trim())
		.filter((s) => s.length > 0);
	const text = fc
		.array(fc.constantFrom(...safeChars), { minLength: 1, maxLength: 8 })
		.map((cs) => cs.join('').trim())
		.filter((s) => s.length > 0);
	const multiline = fc.array(text, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
	const local = fc.record({ zh: text, en: fc.option(text, { nil: undefined }) }).map(({ zh, en }) => (en === undefined ? { zh } : { zh, en }));
	const prov = fc.record({ provisional: fc.option(fc.boolean(), { nil: undefined }), provisionalNote: fc.option(note, { nil: undefined }) });
	const half = fc.integer({ min: 1, max: 40 }).map((n) => n / 2);
	const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

	const indicatorShape = fc.record({
		title: local,
		guidance: fc.option(fc.record({ zh: multiline }), { nil: undefined }),
		basis: fc.option(text, { nil: undefined }),
		max: half,
		deductions: fc.array(fc.record({ title: local, points: half, per: fc.constantFrom('each' as const, 'once' as const), prov }), { maxLength: 3 }),
		units: fc.array(text.filter((t) => !/[、，,；;]/.test(t)), { maxLength: 2 }),
		prov
	});
	const sectionShape = fc.record({
		title: text.filter((t) => !t.includes('>')),
		part: fc.constantFrom('veto' as const, 'deduct' as const, 'bonus' as const),
		cap: fc.option(half, { nil: undefined }),
		indicators: fc.array(indicatorShape, { minLength: 1, maxLength: 3 }),
		children: fc.array(fc.record({ title: text.filter((t) => !t.includes('>')), indicators: fc.array(indicatorShape, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 })
	});
	const frameworkShape = fc.record({
		sections: fc.array(sectionShape, { minLength: 1, maxLength: 3 }),
		categories: fc.array(fc.record({ title: local, bonus: fc.boolean(), naMask: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), naSectionMask: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), prov }), { minLength: 1, maxLength: 3 }),
		title: local,
		prov
	});

	function build(shape: typeof frameworkShape extends fc.Arbitrary<infer S> ? S : never): Framework {
		let n = 0;
		const allIndicators: string[] = [];
		const allSections: string[] = [];
		let deductTotal = 0;
		const indicator = (s: typeof shape.sections[number]['indicators'][number], code: string, part: string) => {
			const id = `i${++n}`;
			allIndicators.push(id);
			const max = part === 'veto' ? 0 : s.max;
			if (part === 'deduct') deductTotal += max;
			return clean({
				id,
				code,
				title: s.title,
				guidance: s.guidance,
				basis: s.basis,
				max,
				deductions: part === 'veto' ? [] : s.deductions.map((d, k) => clean({ id: `d${k}`, title: d.title, points: d.points, per: d.per, ...clean(d.prov) })),
				responsibleUnits: s.units,
				...clean(s.prov)
			});
		};
		const sections: FrameworkInput['sections'] = shape.sections.map((s, i) => {
			const code = `${i + 1}`;
			allSections.push(`s${code}`);
			return clean({
				id: `s${code}`,
				code,
				title: { zh: s.title },
				part: s.part,
				cap: s.cap,
				indicators: s.indicators.map((x, j) => indicator(x, `${code}.${j + 1}`, s.part)),
				sections: s.children.map((c, k) => {
					const childCode = `${code}-${k + 1}`;
					allSections.push(`s${childCode}`);
					return { id: `s${childCode}`, code: childCode, title: { zh: c.title }, part: s.part, indicators: c.indicators.map((x, j) => indicator(x, `${childCode}.${j + 1}`, s.part)) };
				})
			});
		});
		if (deductTotal === 0) {
			sections.push({ id: 'sd', code: 'D', title: { zh: '扣分' }, part: 'deduct', indicators: [{ id: 'id0', code: 'D.1', title: { zh: '指标' }, max: 10, deductions: [], responsibleUnits: [] }], sections: [] });
			allIndicators.push('id0');
			deductTotal = 10;
		}
		return Framework.parse({
			id: 'generated',
			version: '1',
			builtIn: false,
			title: shape.title,
			source: { title: '来源' },
			scoring: { model: 'deduction', total: deductTotal, passMark: 60, vetoScore: null, naPolicy: 'rescale', bonus: { gate: 80, gateInclusive: true, cap: 30 }, grades: [{ id: 'pass', title: { zh: '合格' }, min: 60 }, { id: 'fail', title: { zh: '不合格' }, min: 0 }] },
			categories: shape.categories.map((c, i) =>
				clean({
					id: `c${i}`,
					title: c.title,
					bonus: c.bonus,
					naIndicators: allIndicators.filter((_, k) => c.naMask[k]),
					naSections: allSections.filter((_, k) => c.naSectionMask[k]),
					...clean(c.prov)
				})
			),
			sections,
			createdAt: T,
			updatedAt: T,
			updatedBy: 'gen',
			...clean(shape.prov)
		});
	}

	it('sheetsToFramework(frameworkToSheets(fw)) deep-equals fw', () => {
		fc.assert(
			fc.property(frameworkShape, (shape) => {
				const fw = build(shape);
				expect(roundTrip(fw)).toStrictEqual({ ok: true, framework: fw });
			}),
			{ numRuns: 150 }
		);
	});
});

describe('messages', () => {
	it('the dictionaries have every key the sheet, JSON and io code can emit', () => {
		const sheetDir = 'src/lib/domain/framework/sheet';
		const sources = [...readdirSync(sheetDir).map((f) => `${sheetDir}/${f}`), 'src/lib/domain/framework/json.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
		const emitted = new Set([...sources.matchAll(/'((?:sheet|fwjson)\.error\.[A-Za-z]+)'/g)].map((m) => m[1]!));
		for (const suffix of ['type', 'tooSmall', 'tooBig', 'format', 'value', 'unknownKeys', 'invalid']) emitted.add(`sheet.error.${suffix}`).add(`fwjson.error.${suffix}`);
		const io = readFileSync('src/lib/io/errors.ts', 'utf8');
		for (const m of /IoErrorCode =([^;]+);/.exec(io)![1]!.matchAll(/'([a-z-]+)'/g)) emitted.add(`io.error.${m[1]}`);
		expect([...emitted].filter((k) => !(k in zh))).toEqual([]);
		expect(emitted.size).toBeGreaterThan(60);
	});
});
