import type { FrameworkInput } from '$lib/domain/framework';

/** Frameworks for the sheet, JSON and xlsx round trips: every optional field and awkward text at least once. */
const T = '2025-06-01T08:00:00.000Z';
const zh = (s: string) => ({ zh: s });

export function weightedInput(): FrameworkInput {
	return {
		id: 'transparency-index',
		version: '2025.2',
		builtIn: false,
		title: { zh: '政府透明度指数', en: 'Government transparency index' },
		description: { zh: '说明；含分号：和冒号' },
		source: { title: '评估方案', url: 'https://example.org/plan?y=2025', issuedOn: '2025-01-02' },
		scoring: {
			model: 'weighted',
			passMark: 60,
			vetoScore: 0,
			decimals: 2,
			grades: [
				{ id: 'good', title: { zh: '良好', en: 'Good' }, min: 80, provisional: false },
				{ id: 'poor', title: zh('较差'), min: 0, provisional: true, provisionalNote: '分数线待定' }
			]
		},
		categories: [
			{ id: 'city', title: { zh: '市', en: 'City' }, bonus: false },
			{ id: 'county', title: zh('县'), bonus: false, naSections: ['open'], naIndicators: ['g2', 'x1'] },
			{ id: 'town', title: zh('乡镇'), bonus: false, naIndicators: ['x1'], provisional: false, provisionalNote: '备注：x（y）' }
		],
		sections: [
			{ id: 'veto', code: 'V', title: zh('否决'), part: 'veto', indicators: [{ id: 'v1', code: 'V1', title: zh('严重错误'), max: 0 }] },
			{
				id: 'guide',
				code: '1',
				title: { zh: '公开 指南', en: 'Guide' },
				part: 'weighted',
				weight: 30.5,
				guidance: { zh: '第一行\n第二行', en: 'Two\nlines' },
				indicators: [
					{ id: 'g1', code: '1.1', title: zh('指南发布'), max: 5, method: 'binary' },
					{
						id: 'g2',
						code: '1.2',
						title: zh('指南内容'),
						max: 10,
						method: 'levels',
						levels: [
							{ id: 'full', title: { zh: '完整', en: 'Full' }, points: 10 },
							{ id: 'half', title: zh('[注] 基本=完整'), points: 5.5 },
							{ id: 'none', title: zh('缺失'), points: 0 }
						]
					}
				],
				sections: [
					{
						id: 'sub',
						code: '1.3',
						title: zh('子项'),
						part: 'weighted',
						provisional: true,
						indicators: [
							{
								id: 'x1',
								code: '1.3.1',
								title: zh('要素'),
								max: 4,
								method: 'ratio',
								ratioOf: 8,
								deductions: [
									{ id: 'd-a', title: zh('扣分；含分号'), points: 1, per: 'each', provisional: true, provisionalNote: '说明（含括号）；分号：冒号' },
									{ id: 'd-b', title: { zh: '栏目：二；其他', en: 'Column: 2; other' }, points: 0.5, per: 'once', provisional: false, provisionalNote: '原文：2；待核' }
								]
							}
						]
					}
				]
			},
			{
				id: 'open',
				code: '2',
				title: zh('主动公开'),
				part: 'weighted',
				weight: 69.5,
				indicators: [
					{
						id: 'o1',
						code: '2.1',
						title: zh('财政信息'),
						max: 3,
						method: 'ratio',
						ratioOf: 3,
						guidance: zh('要点'),
						basis: '条例第二十条',
						suggestion: { zh: '建议', en: 'Do it' },
						provisional: false
					}
				]
			}
		],
		createdAt: T,
		updatedAt: T,
		updatedBy: '张三',
		provisional: true,
		provisionalNote: '草案'
	};
}

export function checklistInput(): FrameworkInput {
	return {
		id: 'key-points-2021',
		version: '1',
		builtIn: false,
		title: zh('2021年政务公开工作要点'),
		source: { title: '工作要点', docNo: '某政办发〔2021〕5号' },
		scoring: {
			model: 'checklist',
			passMark: 80,
			grades: [
				{ id: 'done', title: zh('完成'), min: 100 },
				{ id: 'todo', title: zh('未完成'), min: -1 }
			]
		},
		categories: [{ id: 'all', title: zh('全部'), bonus: false }],
		sections: [
			{
				id: 'tasks',
				code: '一',
				title: zh('重点任务'),
				part: 'checklist',
				indicators: [
					{ id: 't1', code: '一.1', title: zh('任务一'), max: 1, deadline: '2021-06-30', responsibleUnits: ['市政府办公室', '市发展改革委'] },
					{ id: 't2', code: '一.2', title: zh('任务二'), max: 2, method: 'binary', basis: '要点第2条' }
				]
			}
		],
		createdAt: T,
		updatedAt: T,
		updatedBy: ''
	};
}
