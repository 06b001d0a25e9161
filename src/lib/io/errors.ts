import { AppError, type ErrorDetails } from '$lib/domain/errors';

export type IoErrorCode = 'read-failed' | 'encoding' | 'too-large' | 'xlsx-invalid' | 'xls-not-supported' | 'csv-invalid' | 'write-failed' | 'save-failed' | 'verify-failed';

/** The only error io/ lets out: an `AppError` whose message key is `io.error.<code>`, never raw exception text. */
export class IoError extends AppError<IoErrorCode> {
	constructor(code: IoErrorCode, details?: ErrorDetails | string, options?: { cause?: unknown }) {
		super('io', code, details, options);
	}
}

/** The name of a picked file, for an error's details; a plain Blob has none. */
export function fileDetails(blob: Blob): { file?: string } {
	return 'name' in blob && typeof blob.name === 'string' && blob.name !== '' ? { file: blob.name } : {};
}

