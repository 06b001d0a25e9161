/**
 * Word (.docx) reports through the `docx` library: the campaign 通报 and the per-target report. Building a
 * document is pure (node tests run it); `toDocxBlob` is for the browser, `toDocxBuffer` for node. Load this
 * module with `import()` so the library (~65 kB gzip) stays out of the main bundle.
 *
 * Every string from data is written as plain text (never parsed as markup), with characters that XML 1.0
 * forbids removed; only http(s) URLs become hyperlinks.
 */
import { Packer, type Document } from 'docx';

export { campaignReportDocument } from './report-docx-campaign';
export { targetReportDocument } from './report-docx-target';
export { cleanText, safeHttpUrl, REPORT_FONTS, type DocxText } from './report-docx-common';
export type { Document as DocxDocument } from 'docx';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The packed .docx as a Blob with the Word MIME type (browser). */
export async function toDocxBlob(doc: Document): Promise<Blob> {
	const blob = await Packer.toBlob(doc);
	return blob.type === DOCX_MIME ? blob : new Blob([blob], { type: DOCX_MIME });
}

/** The packed .docx as a node Buffer (tests, scripts). */
export function toDocxBuffer(doc: Document): Promise<Buffer> {
	return Packer.toBuffer(doc);
}

/** The packed .docx as bytes, in the browser and in node (for `zipFiles`). */
export async function toDocxBytes(doc: Document): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await Packer.toArrayBuffer(doc));
}
