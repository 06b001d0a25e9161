import { describe, expect, it } from 'vitest';
import { progressByAssessor, progressByTarget, targetAssessor } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import { finding, miniFramework } from '../fixtures/mini-framework';
import { target } from './helpers';

const fw = miniFramework();
const by = (who: string, ...args: Parameters<typeof finding>) => ({ ...finding(...args), updatedBy: who });
// dept must be judged on 6 indicators (v1 v2 a1 a2 s1 d1); portal also on b1 b2 (8).
const A = target('A', '甲', 'dept', { assessor: '张三' });
const B = target('B', '乙', 'dept');
const C = target('C', '丙', 'portal');
const D = target('D', '丁', 'dept', { assessor: ' 张三 ' });
const all = ['v1', 'v2', 'a1', 'a2', 's1', 'd1'];
const findings = [
	...all.map((id) => by('王五', id, 'pass', {}, 'A')), // assigned 张三 wins over who typed
	by('李四', 'a1', 'fail', {}, 'B'),
	by('李四', 'a2', 'pass', {}, 'B'),
	by('王五', 'd1', null, {}, 'B'), // opened, not judged
	by('', 's1', 'pass', {}, 'B')
];
const targets = [A, B, C, D];
const scores = scoreCampaign(fw, targets, findings);

describe('progress', () => {
	it('by target: judged / to judge, complete flag, in the order given', () => {
		expect(progressByTarget(targets, scores)).toEqual([
			{ key: 'A', label: '甲', graded: 6, applicable: 6, targets: 1, complete: 1 },
			{ key: 'B', label: '乙', graded: 3, applicable: 6, targets: 1, complete: 0 },
			{ key: 'C', label: '丙', graded: 0, applicable: 8, targets: 1, complete: 0 },
			{ key: 'D', label: '丁', graded: 0, applicable: 6, targets: 1, complete: 0 }
		]);
	});

	it('by assessor: assigned, else who saved most findings, else unassigned (label "") last', () => {
		expect(progressByAssessor(targets, scores, findings)).toEqual([
			{ key: '李四', label: '李四', graded: 3, applicable: 6, targets: 1, complete: 0 },
			{ key: '张三', label: '张三', graded: 6, applicable: 12, targets: 2, complete: 1 },
			{ key: '', label: '', graded: 0, applicable: 8, targets: 1, complete: 0 }
		]);
	});

	it('targetAssessor breaks ties by name and ignores blank names', () => {
		const t = { assessor: '' };
		expect(targetAssessor(t, [{ updatedBy: '王五' }, { updatedBy: '李四' }])).toBe('李四');
		expect(targetAssessor(t, [{ updatedBy: '王五' }, { updatedBy: '王五' }, { updatedBy: '李四' }])).toBe('王五');
		expect(targetAssessor(t, [{ updatedBy: '  ' }])).toBe('');
		expect(targetAssessor(t, [])).toBe('');
	});

	it('empty campaign: no rows', () => {
		expect(progressByTarget([], [])).toEqual([]);
		expect(progressByAssessor([], [], [])).toEqual([]);
	});
});
