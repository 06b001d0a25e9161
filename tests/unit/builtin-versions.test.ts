import { describe, expect, it } from 'vitest';
import { diffFrameworks, Framework, listIndicators, planFrameworkMove } from '$lib/domain/framework';
import { scoreTarget } from '$lib/domain/scoring';
import { getBuiltInFramework } from '$lib/frameworks';
import newmedia20191 from './fixtures/previous-builtins/cn-gov-newmedia-2019@2019.1.json';
import disclosure20191 from './fixtures/previous-builtins/cn-disclosure-column@2019.1.json';
import tianshui20211 from './fixtures/previous-builtins/tianshui-2021-key-points@2021.1.json';
import { completed, finding, TARGET } from './fixtures/mini-framework';

/**
 * Campaigns built on the previous built-in versions (kept as fixtures: a campaign holds its own frozen copy, so
 * the app needs no old version to move one) moved to the versions of issue 15: findings kept, and the diff
 * naming exactly what changed.
 */
const get = (id: string) => getBuiltInFramework(id)!;
const ids = <T extends { id: string }>(xs: T[]) => xs.map((x) => x.id);
const changed = <T extends { id: string; fields: { field: string }[] }>(xs: T[]) => xs.map((x) => [x.id, x.fields.map((f) => f.field)]);

/** A target fully graded on `fw`: 符合 everywhere, with the given findings first. */
function gradedOn(fw: Framework, categoryId: string, own = [finding(listIndicators(fw)[0]!.indicator.id, 'pass')]) {
	return completed(fw, [{ id: TARGET, categoryId }], own);
}

