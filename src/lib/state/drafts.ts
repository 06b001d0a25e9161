const TEXT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'number', 'password']);

/** Whether a form still holds typed text: a text field whose value is not the one it was rendered with. */
function holdsText(form: HTMLFormElement): boolean {
	for (const el of Array.from(form.elements)) {
		if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type))) {
			if (el.value !== el.defaultValue) return true;
		}
	}
	return false;
}

/**
 * Watches the page for unsubmitted typing, which a reload would lose: a form the user typed into that is still on
 * the page and still holds text (a successful submit clears or closes it). Forms that save every change themselves
 * are marked `data-autosave` and never count; fields outside a form (the assess screen) save on every keystroke.
 */
export function watchDrafts(doc: Document): { hasDrafts: () => boolean; stop: () => void } {
	const typedIn = new Set<HTMLFormElement>();
	const oninput = (e: Event) => {
		const form = e.target instanceof Element ? e.target.closest('form') : null;
		if (form && !form.hasAttribute('data-autosave')) typedIn.add(form);
	};
	// A submitted form's text is its submit handler's to keep: starting a round, say, navigates away while the
	// dialog that held the form is still on the page, and that must not count as leaving typed text behind.
	const onsubmit = (e: Event) => {
		if (e.target instanceof HTMLFormElement) typedIn.delete(e.target);
	};
	doc.addEventListener('input', oninput, true);
	doc.addEventListener('submit', onsubmit, true);
	return {
		hasDrafts() {
			for (const form of [...typedIn]) {
				if (!form.isConnected) typedIn.delete(form);
				else if (holdsText(form)) return true;
			}
			return false;
		},
		stop() {
			doc.removeEventListener('input', oninput, true);
			doc.removeEventListener('submit', onsubmit, true);
		}
	};
}
