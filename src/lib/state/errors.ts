import { StorageError } from '$lib/storage/errors';
import type { MessageKey } from '$lib/i18n/index.svelte';

/** Errors crossing into the UI become a message key; the raw text stays in the console for support. */
export function errorKey(e: unknown): MessageKey {
	if (e instanceof StorageError) return e.messageKey as MessageKey;
	console.error(e);
	return 'error.storage.unknown';
}
