import { describe, expect, it } from 'vitest';
import { Framework, listIndicators, type Indicator, type Section } from '$lib/domain/framework';
import { builtInFrameworks, getBuiltInFramework } from '$lib/frameworks';
import websiteRaw from '$lib/frameworks/cn-gov-website-2019.json';
import zhaoqingRaw from '$lib/frameworks/zhaoqing-2019-website.json';
import newmediaRaw from '$lib/frameworks/cn-gov-newmedia-2019.json';
import disclosureRaw from '$lib/frameworks/cn-disclosure-column.json';
import annualRaw from '$lib/frameworks/cn-annual-report-2021.json';
import tianshuiRaw from '$lib/frameworks/tianshui-2021-key-points.json';

const RAW: Record<string, unknown> = {
	'cn-gov-website-2019': websiteRaw,
	'zhaoqing-2019-website': zhaoqingRaw,
	'cn-gov-newmedia-2019': newmediaRaw,
	'cn-disclosure-column': disclosureRaw,
	'cn-annual-report-2021': annualRaw,
	'tianshui-2021-key-points': tianshuiRaw
};
const EXPECTED_ORDER = Object.keys(RAW);

const get = (id: string): Framework => {
	const fw = getBuiltInFramework(id);
	if (!fw) throw new Error(`missing built-in ${id}`);
	return fw;
};
const section = (fw: Framework, id: string): Section => {
	const walk = (ss: Section[]): Section | undefined => {
		for (const s of ss) {
			if (s.id === id) return s;
			const inner = walk(s.sections);
			if (inner) return inner;
		}
		return undefined;
	};
	const s = walk(fw.sections);
	if (!s) throw new Error(`missing section ${id} in ${fw.id}`);
	return s;
};
const indicators = (fw: Framework): Indicator[] => listIndicators(fw).map((e) => e.indicator);
const sectionIndicators = (s: Section): Indicator[] => [...s.indicators, ...s.sections.flatMap(sectionIndicators)];
const sumMax = (s: Section) => sectionIndicators(s).reduce((acc, i) => acc + i.max, 0);
const deductTotals = (fw: Framework) =>
	Object.fromEntries(fw.sections.filter((s) => s.part === 'deduct').map((s) => [s.id, sumMax(s)]));

