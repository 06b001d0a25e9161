/**
 * Shared building blocks of the Word reports: fonts and page set-up of a 公文-style document, XML-safe text
 * runs, bordered tables and small formatters. Everything here is pure (no DOM), so node tests can build the
 * documents; only `Packer.toBlob` in report-docx.ts needs a browser.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	ExternalHyperlink,
	Footer,
	HeadingLevel,
	LineRuleType,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	VerticalAlignTable,
	WidthType,
	type IFontAttributesProperties,
	type IRunOptions,
	type IStylesOptions
} from 'docx';

export {
	type DocxText,
	cleanText,
	cleanLine,
	splitParagraphs,
	formatNumber,
	formatPercent,
	formatDate,
	chineseNumeral,
	subNumber,
	itemNumber,
	gap,
	listSep,
	reasonSep,
	codeTitle
} from '$lib/domain/document-text';
import { cleanLine, cleanText, type DocxText } from '$lib/domain/document-text';

/** An http(s) URL normalised for a relationship target, or null for anything else (javascript:, file:, junk). */
export function safeHttpUrl(value: string): string | null {
	const s = cleanLine(value);
	if (!/^https?:\/\//i.test(s)) return null;
	try {
		const url = new URL(s);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Formatting

// ---------------------------------------------------------------------------------------------------------
// Fonts, styles and page set-up

const LATIN = 'Times New Roman';
/** 公文 fonts that ship with Windows (仿宋_GB2312 and 方正小标宋 are often missing; Word substitutes badly). */
export const REPORT_FONTS = {
	body: '仿宋',
	heading: '黑体',
	subheading: '楷体',
	title: '宋体',
	table: '宋体'
} as const;

export function font(eastAsia: string): IFontAttributesProperties {
	return { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia };
}

/** Half-points: 三号 16 pt for body and headings, 二号 22 pt for the title, 小四 12 pt / 五号 10.5 pt in tables. */
const SIZE = { title: 44, body: 32, table: 24, small: 21, footer: 28 } as const;
/** Exact 28 pt lines: the usual 公文 grid of 22 lines a page. */
const BODY_LINE = 560;

/** Two characters of first-line indent; `firstLine` (2 × 16 pt) for readers that ignore `firstLineChars`. */
const INDENT_2 = { firstLineChars: 200, firstLine: 640 };

export const BODY_STYLE = 'KmBody';
export const TABLE_STYLE = 'KmTableText';
export const SIGN_STYLE = 'KmSignature';

export function reportStyles(locale: DocxText['locale']): IStylesOptions {
	const lang = { value: locale === 'en' ? 'en-GB' : 'zh-CN', eastAsia: 'zh-CN' };
	const headingRun = { color: '000000', bold: false, italics: false, size: SIZE.body };
	const headingParagraph = {
		indent: INDENT_2,
		spacing: { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.EXACT },
		keepNext: true,
		keepLines: true
	};
	return {
		default: {
			document: {
				run: { font: font(REPORT_FONTS.body), size: SIZE.body, language: lang },
				paragraph: { spacing: { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.EXACT } }
			},
			title: {
				run: { font: font(REPORT_FONTS.title), size: SIZE.title, bold: true, color: '000000' },
				paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 240, line: 720, lineRule: LineRuleType.EXACT }, keepNext: true }
			},
			heading1: { run: { ...headingRun, font: font(REPORT_FONTS.heading) }, paragraph: headingParagraph },
			heading2: { run: { ...headingRun, font: font(REPORT_FONTS.subheading) }, paragraph: headingParagraph }
		},
		paragraphStyles: [
			{
				id: BODY_STYLE,
				name: 'Kaiming Body',
				basedOn: 'Normal',
				quickFormat: true,
				paragraph: { alignment: AlignmentType.JUSTIFIED, indent: INDENT_2 }
			},
			{
				id: TABLE_STYLE,
				name: 'Kaiming Table Text',
				basedOn: 'Normal',
				run: { font: font(REPORT_FONTS.table), size: SIZE.table },
				paragraph: { spacing: { before: 40, after: 40, line: 260, lineRule: LineRuleType.AUTO } }
			},
			{
				id: SIGN_STYLE,
				name: 'Kaiming Signature',
				basedOn: 'Normal',
				paragraph: { alignment: AlignmentType.RIGHT, indent: { right: 1280 }, keepNext: true, keepLines: true }
			}
		]
	};
}

/** A4 with GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips. */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

function pageFooter(): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				spacing: { line: 240, lineRule: LineRuleType.AUTO },
				children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(REPORT_FONTS.title), size: SIZE.footer })]
			})
		]
	});
}

export function reportDocument(options: { title: string; description: string; locale: DocxText['locale']; children: (Paragraph | Table)[] }): Document {
	return new Document({
		creator: 'Kaiming',
		title: cleanLine(options.title),
		description: cleanLine(options.description),
		styles: reportStyles(options.locale),
		sections: [
			{
				properties: {
					page: {
						size: { width: PAGE.width, height: PAGE.height },
						margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992 }
					}
				},
				footers: { default: pageFooter() },
				children: options.children
			}
		]
	});
}

// ---------------------------------------------------------------------------------------------------------
// Paragraphs

