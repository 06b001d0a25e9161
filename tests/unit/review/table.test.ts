import { describe, expect, it } from 'vitest';
import type { Outcome } from '$lib/domain/finding';
import { agreementReport, agreementSheet, type AgreementTableLabels, type ReviewedItem } from '$lib/domain/review';
import { finding, miniFramework } from '../fixtures/mini-framework';

const framework = miniFramework();
const labels: AgreementTableLabels = {
	sheet: '复核一致性',
	scope: '范围',
	items: '复核项数',
	observed: '一致率（%）',
	kappa: 'κ',
	ci: '95% CI',
	weighted: '加权 κ（线性）',
	overall: '总体',
	byAssessor: '首评人',
	bySection: '栏目',
	byIndicator: '指标',
	unassigned: '（未分配）',
	scopeRow: (kind, name) => `${kind}：${name}`,
	text: (t) => t.zh
};

let target = 0;
function item(indicatorId: string, first: Outcome, second: Outcome, assessor: string): ReviewedItem {
	const targetId = `00000000-0000-4000-9000-${String(++target).padStart(12, '0')}`;
	return { targetId, indicatorId, assessor, first: finding(indicatorId, first, {}, targetId), second: finding(indicatorId, second, {}, targetId) };
}
const repeat = (n: number, make: () => ReviewedItem) => Array.from({ length: n }, make);

describe('agreementSheet', () => {
	it('writes the issue case as the screen words it: 50 items, 70.0 %, κ 0.40, then each first grader, section and indicator', () => {
		const items = [
			...repeat(20, () => item('a2', 'pass', 'pass', '张三')),
			...repeat(5, () => item('d1', 'pass', 'fail', '')),
			...repeat(10, () => item('a2', 'fail', 'pass', '张三')),
			...repeat(15, () => item('d1', 'fail', 'fail', ''))
		];
		const sheet = agreementSheet(agreementReport(framework, items), labels);
		expect(sheet.name).toBe('复核一致性');
		expect(sheet.rows[0]).toEqual(['范围', '复核项数', '一致率（%）', 'κ', '95% CI', '加权 κ（线性）']);
		expect(sheet.rows[1]!.slice(0, 4)).toEqual(['总体', '50', '70.0', '0.40']);
		expect(sheet.rows[1]![4]).toMatch(/^0\.\d\d–0\.\d\d$/);
		const scopes = sheet.rows.slice(1).map((r) => r[0]);
		expect(scopes).toContain('首评人：张三');
		expect(scopes).toContain('首评人：（未分配）');
		expect(scopes.filter((s) => String(s).startsWith('指标：'))).toHaveLength(2);
		// 张三's 30 items: 20 agree, 10 do not.
		expect(sheet.rows.find((r) => r[0] === '首评人：张三')!.slice(1, 3)).toEqual(['30', '66.7']);
		// Every item 符合 on both sides: one category, so κ and its interval have no value.
		const none = agreementSheet(agreementReport(framework, repeat(3, () => item('a2', 'pass', 'pass', ''))), labels);
		expect(none.rows[1]).toEqual(['总体', '3', '100.0', '—', '—', '']);
	});
});