describe('built-in frameworks: common rules', () => {
	it.each(EXPECTED_ORDER)('%s parses with the Framework schema', (id) => {
		const r = Framework.safeParse(RAW[id]);
		expect(r.success, r.success ? '' : JSON.stringify(r.error.issues, null, 1)).toBe(true);
		expect(r.data?.id).toBe(id);
	});

	it('registers the six built-ins in the agreed order', () => {
		expect(builtInFrameworks.map((f) => f.id)).toEqual(EXPECTED_ORDER);
		expect(getBuiltInFramework('no-such-framework')).toBeUndefined();
	});

	it.each(EXPECTED_ORDER)('%s is built in, names its source document and is stamped by it', (id) => {
		const fw = get(id);
		expect(fw.builtIn).toBe(true);
		expect(fw.source.title.trim().length).toBeGreaterThan(4);
		expect(fw.updatedBy.trim().length).toBeGreaterThan(0);
		expect(fw.version).toBeTruthy();
		expect(fw.description?.zh.length).toBeGreaterThan(20);
	});

	it('framework ids are unique across built-ins', () => {
		const ids = builtInFrameworks.map((f) => f.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBe(6);
	});

	it.each(EXPECTED_ORDER)('%s: every provisional item has a provisionalNote in zh and en, and every title has zh and en', (id) => {
		const problems: string[] = [];
		const visit = (node: unknown, path: string) => {
			if (Array.isArray(node)) return node.forEach((x, k) => visit(x, `${path}[${k}]`));
			if (!node || typeof node !== 'object') return;
			const o = node as Record<string, unknown>;
			const note = o.provisionalNote as { zh?: string; en?: string } | undefined;
			if (o.provisional === true && !note?.zh?.trim()) problems.push(`${path}: provisional without note`);
			if (note !== undefined && !note.en?.trim()) problems.push(`${path}: note without English`);
			if (note !== undefined && o.provisional !== true) problems.push(`${path}: note without flag`);
			if ('title' in o && o.title && typeof o.title === 'object') {
				const t = o.title as { zh?: string; en?: string };
				if (!t.zh || !t.en) problems.push(`${path}.title`);
			}
			for (const [k, v] of Object.entries(o)) visit(v, `${path}.${k}`);
		};
		visit(RAW[id], id);
		expect(problems).toEqual([]);
	});

	it.each(EXPECTED_ORDER)('%s: the basis cites the document only; sourcing remarks are kept apart in basisSource', (id) => {
		const remarks = indicators(get(id)).filter((i) => /见.*报告|待核/.test(i.basis ?? ''));
		expect(remarks.map((i) => `${i.code} ${i.basis}`)).toEqual([]);
	});

	it.each(EXPECTED_ORDER)('%s: every scored indicator has guidance, basis and a suggestion', (id) => {
		const missing = indicators(get(id))
			.filter((i) => !i.guidance?.zh || !i.basis || !i.suggestion?.zh)
			.map((i) => i.id);
		expect(missing).toEqual([]);
	});
});

describe('cn-gov-website-2019', () => {
	it('keeps where the stricter update rules come from as internal provenance', () => {
		const byCode = new Map(indicators(get('cn-gov-website-2019')).map((i) => [i.code, i]));
		expect(byCode.get('2.1.5')).toMatchObject({ basis: '国办秘函〔2019〕19号 第二部分 扣分指标 发布解读—政策文件', basisSource: '6个月未更新扣5分见国管局自查报告' });
		expect(byCode.get('2.2.3')?.basisSource).toBe('3个月未更新扣2分见国管局自查报告');
		expect(byCode.get('3.1')).toMatchObject({ basis: '国办秘函〔2019〕19号 第三部分 加分指标', basisSource: '条目待核对' });
	});
});

describe('cn-gov-newmedia-2019', () => {
	const fw = get('cn-gov-newmedia-2019');

	it('has the three verified veto items', () => {
		const veto = fw.sections.filter((s) => s.part === 'veto');
		expect(veto.length).toBe(1);
		expect(veto[0]!.indicators.map((i) => i.title.zh)).toEqual(['安全、泄密事故等严重问题', '内容不更新', '互动回应差']);
		expect(veto[0]!.indicators.every((i) => i.max === 0)).toBe(true);
		expect(veto[0]!.indicators.find((i) => i.id === 'veto-not-updated')?.guidance?.zh).toContain('2周');
		expect(veto[0]!.indicators.find((i) => i.id === 'veto-interaction-poor')?.provisional).toBe(true);
	});

	it('deduct blocks are 可用性 / 信息更新 / 互动回应, provisional, summing to 100', () => {
		const blocks = fw.sections.filter((s) => s.part === 'deduct');
		expect(blocks.map((s) => s.title.zh)).toEqual(['可用性', '信息更新', '互动回应']);
		const all = blocks.reduce((acc, s) => acc + sumMax(s), 0);
		expect(all).toBe(100);
		expect(fw.scoring.model === 'deduction' && fw.scoring.total).toBe(all);
		for (const b of blocks) expect(b.provisional, b.id).toBe(true);
	});

	it('no bonus part, pass mark 60, one account category', () => {
		if (fw.scoring.model !== 'deduction') throw new Error('expected deduction model');
		expect(fw.scoring.bonus).toBeNull();
		expect(fw.sections.some((s) => s.part === 'bonus')).toBe(false);
		expect(fw.scoring.passMark).toBe(60);
		expect(fw.scoring.vetoScore).toBeNull();
		expect(fw.description?.zh).toContain('待核对');
		expect(fw.categories.map((c) => [c.id, c.bonus])).toEqual([['account', false]]);
	});

	it('covers the problems cited in 通报', () => {
		const titles = indicators(fw)
			.flatMap((i) => [i.title.zh, ...i.deductions.map((d) => d.title.zh)])
			.join('|');
		for (const word of ['无法使用', '商业广告', '无关', '主体', '认证', '报送系统', '转载', '错敏词', '回复不及时'])
			expect(titles, word).toContain(word);
	});
});

describe('cn-disclosure-column', () => {
	const fw = get('cn-disclosure-column');
	const art20 = indicators(fw).filter((i) => i.basis?.includes('第二十条'));
	const art21 = indicators(fw).filter((i) => i.basis?.includes('第二十一条'));

	it('is a checklist with exactly 15 Art. 20 indicators, numbered （一）…（十五）', () => {
		expect(fw.scoring.model).toBe('checklist');
		expect(art20.length).toBe(15);
		expect(section(fw, 'proactive').indicators.length).toBe(15);
		expect(art20[0]!.basis).toContain('第二十条第（一）项');
		expect(art20[14]!.basis).toContain('第二十条第（十五）项');
		expect(art20.every((i) => i.max === 1)).toBe(true);
	});

	it('the department category skips the Art. 21 section; city/county governments check it', () => {
		const art21Section = listIndicators(fw).find((e) => e.indicator.basis?.includes('第二十一条'))!.block;
		expect(art21.length).toBe(7);
		expect(sectionIndicators(art21Section).length).toBe(art21.length);
		const dept = fw.categories.find((c) => c.id === 'department');
		const city = fw.categories.find((c) => c.id === 'city-county-gov');
		expect(dept?.naSections).toEqual([art21Section.id]);
		expect(city?.naSections).toEqual([]);
		expect(city?.naIndicators).toEqual([]);
	});

	it('has the Art. 12, 24, 26 and 49 checks', () => {
		expect(section(fw, 'platform').indicators.map((i) => i.title.zh)).toEqual(['信息检索', '信息查阅', '信息下载']);
		expect(indicators(fw).filter((i) => i.basis?.includes('第十二条')).length).toBeGreaterThanOrEqual(3);
		expect(section(fw, 'timeliness').indicators[0]!.guidance?.zh).toContain('20个工作日');
		expect(indicators(fw).find((i) => i.basis?.includes('第四十九条'))?.guidance?.zh).toContain('1月31日');
	});

	it('grade thresholds are provisional, the fail band is not', () => {
		expect(fw.scoring.grades.map((g) => [g.min, !!g.provisional])).toEqual([
			[90, true],
			[80, true],
			[60, true],
			[0, false]
		]);
		expect(fw.scoring.passMark).toBe(60);
	});
});

describe('cn-annual-report-2021', () => {
	const fw = get('cn-annual-report-2021');
	const all = indicators(fw);
	const byTitle = (re: RegExp) => all.filter((i) => re.test(i.title.zh));

	it('has one indicator per part of the report', () => {
		expect(section(fw, 'six-parts').indicators.map((i) => i.title.zh.slice(0, 2))).toEqual([
			'一、',
			'二、',
			'三、',
			'四、',
			'五、',
			'六、'
		]);
	});

	it('has separate indicators for the 勾稽 equation and each total of table B', () => {
		const checks = section(fw, 'table-b-checks').indicators;
		expect(byTitle(/一\+二=三\+四/).length).toBe(1);
		expect(byTitle(/总计列等于六个申请人列之和/).length).toBe(1);
		expect(byTitle(/（七）总计等于（一）至（六）之和/).length).toBe(1);
		expect(checks.length).toBe(4);
		expect(checks.find((i) => i.id === 'b-check-balance')?.guidance?.zh).toMatch(/每一列/);
	});

	it('table B lists rows 一…四 and the sub-blocks of 三; （六）其他处理 is provisional', () => {
		const rows = section(fw, 'table-b-rows').indicators.map((i) => i.title.zh);
		for (const head of ['一、', '二、', '三（一）', '三（二）', '三（三）', '三（四）', '三（五）', '三（六）', '三（七）', '四、'])
			expect(rows.some((r) => r.startsWith(head)), head).toBe(true);
		expect(all.find((i) => i.id === 'b-row-other')?.provisional).toBe(true);
		expect(all.find((i) => i.id === 'b-row-refused')?.provisional).toBeFalsy();
	});

	it('table C: 15 columns and a total check for each of its three groups', () => {
		const c = section(fw, 'table-c').indicators;
		expect(c.find((i) => i.id === 'c-columns')?.guidance?.zh).toContain('15');
		expect(c.filter((i) => i.title.zh.includes('总计等于前四列之和')).length).toBe(3);
	});

	it('table A rows and the 31 January deadline', () => {
		expect(section(fw, 'table-a').indicators.filter((i) => i.title.zh.endsWith('行')).length).toBe(6);
		expect(section(fw, 'publication').indicators[0]!.basis).toContain('第四十九条');
		expect(fw.categories.map((c) => c.id)).toEqual(['agency']);
		expect(fw.source.docNo).toBe('国办公开办函〔2021〕30号');
	});
});

describe('tianshui-2021-key-points', () => {
	const fw = get('tianshui-2021-key-points');
	const tasks = indicators(fw);
	const CODES = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'].map(
		(n) => `（${n}）`
	);
	const task = (code: string) => {
		const t = tasks.find((i) => i.code === code);
		if (!t) throw new Error(`missing task ${code}`);
		return t;
	};

	it('has the 20 tasks in the text order, grouped under the five headings', () => {
		expect(tasks.length).toBe(20);
		expect(tasks.map((t) => t.code)).toEqual(CODES);
		expect(fw.sections.map((s) => [s.code, s.indicators.length])).toEqual([
			['一', 6],
			['二', 3],
			['三', 5],
			['四', 3],
			['五', 3]
		]);
	});

	it('every task names its responsible units', () => {
		for (const t of tasks) expect(t.responsibleUnits.length, t.code).toBeGreaterThan(0);
		expect(task('（一）').responsibleUnits).toEqual(
			expect.arrayContaining(['市政府办公室', '市发展改革委', '市自然资源局'])
		);
		expect(task('（三）').responsibleUnits[0]).toBe('市财政局');
		expect(task('（十三）').responsibleUnits).toEqual(['市司法局', '各县区政府', '经开区管委会']);
		expect(task('（十六）').responsibleUnits).toEqual(['各县区政府', '经开区管委会']);
	});

	it('deadlines are exactly those the text gives', () => {
		const deadlines = Object.fromEntries(tasks.filter((t) => t.deadline).map((t) => [t.code, t.deadline]));
		expect(deadlines).toEqual({
			'（一）': '2021-11-30',
			'（五）': '2021-12-31',
			'（十）': '2021-12-31',
			'（十一）': '2021-12-31',
			'（十五）': '2021-09-30',
			'（十八）': '2021-12-31'
		});
		expect(task('（二）').deadline).toBeUndefined();
		expect(task('（十四）').deadline).toBeUndefined();
		// "年内" is a reading, not a date in the text: flagged.
		expect(task('（十八）').provisional).toBe(true);
	});

	it('source, scoring and category', () => {
		expect(fw.source).toMatchObject({ title: '天水市2021年政务公开工作要点', docNo: '天政办发〔2021〕48号', issuedOn: '2021-06-28' });
		expect(fw.scoring.model).toBe('checklist');
		expect(fw.scoring.passMark).toBe(60);
		expect(fw.scoring.grades.map((g) => [g.title.zh, g.min])).toEqual([
			['完成较好', 90],
			['基本完成', 60],
			['未完成', 0]
		]);
		expect(fw.categories.map((c) => c.id)).toEqual(['unit']);
	});
});

