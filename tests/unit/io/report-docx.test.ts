import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { LocalText } from '$lib/domain/common';
import type { CampaignReport, RankedTarget, TargetReport } from '$lib/domain/results';
import type { TargetScore } from '$lib/domain/scoring';
import { DOCX_MIME, campaignReportDocument, cleanText, targetReportDocument, toDocxBlob, toDocxBuffer, toDocxBytes, type DocxDocument, type DocxText } from '$lib/io/report-docx';
import { chineseNumeral, formatDate, safeHttpUrl, splitParagraphs } from '$lib/io/report-docx-common';
import { numberedFileName, safeZipName, zipFiles } from '$lib/io/zip';
import { en as enMessages } from '$lib/i18n/en';
import { provisionalScoresText } from '$lib/domain/framework';
import { zh as zhMessages } from '$lib/i18n/zh-CN';

// The app's own dictionaries: a docx.* key missing there would show up as itself in the documents and fail.
const zhApp: Record<string, string> = zhMessages;
const enApp: Record<string, string> = enMessages;

/** Mirrors the app's `t`: strings as given, numbers as numbers, null as a dash, LocalText localised. */
function textFor(locale: 'zh-CN' | 'en'): DocxText {
	const dict = locale === 'en' ? enApp : zhApp;
	const local = (v: LocalText) => (locale === 'en' ? (v.en ?? v.zh) : v.zh);
	return {
		locale,
		local,
		score: (n) => (n === null ? '—' : n.toFixed(1)),
		t: (key, params = {}) =>
			(dict[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => {
				const v = params[name];
				if (v === undefined) return whole;
				if (v === null) return '—';
				if (typeof v === 'object') return local(v as LocalText);
				return String(v);
			})
	};
}
const zh = textFor('zh-CN');
const en = textFor('en');

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const L = (zhText: string, enText?: string): LocalText => (enText ? { zh: zhText, en: enText } : { zh: zhText });
const GRADES = { excellent: L('优秀', 'Excellent'), pass: L('合格', 'Pass'), fail: L('不合格', 'Fail') };

function ranked(over: Partial<RankedTarget> & Pick<RankedTarget, 'targetId' | 'name' | 'categoryId'>): RankedTarget {
	return {
		url: 'https://www.example.gov.cn/',
		ownerUnit: '',
		rank: 1,
		total: 90,
		gradeId: 'excellent',
		gradeTitle: GRADES.excellent,
		passed: true,
		vetoed: false,
		vetoReasons: [],
		complete: over.complete ?? true,
		status: over.complete === false ? 'inProgress' : 'complete',
		graded: over.complete === false ? 18 : 20,
		applicable: 20,
		...over
	};
}

const jia = ranked({ targetId: 't1', name: '甲县人民政府', categoryId: 'county', rank: 1, total: 95.5 });
const yi = ranked({ targetId: 't2', name: '乙县人民政府\u0002', categoryId: 'county', rank: 2, total: 72.25, gradeId: 'pass', gradeTitle: GRADES.pass, complete: false });
const bing = ranked({
	targetId: 't3',
	name: '丙县人民政府',
	categoryId: 'county',
	rank: null,
	total: null,
	gradeId: 'fail',
	gradeTitle: GRADES.fail,
	passed: false,
	vetoed: true,
	vetoReasons: [L('站点无法访问', 'Site unreachable'), L('严重错误表述')]
});
const ding = ranked({ targetId: 't4', name: '丁市教育局 <b>&amp;</b>', categoryId: 'dept', rank: 1, total: 55, gradeId: 'fail', gradeTitle: GRADES.fail, passed: false });

function campaignReport(): CampaignReport {
	return {
		provisionalValues: 0,
		scoring: { model: 'deduction', decimals: 1 },
		campaignTitle: '2025年第一季度全市政府网站检查',
		frameworkTitle: L('政府网站与政务新媒体检查指标', 'Government website indicators'),
		frameworkDocNo: '国办秘函〔2019〕19号',
		monitoringPoint: '2025-03-31',
		settings: {
			title: '关于2025年第一季度全市政府网站检查情况的通报',
			issuer: '某市人民政府办公室',
			date: '2025-04-10',
			intro: '各县（市、区）人民政府，市直各单位：\n\n为进一步加强政府网站管理\u0007，市政府办公室组织开展了检查。\n现将有关情况通报如下：',
			demand: '请各单位于{deadline}前完成整改。\n\n逾期未整改的，予以通报。',
			deadline: '2025-04-30',
			closing: ''
		},
		summary: {
			targets: 4,
			complete: 3,
			unfinished: 1,
			passed: 1,
			passRate: 1 / 3,
			bands: [
				{ id: 'excellent', title: GRADES.excellent, min: 90, max: null, count: 1 },
				{ id: 'pass', title: GRADES.pass, min: 60, max: 90, count: 0 },
				{ id: 'fail', title: GRADES.fail, min: null, max: 60, count: 1 },
				{ id: 'vetoed', title: null, min: null, max: null, count: 1 }
			]
		},
		rankings: [
			{ categoryId: 'county', title: L('第一类：县（市、区）政府', 'Class 1: county governments'), rows: [jia, bing], unfinished: [yi] },
			{ categoryId: 'dept', title: L('第二类：市直部门'), rows: [ding], unfinished: [] },
			{ categoryId: 'none', title: L('第三类：其他单位'), rows: [], unfinished: [] }
		],
		vetoed: [bing],
		unfinished: [yi],
		problems: [
			{
				indicatorId: 'update',
				code: '2.1',
				title: L('栏目更新', 'Column updates'),
				sectionTitle: L('信息发布'),
				targets: [
					{ targetId: 't2', name: '乙县人民政府', lost: 2, note: '“通知公告”栏目超过6个月未更新\u0001' },
					{ targetId: 't4', name: '丁市教育局', lost: 4, note: '' }
				]
			},
			{ indicatorId: 'reply', code: '', title: L('互动回应'), sectionTitle: L('互动交流'), targets: [{ targetId: 't4', name: '丁市教育局', lost: null, note: '' }] }
		]
	};
}

function emptyCampaign(): CampaignReport {
	return {
		provisionalValues: 0,
		scoring: { model: 'deduction', decimals: 1 },
		campaignTitle: '空评估',
		frameworkTitle: L('指标体系'),
		monitoringPoint: '',
		settings: { title: '', issuer: '', intro: '', demand: '', closing: '' },
		summary: { targets: 0, complete: 0, unfinished: 0, passed: 0, passRate: null, bands: [] },
		rankings: [],
		unfinished: [],
		vetoed: [],
		problems: []
	};
}

function score(over: Partial<TargetScore> = {}): TargetScore {
	return {
		targetId: 't2',
		vetoed: false,
		vetoReasons: [],
		deductScore: 72.25,
		bonusScore: 0,
		total: 72.25,
		rawTotal: 72.25,
		passed: true,
		gradeId: 'pass',
		gradeTitle: GRADES.pass,
		sections: [
			{ sectionId: 'publish', title: L('信息发布'), part: 'deduct', max: 40, score: 34, lost: 6, applicable: true },
			{ sectionId: 'service', title: L('办事服务'), part: 'deduct', max: 0, score: null, lost: 0, applicable: false }
		],
		graded: 20,
		applicable: 20,
		uncounted: 0,
		complete: true,
		trace: [
			{ key: 'trace.total', params: { deduct: 72.25, bonus: 0, total: 72.25 } },
			{ key: 'trace.grade', params: { grade: GRADES.pass } }
		],
		...over
	};
}

function targetReport(): TargetReport {
	return {
		provisionalValues: 0,
		campaignTitle: '2025年第一季度全市政府网站检查',
		monitoringPoint: '2025-03-31',
		assessor: '张三',
		target: { id: 't2', name: '乙县人民政府', url: 'https://www.yixian.gov.cn/', ownerUnit: '乙县人民政府办公室', categoryTitle: L('县（市、区）政府') },
		score: score(),
		problems: [
			{
				indicatorId: 'update',
				code: '2.1',
				title: L('栏目更新'),
				sectionTitle: L('信息发布'),
				outcome: 'partial',
				deductions: [{ title: L('栏目超期未更新'), count: 2, points: 1 }],
				lost: 2,
				note: '“通知公告”栏目\u000b超过6个月未更新\n首页动态更新不及时',
				evidenceUrls: ['https://www.yixian.gov.cn/tzgg/index.html?a=1&b=2', 'javascript:alert(1)', '  '],
				screenshots: [],
				veto: false
			},
			{
				indicatorId: 'reply',
				code: '4.2',
				title: L('互动回应'),
				sectionTitle: L('互动交流'),
				outcome: null,
				deductions: [],
				lost: null,
				note: '',
				evidenceUrls: [],
				screenshots: [],
				veto: false
			}
		],
		notApplicable: [],
		lossesScaled: false,
		impacts: [
			{ indicatorId: 'update', code: '2.1', title: L('栏目更新'), newTotal: 74.25, gain: 2, liftsVeto: false, vetoShared: false, passes: true, bonus: false, newGrade: null },
			{ indicatorId: 'reply', code: '4.2', title: L('互动回应'), newTotal: 92.25, gain: 20, liftsVeto: false, vetoShared: false, passes: true, bonus: false, newGrade: { id: 'excellent', title: GRADES.excellent } }
		]
	};
}

function vetoedTargetReport(): TargetReport {
	const base = targetReport();
	return {
		...base,
		target: { ...base.target, id: 't3', name: '丙县人民政府', url: 'ftp://files.bingxian.gov.cn' },
		score: score({
			targetId: 't3',
			vetoed: true,
			vetoReasons: [{ indicatorId: 'down', title: L('站点无法访问') }],
			deductScore: null,
			total: null,
			passed: false,
			gradeId: 'fail',
			gradeTitle: GRADES.fail,
			sections: [{ sectionId: 'publish', title: L('信息发布'), part: 'deduct', max: 0, score: null, lost: 0, applicable: true }],
			graded: 20,
			trace: [
				{ key: 'trace.veto', params: { indicator: L('站点无法访问'), code: '1.1' } },
				{ key: 'trace.vetoNoScore', params: { score: null } },
				{ key: 'trace.grade', params: { grade: GRADES.fail } }
			]
		}),
		problems: [
			{
				indicatorId: 'down',
				code: '1.1',
				title: L('站点无法访问'),
				sectionTitle: L('单项否决'),
				outcome: 'fail',
				deductions: [],
				lost: null,
				note: '连续一周无法访问',
				evidenceUrls: ['http://www.bingxian.gov.cn'],
				screenshots: [],
				veto: true
			}
		],
		impacts: [{ indicatorId: 'down', code: '1.1', title: L('站点无法访问'), newTotal: 80, gain: 80, liftsVeto: true, vetoShared: false, passes: true, bonus: false, newGrade: { id: 'pass', title: GRADES.pass } }]
	};
}

function emptyTargetReport(): TargetReport {
	return {
		provisionalValues: 0,
		campaignTitle: '',
		monitoringPoint: '',
		assessor: '',
		target: { id: 'x', name: '无名网站', url: '', ownerUnit: '', categoryTitle: L('未分类') },
		score: score({ total: 0, deductScore: 0, sections: [], graded: 0, applicable: 0, complete: false, trace: [] }),
		problems: [],
		notApplicable: [],
		lossesScaled: false,
		impacts: []
	};
}

// ---------------------------------------------------------------------------------------------------------
// Reading the packed file

interface Packed {
	files: Record<string, Uint8Array>;
	document: string;
	styles: string;
	rels: string;
	/** The document's visible text: every <w:t>, XML entities decoded. */
	text: string;
	/** The text of each paragraph, runs joined. */
	paragraphs: string[];
}

const decode = (s: string) =>
	s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const PNG_1X1 = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
/** A real 1×1 JPEG, as a thumbnail data URL carries it. */
const THUMB_JPEG =
	'/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

async function pack(doc: DocxDocument): Promise<Packed> {
	const files = unzipSync(new Uint8Array(await toDocxBuffer(doc)));
	const read = (name: string) => (files[name] ? strFromU8(files[name]) : '');
	const document = read('word/document.xml');
	const runsOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!));
	const text = runsOf(document).join('\n');
	const paragraphs = (document.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []).map((p) => runsOf(p).join(''));
	return { files, document, styles: read('word/styles.xml'), rels: read('word/_rels/document.xml.rels'), text, paragraphs };
}

