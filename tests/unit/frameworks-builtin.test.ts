import { describe, expect, it } from 'vitest';
import { Framework, listIndicators, type Indicator, type Section } from '$lib/domain/framework';
import { requiredIndicators, scoreTarget } from '$lib/domain/scoring';
import { completed, finding, TARGET } from './fixtures/mini-framework';
import { skippedByCategory } from '$lib/domain/not-applicable';
import { builtInFrameworks, getBuiltInFramework } from '$lib/frameworks';
import websiteRaw from '$lib/frameworks/cn-gov-website-2019.json';
import zhaoqingRaw from '$lib/frameworks/zhaoqing-2019-website.json';
import newmediaRaw from '$lib/frameworks/cn-gov-newmedia-2019.json';
import newmediaLocalRaw from '$lib/frameworks/cn-gov-newmedia-2019-local.json';
import disclosureRaw from '$lib/frameworks/cn-disclosure-column.json';
import annualRaw from '$lib/frameworks/cn-annual-report-2021.json';
import tianshuiRaw from '$lib/frameworks/tianshui-2021-key-points.json';

const RAW: Record<string, unknown> = {
	'cn-gov-website-2019': websiteRaw,
	'zhaoqing-2019-website': zhaoqingRaw,
	'cn-gov-newmedia-2019': newmediaRaw,
	'cn-gov-newmedia-2019-local': newmediaLocalRaw,
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

	it('registers the seven built-ins in the agreed order', () => {
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
		expect(ids.length).toBe(7);
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

	it('has the three verified veto items and nothing else', () => {
		expect(fw.sections.map((s) => s.part)).toEqual(['veto']);
		expect(indicators(fw).map((i) => i.title.zh)).toEqual(['安全、泄密事故等严重问题', '内容不更新', '互动回应差']);
		expect(indicators(fw).every((i) => i.max === 0)).toBe(true);
		expect(indicators(fw).find((i) => i.id === 'veto-not-updated')?.guidance?.zh).toContain('2周');
	});

	it('is graded veto-only: 合格 with no score, or 不合格 with the veto reasons', () => {
		expect(fw.scoring.model).toBe('veto');
		const target = { id: TARGET, categoryId: 'account' };
		const clean = scoreTarget(fw, target, completed(fw, [target], []));
		expect([clean.complete, clean.vetoed, clean.passed, clean.gradeTitle.zh, clean.total]).toEqual([true, false, true, '合格', null]);
		const failed = scoreTarget(fw, target, completed(fw, [target], [finding('veto-not-updated', 'fail')]));
		expect([failed.complete, failed.vetoed, failed.passed, failed.gradeTitle.zh, failed.total]).toEqual([true, true, false, '不合格', null]);
		expect(failed.vetoReasons.map((r) => r.title.zh)).toEqual(['内容不更新']);
	});

	it('1.3 互动回应差 vetoes only what can be judged: no effective interaction function, not unanswered messages', () => {
		const item = indicators(fw).find((i) => i.id === 'veto-interaction-poor')!;
		expect(item.guidance?.zh).toContain('未提供有效互动功能');
		expect(item.guidance?.zh).not.toContain('亦可能');
		expect(item.guidance?.zh).toContain('不按本项否决');
		expect(item.basisSource).toContain('baoji.gov.cn');
	});
});

describe('cn-gov-newmedia-2019-local', () => {
	const fw = get('cn-gov-newmedia-2019-local');

	it('is a separate, provisional local variant: 可用性 35 / 信息更新 40 / 互动回应 25 under the same veto items', () => {
		expect(fw.provisional).toBe(true);
		expect(fw.provisionalNote?.zh).toContain('非国家指标');
		expect(fw.source.url).toContain('gxzf.gov.cn');
		const blocks = fw.sections.filter((s) => s.part === 'deduct');
		expect(blocks.map((s) => [s.title.zh, sumMax(s), s.provisional])).toEqual([
			['可用性', 35, true],
			['信息更新', 40, true],
			['互动回应', 25, true]
		]);
		expect(fw.scoring.model === 'deduction' && fw.scoring.total).toBe(100);
		expect(section(fw, 'veto').indicators.map((i) => i.id)).toEqual(indicators(get('cn-gov-newmedia-2019')).map((i) => i.id));
	});

	it('no bonus part, pass mark 60, one account category', () => {
		if (fw.scoring.model !== 'deduction') throw new Error('expected deduction model');
		expect(fw.scoring.bonus).toBeNull();
		expect(fw.scoring.passMark).toBe(60);
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

	it('Art. 21: the department category skips both extra sections, city/county and township governments each check their own', () => {
		const cityItems = section(fw, 'city-county').indicators.map((i) => i.title.zh);
		expect(cityItems).toEqual(['市政建设', '公共服务', '公益事业', '土地征收', '房屋征收', '治安管理', '社会救助']);
		expect(section(fw, 'township').indicators.map((i) => i.title.zh)).toEqual([
			'贯彻落实农业农村政策',
			'农田水利工程建设运营',
			'农村土地承包经营权流转',
			'宅基地使用情况审核',
			'土地征收',
			'房屋征收',
			'筹资筹劳',
			'社会救助'
		]);
		expect(art21.length).toBe(7 + 8);
		expect(fw.categories.map((c) => [c.id, c.title.zh, c.naSections, c.naIndicators])).toEqual([
			['department', '县级以上人民政府部门（设区的市、县级除外）', ['city-county', 'township'], []],
			['city-county-gov', '设区的市、县级人民政府及其部门', ['township'], []],
			['township-gov', '乡（镇）人民政府', ['city-county'], []]
		]);
		const township = { id: TARGET, categoryId: 'township-gov' };
		const required = new Set(requiredIndicators(fw, 'township-gov').map((i) => i.id));
		expect(section(fw, 'township').indicators.every((i) => required.has(i.id))).toBe(true);
		expect(section(fw, 'city-county').indicators.some((i) => required.has(i.id))).toBe(false);
		expect(scoreTarget(fw, township, completed(fw, [township], [])).complete).toBe(true);
	});

	it('依申请公开: channel (Art. 28), written and online requests (Art. 29), 补正 in 7 working days (Art. 30), 20 + 20 working days (Art. 33), registration and archiving (Art. 45)', () => {
		const items = section(fw, 'request').indicators;
		expect(items.map((i) => [i.code, i.title.zh, i.basis])).toEqual([
			['7.1', '依申请公开渠道', '《政府信息公开条例》第二十八条'],
			['7.2', '书面和网络申请', '《政府信息公开条例》第二十九条'],
			['7.3', '7个工作日内一次性告知补正', '《政府信息公开条例》第三十条'],
			['7.4', '答复时限', '《政府信息公开条例》第三十三条'],
			['7.5', '申请登记和归档', '《政府信息公开条例》第四十五条']
		]);
		expect(items[1]!.guidance?.zh).toContain('数据电文');
		expect(items[2]!.guidance?.zh).toContain('7个工作日内一次性告知');
		expect(items[3]!.guidance?.zh).toMatch(/20个工作日内予以答复.*负责人同意.*不得超过20个工作日/);
		expect(items[4]!.guidance?.zh).toContain('登记、审核、办理、答复、归档');
		for (const i of items) expect(i.basisSource, i.code).toContain('国务院令第711号');
		// Every category checks 依申请公开.
		for (const c of fw.categories) expect(requiredIndicators(fw, c.id).filter((i) => i.basis?.match(/第(二十八|二十九|三十|三十三|四十五)条/)).length, c.id).toBe(5);
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
	const CODES = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十']
		.map((n) => `（${n}）`)
		.flatMap((c) => (c === '（十一）' ? ['（十一）1', '（十一）2', '（十一）3'] : [c]));
	const task = (code: string) => {
		const t = tasks.find((i) => i.code === code);
		if (!t) throw new Error(`missing task ${code}`);
		return t;
	};
	const applies = (code: string, categoryId: string) => requiredIndicators(fw, categoryId).some((i) => i.code === code);

	it('has the 20 tasks in the text order, (十一) as its three sub-tasks, grouped under the five headings', () => {
		expect(tasks.map((t) => t.code)).toEqual(CODES);
		expect(fw.sections.map((s) => [s.code, s.indicators.length])).toEqual([
			['一', 6],
			['二', 3],
			['三', 7],
			['四', 3],
			['五', 3]
		]);
		expect(['（十一）1', '（十一）2', '（十一）3'].map((c) => task(c).title.zh)).toEqual(['强化政府网站建设管理', '加强政府系统政务新媒体监管', '提升政府公报服务水平']);
	});

	it('keeps the titles verbatim', () => {
		expect(task('（一）').title.zh).toBe('做好“十四五”规划纲要及配套政策文件公开');
		expect(task('（四）').title.zh).toBe('坚持做好疫情防控常态化下疫情信息公开');
		expect(task('（十三）').title.zh).toBe('规范政府信息公开行政复议案件审理标准');
		expect(task('（十四）').title.zh).toBe('规范政府信息公开工作年度报告编制发布工作');
	});

	it('every task names its responsible units as the text does', () => {
		for (const t of tasks) expect(t.responsibleUnits.length, t.code).toBeGreaterThan(0);
		expect(task('（一）').responsibleUnits).toEqual(expect.arrayContaining(['市政府办公室', '市发展改革委', '市自然资源局']));
		expect(task('（三）').responsibleUnits[0]).toBe('市财政局');
		expect(task('（四）').responsibleUnits).toEqual(['市卫健委等', '各县区政府', '经开区管委会']);
		expect(task('（十一）3').responsibleUnits).toEqual(['市政府办公室', '各县区政府']);
		expect(task('（十三）').responsibleUnits).toEqual(['市司法局', '各县区政府', '经开区管委会']);
		expect(task('（十六）').responsibleUnits).toEqual(['各县区政府', '经开区管委会']);
	});

	it('a task applies only to its responsible units: others are not applicable automatically', () => {
		expect(applies('（十六）', 'city-department')).toBe(false);
		expect(applies('（十六）', 'county')).toBe(true);
		expect(applies('（十六）', 'dev-zone')).toBe(true);
		expect(applies('（十三）', 'city-department')).toBe(false);
		expect(applies('（十三）', 'city-justice')).toBe(true);
		expect(applies('（十一）3', 'city-office')).toBe(true);
		expect(applies('（十一）3', 'county')).toBe(true);
		expect(applies('（十一）3', 'dev-zone')).toBe(false);
		expect(applies('（十一）3', 'city-department')).toBe(false);
		expect(applies('（二）', 'city-office')).toBe(false);
		expect(applies('（七）', 'city-office')).toBe(true);
		// A target whose unit type is not stated is checked on everything, as before.
		expect(requiredIndicators(fw, 'unit').length).toBe(tasks.length);
		// Each unit type's applicable tasks are exactly those whose units name it (the reading is pinned here).
		const NAMES: Record<string, RegExp> = {
			'city-office': /^市政府办公室$/,
			'city-department': /^市政府(各|有关|相关)部门$|^市卫健委等$/,
			'city-justice': /^市政府(各|有关|相关)部门$|^市司法局$|^市卫健委等$/,
			county: /^各县区政府$/,
			'dev-zone': /^经开区管委会$/
		};
		for (const [cat, re] of Object.entries(NAMES)) {
			const expected = tasks.filter((t) => t.responsibleUnits.some((u) => re.test(u))).map((t) => t.code);
			expect(requiredIndicators(fw, cat).map((i) => i.code), cat).toEqual(expected);
		}
	});

	it('a city department is scored without (十六): complete once its own tasks are graded, (十六) shown as N/A with its units', () => {
		const dept = { id: TARGET, categoryId: 'city-department' };
		const score = scoreTarget(fw, dept, completed(fw, [dept], []));
		expect([score.complete, score.total, score.applicable]).toEqual([true, 100, requiredIndicators(fw, 'city-department').length]);
		const skipped = skippedByCategory(fw, 'city-department');
		const x = skipped.find((s) => s.indicator.code === '（十六）')!;
		expect(x.reason).toEqual({ category: { zh: '市政府部门', en: 'City government department' }, responsibleUnits: ['各县区政府', '经开区管委会'] });
		expect(skipped.map((s) => s.indicator.code)).toEqual(['（十一）3', '（十三）', '（十六）']);
	});

	it('deadlines are exactly those the text gives', () => {
		const deadlines = Object.fromEntries(tasks.filter((t) => t.deadline).map((t) => [t.code, t.deadline]));
		expect(deadlines).toEqual({
			'（一）': '2021-11-30',
			'（五）': '2021-12-31',
			'（十）': '2021-12-31',
			'（十一）1': '2021-12-31',
			'（十五）': '2021-09-30',
			'（十八）': '2021-12-31'
		});
		expect(task('（二）').deadline).toBeUndefined();
		expect(task('（十四）').deadline).toBeUndefined();
		// "年内" is a reading, not a date in the text: flagged.
		expect(task('（十八）').provisional).toBe(true);
	});

	it('source, scoring and unit-type categories', () => {
		expect(fw.source).toMatchObject({ title: '天水市2021年政务公开工作要点', docNo: '天政办发〔2021〕48号', issuedOn: '2021-06-28' });
		expect(fw.scoring.model).toBe('checklist');
		expect(fw.scoring.passMark).toBe(60);
		expect(fw.scoring.grades.map((g) => [g.title.zh, g.min])).toEqual([
			['完成较好', 90],
			['基本完成', 60],
			['未完成', 0]
		]);
		expect(fw.categories.map((c) => c.title.zh)).toEqual(['未区分单位类型', '市政府办公室', '市政府部门', '市司法局', '县区政府', '经开区管委会']);
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
