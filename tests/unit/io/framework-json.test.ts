import { describe, expect, it } from 'vitest';
import { Framework, FRAMEWORK_FILE_FORMAT, frameworkToJson, jsonErrorPosition, parseFrameworkJson } from '$lib/domain/framework';
import { builtInFrameworks } from '$lib/frameworks';
import { weightedInput } from './fixtures';

const NOW = '2026-02-01T10:00:00.000Z';
const fw = builtInFrameworks[0]!;

describe('framework JSON file', () => {
	it('round trips losslessly inside a versioned envelope', () => {
		const text = frameworkToJson(fw, NOW);
		const envelope = JSON.parse(text) as Record<string, unknown>;
		expect(Object.keys(envelope)).toEqual(['format', 'formatVersion', 'exportedAt', 'framework']);
		expect(envelope).toMatchObject({ format: FRAMEWORK_FILE_FORMAT, formatVersion: 1, exportedAt: NOW });
		expect(text).toContain('\n\t"format"');
		expect(text).toContain('"basisSource": "6个月未更新扣5分见国管局自查报告"');
		expect(parseFrameworkJson(text)).toStrictEqual({ ok: true, framework: fw, exportedAt: NOW });
		const weighted = Framework.parse(weightedInput());
		expect(parseFrameworkJson(frameworkToJson(weighted, NOW))).toStrictEqual({ ok: true, framework: weighted, exportedAt: NOW });
	});

	it('accepts a BOM and a bare framework object', () => {
		expect(parseFrameworkJson(`\uFEFF${frameworkToJson(fw, NOW)}`).ok).toBe(true);
		expect(parseFrameworkJson(JSON.stringify(fw))).toStrictEqual({ ok: true, framework: fw });
	});

	it('malformed JSON reports line, column and position', () => {
		const text = '{\n\t"format": "kaiming-framework",\n\t"formatVersion": 1,,\n}';
		expect(parseFrameworkJson(text)).toEqual({ ok: false, problems: [{ sheet: 'JSON', code: 'fwjson.error.syntax', params: { line: 3, column: 21, position: 54 } }] });
		expect(text.slice(52, 55)).toBe('1,,');
	});

	it('finds the error position for truncated input, bad escapes and trailing garbage', () => {
		expect(jsonErrorPosition('{"a": [1, 2')).toBe(11);
		expect(jsonErrorPosition('"\\x"')).toBe(2);
		expect(jsonErrorPosition('{"a": 1} x')).toBe(9);
		expect(jsonErrorPosition('')).toBe(0);
		expect(jsonErrorPosition('{"a": tru}')).toBe(9);
	});

	it('not an object, wrong format, unsupported and newer versions', () => {
		expect(parseFrameworkJson('[1]')).toEqual({ ok: false, problems: [{ sheet: 'JSON', code: 'fwjson.error.notObject', params: {} }] });
		const file = JSON.parse(frameworkToJson(fw, NOW)) as Record<string, unknown>;
		expect(parseFrameworkJson(JSON.stringify({ ...file, format: 'kaiming-backup' }))).toEqual({
			ok: false,
			problems: [{ sheet: 'JSON', code: 'fwjson.error.notKaiming', params: { value: 'kaiming-backup', expected: 'kaiming-framework' } }]
		});
		expect(parseFrameworkJson(JSON.stringify({ ...file, formatVersion: 2 }))).toEqual({
			ok: false,
			problems: [{ sheet: 'JSON', code: 'fwjson.error.formatVersionNewer', params: { value: '2', supported: 1 } }]
		});
		expect(parseFrameworkJson(JSON.stringify({ ...file, formatVersion: '1' }))).toEqual({
			ok: false,
			problems: [{ sheet: 'JSON', code: 'fwjson.error.formatVersion', params: { value: '1', supported: 1 } }]
		});
		expect(parseFrameworkJson('{"title": "x"}').ok).toBe(false);
	});

	it('schema failures name the path inside the file', () => {
		const file = JSON.parse(frameworkToJson(fw, NOW)) as { framework: { sections: { indicators: { max: unknown }[] }[] } };
		file.framework.sections[2]!.indicators[0]!.max = -1;
		const result = parseFrameworkJson(JSON.stringify(file));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems[0]).toEqual({ sheet: 'JSON', code: 'fwjson.error.tooSmall', params: { path: 'framework.sections[2].indicators[0].max', minimum: 0 } });
		file.framework.sections[2]!.indicators[0]!.max = 'five';
		expect(parseFrameworkJson(JSON.stringify(file))).toMatchObject({ ok: false, problems: [{ code: 'fwjson.error.type', params: { path: 'framework.sections[2].indicators[0].max', expected: 'number' } }] });
	});

	it('framework-check problems keep their fwcheck key, params and path', () => {
		const file = JSON.parse(frameworkToJson(fw, NOW)) as { framework: { sections: { indicators: { max: number }[] }[] } };
		file.framework.sections[1]!.indicators[0]!.max = 5;
		expect(parseFrameworkJson(JSON.stringify(file))).toEqual({
			ok: false,
			problems: [{ sheet: 'JSON', code: 'fwcheck.deductTotal', params: { sum: 103, total: 100, path: 'framework.scoring.total' } }]
		});
	});

	it('an invalid exportedAt or model value is reported with its path', () => {
		const file = JSON.parse(frameworkToJson(fw, NOW)) as { exportedAt: string; framework: { scoring: { model: string } } };
		file.exportedAt = 'yesterday';
		file.framework.scoring.model = 'points';
		const result = parseFrameworkJson(JSON.stringify(file));
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problems).toContainEqual({ sheet: 'JSON', code: 'fwjson.error.format', params: { path: 'exportedAt', format: 'datetime' } });
			expect(result.problems).toContainEqual({ sheet: 'JSON', code: 'fwjson.error.value', params: { path: 'framework.scoring.model', allowed: 'deduction / weighted / checklist / veto' } });
		}
	});
});
