import type { Attachment } from 'svelte/attachments';

/**
 * A box with `overflow: auto` can only be scrolled with the mouse unless it takes the focus (WCAG 2.1.1; axe
 * `scrollable-region-focusable`), and not every browser on an office PC makes scrollers focusable by itself. While
 * the box actually scrolls it becomes a named, focusable region; while its content fits it is a plain box again,
 * so short tables do not add empty Tab stops.
 */
export function scrollRegion(label: string): Attachment<HTMLElement> {
	return (el) => {
		const update = () => {
			const scrolls = el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth;
			if (scrolls === el.hasAttribute('role')) return;
			if (scrolls) {
				el.tabIndex = 0;
				el.setAttribute('role', 'region');
				el.setAttribute('aria-label', label);
			} else {
				for (const name of ['tabindex', 'role', 'aria-label']) el.removeAttribute(name);
			}
		};
		// Sizes are read only in the observer's callback, after layout: read while a page is still being built they
		// would force a layout of everything so far (the results page lost ~100 ms to that). Observing reports
		// once the box is first laid out, and again when its size changes.
		const resized = new ResizeObserver(update);
		resized.observe(el);
		// Content that grows inside a box already at its max-height does not resize it: observing afresh makes
		// the next layout report it again.
		const changed = new MutationObserver(() => {
			resized.unobserve(el);
			resized.observe(el);
		});
		changed.observe(el, { childList: true, subtree: true, characterData: true });
		return () => {
			resized.disconnect();
			changed.disconnect();
		};
	};
}
