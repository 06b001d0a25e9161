import { describeError } from '$lib/domain/errors';
import { IoError, fileDetails } from './errors';

/** Framework and target files are small; anything bigger is almost certainly the wrong file. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Refuses a file over `maxBytes` before any of it is read. */
export function checkSize(file: Blob, maxBytes = MAX_IMPORT_BYTES): void {
	if (file.size > maxBytes) throw new IoError('too-large', { ...fileDetails(file), size: file.size, limit: maxBytes });
}

export async function readFileAsArrayBuffer(file: Blob, maxBytes = MAX_IMPORT_BYTES): Promise<ArrayBuffer> {
	checkSize(file, maxBytes);
	try {
		return await file.arrayBuffer();
	} catch (e) {
		throw new IoError('read-failed', { ...fileDetails(file), text: describeError(e) }, { cause: e });
	}
}

/**
 * Reads text as UTF-8 (BOM stripped), falling back to GB18030 — the encoding Excel and WPS on Chinese
 * Windows use for "CSV" unless "CSV UTF-8" is chosen — when the bytes are not valid UTF-8.
 */
export async function readFileAsText(file: Blob, maxBytes = MAX_IMPORT_BYTES): Promise<string> {
	const bytes = new Uint8Array(await readFileAsArrayBuffer(file, maxBytes));
	return decodeText(bytes, fileDetails(file).file);
}

/** `file` names the file in the error when its bytes are neither UTF-8 nor GB18030. */
export function decodeText(bytes: Uint8Array, file?: string): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		try {
			return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
		} catch (e) {
			throw new IoError('encoding', { ...(file ? { file } : {}), text: describeError(e) }, { cause: e });
		}
	}
}
