/** Several files in one .zip (e.g. one .docx per target), through zip.js; names made safe and unique. */
import { BlobWriter, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js/lib/zip-core-native.js';

export interface ZipEntry {
	name: string;
	data: Uint8Array;
}

// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u001F\u007F<>:"/\\|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Generous for Windows paths once extracted into a folder; counted in UTF-16 units. */
const MAX_NAME = 120;

function splitExt(name: string): [base: string, ext: string] {
	const m = /^(.+?)(\.[A-Za-z0-9]{1,8})$/.exec(name);
	return m ? [m[1]!, m[2]!] : [name, ''];
}

/**
 * A file name every OS accepts: no path separators or characters Windows refuses, no control characters,
 * no leading dots, no trailing dots or spaces, no reserved device names (CON, NUL, COM1…), bounded length.
 */
export function safeZipName(name: string, fallback = 'file'): string {
	let s = name
		.normalize('NFC')
		.replace(INVALID, '_')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[.\s]+/, '')
		.replace(/[.\s]+$/, '');
	if (s === '' || /^_+$/.test(s)) s = fallback;
	if (RESERVED.test(s) || s === '__proto__') s = `_${s}`;
	if (s.length > MAX_NAME) {
		const [base, ext] = splitExt(s);
		s = [...base].slice(0, MAX_NAME - ext.length).join('').replace(/[.\s]+$/, '') + ext;
	}
	return s;
}

/** "01-名称.docx": a 1-based index padded to the width of `total`, so the files sort in order. */
export function numberedFileName(index: number, total: number, base: string, ext: string): string {
	const width = Math.max(2, String(total).length);
	return `${String(index + 1).padStart(width, '0')}-${base}${ext}`;
}

/** Unique case-insensitively (Windows, macOS): "a.docx", "A.docx" → "a.docx", "A (2).docx". */
function uniqueNames(names: string[]): string[] {
	const used = new Set<string>();
	return names.map((name) => {
		let candidate = name;
		const [base, ext] = splitExt(name);
		for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})${ext}`;
		used.add(candidate.toLowerCase());
		return candidate;
	});
}

/**
 * A .zip of the files, in the order given. Names are made safe (`safeZipName`) and unique, and marked as UTF-8
 * so Chinese names survive. Already compressed formats (.docx, .xlsx, images) are stored rather than deflated
 * again. The zip is a Blob: Chromium keeps a large one on disk, not in the JavaScript heap.
 */
export async function zipFiles(files: ZipEntry[]): Promise<Blob> {
	const names = uniqueNames(files.map((f) => safeZipName(f.name)));
	// No web workers: Vite does not bundle zip.js's worker script, and the browser's CompressionStream is native.
	const zip = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false });
	for (const [i, f] of files.entries()) {
		const compressed = /\.(docx|xlsx|pptx|zip|png|jpe?g|gif|webp)$/i.test(names[i]!);
		await zip.add(names[i]!, new Uint8ArrayReader(f.data), { level: compressed ? 0 : 6 });
	}
	return zip.close();
}
