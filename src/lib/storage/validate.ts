import type { z } from 'zod';
import { StorageError, describeZodError } from './errors';

/** Parses a record about to be written; the parsed value (defaults applied, unknown keys dropped) is what gets stored. */
export function validateForWrite<S extends z.ZodType>(schema: S, value: unknown, label: string): z.output<S> {
	const result = schema.safeParse(value);
	if (!result.success) throw new StorageError('invalid', describeZodError(result.error, label), { cause: result.error });
	return result.data;
}

/**
 * Parses a record just read, so a corrupt or outdated record fails here, named by store and id,
 * instead of crashing a component later.
 */
export function validateRead<S extends z.ZodType>(schema: S, value: unknown, store: string, id?: string): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const key = id ?? recordId(value) ?? '?';
	throw new StorageError('invalid', describeZodError(result.error, `${store}/${key}`), { cause: result.error });
}

function recordId(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || !('id' in value)) return undefined;
	return String(value.id);
}

const SLICE_MS = 5;

/** Resolves when the page is idle, with how many milliseconds that idle period has left. */
function idle(): Promise<() => number> {
	if (typeof requestIdleCallback === 'function')
		// The timeout keeps the check moving on a page that is never idle.
		return new Promise((resolve) => requestIdleCallback((deadline) => resolve(() => deadline.timeRemaining()), { timeout: 1000 }));
	return new Promise((resolve) => setTimeout(() => resolve(() => SLICE_MS), 0));
}

/**
 * Checks many records against `schema`, a slice at a time while the page is idle, so a large read can be shown
 * before it has all been checked, without a long task. Resolves with the positions of the records that fail;
 * what is wrong with each goes to the console for support, as `validateRead` would have described it.
 */
export async function invalidWhenIdle(schema: z.ZodType, records: readonly unknown[], label: (record: unknown) => string): Promise<number[]> {
	const invalid: number[] = [];
	let i = 0;
	while (i < records.length) {
		const remaining = await idle();
		// An idle period may last 50 ms; a keystroke arriving meanwhile should not wait that long.
		const end = performance.now() + SLICE_MS;
		do {
			const result = schema.safeParse(records[i]);
			if (!result.success) {
				console.error(new StorageError('invalid', describeZodError(result.error, label(records[i]))));
				invalid.push(i);
			}
			i++;
		} while (i < records.length && remaining() > 1 && performance.now() < end);
	}
	return invalid;
}
