import type { MessageKey, MessageParams } from '$lib/i18n/index.svelte';

/** A field changed in this tab and in another, with its name in the UI and both values as text. */
export interface ConflictRow {
	field: string;
	label: MessageKey;
	mine: string;
	theirs: string;
}

/** A record this tab and another changed on the same fields: the dialog shows both versions and asks. */
export interface RecordConflict {
	/** Which record, as the dialog's caption says it (e.g. 评估对象：市教育局). */
	what: MessageKey;
	params: MessageParams;
	/** The colliding fields; empty when the record is kept or replaced as a whole (a framework). */
	rows: ConflictRow[];
}

/**
 * The questions waiting for the user, app-wide, oldest first: one dialog (`RecordConflictDialog`) answers them one
 * at a time, whichever page made the write. A write waits for its answer.
 */
export class RecordConflicts {
	#waiting = $state.raw<{ conflict: RecordConflict; answer: (keepMine: boolean) => void }[]>([]);

	get current(): RecordConflict | null {
		return this.#waiting[0]?.conflict ?? null;
	}

	/** Resolves true to keep my values for the colliding fields, false to keep theirs. */
	ask(conflict: RecordConflict): Promise<boolean> {
		return new Promise((answer) => (this.#waiting = [...this.#waiting, { conflict, answer }]));
	}

	/** The user's answer to `current`. */
	settle(keepMine: boolean) {
		const [first, ...rest] = this.#waiting;
		if (!first) return;
		this.#waiting = rest;
		first.answer(keepMine);
	}
}
