import { z } from 'zod';
import { AppError, describeZodError, firstIssuePath, type ErrorDetails } from '$lib/domain/errors';

export type StorageErrorCode = 'quota' | 'invalid' | 'not-found' | 'conflict' | 'stale' | 'closed' | 'unknown';

/** The only error storage lets out: an `AppError` whose message key is `error.storage.<code>`. */
export class StorageError extends AppError<StorageErrorCode> {
	constructor(code: StorageErrorCode, details?: ErrorDetails | string, options?: { cause?: unknown }) {
		super('storage', code, details, options);
	}
}

/**
 * A record that failed its schema: which record (`label`, e.g. `campaigns/<id>`, and its `id` when the label
 * does not hold it), which field, and every issue (under `label`) for support.
 */
export function invalidRecord(error: z.core.$ZodError, label?: string, id?: string): StorageError {
	const record = label && id ? `${label} ${id}` : (label ?? id);
	const path = firstIssuePath(error);
	const details = { ...(record ? { record } : {}), ...(path ? { path } : {}), text: describeZodError(error, label) };
	return new StorageError('invalid', details, { cause: error });
}

const codeByDomExceptionName: Record<string, StorageErrorCode> = {
	QuotaExceededError: 'quota',
	ConstraintError: 'conflict',
	InvalidStateError: 'closed',
	TransactionInactiveError: 'closed',
	// Another tab upgraded the database past what this page's code knows: only a reload helps.
	VersionError: 'closed'
};

export function toStorageError(e: unknown): StorageError {
	if (e instanceof StorageError) return e;
	if (e instanceof z.core.$ZodError) return invalidRecord(e);
	// Match by name, not class: fake-indexeddb and older browsers do not always throw real DOMExceptions.
	const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
	const message = e instanceof Error ? e.message : String(e);
	const code = codeByDomExceptionName[name] ?? 'unknown';
	return new StorageError(code, name ? `${name}: ${message}` : message, { cause: e });
}

/** True for the errors a closed or closing connection produces; the caller reconnects and retries once. */
export function isClosedConnectionError(e: unknown): boolean {
	return typeof e === 'object' && e !== null && 'name' in e && e.name === 'InvalidStateError';
}
