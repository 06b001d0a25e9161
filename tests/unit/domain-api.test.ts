import { describe, expect, it } from 'vitest';
import * as api from '$lib/domain';
import { miniFrameworkInput } from './fixtures/mini-framework';

/** The names docs/ARCHITECTURE.md promises; removing or renaming one is a breaking change and must show here. */
const VALUES = [
	'Campaign',
	'Deduction',
	'Evidence',
	'Finding',
	'Framework',
	'GradeBand',
	'Indicator',
	'Level',
	'Outcome',
	'Rectification',
	'RectificationStatus',
	'ReportSettings',
	'ScoringRules',
	'Section',
	'Settings',
	'Target',
	'TargetCategory',
	'checkFramework',
	'fixedClock',
	'frameworkToJson',
	'frameworkToSheets',
	'listIndicators',
	'parseFrameworkJson',
	'problemsByIndicator',
	'randomId',
	'scoreCampaign',
	'scoreTarget',
	'sheetsToFramework',
	'syncRectifications',
	'systemClock',
	'targetProblems',
	'whatIf'
];

describe('public domain API ($lib/domain)', () => {
	it('exports exactly the documented names', () => {
		expect(Object.keys(api).sort()).toEqual([...VALUES].sort());
	});

	it('scores through the public API as through the scoring feature', () => {
		const fw = api.Framework.parse(miniFrameworkInput());
		const score = api.scoreTarget(fw, { id: 't', categoryId: 'portal' }, []);
		expect(score.graded).toBe(0);
		expect(api.scoreCampaign(fw, [{ id: 't', categoryId: 'portal' }], [])[0]?.total).toBe(score.total);
		expect(api.parseFrameworkJson(api.frameworkToJson(fw, '2026-01-01T00:00:00.000Z')).ok).toBe(true);
	});
});
