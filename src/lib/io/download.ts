/** Offers a Blob as a download: an object URL behind a temporary <a download>, revoked afterwards. */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = safeFileName(filename);
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	try {
		a.click();
	} finally {
		a.remove();
		// Firefox starts reading the URL after the click handler returns; revoking at once can cancel it.
		setTimeout(() => URL.revokeObjectURL(url), 1000);
	}
}

/** Keeps Chinese titles readable while removing what Windows, macOS or the browser refuse in a file name. */
export function safeFileName(name: string): string {
	const cleaned = [...name]
		.map((ch) => (ch.charCodeAt(0) < 0x20 ? '_' : ch))
		.join('')
		.replace(/[\\/:*?"<>|]+/g, '_')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	return cleaned || 'download';
}
