/**
 * A synthetic provincial campaign for `npm run bench` (DESIGN §8: 2,000 targets × 120 indicators), written as a
 * version-1 `.kaiming` backup so the benchmark goes through the real restore path.
 *
 * The built-in 2019 website framework has 37 indicators (6 veto, 24 deduct, 7 bonus), fewer than the 120 per
 * target the budgets are set for. The campaign therefore carries an extended copy (`benchFramework`): the four
 * deduct blocks keep their official totals (31/25/23/21, so the part still sums to 100 and veto, ×4/3 and the
 * bonus gate work as shipped), but the original indicators of 发布解读, 互动交流 and 功能设计 give half their
 * points (and half of each deduction) to added indicators of 0.5 or 0.25 points. Every category then has at
 * least 120 indicators to judge: 135 for portals, 128 with services, 121 without (办事服务 is N/A there).
 *
 * Everything is seeded, so a given size always gives the same file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { BACKUP_FORMAT, BACKUP_STORES, MANIFEST_PATH, backupEntryPath, type BackupData, type BackupManifest } from '$lib/domain/backup';
import type { Campaign } from '$lib/domain/campaign';
import type { Evidence } from '$lib/domain/evidence';
import type { Finding, Outcome, ReviewState } from '$lib/domain/finding';
import { Framework, type Indicator, type Section } from '$lib/domain/framework/schema';
import { requiredIndicators } from '$lib/domain/scoring';
import type { Target } from '$lib/domain/target';
import { mulberry32 } from '$lib/domain/review';

/** The version this generator writes; newer app versions keep reading it (image evidence is optional there). */
export const GENERATED_FORMAT_VERSION = 1;
export const MIN_INDICATORS_PER_TARGET = 120;

export interface GenerateOptions {
	targets: number;
	seed?: number;
}

export interface GeneratedCampaign {
	data: BackupData;
	campaign: Campaign;
	/** Indicators each category must be judged on. */
	indicatorsPerCategory: Record<string, number>;
}

/** Seeded, so a realistic-looking mix is reproducible. */
function rng(seed: number) {
	const next = mulberry32(seed);
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		chance: (p: number) => next() < p,
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
		/** A version-4 UUID (z.uuid() checks the version and variant bits). */
		uuid: () => {
			const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
			hex[12] = '4';
			hex[16] = '89ab'[Math.floor(next() * 4)]!;
			const s = hex.join('');
			return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
		}
	};
}
type Rng = ReturnType<typeof rng>;

/** Typical column names an inspector checks, to give the added indicators believable titles. */
const COLUMNS: Record<string, string[]> = {
	publish: ['规划计划', '财政预决算', '人事信息', '统计数据', '重大项目', '政府采购', '公共资源配置', '社会救助', '教育领域', '医疗卫生', '生态环境', '食品药品', '安全生产', '征地拆迁', '价格收费', '行政执法', '双随机一公开', '建议提案办理', '应急管理', '新闻发布会'],
	interaction: ['领导信箱', '咨询投诉', '意见征集', '在线访谈', '热点回应', '调查问卷', '12345热线', '网上信访', '常见问题', '留言查询', '满意度评价', '回应关切', '政民互动'],
	design: ['首页导航', '栏目设置', '页面标题', '附件格式', '无障碍浏览', '移动端适配', '站内链接', '外部链接', '版权声明', '隐私政策', '网站地图', '字体与排版']
};

/** Points moved to added indicators per block, and how many of them. */
const EXTENSION = [
	{ block: 'publish', count: 31, max: 0.5 },
	{ block: 'interaction', count: 46, max: 0.25 },
	{ block: 'design', count: 21, max: 0.5 }
] as const;