describe('zhaoqing-2019-website', () => {
	const fw = get('zhaoqing-2019-website');
	const national = get('cn-gov-website-2019');

	it('local scoring rules: cap 25 above 80, veto score 59, redistribute', () => {
		if (fw.scoring.model !== 'deduction') throw new Error('expected deduction model');
		expect(fw.scoring.bonus).toMatchObject({ gate: 80, gateInclusive: false, cap: 25 });
		expect(fw.scoring.vetoScore).toBe(59);
		expect(fw.scoring.naPolicy).toBe('redistribute');
		expect(fw.scoring.passMark).toBe(60);
	});

	it('办事服务 is worth 20 and the deduct part still totals 100', () => {
		const totals = deductTotals(fw);
		expect(totals.services).toBe(20);
		const sum = Object.values(totals).reduce((a, b) => a + b, 0);
		expect(sum).toBe(100);
		expect(fw.scoring.model === 'deduction' && fw.scoring.total).toBe(100);
		expect(totals).toEqual({ publish: 33, services: 20, interaction: 25, design: 22 });
		// no single deduction may exceed the indicator it belongs to after rescaling
		for (const s of fw.sections.filter((x) => x.part === 'deduct'))
			for (const i of s.indicators) for (const d of i.deductions) expect(d.points, `${i.id}/${d.id}`).toBeLessThanOrEqual(i.max);
	});

	it('keeps the national structure: same veto items and deduction blocks', () => {
		const vetoIds = (f: Framework) => section(f, 'veto').indicators.map((i) => i.id);
		expect(vetoIds(fw)).toEqual(vetoIds(national));
		expect(Object.keys(deductTotals(fw))).toEqual(Object.keys(deductTotals(national)));
		// The national 2019.2 added items (解读比例, 页面标签…); every 肇庆 indicator is still a national one.
		const nationalIds = new Set(indicators(national).map((i) => i.id));
		expect(indicators(fw).filter((i) => !nationalIds.has(i.id))).toEqual([]);
	});

	it('categories: county portals get the bonus; units without services skip 办事服务', () => {
		expect(fw.categories.map((c) => [c.title.zh, c.bonus, c.naSections])).toEqual([
			['县（市、区）政府门户网站', true, []],
			['市直单位（有对外服务职能）', false, []],
			['市直单位（无对外服务职能）', false, ['services']]
		]);
	});

	it('a copy with a different 办事服务 weight no longer satisfies the schema (totals are checked)', () => {
		const copy = structuredClone(zhaoqingRaw) as typeof zhaoqingRaw;
		const services = copy.sections.find((s) => s.id === 'services')!;
		services.indicators[0]!.max += 5;
		expect(Framework.safeParse(copy).success).toBe(false);
	});
});
