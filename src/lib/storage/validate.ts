import type { z } from 'zod';
import { invalidRecord } from './errors';

/** Parses a record about to be written; the parsed value (defaults applied, unknown keys dropped) is what gets stored. */
export function validateForWrite<S extends z.ZodType>(schema: S, value: unknown, label: string): z.output<S> {
	const result = schema.safeParse(value);
	if (!result.success) throw invalidRecord(result.error, label, recordId(value));
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
	throw invalidRecord(result.error, `${store}/${key}`);
}

function recordId(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || !('id' in value)) return undefined;
	return String(value.id);
}

const SLICE_MS = 5;

interface TaskScheduler {
	postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * Waits for a moment when the page has nothing more urgent to do. A background task (Chromium, recent Firefox)
 * runs as soon as input and rendering are done; an idle callback only once per idle period (up to 50 ms apart),
 * which would stretch a second of checking over ten.
 */
function quietMoment(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
	if (scheduler?.postTask) return scheduler.postTask(() => undefined, { priority: 'background' });
	if (typeof requestIdleCallback === 'function') return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 }));
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Checks many records against `schema`, a slice at a time when the page is not busy, so a large read can be shown
 * before it has all been checked, without a long task. Resolves with the positions of the records that fail;
 * what is wrong with each goes to the console for support, as `validateRead` would have described it.
 */
export async function invalidWhenIdle(schema: z.ZodType, records: readonly unknown[], label: (record: unknown) => string): Promise<number[]> {
	const invalid: number[] = [];
	let i = 0;
	while (i < records.length) {
		await quietMoment();
		// Short slices: a keystroke arriving meanwhile waits at most this long.
		const end = performance.now() + SLICE_MS;
		do {
			const result = schema.safeParse(records[i]);
			if (!result.success) {
				console.error(invalidRecord(result.error, label(records[i])));
				invalid.push(i);
			}
			i++;
		} while (i < records.length && performance.now() < end);
	}
	return invalid;
}
