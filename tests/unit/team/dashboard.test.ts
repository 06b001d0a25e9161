import { describe, expect, it } from 'vitest';
import { teamSummary, type IssuedPackage } from '$lib/domain/team';
import type { Outcome } from '$lib/domain/finding';
import { finding, miniFramework } from '../fixtures/mini-framework';
import { makeCampaign, makeIssuedPackage, makeReviewGrade, makeTarget } from '../storage/fixtures';

/* 团队进度 (issue 16 point 6): the figures per person come from the assignment, the packages written and the 复核 items. */

const framework = miniFramework();
const campaign = makeCampaign({ framework });
const SHA = (c: string) => c.repeat(64);

function issued(assessor: string, role: 'assessor' | 'reviewer', returns: { at: string; sha: string }[] = []): IssuedPackage {
	const p = makeIssuedPackage(campaign, [crypto.randomUUID()]);
	const last = returns.map((r) => r.at).sort().at(-1);
	return { ...p, info: { ...p.info, assessor, role }, mergedReturns: returns.map((r) => r.sha), ...(last ? { lastReturnAt: last } : {}) };
}

function grade(reviewer: string, first: Outcome, second?: Outcome, ruled = false) {
	const f = finding('a2', first);
	return makeReviewGrade(f, crypto.randomUUID(), {
		reviewer,
		...(second ? { second: { ...f, outcome: second } } : {}),
		...(ruled ? { adjudication: { choice: 'first', reason: '', at: '2026-11-21T08:00:00.000Z', by: '组长' } } : {})
	});
}

describe('teamSummary', () => {
	it('counts targets, packages out and back and the last return per person, reviewers beside assessors', () => {
		const targets = [
			makeTarget(campaign.id, { assessor: '张三' }),
			makeTarget(campaign.id, { assessor: ' 张三 ' }),
			makeTarget(campaign.id, { assessor: '李四' }),
			makeTarget(campaign.id, { assessor: '' })
		];
		const packages = [
			issued('张三', 'assessor', [
				{ at: '2026-11-10T08:00:00.000Z', sha: SHA('1') },
				{ at: '2026-11-12T09:30:00.000Z', sha: SHA('2') }
			]),
			issued('张三', 'assessor'),
			issued('李四', 'assessor'),
			issued('赵六', 'reviewer', [{ at: '2026-11-11T08:00:00.000Z', sha: SHA('3') }])
		];
		const grades = [grade('赵六', 'pass', 'pass'), grade('赵六', 'pass', 'fail'), grade('赵六', 'fail')];
		const summary = teamSummary({ targets, issued: packages, grades, framework });
		expect(summary.members).toEqual([
			{ name: '李四', targetsAssigned: 1, packagesOut: 1, packagesBack: 0, reviewPackagesOut: 0, reviewPackagesBack: 0, reviewItems: 0, secondGradesBack: 0, lastReturnAt: null },
			{ name: '张三', targetsAssigned: 2, packagesOut: 2, packagesBack: 1, reviewPackagesOut: 0, reviewPackagesBack: 0, reviewItems: 0, secondGradesBack: 0, lastReturnAt: '2026-11-12T09:30:00.000Z' },
			{ name: '赵六', targetsAssigned: 0, packagesOut: 0, packagesBack: 0, reviewPackagesOut: 1, reviewPackagesBack: 1, reviewItems: 3, secondGradesBack: 2, lastReturnAt: '2026-11-11T08:00:00.000Z' }
		]);
		expect(summary.packagesOut).toBe(4);
		expect(summary.packagesWithoutReturn).toBe(2);
		expect(summary.openDisagreements).toBe(1);
	});

	it('counts a disagreement open until it is ruled on, and only when the grades differ', () => {
		const grades = [grade('赵六', 'pass', 'fail'), grade('赵六', 'fail', 'pass'), grade('赵六', 'pass', 'fail', true), grade('赵六', 'fail', 'fail'), grade('赵六', 'pass')];
		expect(teamSummary({ targets: [], issued: [], grades, framework }).openDisagreements).toBe(2);
	});

	it('leaves out an assessor’s own copy of a package opened here', () => {
		const own = { ...issued('张三', 'assessor'), baseJson: '{"findings":[],"evidenceIds":[]}' };
		const summary = teamSummary({ targets: [], issued: [own, issued('李四', 'assessor')], grades: [], framework });
		expect(summary.members.map((m) => [m.name, m.packagesOut])).toEqual([['李四', 1]]);
		expect(summary.packagesWithoutReturn).toBe(1);
	});

	it('is empty without packages or grades, and names assessors with targets only', () => {
		const summary = teamSummary({ targets: [makeTarget(campaign.id, { assessor: '王五' })], issued: [], grades: [], framework });
		expect(summary).toEqual({
			members: [{ name: '王五', targetsAssigned: 1, packagesOut: 0, packagesBack: 0, reviewPackagesOut: 0, reviewPackagesBack: 0, reviewItems: 0, secondGradesBack: 0, lastReturnAt: null }],
			packagesOut: 0,
			packagesWithoutReturn: 0,
			openDisagreements: 0
		});
	});
});
