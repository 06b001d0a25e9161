import { localText, stamp, type Context } from './common';
import type { TargetCategory } from './framework/schema';
import { HttpUrl, type Target } from './target';

export type PasteField = 'name' | 'category' | 'url' | 'ownerUnit';

export interface PasteIssue {
	field: PasteField;
	/** i18n key under `paste.error.*` */
	code: 'nameEmpty' | 'nameDuplicate' | 'nameTooLong' | 'categoryEmpty' | 'categoryUnknown' | 'categoryAmbiguous' | 'urlInvalid';
	params: Record<string, string | number>;
}

export interface PasteRow {
	/** 1-based line number in the pasted text, as the user sees it in the spreadsheet. */
	line: number;
	name: string;
	categoryId: string | null;
	categoryInput: string;
	url: string;
	ownerUnit: string;
	issues: PasteIssue[];
}

const HEADER_WORDS = ['名称', '单位名称', '网站名称', '评估对象', 'name', 'target'];

/** Matches a typed category by id or title (either language), then by a unique partial title. */
export function matchCategory(input: string, categories: TargetCategory[]): { id: string } | { error: 'categoryUnknown' | 'categoryAmbiguous' } {
	const v = input.trim().toLowerCase();
	const names = (c: TargetCategory) => [c.id, c.title.zh, c.title.en ?? ''].map((s) => s.toLowerCase()).filter(Boolean);
	const exact = categories.filter((c) => names(c).includes(v));
	if (exact.length === 1) return { id: exact[0]!.id };
	const partial = categories.filter((c) => names(c).some((n) => n.includes(v) || v.includes(n)));
	if (partial.length === 1) return { id: partial[0]!.id };
	return { error: partial.length > 1 ? 'categoryAmbiguous' : 'categoryUnknown' };
}

/** People paste "www.x.gov.cn" from spreadsheets; a bare host gets https:// so it can be checked and opened. */
export function normaliseUrl(input: string): string {
	const v = input.trim();
	if (v === '' || /^[a-z][a-z0-9+.-]*:/i.test(v)) return v;
	return `https://${v}`;
}

export interface TargetFields {
	name: string;
	categoryInput: string;
	urlInput: string;
	ownerUnit: string;
}

/**
 * Checks one target's fields against the campaign. `taken` maps names already used to the line they
 * came from (0 = already in the campaign); a valid name is added to it.
 */
export function checkTarget(fields: TargetFields, line: number, categories: TargetCategory[], taken: Map<string, number>, locale = 'zh-CN'): PasteRow {
	const name = fields.name.trim();
	const categoryInput = fields.categoryInput.trim();
	const ownerUnit = fields.ownerUnit.trim();
	const options = categories.map((c) => localText(c.title, locale)).join(' / ');
	const issues: PasteIssue[] = [];
	if (name === '') issues.push({ field: 'name', code: 'nameEmpty', params: {} });
	else if (name.length > 200) issues.push({ field: 'name', code: 'nameTooLong', params: { max: 200 } });
	else if (taken.has(name)) issues.push({ field: 'name', code: 'nameDuplicate', params: { name, line: taken.get(name)! } });
	else taken.set(name, line);

	let categoryId: string | null = null;
	if (categoryInput === '') {
		if (categories.length === 1) categoryId = categories[0]!.id;
		else issues.push({ field: 'category', code: 'categoryEmpty', params: { options } });
	} else {
		const m = matchCategory(categoryInput, categories);
		if ('id' in m) categoryId = m.id;
		else issues.push({ field: 'category', code: m.error, params: { value: categoryInput, options } });
	}

	let url = normaliseUrl(fields.urlInput);
	if (url !== '' && !HttpUrl.safeParse(url).success) {
		issues.push({ field: 'url', code: 'urlInvalid', params: { value: fields.urlInput.trim() } });
		url = fields.urlInput.trim();
	}
	return { line, name, categoryId, categoryInput, url, ownerUnit, issues };
}

/**
 * Parses rows copied from Excel (tab-separated: name, category, URL, owner unit) and checks each one
 * against the campaign, so every problem is shown before anything is saved.
 */
export function parseTargetPaste(text: string, categories: TargetCategory[], existingNames: string[], locale = 'zh-CN'): PasteRow[] {
	const taken = new Map<string, number>(existingNames.map((n) => [n.trim(), 0]));
	const rows: PasteRow[] = [];
	text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.forEach((raw, i) => {
			if (raw.trim() === '') return;
			const [name = '', categoryInput = '', urlInput = '', ownerUnit = ''] = raw.split('\t');
			if (rows.length === 0 && HEADER_WORDS.includes(name.trim().toLowerCase())) return;
			rows.push(checkTarget({ name, categoryInput, urlInput, ownerUnit }, i + 1, categories, taken, locale));
		});
	return rows;
}

export function targetsFromPaste(ctx: Context, campaignId: string, rows: PasteRow[], firstOrder: number): Target[] {
	return rows.map((r, i) => ({
		id: ctx.newId(),
		campaignId,
		name: r.name,
		categoryId: r.categoryId!,
		url: r.url,
		ownerUnit: r.ownerUnit,
		assessor: '',
		order: firstOrder + i,
		...stamp(ctx)
	}));
}