/** XML 1.0 well-formedness as far as it matters here: only allowed characters, and every element closed in order. */
function expectWellFormed(xml: string) {
	// eslint-disable-next-line no-control-regex
	expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
	const stack: string[] = [];
	for (const m of xml.replace(/<\?[\s\S]*?\?>/g, '').matchAll(/<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
		const [, close, name, , selfClose] = m;
		if (selfClose) continue;
		if (close) expect(stack.pop()).toBe(name);
		else stack.push(name!);
	}
	expect(stack).toEqual([]);
	// Text outside tags has no raw "<" or stray "&".
	expect(xml).not.toMatch(/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
}

function expectClean(text: string) {
	expect(text).not.toMatch(/undefined|NaN|\[object Object\]|null/);
	expect(text).not.toMatch(/docx\.|trace\.|outcome\./);
	expect(text).not.toMatch(/\{\w+\}/);
}

// ---------------------------------------------------------------------------------------------------------

describe('campaignReportDocument', () => {
	it('writes the 通报: names, formatted scores, sections, settings and the deadline', async () => {
		const { document, text, paragraphs } = await pack(campaignReportDocument(campaignReport(), zh));
		expectWellFormed(document);
		expectClean(text);
		for (const s of [
			'关于2025年第一季度全市政府网站检查情况的通报',
			'某市人民政府办公室　2025年4月10日',
			'各县（市、区）人民政府，市直各单位：',
			'一、总体情况',
			'本次纳入评估4家单位，已完成评估3家，其中合格1家、不合格2家，合格率为33.3%（按已完成评估的单位计）。',
			'另有1家单位评估尚未完成，其得分为暂计，不定等次、不排名，未计入上述统计。',
			'评估未完成（1家，不排名）：乙县人民政府（已评18/20项）。',
			'其中，1家单位因触发单项否决指标被评为不合格。',
			'90分及以上',
			'60分（含）至90分（不含）',
			'低于60分',
			'二、得分排名',
			'（一）第一类：县（市、区）政府得分排名',
			'（三）第三类：其他单位得分排名',
			'本类别无评估对象。',
			'甲县人民政府',
			'95.5',
			'55.0',
			'站点无法访问；严重错误表述',
			'三、单项否决及不合格情况',
			'丙县人民政府',
			'另有1家单位得分未达到合格线，评为不合格：丁市教育局 <b>&amp;</b>（55.0分）。',
			'四、主要问题',
			'1．2.1 栏目更新',
			'（信息发布）',
			'共2家单位：乙县人民政府（扣2.0分）、丁市教育局（扣4.0分）。',
			'乙县人民政府：“通知公告”栏目超过6个月未更新',
			'2．互动回应',
			'共1家单位：丁市教育局。',
			'五、整改要求',
			'请各单位于2025年4月30日前完成整改。',
			'逾期未整改的，予以通报。',
			'特此通报。'
		])
			expect(text).toContain(s);
		// The deadline once: the demand text names it, so no separate 整改时限 line repeats it.
		expect(text.split('2025年4月30日').length - 1).toBe(1);
		expect(text).not.toContain('{deadline}');
		expect(paragraphs).toContain('1．丙县人民政府：站点无法访问；严重错误表述。');
		expect(paragraphs).toContain('1．2.1 栏目更新（信息发布）');
		// The signature repeats issuer and date at the end.
		expect(text.lastIndexOf('某市人民政府办公室')).toBeGreaterThan(text.indexOf('特此通报。'));
		expect(text.indexOf('2025年4月10日', text.indexOf('特此通报。'))).toBeGreaterThan(0);
	});

	it('uses real Word tables with repeating header rows, borders and fixed widths', async () => {
		const { document } = await pack(campaignReportDocument(campaignReport(), zh));
		// Band table + the two non-empty categories; the empty category gets a sentence instead.
		expect(document.match(/<w:tbl>/g)).toHaveLength(3);
		expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(3);
		expect(document).toContain('<w:tblBorders>');
		expect(document).toMatch(/<w:insideH w:val="single"/);
		expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
		// A ranking table: header cells, then one row per target in order.
		const ranking = document.split('<w:tbl>')[2]!;
		const cells = [...ranking.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!));
		expect(cells.slice(0, 5)).toEqual(['排名', '名称', '得分', '等次', '单项否决原因']);
		expect(cells.indexOf('甲县人民政府')).toBeLessThan(cells.indexOf('丙县人民政府'));
	});

	it('sets Chinese (eastAsia) fonts: 仿宋 body, 黑体 headings, 宋体 title', async () => {
		const { styles } = await pack(campaignReportDocument(campaignReport(), zh));
		expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="仿宋"[\s\S]*<\/w:docDefaults>/);
		expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?w:eastAsia="黑体"[\s\S]*?<\/w:style>/);
		expect(styles).toMatch(/w:styleId="Title"[\s\S]*?w:eastAsia="宋体"[\s\S]*?<\/w:style>/);
		expect(styles).toMatch(/w:ascii="Times New Roman"/);
		expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
	});

	it('strips control characters and keeps markup-like names as text', async () => {
		const { document, text } = await pack(campaignReportDocument(campaignReport(), zh));
		expect(document).not.toContain('\u0001');
		expect(document).not.toContain('\u0002');
		expect(document).not.toContain('\u0007');
		expect(text).toContain('为进一步加强政府网站管理，市政府办公室组织开展了检查。');
		expect(document).toContain('丁市教育局 &lt;b&gt;&amp;amp;&lt;/b&gt;');
		expect(document).not.toContain('<b>');
	});

	it('sets each line of the intro as its own paragraph, the addressee line flush left', async () => {
		const { document } = await pack(campaignReportDocument(campaignReport(), zh));
		const paragraphs = document.match(/<w:p>[\s\S]*?<\/w:p>/g)!;
		const addressee = paragraphs.find((p) => p.includes('各县（市、区）人民政府，市直各单位：'))!;
		expect(addressee).toMatch(/<w:ind [^>]*w:firstLineChars="0"/);
		const next = paragraphs.find((p) => p.includes('现将有关情况通报如下：'))!;
		expect(next).not.toContain('组织开展了检查');
		expect(next).toContain('<w:pStyle w:val="KmBody"/>');
		expect(next).not.toContain('<w:ind ');
	});

	it('falls back to default title, intro, demand and closing, and renders an empty campaign', async () => {
		const { document, text } = await pack(campaignReportDocument(emptyCampaign(), zh));
		expectWellFormed(document);
		expectClean(text);
		for (const s of [
			// The campaign's name ends in 评估 already: the default title does not say it twice.
			'关于空评估结果的通报',
			'根据《指标体系》，对0家单位开展了空评估。',
			'本次评估未纳入任何单位。',
			'本次评估无排名。',
			'本次评估未发现触发单项否决指标的情况。',
			'本次评估未发现扣分问题。',
			'逐条整改、销号管理，并将整改情况',
			'特此通报。'
		])
			expect(text).toContain(s);
		expect(document).not.toContain('<w:tbl>');
	});

	it('copes with a veto without reasons and a problem without targets', async () => {
		const report = campaignReport();
		report.vetoed = [{ ...bing, vetoReasons: [] }];
		report.problems = [{ ...report.problems[0]!, targets: [] }];
		const { paragraphs, text } = await pack(campaignReportDocument(report, zh));
		expectClean(text);
		expect(paragraphs).toContain('1．丙县人民政府。');
		expect(paragraphs).toContain('1．2.1 栏目更新（信息发布）');
		expect(text).not.toContain('共0家');
	});

	it('uses the default intro with the framework document number and monitoring point', async () => {
		const report = campaignReport();
		report.settings = { ...report.settings, intro: '', demand: '', deadline: '2025-05-06' };
		const { text } = await pack(campaignReportDocument(report, zh));
		expect(text).toContain('根据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号），以2025年3月31日为监测时间点，对4家单位开展了2025年第一季度全市政府网站检查。');
		expect(text).toContain('于2025年5月6日前将整改情况');
	});

	it('renders in English with every label resolved', async () => {
		const { document, text } = await pack(campaignReportDocument(campaignReport(), en));
		expectWellFormed(document);
		expectClean(text);
		expect(text).toContain('1. Overview');
		expect(text).toContain('1. Ranking: Class 1: county governments');
		expect(text).toContain('Site unreachable; 严重错误表述');
		// The demand text names {deadline}, so the deadline is stated there once, not again on a line of its own.
		expect(text).toContain('2025-04-30');
		expect(text).not.toContain('Deadline: 2025-04-30.');
		const { text: empty } = await pack(campaignReportDocument(emptyCampaign(), en));
		expectClean(empty);
	});
});

