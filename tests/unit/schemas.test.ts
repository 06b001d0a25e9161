import { describe, expect, it } from 'vitest';
import { Campaign } from '$lib/domain/campaign';
import { Evidence } from '$lib/domain/evidence';
import { Target } from '$lib/domain/target';
import { Framework } from '$lib/domain/framework';
import { Settings } from '$lib/domain/settings';
import { miniFramework, miniFrameworkInput } from './fixtures/mini-framework';

const T = '2026-01-01T00:00:00.000Z';
const meta = { createdAt: T, updatedAt: T, updatedBy: '张三' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('schemas', () => {
	it('a target needs a name, a uuid, an http(s) URL or none', () => {
		const t = { id: id(1), campaignId: id(2), name: '市政府', categoryId: 'portal', url: 'https://www.a.gov.cn', order: 0, ...meta };
		expect(Target.parse(t)).toMatchObject({ ownerUnit: '', assessor: '' });
		expect(Target.safeParse({ ...t, url: '' }).success).toBe(true);
		expect(Target.safeParse({ ...t, name: '  ' }).success).toBe(false);
		expect(Target.safeParse({ ...t, url: 'javascript:alert(1)' }).success).toBe(false);
		expect(Target.safeParse({ ...t, id: 'not-a-uuid' }).success).toBe(false);
		expect(Target.safeParse({ ...t, updatedAt: 'yesterday' }).success).toBe(false);
	});

	it('a campaign carries a full framework copy and a monitoring point date', () => {
		const c = { id: id(3), title: '检查', framework: miniFramework(), monitoringPoint: '2026-11-01', ...meta };
		expect(Campaign.parse(c)).toMatchObject({ round: 1, assessor: '' });
		expect(Campaign.safeParse({ ...c, monitoringPoint: '2026-13-01' }).success).toBe(false);
		expect(Campaign.safeParse({ ...c, framework: { id: 'x' } }).success).toBe(false);
	});

	it('a provisional note is text in both languages; a plain string from an older file reads as its Chinese', () => {
		const input = miniFrameworkInput();
		const a1 = input.sections[1]!.indicators![0]!;
		Object.assign(a1, { provisional: true, provisionalNote: '分值待核对原文' });
		Object.assign(a1.deductions![0]!, { provisional: true, provisionalNote: { zh: '待核对', en: 'To be checked' } });
		Object.assign(input.sections[1]!, { provisional: true, provisionalNote: '' });
		const fw = Framework.parse(input);
		const parsed = fw.sections[1]!.indicators[0]!;
		expect(parsed.provisionalNote).toEqual({ zh: '分值待核对原文' });
		expect(parsed.deductions[0]!.provisionalNote).toEqual({ zh: '待核对', en: 'To be checked' });
		expect(fw.sections[1]!.provisionalNote).toBeUndefined();
		expect(Framework.safeParse({ ...input, provisionalNote: { en: 'only English' } }).success).toBe(false);
	});

	it('URL evidence needs an http(s) url', () => {
		const e = { id: id(4), campaignId: id(2), targetId: id(1), findingId: id(5), kind: 'url', url: 'https://a.gov.cn/x', observedAt: T, ...meta };
		expect(Evidence.safeParse(e).success).toBe(true);
		expect(Evidence.safeParse({ ...e, url: undefined }).success).toBe(false);
		expect(Evidence.safeParse({ ...e, url: 'file:///etc/passwd' }).success).toBe(false);
	});

	it('a framework rejects duplicate ids, unknown N/A references and unordered grades', () => {
		const dup = miniFrameworkInput();
		dup.sections[1]!.indicators![1]!.id = 'a1';
		expect(Framework.safeParse(dup).error?.issues[0]).toMatchObject({ message: 'fwcheck.duplicateId', params: { id: 'a1' }, path: ['sections', 1, 'indicators', 1, 'id'] });
		const badRef = miniFrameworkInput();
		badRef.categories[2]!.naSections = ['nope'];
		expect(Framework.safeParse(badRef).error?.issues[0]).toMatchObject({ message: 'fwcheck.unknownRef', params: { ref: 'nope' } });
		const grades = miniFrameworkInput();
		grades.scoring.grades.reverse();
		expect(Framework.safeParse(grades).success).toBe(false);
	});

	it('settings saved before keyboard advance existed read with it on', () => {
		const stored = { assessorName: '张三', locale: 'zh-CN', calendar: { holidays: [], workdays: [] } };
		expect(Settings.parse(stored).advanceAfterOutcome).toBe(true);
		expect(Settings.parse({ ...stored, advanceAfterOutcome: false }).advanceAfterOutcome).toBe(false);
	});
});
