/**
 * The lossless framework file: the framework exactly as stored, in a versioned envelope
 *
 *   { "format": "kaiming-framework", "formatVersion": 1, "exportedAt": "<ISO time>", "framework": { … } }
 *
 * `framework` is the `Framework` schema of framework.ts. A bare framework object (no envelope, as in
 * src/lib/frameworks/*.json) is accepted on import too. A newer `formatVersion` is refused rather than
 * half-read: the problem tells the user to update Kaiming.
 */
import { z } from 'zod';
import { Timestamp } from '../common';
import { formatIssuePath } from '../errors';
import { Framework } from './schema';
import { checkFrameworkLimits, checkJsonLimits, JSON_LIMITS } from '../limits';

/** One import problem, from a sheet (framework/sheet/) or a JSON file (sheet = "JSON"). */
export interface SheetProblem {
	sheet: string;
	/** 1-based, as Excel shows it. */
	row?: number;
	/** The column header as written in the file. */
	column?: string;
	/** i18n key: `sheet.error.*`, `fwjson.error.*` or `fwcheck.*`. */
	code: string;
	params: Record<string, string | number>;
}

export const FRAMEWORK_FILE_FORMAT = 'kaiming-framework';
export const FRAMEWORK_FILE_VERSION = 1;

export const FrameworkFile = z.object({
	format: z.literal(FRAMEWORK_FILE_FORMAT),
	formatVersion: z.literal(FRAMEWORK_FILE_VERSION),
	exportedAt: Timestamp,
	framework: Framework
});
export type FrameworkFile = z.infer<typeof FrameworkFile>;

export type FrameworkJsonResult = { ok: true; framework: Framework; exportedAt?: string } | { ok: false; problems: SheetProblem[] };

/** Name used as `SheetProblem.sheet` for JSON problems, where there is no sheet. */
export const JSON_SOURCE = 'JSON';

export function frameworkToJson(fw: Framework, now: string): string {
	const file: FrameworkFile = { format: FRAMEWORK_FILE_FORMAT, formatVersion: FRAMEWORK_FILE_VERSION, exportedAt: now, framework: fw };
	return `${JSON.stringify(file, null, '\t')}\n`;
}

const problem = (code: string, params: Record<string, string | number> = {}): FrameworkJsonResult => ({
	ok: false,
	problems: [{ sheet: JSON_SOURCE, code, params }]
});

