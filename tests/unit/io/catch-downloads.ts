import { vi } from 'vitest';

/**
 * Catches what `downloadBlob` offers in node: the file name and the bytes of each download. Undo with
 * `vi.unstubAllGlobals()` and `vi.restoreAllMocks()`.
 */
export function catchDownloads(): { name: string; blob: Blob }[] {
	const downloads: { name: string; blob: Blob }[] = [];
	let last: Blob | null = null;
	const anchor = { href: '', download: '', rel: '', style: { display: '' }, click: () => downloads.push({ name: anchor.download, blob: last! }), remove: () => {} };
	vi.stubGlobal('document', { createElement: () => anchor, body: { append: () => {} } });
	vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
		last = b as Blob;
		return 'blob:1';
	});
	vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
	return downloads;
}
