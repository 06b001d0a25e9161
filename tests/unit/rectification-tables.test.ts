import { describe, expect, it } from 'vitest';
import { rectificationSheets, type RectificationLabels, type Rectification } from '$lib/domain/rectification';
import type { Target } from '$lib/domain/target';
import { CAMPAIGN, miniFramework } from './fixtures/mini-framework';

const T = '2026-01-01T00:00:00.000Z';
const target = (n: number, name: string): Target => ({
	id: `00000000-0000-4000-8000-00000000t00${n}`.replace('t', '0'),
	campaignId: CAMPAIGN,
	name,
	categoryId: 'dept',
	url: '',
	ownerUnit: '',
	assessor: '',
	order: n,
	createdAt: T,
	updatedAt: T,
	updatedBy: ''
});
const item = (t: Target, seq: number, patch: Partial<Rectification> = {}): Rectification => ({
	id: `00000000-0000-4000-8000-0000000000${String(seq).padStart(2, '0')}`,
	campaignId: CAMPAIGN,
	targetId: t.id,
	indicatorId: 'a1',
	deductionId: 'link',
	seq,
	description: '错链/死链 3处',
	evidenceUrls: ['https://a.gov.cn/x', 'https://a.gov.cn/y'],
	basis: '',
	pointsLost: 3,
	veto: false,
	suggestion: '',
	responsibleUnit: '办公室',
	responsiblePerson: '',
	status: 'inProgress',
	reason: '',
	fixedUrl: '',
	proof: '',
	rechecker: '',
	remarks: '',
	findingResolved: false,
	history: [],
	createdAt: T,
	updatedAt: T,
	updatedBy: '',
	...patch
});
const h = (s: string) => s;
const labels: RectificationLabels = {
	locale: 'zh',
	sheet: '整改清单',
	headers: Object.fromEntries(
		['seq', 'target', 'code', 'indicator', 'description', 'evidence', 'basis', 'pointsLost', 'veto', 'suggestion', 'unit', 'person', 'noticeDate', 'deadline', 'status', 'fixedUrl', 'proof', 'recheck', 'rechecker', 'recheckDate', 'remarks'].map((k) => [k, h(k)])
	) as RectificationLabels['headers'],
	status: { open: '未整改', inProgress: '整改中', fixed: '已整改（待复核）', passed: '复核通过', failed: '复核未通过', cannotFix: '无法整改', notApplicable: '无需整改' },
	recheck: { passed: '通过', failed: '未通过' },
	yes: '是',
	overdue: '（逾期）',
	today: '2026-11-01'
};

describe('rectificationSheets', () => {
	it('gives one flat sheet with a target column and one sheet per target without it', () => {
		const a = target(1, '市人民政府');
		const b = target(2, '市教育局');
		const sheets = rectificationSheets(miniFramework(), [item(a, 1), item(b, 2, { veto: true, status: 'passed', recheckResult: 'passed' })], [a, b], labels);
		expect(sheets.map((s) => s.name)).toEqual(['整改清单', '市人民政府', '市教育局']);
		const [flat] = sheets;
		expect(flat!.rows[0]![1]).toBe('target');
		expect(flat!.rows[1]!.slice(0, 5)).toEqual([1, '市人民政府', '2.1', '动态', '错链/死链 3处']);
		expect(flat!.rows[1]![5]).toBe('https://a.gov.cn/x\nhttps://a.gov.cn/y');
		expect(flat!.rows[1]![7]).toBe(3);
		expect(flat!.rows[2]!.slice(14, 18)).toEqual(['复核通过', '', '', '通过']);
		// Past its deadline and still being worked on: flagged in the export too.
		const late = rectificationSheets(miniFramework(), [item(a, 3, { deadline: '2026-10-20' })], [a], labels);
		expect(late[0]!.rows[1]![14]).toBe('整改中（逾期）');
		expect(sheets[1]!.rows[0]).not.toContain('target');
		expect(sheets[1]!.rows).toHaveLength(2);
	});
	it('adds the label\'s note to a deadline counted into a year without a holiday arrangement', () => {
		const a = target(1, '市人民政府');
		const note = { ...labels, deadlineNote: (r: Rectification) => (r.seq === 1 ? '（2027 年的节假日安排未录入）' : '') };
		const [flat] = rectificationSheets(miniFramework(), [item(a, 1, { deadline: '2027-01-07' }), item(a, 2, { deadline: '2027-02-01' }), item(a, 3)], [a], note);
		expect(flat!.rows.slice(1).map((r) => r[13])).toEqual(['2027-01-07（2027 年的节假日安排未录入）', '2027-02-01', '']);
	});
	it('makes sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique', () => {
		const a = target(1, 'A/B:C');
		const b = target(2, 'A/B:C');
		const names = rectificationSheets(miniFramework(), [item(a, 1), item(b, 2)], [a, b], labels).map((s) => s.name);
		expect(names.slice(1)).toEqual(['A_B_C', 'A_B_C(2)']);
	});
});
