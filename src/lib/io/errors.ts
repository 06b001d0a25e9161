export type IoErrorCode = 'read-failed' | 'encoding' | 'too-large' | 'xlsx-invalid' | 'xls-not-supported' | 'csv-invalid' | 'write-failed';

/** The only error io/ lets out: a code the UI translates (`io.error.*`), never raw exception text. */
export class IoError extends Error {
	readonly code: IoErrorCode;
	readonly messageKey: `io.error.${IoErrorCode}`;
	/** Technical specifics (file name, library message, row) for the details line and bug reports. */
	readonly detail: string | undefined;

	constructor(code: IoErrorCode, detail?: string, options?: { cause?: unknown }) {
		super(detail ? `io ${code}: ${detail}` : `io ${code}`, options);
		this.name = 'IoError';
		this.code = code;
		this.messageKey = `io.error.${code}`;
		this.detail = detail;
	}
}

export function describeError(e: unknown): string {
	return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
