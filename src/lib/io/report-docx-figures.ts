/** Screenshots as numbered, captioned figures for Word documents: the per-target report and the 整改通知. */
import { AlignmentType, ImageRun, Paragraph } from 'docx';
import { fitInto, THUMBNAIL_BOX } from '$lib/domain/evidence';
import type { ReportScreenshot } from '$lib/domain/results';
import type { EmbeddableImage } from './image';
import { cleanLine, heading1, TABLE_STYLE, TEXT_WIDTH, textRuns, type DocxText } from './report-docx-common';

/** Width and height a picture may take: the text width (in px at 96 dpi), and most of a page. */
const PICTURE_BOX = { width: Math.floor((TEXT_WIDTH / 1440) * 96), height: 620 };

export interface FigureGroup {
	/** What the screenshots show, e.g. "2.1.1 概况信息". */
	label: string;
	screenshots: ReportScreenshot[];
}

/**
 * Every screenshot under `heading`, numbered, each scaled to fit the page and captioned with its label.
 * `images` holds the originals by evidence id; one missing falls back to its thumbnail rather than vanishing.
 * No screenshots, no section.
 */
export function screenshotFigures(groups: FigureGroup[], heading: string, text: DocxText, images: ReadonlyMap<string, EmbeddableImage>): Paragraph[] {
	const out: Paragraph[] = [];
	let n = 0;
	for (const { label, screenshots } of groups) {
		for (const shot of screenshots) {
			n++;
			const original = images.get(shot.id);
			const picture: EmbeddableImage = original ?? { data: shot.image.thumbnail, type: 'jpg', ...fitInto(shot.image.width, shot.image.height, THUMBNAIL_BOX) };
			const caption = cleanLine(shot.caption);
			out.push(
				new Paragraph({
					alignment: AlignmentType.CENTER,
					keepNext: true,
					spacing: { before: 120 },
					children: [
						new ImageRun({
							type: picture.type,
							data: picture.data,
							transformation: fitInto(picture.width, picture.height, PICTURE_BOX),
							altText: { name: `${n}`, title: label, description: caption || label }
						})
					]
				}),
				new Paragraph({
					style: TABLE_STYLE,
					alignment: AlignmentType.CENTER,
					spacing: { after: 120 },
					children: textRuns(text.t('docx.figure', { n: String(n), label }) + (caption ? text.t('docx.figureCaption', { caption }) : ''))
				})
			);
		}
	}
	return n === 0 ? [] : [heading1(heading), ...out];
}
