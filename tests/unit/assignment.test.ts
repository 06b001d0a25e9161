import { describe, expect, it } from 'vitest';
import { assessorCounts, knownAssessors, targetsToAssign } from '$lib/domain/assignment';

const t = (id: string, categoryId: string, assessor: string) => ({ id, categoryId, assessor });
const list = [t('a', 'portal', '张三'), t('b', 'dept', ''), t('c', 'dept', '李四'), t('d', 'portal', ' '), t('e', 'dept', '张三')];

describe('assignment', () => {
	it('counts targets per assessor by name, the unassigned (blank names too) last', () => {
		expect(assessorCounts(list)).toEqual([
			{ assessor: '李四', count: 1 },
			{ assessor: '张三', count: 2 },
			{ assessor: '', count: 2 }
		]);
		expect(assessorCounts([t('a', 'x', '王五')])).toEqual([{ assessor: '王五', count: 1 }]);
	});

	it('picks the targets of each scope that the assignment changes', () => {
		const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
		expect(ids(targetsToAssign(list, { kind: 'selected', ids: ['a', 'b', 'c'] }, '张三'))).toEqual(['b', 'c']);
		expect(ids(targetsToAssign(list, { kind: 'category', categoryId: 'dept' }, '李四'))).toEqual(['b', 'e']);
		expect(ids(targetsToAssign(list, { kind: 'unassigned' }, ' 王五 '))).toEqual(['b', 'd']);
		expect(ids(targetsToAssign(list, { kind: 'all' }, ''))).toEqual(['a', 'c', 'e']);
		expect(ids(targetsToAssign(list, { kind: 'selected', ids: [] }, '王五'))).toEqual([]);
	});

	it('offers every name once, trimmed, by name', () => {
		expect(knownAssessors(['张三', ' 李四', '', '张三 ', '王五'])).toEqual(['李四', '王五', '张三']);
	});
});