/** `file` names the file in a limit's message (the picked file's name). */
export function parseFrameworkJson(text: string, file = JSON_SOURCE): FrameworkJsonResult {
	const source = text.replace(/^\uFEFF/, '');
	let data: unknown;
	try {
		data = JSON.parse(source);
	} catch (e) {
		// An engine whose parser recurses runs out of stack on deep nesting; so does the position scanner.
		if (e instanceof RangeError) return problem('limit.error.parseDepth', { file });
		// V8's messages differ between versions and rarely give a position; find it ourselves.
		let at: number;
		try {
			at = jsonErrorPosition(source);
		} catch (e) {
			if (e instanceof RangeError) return problem('limit.error.parseDepth', { file });
			throw e;
		}
		return problem('fwjson.error.syntax', { ...lineColumn(source, at), position: at });
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return problem('fwjson.error.notObject');

	const record = data as Record<string, unknown>;
	const bare = !('format' in record) && 'sections' in record && 'scoring' in record;
	// Before any schema: zod parses nested sections recursively.
	const limited = bare ? checkFrameworkLimits(record) : checkFrameworkLimits(record.framework, ['framework']);
	const tooBig = limited ?? checkJsonLimits(record, JSON_LIMITS.frameworkString);
	if (tooBig) return problem(`limit.error.${tooBig.code}`, { file, path: tooBig.path, limit: tooBig.limit });
	if (bare) return validate(Framework, data);
	if (record.format !== FRAMEWORK_FILE_FORMAT) return problem('fwjson.error.notKaiming', { value: describe(record.format), expected: FRAMEWORK_FILE_FORMAT });
	if (record.formatVersion !== FRAMEWORK_FILE_VERSION) {
		const newer = typeof record.formatVersion === 'number' && record.formatVersion > FRAMEWORK_FILE_VERSION;
		return problem(newer ? 'fwjson.error.formatVersionNewer' : 'fwjson.error.formatVersion', {
			value: describe(record.formatVersion),
			supported: FRAMEWORK_FILE_VERSION
		});
	}
	return validate(FrameworkFile, data);
}

function validate(schema: typeof Framework | typeof FrameworkFile, data: unknown): FrameworkJsonResult {
	const parsed = schema.safeParse(data);
	if (!parsed.success) {
		return {
			ok: false,
			problems: parsed.error.issues.map((issue) => {
				const { code, params } = issueProblem(issue, 'fwjson.error');
				return { sheet: JSON_SOURCE, code, params };
			})
		};
	}
	return 'framework' in parsed.data ? { ok: true, framework: parsed.data.framework, exportedAt: parsed.data.exportedAt } : { ok: true, framework: parsed.data };
}

function describe(v: unknown): string {
	if (v === undefined) return '—';
	return typeof v === 'string' ? v : JSON.stringify(v);
}

function lineColumn(text: string, position: number): { line: number; column: number } {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	return { line, column: position - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * Offset (0-based) of the first character where `text` stops being valid JSON, found by a strict scanner;
 * called only after JSON.parse has failed.
 */
export function jsonErrorPosition(text: string): number {
	let i = 0;
	class Stop {
		constructor(readonly at: number) {}
	}
	const fail = (): never => {
		throw new Stop(i);
	};
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};
	const literal = (word: string) => {
		for (const ch of word) {
			if (text[i] !== ch) fail();
			i++;
		}
	};
	const string = () => {
		i++;
		while (i < text.length) {
			const ch = text[i]!;
			if (ch === '"') {
				i++;
				return;
			}
			if (ch < ' ') fail();
			if (ch === '\\') {
				i++;
				const e = text[i];
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
					i += 5;
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
				else fail();
			} else i++;
		}
		fail();
	};
	const number = () => {
		const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
		if (!m || m[0] === '-') fail();
		i += m![0].length;
	};
	const value = (): void => {
		ws();
		const ch = text[i];
		if (ch === '{') {
			i++;
			ws();
			if (text[i] === '}') return void i++;
			for (;;) {
				ws();
				if (text[i] !== '"') fail();
				string();
				ws();
				if (text[i] !== ':') fail();
				i++;
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === '}') return void i++;
				else fail();
			}
		}
		if (ch === '[') {
			i++;
			ws();
			if (text[i] === ']') return void i++;
			for (;;) {
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === ']') return void i++;
				else fail();
			}
		}
		if (ch === '"') return string();
		if (ch === 't') return literal('true');
		if (ch === 'f') return literal('false');
		if (ch === 'n') return literal('null');
		if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
		fail();
	};
	try {
		value();
		ws();
		if (i < text.length) fail();
		return text.length;
	} catch (e) {
		if (e instanceof Stop) return e.at;
		throw e;
	}
}

/**
 * A zod issue as an i18n key + params. Framework-check problems keep their own `fwcheck.*` key and params;
 * everything else becomes `<prefix>.type|tooSmall|tooBig|format|value|invalid` with the field path.
 */
export function issueProblem(issue: z.core.$ZodIssue, prefix: string): { code: string; params: Record<string, string | number> } {
	const path = formatIssuePath(issue.path);
	if (issue.code === 'custom' && issue.message.startsWith('fwcheck.')) {
		const params = (issue.params ?? {}) as Record<string, string | number>;
		return { code: issue.message, params: { ...params, path } };
	}
	switch (issue.code) {
		case 'invalid_type':
			return { code: `${prefix}.type`, params: { path, expected: String(issue.expected) } };
		case 'too_small':
			return { code: `${prefix}.tooSmall`, params: { path, minimum: Number(issue.minimum) } };
		case 'too_big':
			return { code: `${prefix}.tooBig`, params: { path, maximum: Number(issue.maximum) } };
		case 'invalid_format':
			return { code: `${prefix}.format`, params: { path, format: issue.format } };
		case 'invalid_value':
			return { code: `${prefix}.value`, params: { path, allowed: issue.values.map(String).join(' / ') } };
		case 'invalid_union':
			return { code: `${prefix}.value`, params: { path, allowed: 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String).join(' / ') : '' } };
		case 'unrecognized_keys':
			return { code: `${prefix}.unknownKeys`, params: { path, keys: issue.keys.join(', ') } };
		default:
			return { code: `${prefix}.invalid`, params: { path, issue: issue.code ?? 'custom' } };
	}
}
