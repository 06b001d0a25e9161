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
