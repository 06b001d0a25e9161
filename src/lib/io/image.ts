/**
 * Turning a pasted, dropped or picked file into screenshot evidence: the checks, the pixel size, the
 * SHA-256 of the exact bytes and a thumbnail. Browser only (createImageBitmap, canvas).
 */
import { checkImageFile, fitInto, THUMBNAIL_BOX, type EvidenceImage, type ImageMime, type ImageProblem } from '$lib/domain/evidence';
import { sha256Hex } from './hash';

export type PreparedImage = { ok: true; image: EvidenceImage; blob: Blob } | { ok: false; problem: ImageProblem };

/** Clipboard images have no useful name ("image.png"); the caller names them by time instead. */
export async function prepareImage(file: Blob, name: string): Promise<PreparedImage> {
	const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
	const checked = checkImageFile(name, file.size, head);
	if (!checked.ok) return checked;
	const bytes = new Uint8Array(await file.arrayBuffer());
	// The stored blob carries the sniffed type, whatever the file claimed to be.
	const blob = new Blob([bytes], { type: checked.mime });
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(blob);
	} catch {
		return { ok: false, problem: { code: 'evidence.error.decode', params: { name } } };
	}
	try {
		return {
			ok: true,
			blob,
			image: {
				mime: checked.mime,
				bytes: bytes.length,
				width: bitmap.width,
				height: bitmap.height,
				sha256: await sha256Hex(bytes),
				fileName: name.slice(0, 255),
				thumbnail: thumbnail(bitmap)
			}
		};
	} finally {
		bitmap.close();
	}
}

function drawScaled(source: CanvasImageSource, width: number, height: number, size: { width: number; height: number }): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	canvas.width = size.width;
	canvas.height = size.height;
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2d canvas');
	// JPEG has no alpha: transparent screenshot areas would turn black.
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, size.width, size.height);
	ctx.drawImage(source, 0, 0, width, height, 0, 0, size.width, size.height);
	return canvas;
}

function thumbnail(bitmap: ImageBitmap): string {
	const size = fitInto(bitmap.width, bitmap.height, THUMBNAIL_BOX);
	return drawScaled(bitmap, bitmap.width, bitmap.height, size).toDataURL('image/jpeg', 0.8);
}

export interface EmbeddableImage {
	/** The bytes, or a base64 data URL (a thumbnail standing in for a missing original). */
	data: Uint8Array | string;
	type: 'png' | 'jpg' | 'gif' | 'bmp';
	width: number;
	height: number;
}

const DOCX_TYPES: Partial<Record<ImageMime, EmbeddableImage['type']>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/bmp': 'bmp' };

/** The bytes Word can embed: as stored, or re-encoded as PNG for formats Word does not read (WebP). */
export async function embeddableImage(blob: Blob, image: EvidenceImage): Promise<EmbeddableImage> {
	const type = DOCX_TYPES[image.mime];
	if (type) return { data: new Uint8Array(await blob.arrayBuffer()), type, width: image.width, height: image.height };
	const bitmap = await createImageBitmap(blob);
	try {
		const canvas = drawScaled(bitmap, bitmap.width, bitmap.height, { width: bitmap.width, height: bitmap.height });
		const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
		return { data: new Uint8Array(await png.arrayBuffer()), type: 'png', width: bitmap.width, height: bitmap.height };
	} finally {
		bitmap.close();
	}
}