describe('moving a campaign to the issue 15 built-in versions', () => {
	it('cn-gov-newmedia-2019 2019.1 → 2019.2: veto findings move by id, the 100-point findings stay (they belong to the local variant)', () => {
		const old = Framework.parse(newmedia20191);
		const next = get('cn-gov-newmedia-2019');
		const findings = gradedOn(old, 'account', [finding('veto-not-updated', 'fail'), finding('nm-ads', 'partial', { 'ads-present': 1 })]);
		const plan = planFrameworkMove(old, next, findings, ['account']);
		expect(plan.missingCategories).toEqual([]);
		expect(plan.moves.filter((m) => m.to !== null).map((m) => m.finding.indicatorId)).toEqual(['veto-not-updated', 'veto-security', 'veto-interaction-poor']);
		expect(plan.unmapped.length).toBe(12);
		expect(plan.moves.some((m) => m.via === 'code')).toBe(false);
		// Kept findings grade on the new version: the veto still fails the account, now with no score.
		const score = scoreTarget(next, { id: TARGET, categoryId: 'account' }, findings);
		expect([score.complete, score.gradeTitle.zh, score.total, score.vetoReasons.map((r) => r.indicatorId)]).toEqual([true, '不合格', null, ['veto-not-updated']]);

		const d = diffFrameworks(old, next);
		expect(d.framework.map((f) => f.field)).toEqual(['version', 'description']);
		expect(d.scoring.map((f) => [f.field, f.before, f.after])).toEqual([
			['model', 'deduction', 'veto'],
			['total', 100, undefined],
			['passMark', 60, 0],
			['naPolicy', 'rescale', undefined]
		]);
		expect(changed(d.grades.changed)).toEqual([['pass', ['min']]]);
		expect(ids(d.sections.removed)).toEqual(['availability', 'updates', 'interaction']);
		expect(changed(d.sections.changed)).toEqual([['veto', ['guidance']]]);
		expect(d.indicators.added).toEqual([]);
		expect(d.indicators.removed.length).toBe(12);
		expect(changed(d.indicators.changed)).toEqual([
			['veto-security', ['basisSource']],
			['veto-not-updated', ['basisSource']],
			['veto-interaction-poor', ['guidance', 'basisSource', 'provisionalNote']]
		]);
		expect([d.categories.added, d.categories.removed, d.categories.changed, d.indicators.moved]).toEqual([[], [], [], []]);
	});

	it('cn-gov-newmedia-2019 2019.1 → the local 100-point variant: every finding moves by id, the score is kept', () => {
		const old = Framework.parse(newmedia20191);
		const local = get('cn-gov-newmedia-2019-local');
		const findings = gradedOn(old, 'account', [finding('nm-ads', 'partial', { 'ads-present': 1 })]);
		const plan = planFrameworkMove(old, local, findings, ['account']);
		expect([plan.mapped, plan.unmapped.length, plan.missingCategories]).toEqual([findings.length, 0, []]);
		const target = { id: TARGET, categoryId: 'account' };
		expect(scoreTarget(local, target, findings).total).toBe(scoreTarget(old, target, findings).total);
		expect(scoreTarget(local, target, findings).total).toBe(97);
	});

	it('cn-disclosure-column 2019.1 → 2019.2: every finding kept by id; the new 依申请公开 items wait to be graded', () => {
		const old = Framework.parse(disclosure20191);
		const next = get('cn-disclosure-column');
		const findings = gradedOn(old, 'city-county-gov', [finding('art20-07-budgets', 'fail')]);
		const plan = planFrameworkMove(old, next, findings, ['city-county-gov', 'department']);
		expect([plan.mapped, plan.unmapped.length, plan.missingCategories]).toEqual([findings.length, 0, []]);
		const score = scoreTarget(next, { id: TARGET, categoryId: 'city-county-gov' }, findings);
		expect([score.complete, score.applicable - score.graded]).toEqual([false, 5]);

		const d = diffFrameworks(old, next);
		expect(d.framework.map((f) => f.field)).toEqual(['version', 'description']);
		expect([d.scoring, d.grades.added, d.grades.removed, d.grades.changed]).toEqual([[], [], [], []]);
		expect(ids(d.categories.added)).toEqual(['township-gov']);
		expect(d.categories.changed.map((c) => [c.id, c.fields.map((f) => [f.field, f.before, f.after])])).toEqual([
			['department', [['naSections', ['city-county'], ['city-county', 'township']]]],
			['city-county-gov', [['naSections', [], ['township']]]]
		]);
		expect(ids(d.sections.added)).toEqual(['request', 'township']);
		expect(changed(d.sections.changed)).toEqual([['city-county', ['guidance']]]);
		expect(ids(d.indicators.added)).toEqual([
			'request-channel',
			'request-forms',
			'request-correction',
			'request-reply-time',
			'request-register-archive',
			...['agriculture-policy', 'irrigation', 'land-contract-transfer', 'homestead', 'land-expropriation', 'housing-expropriation', 'funds-labour', 'social-assistance'].map((x) => `art21-township-${x}`)
		]);
		expect([d.sections.removed, d.indicators.removed, d.indicators.changed, d.indicators.moved]).toEqual([[], [], [], []]);
	});

	it('tianshui-2021-key-points 2021.1 → 2021.2: findings kept, the whole-(十一) finding left for regrading as three sub-tasks', () => {
		const old = Framework.parse(tianshui20211);
		const next = get('tianshui-2021-key-points');
		const findings = gradedOn(old, 'unit', [finding('ts-16-participation', 'fail')]);
		const plan = planFrameworkMove(old, next, findings, ['unit']);
		expect(plan.missingCategories).toEqual([]);
		expect(plan.unmapped.map((m) => m.finding.indicatorId)).toEqual(['ts-11-platforms']);
		expect(plan.mapped).toBe(findings.length - 1);
		// The old campaign's targets keep their category ("unit type not stated"): every task still applies.
		const score = scoreTarget(next, { id: TARGET, categoryId: 'unit' }, findings);
		expect([score.complete, score.applicable - score.graded]).toEqual([false, 3]);
		// Stating the unit type makes (十六) N/A for a city department.
		const dept = scoreTarget(next, { id: TARGET, categoryId: 'city-department' }, findings);
		expect(dept.trace.filter((s) => s.key === 'trace.checklistNotMet').map((s) => s.params.code)).toEqual(['（十一）1', '（十一）2']);
		expect(score.trace.filter((s) => s.key === 'trace.checklistNotMet').map((s) => s.params.code)).toEqual(['（十一）1', '（十一）2', '（十一）3', '（十六）']);

		const d = diffFrameworks(old, next);
		expect(d.framework.map((f) => f.field)).toEqual(['version', 'description']);
		expect([d.scoring, d.grades.changed, d.sections.added, d.sections.removed, d.sections.changed]).toEqual([[], [], [], [], []]);
		expect(ids(d.categories.added)).toEqual(['city-office', 'city-department', 'city-justice', 'county', 'dev-zone']);
		expect(changed(d.categories.changed)).toEqual([['unit', ['title']]]);
		expect(ids(d.indicators.added)).toEqual(['ts-11-1-websites', 'ts-11-2-new-media', 'ts-11-3-gazette']);
		expect(ids(d.indicators.removed)).toEqual(['ts-11-platforms']);
		expect(changed(d.indicators.changed)).toEqual([
			['ts-01-plans', ['title', 'basisSource']],
			['ts-02-business', ['title', 'basisSource']],
			['ts-04-epidemic', ['title', 'basisSource', 'responsibleUnits']],
			['ts-05-livelihood', ['title', 'basisSource']],
			['ts-06-public-enterprises', ['title', 'basisSource']],
			['ts-13-review-standards', ['title', 'basisSource']],
			['ts-14-annual-report', ['title', 'basisSource']]
		]);
		expect(d.indicators.moved).toEqual([]);
	});
});