function addedIndicator(block: Section, n: number, code: string, max: number): Indicator {
	const names = COLUMNS[block.id] ?? ['栏目'];
	const name = `${names[(n - 1) % names.length]}${n > names.length ? `（${Math.ceil(n / names.length)}）` : ''}`;
	return {
		id: `bench-${block.id}-${String(n).padStart(2, '0')}`,
		code,
		title: { zh: `${name}（基准测试扩展）`, en: `${block.title.en ?? block.id} extra ${n} (benchmark)` },
		guidance: { zh: `检查“${name}”栏目是否开设、内容是否完整、更新是否及时。` },
		basis: '基准测试扩展指标（非官方）',
		suggestion: { zh: `补充完善“${name}”栏目内容并按要求及时更新。` },
		max,
		deductions: [
			{ id: 'missing', title: { zh: '栏目缺失或内容空白' }, points: max, per: 'once' },
			{ id: 'stale', title: { zh: '信息更新不及时（每处）' }, points: max / 4, per: 'each' }
		],
		method: 'binary',
		levels: [],
		responsibleUnits: []
	};
}

/** The built-in 2019 website framework, extended to at least 120 indicators per target (see the file comment). */
export function benchFramework(): Framework {
	// Read rather than imported: Playwright's loader (for the e2e smoke) does not take JSON imports without attributes.
	const fw = Framework.parse(JSON.parse(readFileSync(new URL('../src/lib/frameworks/cn-gov-website-2019.json', import.meta.url), 'utf8')));
	for (const { block: id, count, max } of EXTENSION) {
		const block = fw.sections.find((s) => s.id === id);
		if (!block) throw new Error(`section ${id} is missing from cn-gov-website-2019`);
		for (const ind of block.indicators) {
			ind.max /= 2;
			for (const d of ind.deductions) d.points /= 2;
		}
		const first = block.indicators.length + 1;
		for (let n = 1; n <= count; n++) block.indicators.push(addedIndicator(block, n, `${block.code}.${first + n - 1}`, max));
	}
	const extended = Framework.parse({
		...fw,
		// The national text lets an inspector judge nothing 不适用 (naJudgement 'listed', none listed); the bench keeps
		// the outcome mix of its earlier runs (N/A findings, the 0 key), so its copy allows 不适用 everywhere.
		scoring: { ...fw.scoring, naJudgement: 'any' },
		id: 'cn-gov-website-2019-bench',
		version: '2019.1-bench',
		builtIn: false,
		title: { zh: `${fw.title.zh}（基准测试扩展版）`, en: `${fw.title.en ?? fw.title.zh} (benchmark extension)` }
	});
	for (const c of extended.categories) {
		const n = requiredIndicators(extended, c.id).length;
		if (n < MIN_INDICATORS_PER_TARGET) throw new Error(`category ${c.id} has ${n} indicators, fewer than ${MIN_INDICATORS_PER_TARGET}`);
	}
	return extended;
}

const CITIES = ['兰州', '嘉峪关', '金昌', '白银', '天水', '武威', '张掖', '平凉', '酒泉', '庆阳', '定西', '陇南', '临夏', '甘南'];
const DEPARTMENTS = ['发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水务局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会', '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业和草原局', '地方志办公室', '档案馆', '机关事务管理局', '信访局', '政务服务中心'];
const NO_SERVICE = new Set(['统计局', '审计局', '地方志办公室', '档案馆', '机关事务管理局', '信访局']);
const ASSESSORS = ['张敏', '李华', '王磊', '赵静', '陈晨', '刘洋', '杨帆', '周婷'];

const NOTES_FAIL = [
	'栏目最近一条信息发布于半年前，超过更新时限',
	'首页“政策文件”栏目链接打开为空白页',
	'办事指南缺少办理时限和收费标准要素',
	'留言办理答复超过10个工作日，抽查3条均超期',
	'附件下载链接失效（404），已截图留证',
	'搜索“营商环境”无结果，站内搜索不可用',
	'解读材料与政策文件未相互关联',
	'页面存在错别字“公示”误为“公式”',
	'部分栏目标题与内容不符，需核实后调整',
	'未提供IPv6访问，检测工具显示仅支持IPv4'
];
const NOTES_PASS = ['已逐项核对，内容完整', '抽查5条均在时限内更新', '与上期相比已整改到位'];
const DISPUTE = ['被评估单位反馈该栏目已于监测时间点前更新，请复核', '截图时间晚于监测时间点，需重新取证'];

const MINUTE = 60_000;

