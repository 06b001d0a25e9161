import { describe, expect, it } from 'vitest';
import type { Finding } from '$lib/domain/finding';
import { appliedByTarget, type MergeItem } from '$lib/domain/team';
import { makeCampaign, makeFinding, makeTarget } from '../storage/fixtures';

/* The merge preview lists applied changes per target (issue 16 point 4, at the bench's size: 12,000 a return). */

const campaign = makeCampaign();
const gov = makeTarget(campaign.id, { name: '市人民政府' });
const edu = makeTarget(campaign.id, { name: '市教育局' });

function applied(local: Finding, patch: Partial<Finding>): MergeItem {
	const returned = { ...local, ...patch };
	return { kind: 'apply', key: `${local.targetId}|${local.indicatorId}`, targetId: local.targetId, indicatorId: local.indicatorId, local, returned, result: returned };
}

describe('appliedByTarget', () => {
	it('groups the applied changes by target in plan order, with who changed them and the newest time', () => {
		const a = applied(makeFinding(gov, { indicatorId: 'a1' }), { outcome: 'fail', updatedBy: '张三', updatedAt: '2026-03-02T08:10:00.000Z' });
		const b = applied(makeFinding(edu, { indicatorId: 'a1' }), { outcome: 'pass', updatedBy: '李四', updatedAt: '2026-03-02T08:05:00.000Z' });
		const c = applied(makeFinding(gov, { indicatorId: 'a2' }), { note: '已更新', updatedBy: '王五', updatedAt: '2026-03-02T09:00:00.000Z' });
		const d = applied(makeFinding(gov, { indicatorId: 'a3' }), { outcome: 'na', updatedBy: '张三', updatedAt: '2026-03-02T08:30:00.000Z' });
		const local = makeFinding(edu, { indicatorId: 'a2' });
		const conflict: MergeItem = { kind: 'conflict', key: 'x', targetId: edu.id, indicatorId: 'a2', local, returned: local, fields: [], keepLocal: local, takeReturned: local };

		const groups = appliedByTarget([a, b, conflict, c, d]);
		expect(groups.map((g) => g.targetId)).toEqual([gov.id, edu.id]);
		expect(groups[0]).toEqual({ targetId: gov.id, items: [a, c, d], by: ['张三', '王五'], lastAt: '2026-03-02T09:00:00.000Z' });
		expect(groups[1]).toEqual({ targetId: edu.id, items: [b], by: ['李四'], lastAt: '2026-03-02T08:05:00.000Z' });
	});

	it('lists nothing for a plan of conflicts only', () => {
		const local = makeFinding(gov);
		expect(appliedByTarget([{ kind: 'conflict', key: 'x', targetId: gov.id, indicatorId: local.indicatorId, local, returned: local, fields: [], keepLocal: local, takeReturned: local }])).toEqual([]);
	});
});
