import { z } from 'zod';

export type StorageErrorCode = 'quota' | 'invalid' | 'not-found' | 'conflict' | 'closed' | 'unknown';

/** The only error storage lets out: a code the UI can translate, never raw exception text. */
export class StorageError extends Error {
	readonly code: StorageErrorCode;
	readonly messageKey: `error.storage.${StorageErrorCode}`;
	/** Technical specifics (store, id, field path) for the details line and for bug reports. */
	readonly detail: string | undefined;

	constructor(code: StorageErrorCode, detail?: string, options?: { cause?: unknown }) {
		super(detail ? `storage ${code}: ${detail}` : `storage ${code}`, options);
		this.name = 'StorageError';
		this.code = code;
		this.messageKey = `error.storage.${code}`;
		this.detail = detail;
	}
}

/** `sections[0].indicators[2].id` rather than zod's raw array of keys. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
	return path.reduce<string>((out, key) => {
		if (typeof key === 'number') return `${out}[${key}]`;
		const name = String(key);
		return out ? `${out}.${name}` : name;
	}, '');
}

export function describeZodError(error: z.core.$ZodError, label?: string): string {
	return error.issues
		.map((issue) => {
			const where = formatIssuePath([...(label ? [label] : []), ...issue.path]);
			return where ? `${where}: ${issue.message}` : issue.message;
		})
		.join('; ');
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
	if (e instanceof z.core.$ZodError) return new StorageError('invalid', describeZodError(e), { cause: e });
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