/** A campaign of `targets` agencies with findings for every indicator they must be judged on (most targets fully graded). */
export function generateCampaign({ targets: targetCount, seed = 2019 }: GenerateOptions): GeneratedCampaign {
	const r = rng(seed);
	const framework = benchFramework();
	const start = Date.parse('2026-10-08T01:00:00.000Z');
	const at = (minutes: number) => new Date(start + minutes * MINUTE).toISOString();
	const lead = ASSESSORS[0]!;
	const campaign: Campaign = {
		id: r.uuid(),
		title: '2026年第四季度全省政府网站抽查（基准测试）',
		framework,
		monitoringPoint: '2026-10-01',
		assessor: lead,
		round: 1,
		rectificationDays: 10,
		createdAt: at(0),
		updatedAt: at(0),
		updatedBy: lead
	};

	const required = new Map(framework.categories.map((c) => [c.id, requiredIndicators(framework, c.id)]));
	const vetoIds = new Set(framework.sections.filter((s) => s.part === 'veto').flatMap((s) => s.indicators.map((i) => i.id)));
	const bonusIds = new Set(framework.sections.filter((s) => s.part === 'bonus').flatMap((s) => s.indicators.map((i) => i.id)));

	const targets: Target[] = [];
	const findings: Finding[] = [];
	const evidence: Evidence[] = [];

	for (let t = 0; t < targetCount; t++) {
		const city = CITIES[t % CITIES.length]!;
		const roll = r.next();
		const dept = r.pick(DEPARTMENTS);
		const categoryId = roll < 0.1 ? 'portal' : NO_SERVICE.has(dept) || roll > 0.7 ? 'dept-no-service' : 'dept-service';
		const name = categoryId === 'portal' ? `${city}市人民政府门户网站（${t + 1}）` : `${city}市${dept}（${t + 1}）`;
		const assessor = ASSESSORS[t % ASSESSORS.length]!;
		const createdAt = at(t % 60);
		const target: Target = {
			id: r.uuid(),
			campaignId: campaign.id,
			name,
			categoryId,
			url: `https://site${String(t + 1).padStart(4, '0')}.example.gov.cn/`,
			ownerUnit: categoryId === 'portal' ? `${city}市人民政府办公室` : `${city}市${dept}`,
			assessor,
			order: t,
			createdAt,
			updatedAt: createdAt,
			updatedBy: lead
		};
		targets.push(target);

		const indicators = required.get(categoryId)!;
		// Most targets are done; some are still being graded, in framework order.
		const graded = r.chance(0.92) ? indicators.length : r.int(Math.floor(indicators.length * 0.3), indicators.length - 1);
		const vetoed = r.chance(0.04) ? r.pick(indicators.filter((i) => vetoIds.has(i.id))).id : null;
		let clock = 24 * 60 * (1 + (t % 20)) + r.int(0, 600);

		for (const ind of indicators.slice(0, graded)) {
			clock += r.int(0, 3);
			const outcome = pickOutcome(r, ind, vetoIds.has(ind.id), bonusIds.has(ind.id), vetoed);
			const deductionCounts = outcome.counts;
			const failing = outcome.outcome === 'fail' || outcome.outcome === 'partial';
			const note = failing ? (r.chance(0.35) ? r.pick(NOTES_FAIL) : '') : r.chance(0.03) ? r.pick(NOTES_PASS) : '';
			const review: ReviewState = r.chance(0.7) ? 'draft' : r.chance(0.85) ? 'confirmed' : 'disputed';
			const when = at(clock);
			const finding: Finding = {
				id: r.uuid(),
				campaignId: campaign.id,
				targetId: target.id,
				indicatorId: ind.id,
				outcome: outcome.outcome,
				deductionCounts,
				note,
				reviewState: review,
				...(review === 'disputed' ? { reviewComment: r.pick(DISPUTE) } : {}),
				createdAt: when,
				updatedAt: when,
				updatedBy: assessor
			};
			findings.push(finding);
			if (failing && r.chance(0.3)) {
				const kind = r.chance(0.85) ? 'url' : 'text';
				evidence.push({
					id: r.uuid(),
					campaignId: campaign.id,
					targetId: target.id,
					findingId: finding.id,
					kind,
					...(kind === 'url' ? { url: `${target.url}col/${ind.code}/${r.int(1000, 9999)}.html` } : {}),
					text: kind === 'text' ? `页面摘录：${note || '栏目内容为空'}` : '',
					observedAt: when,
					createdAt: when,
					updatedAt: when,
					updatedBy: assessor
				});
			}
		}
	}

	const indicatorsPerCategory = Object.fromEntries([...required].map(([id, list]) => [id, list.length]));
	return {
		data: { frameworks: [], frameworkVersions: [], campaigns: [campaign], targets, findings, evidence, findingChanges: [], rectifications: [], annualReports: [], issuedPackages: [], reviewGrades: [], evidenceFiles: [], settings: null },
		campaign,
		indicatorsPerCategory
	};
}

