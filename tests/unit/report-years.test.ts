/** Issue 15 point 6: the 2021 annual-report framework states the report years it applies to; older reports are refused. */
import { describe, expect, it } from 'vitest';
import { reportYearProblem, newCampaign } from '$lib/domain/campaign-new';
import { Campaign } from '$lib/domain/campaign';
import { diffFrameworks, Framework, frameworkToJson, parseFrameworkJson } from '$lib/domain/framework';
import { sheetsToFramework, frameworkToSheets } from '$lib/domain/framework/sheet';
import { getBuiltInFramework } from '$lib/frameworks';

const fw = getBuiltInFramework('cn-annual-report-2021')!;
const ctx = { now: () => '2022-03-01T08:00:00.000Z', user: '张三', newId: () => '00000000-0000-4000-8000-000000000009' };

describe('report years of an annual-report framework', () => {
	it('the 2021 format applies to reports on 2021 onwards (国办公开办函〔2021〕30号), as version 2021.2', () => {
		expect(fw.version).toBe('2021.2');
		expect(fw.reportYears).toEqual({ from: 2021 });
		const before = Framework.parse({ ...fw, version: '2021.1', reportYears: undefined });
		expect(diffFrameworks(before, fw).framework.map((c) => c.field)).toEqual(['version', 'reportYears']);
	});

	it('a campaign must state the report year, and one before 2021 is refused', () => {
		expect(reportYearProblem(fw, undefined)).toBe('missing');
		expect(reportYearProblem(fw, 2020)).toBe('outside');
		expect(reportYearProblem(fw, 2021)).toBeNull();
		expect(reportYearProblem(fw, 2030)).toBeNull();
		expect(reportYearProblem({ reportYears: { from: 2019, to: 2020 } }, 2021)).toBe('outside');
		// Frameworks that are not about one format of report need no year.
		expect(reportYearProblem(getBuiltInFramework('cn-gov-website-2019')!, undefined)).toBeNull();
	});

	it('the campaign keeps the report year it was created for', () => {
		const c = newCampaign(ctx, { title: '2021年度年报检查', framework: fw, monitoringPoint: '2022-03-01', assessor: '张三', reportYear: 2021 });
		expect(Campaign.parse(c).reportYear).toBe(2021);
		const other = newCampaign(ctx, { title: '网站检查', framework: getBuiltInFramework('cn-gov-website-2019')!, monitoringPoint: '2022-03-01', assessor: '', reportYear: 2021 });
		expect(other.reportYear).toBeUndefined();
	});

	it('survives the JSON file and the indicator sheet', () => {
		expect(parseFrameworkJson(frameworkToJson(fw, '2022-03-01T08:00:00.000Z'))).toMatchObject({ ok: true, framework: { reportYears: { from: 2021 } } });
		expect(sheetsToFramework(frameworkToSheets(fw), { now: '2022-03-01T08:00:00.000Z', user: 'x' })).toStrictEqual({ ok: true, framework: fw });
	});
});
