import { AppError, type ErrorDetails } from '$lib/domain/errors';
import { isMessageKey, t, type MessageKey, type MessageParams } from '$lib/i18n/index.svelte';

/** One message in the current language: its key and the values it needs. */
export interface UserMessage {
	key: MessageKey;
	params: MessageParams;
}

/**
 * What the UI shows for a failure: the message (what went wrong, what to do) and the details that say
 * where: file, row, record, field, quota. Kept as keys, so it follows a change of language.
 */
export interface UserError extends UserMessage {
	detail: UserMessage[];
}

const MB = 1024 * 1024;

/**
 * The one place any error becomes what the user sees (DESIGN §6). An `AppError` keeps its own message and
 * details; `context` adds what only the caller knows (the file being read). Anything else is unexpected:
 * it goes to the console for support and shows as `fallback`, never as raw exception text.
 */
export function toUserError(e: unknown, context: ErrorDetails & { fallback?: MessageKey } = {}): UserError {
	const { fallback = 'error.storage.unknown', ...known } = context;
	if (e instanceof AppError && isMessageKey(e.messageKey)) {
		return { key: e.messageKey, params: {}, detail: detailMessages({ ...known, ...e.details }) };
	}
	console.error(e);
	return { key: fallback, params: {}, detail: detailMessages(known) };
}

/** The details a user can act on, in reading order; technical text stays out (it is in the console). */
function detailMessages(d: ErrorDetails): UserMessage[] {
	const out: UserMessage[] = [];
	if (d.file !== undefined) out.push({ key: 'error.detail.file', params: { file: d.file } });
	if (d.row !== undefined) out.push({ key: 'error.detail.row', params: { row: d.row } });
	if (d.record !== undefined) out.push({ key: 'error.detail.record', params: { record: d.record } });
	if (d.path !== undefined) out.push({ key: 'error.detail.field', params: { path: d.path } });
	if (d.usage !== undefined && d.quota !== undefined) out.push({ key: 'error.detail.quota', params: { usage: d.usage / MB, quota: d.quota / MB } });
	if (d.size !== undefined && d.limit !== undefined) out.push({ key: 'error.detail.size', params: { size: d.size / MB, limit: d.limit / MB } });
	return out;
}

/** The error as one line of text: the message, then its details. */
export function errorText(error: UserError): string {
	const message = t(error.key, error.params);
	if (error.detail.length === 0) return message;
	return t('error.withDetail', { message, detail: error.detail.map((d) => t(d.key, d.params)).join(t('list.separator')) });
}