function pickOutcome(
	r: Rng,
	ind: Indicator,
	veto: boolean,
	bonus: boolean,
	vetoedBy: string | null
): { outcome: Outcome | null; counts: Record<string, number> } {
	// A handful of items were opened (a note started) but not judged yet.
	if (r.chance(0.003)) return { outcome: null, counts: {} };
	if (veto) return { outcome: ind.id === vetoedBy ? 'fail' : 'pass', counts: {} };
	if (bonus) {
		const x = r.next();
		if (x < 0.45) return { outcome: 'fail', counts: {} };
		if (x < 0.55) return { outcome: 'na', counts: {} };
		const d = ind.deductions.length > 0 ? r.pick(ind.deductions) : null;
		return { outcome: 'pass', counts: d ? { [d.id]: d.per === 'each' ? r.int(1, 3) : 1 } : {} };
	}
	const x = r.next();
	if (x < 0.66) return { outcome: 'pass', counts: {} };
	if (x < 0.69) return { outcome: 'na', counts: {} };
	const counts: Record<string, number> = {};
	const problems = ind.deductions.length > 0 ? r.int(1, Math.min(2, ind.deductions.length)) : 0;
	for (let k = 0; k < problems; k++) {
		const d = r.pick(ind.deductions);
		counts[d.id] = d.per === 'each' ? r.int(1, 4) : 1;
	}
	if (x < 0.9) return { outcome: 'partial', counts };
	// 不符合: half the time with the problems counted, half as "the whole item fails".
	return { outcome: 'fail', counts: r.chance(0.5) ? counts : {} };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The `.kaiming` bytes for `data`, written here rather than with the app's writer so the file stays a
 * version-1 backup whatever version the app writes; the unit test reads it back with `readBackup`.
 */
export function backupBytes(data: BackupData, scope: BackupManifest['scope'], createdAt = '2026-11-20T08:00:00.000Z'): Uint8Array {
	const files: [string, Uint8Array][] = [
		...BACKUP_STORES.map((store): [string, Uint8Array] => [backupEntryPath(store), Buffer.from(JSON.stringify(data[store]))]),
		[backupEntryPath('settings'), Buffer.from(JSON.stringify(data.settings))]
	];
	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		formatVersion: GENERATED_FORMAT_VERSION,
		appVersion: '0.1.0',
		createdAt,
		scope,
		counts: Object.fromEntries(BACKUP_STORES.map((s) => [s, data[s].length])) as BackupManifest['counts'],
		entries: files.map(([path, bytes]) => ({ path, sha256: sha256(bytes), bytes: bytes.length }))
	};
	const zippable: Record<string, Uint8Array> = { [MANIFEST_PATH]: Buffer.from(JSON.stringify(manifest, null, '\t')) };
	for (const [path, bytes] of files) zippable[path] = bytes;
	// The entries' modification time is the backup's own: a zip stamped with the clock differs from a second one
	// made a DOS 2-second tick later, and the same seed must give the same bytes.
	return zipSync(zippable, { level: 6, mtime: createdAt });
}

/** The whole campaign as a campaign-scoped backup (what 备份此任务 writes). */
export function generateBackup(options: GenerateOptions): GeneratedCampaign & { bytes: Uint8Array } {
	const generated = generateCampaign(options);
	const { campaign } = generated;
	return { ...generated, bytes: backupBytes(generated.data, { kind: 'campaign', campaignId: campaign.id, title: campaign.title }) };
}
