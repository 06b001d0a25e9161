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
			if (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth) {
				el.tabIndex = 0;
				el.setAttribute('role', 'region');
				el.setAttribute('aria-label', label);
			} else {
				for (const name of ['tabindex', 'role', 'aria-label']) el.removeAttribute(name);
			}
		};
		update();
		// The box's own size, and content that grows inside a box already at its max-height.
		const resized = new ResizeObserver(update);
		resized.observe(el);
		const changed = new MutationObserver(update);
		changed.observe(el, { childList: true, subtree: true, characterData: true });
		return () => {
			resized.disconnect();
			changed.disconnect();
		};
	};
}
