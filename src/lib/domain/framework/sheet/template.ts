import { Framework, type FrameworkInput } from '../schema';
import { INFO_KEYS, SHEET_NAMES } from './columns';
import { frameworkToSheets } from './export';
import type { Sheets } from './types';
import type { Model } from './vocab';

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
