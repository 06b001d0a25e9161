import { describe, expect, it } from 'vitest';
import { StorageError } from '$lib/storage';
import { groupIntoSheets, TargetFindings, withFindings } from '$lib/storage/target-findings';
import { makeFinding } from './fixtures';

const target = { id: crypto.randomUUID(), campaignId: crypto.randomUUID() };
const other = { id: crypto.randomUUID(), campaignId: target.campaignId };

function conflictOf(run: () => unknown): StorageError {
	try {
		run();
	} catch (e) {
		return e as StorageError;
	}
	throw new Error('expected a conflict');
}

describe("a target's findings record", () => {
	it('adds new findings after the stored ones and replaces a stored one in place', () => {
		const a = makeFinding(target, { indicatorId: 'a' });
		const b = makeFinding(target, { indicatorId: 'b' });
		const sheet = withFindings(undefined, [a, b]);
		expect(sheet).toEqual({ campaignId: target.campaignId, targetId: target.id, findings: [a, b] });

		const a2 = { ...a, outcome: 'fail' as const, note: '首页无搜索' };
		const c = makeFinding(target, { indicatorId: 'c' });
		expect(withFindings(sheet, [c, a2]).findings).toEqual([a2, b, c]);
		// The stored record is not changed: a write that fails later leaves nothing half-applied.
		expect(sheet.findings).toEqual([a, b]);
	});

	it('refuses a second finding for an indicator as a conflict, naming both', () => {
		const a = makeFinding(target, { indicatorId: 'a' });
		const sheet = withFindings(undefined, [a]);
		const clash = makeFinding(target, { indicatorId: 'a' });
		const error = conflictOf(() => withFindings(sheet, [clash]));
		expect(error).toBeInstanceOf(StorageError);
		expect(error.code).toBe('conflict');
		expect(error.detail).toContain(a.id);
		expect(error.detail).toContain(clash.id);
		expect(conflictOf(() => withFindings(undefined, [a, clash])).code).toBe('conflict');
	});

	it('lets one write swap the indicators of two findings (a framework move), judged on the result', () => {
		const a = makeFinding(target, { indicatorId: 'x' });
		const b = makeFinding(target, { indicatorId: 'y' });
		const moved = withFindings(withFindings(undefined, [a, b]), [{ ...a, indicatorId: 'y' }, { ...b, indicatorId: 'x' }]);
		expect(moved.findings.map((f) => f.indicatorId)).toEqual(['y', 'x']);
	});

	it('groups findings per target, keeping their order', () => {
		const list = [makeFinding(target, { indicatorId: 'a' }), makeFinding(other, { indicatorId: 'a' }), makeFinding(target, { indicatorId: 'b' })];
		expect(groupIntoSheets(list)).toEqual([
			{ campaignId: target.campaignId, targetId: target.id, findings: [list[0], list[2]] },
			{ campaignId: other.campaignId, targetId: other.id, findings: [list[1]] }
		]);
	});

	it('its schema refuses what the old store could not hold: a stranger, a repeated id or indicator', () => {
		const a = makeFinding(target, { indicatorId: 'a' });
		const ok = { campaignId: target.campaignId, targetId: target.id, findings: [a] };
		expect(TargetFindings.safeParse(ok).success).toBe(true);
		const issues = (findings: unknown[]) => TargetFindings.safeParse({ ...ok, findings }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		expect(issues([a, makeFinding(other, { indicatorId: 'b' })])).toEqual([`findings.1.targetId: belongs to targets/${other.id} in campaigns/${other.campaignId}`]);
		expect(issues([a, { ...a, indicatorId: 'b' }])).toEqual([`findings.1.id: duplicate finding ${a.id}`]);
		expect(issues([a, makeFinding(target, { indicatorId: 'a' })])).toEqual(['findings.1.indicatorId: a second finding for indicator a']);
	});
});