describe('targetReportDocument', () => {
	it('appends the screenshots, numbered and captioned, originals embedded and scaled to the page', async () => {
		const report = targetReport();
		const image = { mime: 'image/png' as const, bytes: PNG_1X1.length, width: 2400, height: 1200, sha256: 'a'.repeat(64), fileName: 'a.png', thumbnail: `data:image/jpeg;base64,${THUMB_JPEG}` };
		report.problems[0]!.screenshots = [
			{ id: 'shot-1', caption: '通知公告栏目 <script>', image },
			{ id: 'shot-2', caption: '', image: { ...image, width: 300, height: 9000 } }
		];
		const originals = new Map([['shot-1', { data: PNG_1X1, type: 'png' as const, width: 2400, height: 1200 }]]);
		const { document, text, files, paragraphs } = await pack(targetReportDocument(report, zh, originals));
		expectWellFormed(document);
		expect(text).toContain('六、截图佐证');
		expect(paragraphs).toContain('图1　2.1 栏目更新：通知公告栏目 <script>');
		expect(paragraphs).toContain('图2　2.1 栏目更新');
		// The original goes in as is; the second, with no original, falls back to its thumbnail.
		const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
		expect(media).toHaveLength(2);
		expect(media.map((f) => files[f]!.length).sort((a, b) => a - b)).toEqual([PNG_1X1.length, Uint8Array.from(atob(THUMB_JPEG), (c) => c.charCodeAt(0)).length].sort((a, b) => a - b));
		// The original is scaled into the text width (589 px), keeping its aspect ratio; the stand-in
		// thumbnail keeps its own size (240 × 180 box) rather than being blown up. EMU = px × 9525.
		const extents = [...document.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"/g)].map((m) => [Number(m[1]) / 9525, Number(m[2]) / 9525]);
		expect(extents).toEqual([
			[589, 295],
			[6, 180]
		]);
	});

	it('lists the indicators the target’s category does not check, each with its reason, after the problems', async () => {
		const report = {
			...targetReport(),
			notApplicable: [{ indicatorId: 'ts-16', code: '（十六）', title: L('扩大决策公众参与度'), reason: { category: L('市政府部门'), responsibleUnits: ['各县区政府', '经开区管委会'] } }]
		};
		const { paragraphs } = await pack(targetReportDocument(report, zh));
		const at = paragraphs.indexOf('不适用的指标');
		expect(at).toBeGreaterThan(paragraphs.findIndex((p) => p.startsWith('四、')));
		expect(paragraphs[at + 1]).toBe('1．（十六） 扩大决策公众参与度 — 不适用：本项责任单位为各县区政府、经开区管委会，本对象类别为“市政府部门”。');
	});

	it('a veto-only framework’s unvetoed target reads as its grade with no score, never “得分—分”', async () => {
		const report = { ...emptyTargetReport(), score: score({ total: null, rawTotal: null, deductScore: null, sections: [], graded: 3, applicable: 3, complete: true, trace: [] }) };
		const { text } = await pack(targetReportDocument(report, zh));
		expect(text).toContain('未出现单项否决情形，等次为合格（仅设单项否决指标，不计分数）。');
		expect(text).not.toContain('得分—分');
	});

	it('adds no screenshot section when there are none', async () => {
		const { text } = await pack(targetReportDocument(targetReport(), zh));
		expect(text).not.toContain('截图佐证');
	});

	it('writes the header table, score and grade, trace, sections, problems and what-if', async () => {
		const { document, text, rels } = await pack(targetReportDocument(targetReport(), zh));
		expectWellFormed(document);
		expectClean(text);
		for (const s of [
			'乙县人民政府评估报告',
			'评估对象',
			'https://www.yixian.gov.cn/',
			'县（市、区）政府',
			'监测时间点',
			'2025年3月31日',
			'张三',
			'得分72.3分，等次为合格。',
			'达到合格要求。',
			'1．总分 = 72.25 + 0 = 72.25。',
			'2．等次：合格。',
			'34.0',
			'40.0',
			'不适用',
			'部分符合',
			'未评',
			'栏目超期未更新 × 2',
			'首页动态更新不及时',
			'2.0',
			'1．2.1 栏目更新',
			'：可提高2.0分（至74.3分）。',
			'：可提高20.0分（至92.3分），等次变为优秀。'
		])
			expect(text).toContain(s);
		// Header table plus section and problem tables; the problem table's header row repeats.
		expect(document.match(/<w:tbl>/g)).toHaveLength(3);
		expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(2);
		const problemTable = document.split('<w:tbl>')[3]!;
		const headers = [...problemTable.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).slice(0, 6);
		expect(headers).toEqual(['编号', '指标', '结果', '扣分', '问题说明', '佐证网址']);
		// Where the framework rescales or redistributes N/A, the column says its points are 折算后.
		const scaled = await pack(targetReportDocument({ ...targetReport(), lossesScaled: true }, zh));
		expect(scaled.text).toContain('扣分（折算后）');
		// The note keeps its line break as a Word break, and loses the vertical tab.
		expect(text).toContain('“通知公告”栏目超过6个月未更新');
		expect(document).not.toContain('\u000b');
		// http(s) evidence becomes a hyperlink (escaped in the relationship); anything else stays text only.
		expect(rels).toContain('Target="https://www.yixian.gov.cn/tzgg/index.html?a=1&amp;b=2" TargetMode="External"');
		expect(rels).not.toContain('javascript:');
		expect(text).toContain('javascript:alert(1)');
	});

	it('names the owner unit with the term the app uses on screen', async () => {
		const { document } = await pack(targetReportDocument(targetReport(), zh));
		const headerTable = document.split('<w:tbl>')[1]!;
		expect(headerTable).toContain(`>${zhApp['target.ownerUnit']}<`);
		expect(document).not.toContain('主办单位');
	});

	it('reports a vetoed target with its reasons and the lift', async () => {
		const { document, text, rels } = await pack(targetReportDocument(vetoedTargetReport(), zh));
		expectWellFormed(document);
		expectClean(text);
		for (const s of [
			'单项否决，等次为不合格。',
			'不计分数。触发的单项否决指标：',
			'1．1.1 站点无法访问',
			'单项否决：1.1 站点无法访问 不符合 → 不合格。',
			'因触发单项否决，未计算分项得分。',
			'不符合（否决）',
			'连续一周无法访问',
			'：整改后可解除单项否决，得分可达80.0分，等次变为合格。'
		])
			expect(text).toContain(s);
		expect(text).toContain('ftp://files.bingxian.gov.cn');
		expect(rels).not.toContain('ftp:');
		expect(rels).toContain('Target="http://www.bingxian.gov.cn/"');
	});

	it('says a lifted veto that still fails, and marks a bonus not earned as an opportunity', async () => {
		const report = vetoedTargetReport();
		report.impacts = [
			{ ...report.impacts[0]!, newTotal: 53, gain: 0, passes: false, newGrade: null },
			{ indicatorId: 'formats', code: '3.1', title: L('解读形式多样'), newTotal: 59, gain: 6, liftsVeto: false, vetoShared: false, passes: false, bonus: true, newGrade: null }
		];
		const { text } = await pack(targetReportDocument(report, zh));
		expect(text).toContain('：整改后可解除单项否决，得分可达53.0分，仍不合格。');
		expect(text).toContain('：加分机会，可加6.0分（至59.0分）。');
	});

	it('renders in English with spaces between sentences', async () => {
		const { paragraphs, text } = await pack(targetReportDocument(targetReport(), en));
		expectClean(text);
		expect(paragraphs).toContain('Score 72.3, grade Pass. Passed.');
		expect(paragraphs).toContain('1. Total = 72.25 + 0 = 72.25.');
		expect(paragraphs).toContain('2. 4.2 互动回应: gains 20.0 (to 92.3), grade becomes Excellent.');
		const vetoed = await pack(targetReportDocument(vetoedTargetReport(), en));
		expect(vetoed.paragraphs).toContain('Vetoed: rated Fail. No score is recorded. Veto indicators failed:');
		expect(vetoed.paragraphs).toContain('1. 1.1 站点无法访问: lifts the veto, score 80.0, grade becomes Pass.');
		const campaign = await pack(campaignReportDocument(campaignReport(), en));
		expect(campaign.paragraphs).toContain('Not finished (1, not ranked): 乙县人民政府 (18/20 graded).');
		expect(campaign.paragraphs).toContain('1. 2.1 Column updates (信息发布)');
		expect(campaign.paragraphs).toContain('2 targets: 乙县人民政府 (−2.0), 丁市教育局 (−4.0).');
		expect(campaign.paragraphs).toContain('某市人民政府办公室, 2025-04-10');
	});

	it('renders a target with no findings, no trace and no impacts', async () => {
		for (const text of [zh, en]) {
			const packed = await pack(targetReportDocument(emptyTargetReport(), text));
			expectWellFormed(packed.document);
			expectClean(packed.text);
		}
		const { text } = await pack(targetReportDocument(emptyTargetReport(), zh));
		expect(text).not.toContain('得分0.0分');
		for (const s of ['无名网站评估报告', '尚未开始评估，无评估结果。', '无计分记录。', '无分项得分。', '未发现扣分问题。', '暂无可提高得分的整改项。']) expect(text).toContain(s);
		expect(text).not.toContain('尚有');
	});
});

describe('packing', () => {
	it('gives a Blob with the Word MIME type and the same bytes as toDocxBytes', async () => {
		const blob = await toDocxBlob(targetReportDocument(emptyTargetReport(), zh));
		expect(blob.type).toBe(DOCX_MIME);
		const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
		expect(Object.keys(files)).toContain('word/document.xml');
		const bytes = unzipSync(await toDocxBytes(targetReportDocument(emptyTargetReport(), zh)));
		expect(strFromU8(bytes['word/document.xml']!)).toBe(strFromU8(files['word/document.xml']!));
	});
});

describe('zipFiles', () => {
	it('zips one .docx per target under safe, unique, numbered names', async () => {
		const reports = [targetReport(), vetoedTargetReport(), { ...targetReport(), target: { ...targetReport().target, name: '乙县/人民:政府?' } }, targetReport()];
		const files = await Promise.all(
			reports.map(async (r, i) => ({
				name: numberedFileName(i < 3 ? i : 0, reports.length, r.target.name, '.docx'),
				data: await toDocxBytes(targetReportDocument(r, zh))
			}))
		);
		const zip = unzipSync(new Uint8Array(await (await zipFiles(files)).arrayBuffer()));
		expect(Object.keys(zip)).toEqual(['01-乙县人民政府.docx', '02-丙县人民政府.docx', '03-乙县_人民_政府_.docx', '01-乙县人民政府 (2).docx']);
		// Each entry is an intact .docx.
		for (const data of Object.values(zip)) expect(strFromU8(unzipSync(data)['word/document.xml']!)).toContain('<w:tbl>');
	});

	it('makes names safe for Windows and keeps the data byte for byte', async () => {
		const data = new Uint8Array([1, 2, 3]);
		const names = ['CON.docx', 'nul', '', '...', ' a.txt. ', 'A.TXT', 'x\u0001y.txt', '__proto__', 'a<b>c|d*e.txt'];
		const zipped = await zipFiles(names.map((name) => ({ name, data })));
		// A Blob ready for download.
		expect(zipped.type).toBe('application/zip');
		const zip = unzipSync(new Uint8Array(await zipped.arrayBuffer()));
		expect(Object.keys(zip)).toEqual(['_CON.docx', '_nul', 'file', 'file (2)', 'a.txt', 'A (2).TXT', 'x_y.txt', '___proto__', 'a_b_c_d_e.txt']);
		for (const v of Object.values(zip)) expect([...v]).toEqual([1, 2, 3]);
	});

	it('bounds long names, keeping the extension', () => {
		const name = safeZipName(`${'很长的名称'.repeat(40)}.docx`);
		expect(name.length).toBeLessThanOrEqual(120);
		expect(name.endsWith('.docx')).toBe(true);
		expect(numberedFileName(0, 120, '甲', '.docx')).toBe('001-甲.docx');
	});
});

describe('helpers', () => {
	it('cleans text, splits paragraphs, accepts only http(s) links, formats dates and numerals', () => {
		expect(cleanText('a\u0000b\u0008c\u000bd\u000ce\u001ff\uffff\ud800g\r\nh\ti')).toBe('abcdefg\nh i');
		expect(cleanText('𠀀 emoji 😀')).toBe('𠀀 emoji 😀');
		expect(splitParagraphs('一\n\n\n　　二\n续 \n \n三\n')).toEqual(['一', '二', '续', '三']);
		expect(safeHttpUrl('https://a.gov.cn/x y')).toBe('https://a.gov.cn/x%20y');
		expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
		expect(safeHttpUrl('http://')).toBeNull();
		expect(formatDate('2025-01-05', zh)).toBe('2025年1月5日');
		expect(formatDate('2025-01-05', en)).toBe('2025-01-05');
		expect(formatDate('2025年第一季度', zh)).toBe('2025年第一季度');
		expect([1, 10, 12, 20, 21, 99, 100].map(chineseNumeral)).toEqual(['一', '十', '十二', '二十', '二十一', '九十九', '100']);
	});
});

describe('整改通知', () => {
	it('addresses the unit, lists every problem with evidence links and deadlines, and asks for a reply by the last deadline', async () => {
		const { rectificationNoticeDocument } = await import('$lib/io/rectification-docx');
		const { Packer } = await import('docx');
		const { unzipSync, strFromU8 } = await import('fflate');
		const words: Record<string, string> = {
			'notice.title': '关于{target}网站问题整改的通知',
			'notice.addressee': '{unit}：',
			'notice.intro': '在{campaign}中（依据{framework}，监测时间点{point}），发现你单位网站存在以下{count}个问题：',
			'notice.colSeq': '序号',
			'notice.colIndicator': '指标',
			'notice.colProblem': '问题描述',
			'notice.colEvidence': '佐证网址',
			'notice.colBasis': '依据',
			'notice.colDeadline': '整改时限',
			'notice.demandDeadline': '请于{deadline}前完成整改。',
			'notice.demand': '请尽快完成整改。',
			'notice.contact': '联系人：{contact}',
			'notice.veto': '单项否决',
			'notice.lost': '扣{points}分',
			'docx.date': '{y}年{m}月{d}日',
			'notice.figures': '附：问题截图',
			'docx.figure': '图{n}　{label}',
			'docx.figureCaption': '：{caption}'
		};
		const text = {
			t: (k: string, p: Record<string, unknown> = {}) => (words[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(p[n] ?? '')),
			local: (v: { zh: string }) => v.zh,
			score: (n: number | null) => (n === null ? '—' : n.toFixed(1)),
			locale: 'zh-CN' as const
		};
		const doc = rectificationNoticeDocument(
			{
				targetName: '市人民政府',
				addressee: '市政府办公室',
				campaignTitle: '2026年第四季度检查',
				frameworkTitle: '《政府网站检查指标（2019）》',
				monitoringPoint: '2026-11-01',
				issuer: '市政务公开办',
				date: '2026-11-05',
				contact: '张三 0931-1234567',
				cannotFix: [],
				items: [
					{ seq: 1, code: '2.1.5', title: '政策文件', description: '栏目6个月未更新', evidenceUrls: ['https://www.a.gov.cn/zcwj/', 'javascript:alert(1)'], basis: '国办秘函〔2019〕19号', pointsLost: 5, veto: false, deadline: '2026-11-19', screenshots: [{ id: 'shot-1', caption: '栏目最新文件为2026年4月', image: { mime: 'image/png', bytes: PNG_1X1.length, width: 1280, height: 800, sha256: 'b'.repeat(64), fileName: '', thumbnail: `data:image/jpeg;base64,${THUMB_JPEG}` } }] },
					{ seq: 2, code: '1.4', title: '栏目不更新', description: '空白栏目6个', evidenceUrls: [], basis: '', pointsLost: null, veto: true, deadline: '2026-11-26', screenshots: [] }
				]
			},
			text,
			new Map([['shot-1', { data: PNG_1X1, type: 'png' as const, width: 1280, height: 800 }]])
		);
		const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
		const xml = strFromU8(files['word/document.xml']!);
		const rels = strFromU8(files['word/_rels/document.xml.rels']!);
		expect(xml).toContain('关于市人民政府网站问题整改的通知');
		expect(xml).toContain('市政府办公室：');
		expect(xml).toContain('栏目6个月未更新（扣5.0分）'); // the points as the 整改清单 screen writes them
		expect(xml).toContain('空白栏目6个（单项否决）');
		expect(xml).toContain('请于2026年11月26日前完成整改。');
		expect(xml).toContain('联系人：张三 0931-1234567');
		expect(xml).toContain('<w:tblHeader/>');
		// Deadlines that differ get a column of their own, narrower than 问题描述.
		expect([...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))).toEqual([600, 1150, 2644, 1300, 1900, 1250]);
		expect(xml).toContain('>整改时限<');
		expect(rels).toContain('https://www.a.gov.cn/zcwj/');
		expect(rels).not.toContain('javascript:');
		// The screenshot follows the letter as a numbered figure, the original embedded.
		expect(xml).toContain('附：问题截图');
		expect(xml).toContain('图1　1．2.1.5 政策文件：栏目最新文件为2026年4月');
		expect(Object.keys(files).filter((f) => f.startsWith('word/media/')).map((f) => files[f]!.length)).toEqual([PNG_1X1.length]);
	});
});

describe('a campaign on a framework with 待核 values', () => {
	it('says in both Word reports that its scores are provisional, in the words of provisionalScoresText', async () => {
		const note = provisionalScoresText(96, zh.t)!;
		expect(note).toContain('96');
		expect((await pack(campaignReportDocument({ ...campaignReport(), provisionalValues: 96 }, zh))).paragraphs).toContain(note);
		expect((await pack(targetReportDocument({ ...targetReport(), provisionalValues: 96 }, zh))).paragraphs).toContain(note);
		// Nothing is said where nothing is 待核.
		expect((await pack(campaignReportDocument(campaignReport(), zh))).text).not.toContain(note);
		expect(provisionalScoresText(0, zh.t)).toBeNull();
	});
});
