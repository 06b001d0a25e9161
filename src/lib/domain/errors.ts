/**
 * The one error type that crosses a boundary (DESIGN §6): storage and io throw it, `state/errors.ts` turns it
 * into what the UI shows. It carries a code, the i18n key of its message and structured details that say
 * which file, row, record or quota it is about. Pure TypeScript: the layers that throw it own their codes.
 */
import type { z } from 'zod';

/** Where an error comes from; fixes the namespace of its message key and its name in logs. */
export type ErrorArea = 'storage' | 'io';

const AREAS = {
	storage: { name: 'StorageError', keyPrefix: 'error.storage' },
	io: { name: 'IoError', keyPrefix: 'io.error' }
} as const satisfies Record<ErrorArea, { name: string; keyPrefix: string }>;

export type ErrorKeyPrefix = (typeof AREAS)[ErrorArea]['keyPrefix'];

/** What an error is about, as far as the thrower knows it. Every field is optional. */
export interface ErrorDetails {
	/** The file the user picked. */
	readonly file?: string;
	/** 1-based row (line) in that file, as a spreadsheet or editor shows it. */
	readonly row?: number;
	/** The record, as `store/key` (`campaigns/abc`). */
	readonly record?: string;
	/** The field inside the record or file: `findings[1].outcome`. */
	readonly path?: string;
	/** Bytes in use and bytes available to this site when storage ran out. */
	readonly usage?: number;
	readonly quota?: number;
	/** A file's size and the largest accepted, in bytes. */
	readonly size?: number;
	readonly limit?: number;
	/** Technical text (library or browser message) for the console and bug reports; never translated. */
	readonly text?: string;
}

export class AppError<Code extends string = string> extends Error {
	readonly area: ErrorArea;
	readonly code: Code;
	readonly messageKey: `${ErrorKeyPrefix}.${Code}`;
	readonly details: ErrorDetails;

	/** `details` as a string is technical text only (`{ text }`). */
	constructor(area: ErrorArea, code: Code, details: ErrorDetails | string = {}, options?: { cause?: unknown }) {
		const d: ErrorDetails = typeof details === 'string' ? { text: details } : details;
		const summary = describeDetails(d);
		super(summary ? `${area} ${code}: ${summary}` : `${area} ${code}`, options);
		this.name = AREAS[area].name;
		this.area = area;
		this.code = code;
		this.messageKey = `${AREAS[area].keyPrefix}.${code}`;
		this.details = d;
	}

	/** The technical specifics as one line (the text, else the details), for the console and bug reports. */
	get detail(): string | undefined {
		return this.details.text ?? (describeDetails(this.details) || undefined);
	}
}

function describeDetails(d: ErrorDetails): string {
	const parts: string[] = [];
	if (d.file !== undefined) parts.push(`file ${d.file}`);
	if (d.row !== undefined) parts.push(`row ${d.row}`);
	if (d.record !== undefined) parts.push(d.record);
	if (d.path !== undefined) parts.push(d.path);
	if (d.usage !== undefined || d.quota !== undefined) parts.push(`${d.usage ?? '?'} of ${d.quota ?? '?'} bytes used`);
	if (d.size !== undefined || d.limit !== undefined) parts.push(`${d.size ?? '?'} > ${d.limit ?? '?'} bytes`);
	if (d.text !== undefined) parts.push(d.text);
	return parts.join(', ');
}

/**
 * A zod issue path as text. 'brackets' (the default): `sections[0].indicators[2].id`, '' for the value
 * itself. 'dots': `sections.0.indicators.2.id`, '(root)' for the value itself (backup problems).
 */
export function formatIssuePath(path: readonly PropertyKey[], style: 'brackets' | 'dots' = 'brackets'): string {
	if (style === 'dots') return path.length === 0 ? '(root)' : path.map((p) => String(p)).join('.');
	return path.reduce<string>((out, key) => {
		if (typeof key === 'number') return `${out}[${key}]`;
		const name = String(key);
		return out ? `${out}.${name}` : name;
	}, '');
}

/** Every issue of a zod error on one line, each prefixed with its path (under `label` when given). */
export function describeZodError(error: z.core.$ZodError, label?: string): string {
	return error.issues
		.map((issue) => {
			const where = formatIssuePath([...(label ? [label] : []), ...issue.path]);
			return where ? `${where}: ${issue.message}` : issue.message;
		})
		.join('; ');
}

/** The path of a zod error's first issue (`findings[1].outcome`), or undefined when it is about the value itself. */
export function firstIssuePath(error: z.core.$ZodError): string | undefined {
	const issue = error.issues[0];
	return issue && issue.path.length > 0 ? formatIssuePath(issue.path) : undefined;
}

/** The technical text of anything thrown: `TypeError: bad`. */
export function describeError(e: unknown): string {
	return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
