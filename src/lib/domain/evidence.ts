import { z } from 'zod';
import { RecordId, RecordMeta, Timestamp } from './common';
import { HttpUrl } from './target';
import { Rev } from './revision';

/** Formats every browser decodes and Word can embed (WebP is converted to PNG for Word). */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'] as const;
export const ImageMime = z.enum(IMAGE_MIME_TYPES);
export type ImageMime = z.infer<typeof ImageMime>;

/** A full-page screenshot of a long portal page is rarely above 10 MB; 20 MB leaves room for photos. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Thumbnails fit this box: large enough to recognise a page, small enough to keep in every list. */
export const THUMBNAIL_BOX = { width: 240, height: 180 } as const;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

/**
 * What is known about a screenshot; the original bytes are kept apart (store `evidenceFiles`, backup
 * entry `evidence/<id>.<ext>`) so lists of evidence stay small. The thumbnail is a data URL so it
 * travels with the record.
 */
export const EvidenceImage = z.object({
	mime: ImageMime,
	bytes: z.int().positive().max(MAX_IMAGE_BYTES),
	width: z.int().positive(),
	height: z.int().positive(),
	sha256: Sha256Hex,
	fileName: z.string().max(255).default(''),
	thumbnail: z
		.string()
		.max(200_000)
		.regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+=*$/, 'a JPEG or PNG data URL')
});
export type EvidenceImage = z.infer<typeof EvidenceImage>;

export const Evidence = z
	.object({
		id: RecordId,
		campaignId: RecordId,
		targetId: RecordId,
		findingId: RecordId,
		kind: z.enum(['url', 'text', 'image']),
		url: HttpUrl.optional(),
		/** The excerpt of a text evidence; the caption of a screenshot. */
		text: z.string().max(10_000).default(''),
		image: EvidenceImage.optional(),
		/** When the page was seen (for a screenshot: when it was captured or added). */
		observedAt: Timestamp,
		rev: Rev.optional(),
		...RecordMeta.shape
	})
	.refine((e) => e.kind !== 'url' || e.url !== undefined, { path: ['url'], message: 'a URL evidence needs a url' })
	.refine((e) => e.kind !== 'image' || e.image !== undefined, { path: ['image'], message: 'an image evidence needs its image details' });
export type Evidence = z.infer<typeof Evidence>;

/** The original bytes of a screenshot, keyed by its evidence id. */
export const EvidenceFile = z.object({
	id: RecordId,
	campaignId: RecordId,
	targetId: RecordId,
	blob: z.instanceof(Blob)
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

const EXTENSIONS: Record<ImageMime, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/bmp': 'bmp'
};
export const imageExtension = (mime: ImageMime) => EXTENSIONS[mime];

/**
 * The type from the first bytes, not from the name or the browser's guess: a renamed document must be
 * refused as "not an image" rather than stored and fail later in a report.
 */
export function sniffImageMime(head: Uint8Array): ImageMime | null {
	const at = (i: number) => head[i] ?? -1;
	const ascii = (from: number, s: string) => [...s].every((c, i) => at(from + i) === c.charCodeAt(0));
	if (at(0) === 0x89 && ascii(1, 'PNG')) return 'image/png';
	if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
	if (ascii(0, 'GIF8')) return 'image/gif';
	if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
	if (ascii(0, 'BM')) return 'image/bmp';
	return null;
}

/** Why a file cannot become screenshot evidence: an i18n key (`evidence.error.*`) and its parameters. */
export interface ImageProblem {
	code: 'evidence.error.empty' | 'evidence.error.tooLarge' | 'evidence.error.notImage' | 'evidence.error.decode';
	params: Record<string, string | number>;
}

/** Checks what can be checked before reading the pixels: size and the sniffed type. */
export function checkImageFile(name: string, size: number, head: Uint8Array): { ok: true; mime: ImageMime } | { ok: false; problem: ImageProblem } {
	if (size === 0) return { ok: false, problem: { code: 'evidence.error.empty', params: { name } } };
	if (size > MAX_IMAGE_BYTES) {
		const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
		return { ok: false, problem: { code: 'evidence.error.tooLarge', params: { name, size: mb(size), max: mb(MAX_IMAGE_BYTES) } } };
	}
	const mime = sniffImageMime(head);
	if (!mime) return { ok: false, problem: { code: 'evidence.error.notImage', params: { name } } };
	return { ok: true, mime };
}

/** The size that fits `box` keeping the aspect ratio; never enlarges. */
export function fitInto(width: number, height: number, box: { width: number; height: number }): { width: number; height: number } {
	const scale = Math.min(1, box.width / width, box.height / height);
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
