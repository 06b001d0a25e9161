import { describe, expect, it } from 'vitest';
import { matchCategory, normaliseUrl, parseTargetPaste } from '$lib/domain/target-paste';
import { miniFramework } from './fixtures/mini-framework';

const cats = miniFramework((f) => {
	f.categories = [
		{ id: 'portal', title: { zh: '政府门户网站', en: 'Government portal' }, bonus: true },
		{ id: 'dept-service', title: { zh: '部门网站（有对外服务职能）' }, bonus: false },
		{ id: 'dept-no-service', title: { zh: '部门网站（无对外服务职能）' }, bonus: false }
	];
}).categories;

describe('parseTargetPaste', () => {
	it('reads tab-separated rows with line numbers and skips a header and blank lines', () => {
		const rows = parseTargetPaste('名称\t类别\t网址\t主管单位\n市政府\t政府门户网站\thttps://www.a.gov.cn\t市政府办公室\n\n市教育局\t部门网站（有对外服务职能）\tjyj.a.gov.cn\t', cats, []);
		expect(rows.map((r) => [r.line, r.name, r.categoryId, r.url, r.ownerUnit, r.issues.length])).toEqual([
			[2, '市政府', 'portal', 'https://www.a.gov.cn', '市政府办公室', 0],
			[4, '市教育局', 'dept-service', 'https://jyj.a.gov.cn', '', 0]
		]);
	});

	it('flags empty names, duplicates within the paste and against the campaign', () => {
		const rows = parseTargetPaste('\t政府门户网站\n市财政局\tportal\n市财政局\tportal\n市政府\tportal', cats, ['市政府']);
		expect(rows.map((r) => r.issues.map((i) => i.code))).toEqual([['nameEmpty'], [], ['nameDuplicate'], ['nameDuplicate']]);
		expect(rows[2]!.issues[0]!.params).toEqual({ name: '市财政局', line: 2 });
		expect(rows[3]!.issues[0]!.params).toEqual({ name: '市政府', line: 0 });
	});

	it('flags unknown, ambiguous and missing categories and names the options', () => {
		const rows = parseTargetPaste('甲\t学校网站\n乙\t部门网站\n丙\t\t', cats, []);
		expect(rows.map((r) => r.issues[0]?.code)).toEqual(['categoryUnknown', 'categoryAmbiguous', 'categoryEmpty']);
		expect(rows[0]!.issues[0]!.params.options).toContain('政府门户网站');
	});

	it('flags invalid URLs and accepts a blank one', () => {
		const rows = parseTargetPaste('甲\tportal\tnot a url\n乙\tportal\tjavascript:alert(1)\n丙\tportal\t', cats, []);
		expect(rows.map((r) => r.issues.map((i) => i.code))).toEqual([['urlInvalid'], ['urlInvalid'], []]);
	});
});

describe('matchCategory / normaliseUrl', () => {
	it('matches by id, either title, or a unique part of a title', () => {
		expect(matchCategory('PORTAL', cats)).toEqual({ id: 'portal' });
		expect(matchCategory('government portal', cats)).toEqual({ id: 'portal' });
		expect(matchCategory('门户', cats)).toEqual({ id: 'portal' });
		expect(matchCategory('无对外服务职能', cats)).toEqual({ id: 'dept-no-service' });
	});
	it('adds https:// to a bare host only', () => {
		expect(normaliseUrl(' www.gov.cn ')).toBe('https://www.gov.cn');
		expect(normaliseUrl('http://x.cn')).toBe('http://x.cn');
		expect(normaliseUrl('javascript:alert(1)')).toBe('javascript:alert(1)');
	});
});