type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** Runs of plain text: cleaned, each \n a line break (never parsed as markup). */
export function textRuns(value: unknown, style: RunStyle = {}): TextRun[] {
	return cleanText(value)
		.split('\n')
		.map((line, i) => new TextRun({ ...style, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

export type Inline = TextRun | ExternalHyperlink;

/** A body paragraph (2-character first-line indent, justified). Strings become runs; runs pass through. */
export function body(...parts: (string | Inline | Inline[])[]): Paragraph {
	return new Paragraph({ style: BODY_STYLE, children: inlines(parts) });
}

/** A body paragraph without the first-line indent (the addressee line, 主送机关). */
export function flush(...parts: (string | Inline | Inline[])[]): Paragraph {
	return new Paragraph({ style: BODY_STYLE, indent: { firstLine: 0, firstLineChars: 0 }, children: inlines(parts) });
}

function inlines(parts: (string | Inline | Inline[])[]): Inline[] {
	return parts.flatMap((p) => (typeof p === 'string' ? textRuns(p) : Array.isArray(p) ? p : [p]));
}

export function bold(value: string): TextRun[] {
	return textRuns(value, { bold: true });
}

export function titleParagraph(value: string): Paragraph {
	return new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(cleanLine(value)) });
}

/** A centred line under the title (issuer and date, campaign), in 楷体. */
export function subtitleParagraph(value: string): Paragraph {
	return new Paragraph({
		alignment: AlignmentType.CENTER,
		spacing: { after: 240 },
		children: textRuns(cleanLine(value), { font: font(REPORT_FONTS.subheading) })
	});
}

export function heading1(value: string): Paragraph {
	return new Paragraph({ heading: HeadingLevel.HEADING_1, children: textRuns(cleanLine(value)) });
}

export function heading2(value: string): Paragraph {
	return new Paragraph({ heading: HeadingLevel.HEADING_2, children: textRuns(cleanLine(value)) });
}

/** Issuer and date at the end of a 通报: right-aligned, four characters in from the margin. */
export function signature(lines: string[]): Paragraph[] {
	const shown = lines.map(cleanLine).filter((l) => l !== '');
	if (shown.length === 0) return [];
	return [new Paragraph({ children: [] }), ...shown.map((l) => new Paragraph({ style: SIGN_STYLE, children: textRuns(l) }))];
}

/**
 * A URL as a hyperlink when it is http(s), as plain text otherwise (data from users is never trusted as a link);
 * `style` e.g. sets the size of the table text around it.
 */
export function urlInline(value: string, style: RunStyle = {}): Inline[] {
	const href = safeHttpUrl(value);
	const shown = cleanLine(value);
	if (!href) return textRuns(shown, style);
	return [new ExternalHyperlink({ link: href, children: [new TextRun({ ...style, text: shown, style: 'Hyperlink' })] })];
}

// ---------------------------------------------------------------------------------------------------------
// Tables

export interface Column {
	header: string;
	/** Relative width; the table always spans the text width. */
	weight: number;
	align?: 'left' | 'center' | 'right';
}

/** Cell content: a string (cleaned, \n as line breaks) or inline runs per paragraph. */
export type CellContent = string | Inline[][];

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
const HEADER_FILL = { fill: 'D9D9D9', type: ShadingType.CLEAR, color: 'auto' } as const;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function widths(weights: number[]): number[] {
	const total = weights.reduce((a, b) => a + b, 0) || 1;
	const out = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
	out[out.length - 1]! += TEXT_WIDTH - out.reduce((a, b) => a + b, 0);
	return out;
}

function cell(content: CellContent, width: number, opts: { align?: Column['align']; header?: boolean; size?: number }): TableCell {
	const style: RunStyle = { ...(opts.header ? { bold: true } : {}), ...(opts.size ? { size: opts.size } : {}) };
	const paragraphs = typeof content === 'string' ? [textRuns(content, style)] : content.length > 0 ? content : [[]];
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		verticalAlign: VerticalAlignTable.CENTER,
		margins: { left: 80, right: 80 },
		...(opts.header ? { shading: HEADER_FILL } : {}),
		children: paragraphs.map((children) => new Paragraph({ style: TABLE_STYLE, alignment: ALIGN[opts.header ? 'center' : (opts.align ?? 'left')], children }))
	});
}

/**
 * A bordered table spanning the text width. The header row repeats on every page (`w:tblHeader`), and no row
 * splits across pages.
 */
export function dataTable(columns: Column[], rows: CellContent[][], opts: { size?: number } = {}): Table {
	const w = widths(columns.map((c) => c.weight));
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: columns.map((c, i) => cell(cleanLine(c.header), w[i]!, { header: true, size: opts.size }))
	});
	const body = rows.map(
		(row) =>
			new TableRow({
				cantSplit: true,
				children: columns.map((c, i) => cell(row[i] ?? '', w[i]!, { align: c.align, size: opts.size }))
			})
	);
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: w,
		layout: TableLayoutType.FIXED,
		borders: TABLE_BORDERS,
		rows: [header, ...body]
	});
}

/** A two-column label/value table (the header block of a target report): labels shaded, no header row. */
export function fieldTable(fields: [label: string, value: CellContent][]): Table {
	const w = widths([1, 3]);
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: w,
		layout: TableLayoutType.FIXED,
		borders: TABLE_BORDERS,
		rows: fields.map(
			([label, value]) =>
				new TableRow({
					cantSplit: true,
					children: [cell(cleanLine(label), w[0]!, { header: true }), cell(value, w[1]!, {})]
				})
		)
	});
}

/** An empty paragraph after a table, so the next heading does not stick to its bottom border. */
export function spacer(): Paragraph {
	return new Paragraph({ children: [] });
}
