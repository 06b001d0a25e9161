/**
 * Where a large file is written as a stream: a file the user picks (`showSaveFilePicker`, Chromium), so the bytes
 * go to disk as they are made, or else a Blob offered as a download (Chromium keeps a large Blob on disk, not in
 * the JavaScript heap). Either way the written file can be read back to check it.
 */
import { describeError } from '$lib/domain/errors';
import { downloadBlob } from './download';
import { IoError } from './errors';

export interface SaveTarget {
	readonly writable: WritableStream<Uint8Array>;
	/** The file as written, once `writable` has closed. */
	written(): Promise<Blob>;
	/** Hands the file to the user: nothing more for a picked file, the download otherwise. */
	deliver(): Promise<void>;
}

/** The File System Access API's picker; not in TypeScript's DOM types (it is not in every browser). */
interface SavePickerWindow {
	showSaveFilePicker?: (options: {
		suggestedName: string;
		types: { description: string; accept: Record<string, string[]> }[];
	}) => Promise<FileSystemFileHandle>;
}

/**
 * Opens where the file goes. Call it first in a click handler: the picker needs the click's user activation.
 * Null when the user closed the picker.
 */
export async function openSaveTarget(name: string, type: { description: string; mime: string; extension: string }): Promise<SaveTarget | null> {
	const picker = (globalThis as SavePickerWindow).showSaveFilePicker;
	if (picker) {
		let handle: FileSystemFileHandle;
		try {
			handle = await picker({ suggestedName: name, types: [{ description: type.description, accept: { [type.mime]: [type.extension] } }] });
		} catch (e) {
			if (e instanceof DOMException && e.name === 'AbortError') return null;
			// No activation left, or the browser refuses the picker here: fall back to a download.
			return downloadTarget(name, type.mime);
		}
		try {
			const writable = (await handle.createWritable()) as WritableStream<Uint8Array>;
			return { writable, written: () => handle.getFile(), deliver: async () => undefined };
		} catch (e) {
			throw new IoError('save-failed', { file: name, text: describeError(e) }, { cause: e });
		}
	}
	return downloadTarget(name, type.mime);
}

/** A Blob offered as a download: for several files from one click, where a picker could be opened only once. */
export function downloadTarget(name: string, mime: string): SaveTarget {
	const stream = new TransformStream<Uint8Array, Uint8Array>();
	// Started now, so the stream drains while it is written.
	const blob = new Response(stream.readable).blob().then((b) => new Blob([b], { type: mime }));
	blob.catch(() => undefined);
	return { writable: stream.writable, written: () => blob, deliver: async () => downloadBlob(await blob, name) };
}
