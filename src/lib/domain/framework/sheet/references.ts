import type { LocalText } from '../../common';
import type { Framework } from '../schema';
import { LIST_SPLIT, norm } from './text';

// Export writes a list token only where import reads it back as the same item, so both directions live here.

interface NamedCategory {
	id: string;
	title?: LocalText;
}

export const NONE_TOKENS = ['（无）', '(无)', '无', 'none', '（none）'];

/** In a list cell, `[id]` names an item by id only: the fallback when its title or code would be ambiguous. */
export function explicitId(token: string): string | undefined {
	return /^[[［【]([^\]］】]+)[\]］】]$/.exec(token.trim())?.[1]?.trim();
}

export function categoryTokens(fw: Framework): Map<string, string> {
	// The title when it reads back as this category alone; otherwise `[id]`.
	return new Map(
		fw.categories.map((c) => {
			const t = c.title.zh;
			const safe = !LIST_SPLIT.test(t) && explicitId(t) === undefined && !NONE_TOKENS.some((n) => norm(n) === norm(t));
			const unique = safe && sameIds(resolveCategoryToken(t, fw.categories), [c.id]);
			return [c.id, unique ? t : `[${c.id}]`];
		})
	);
}

function sameIds(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A section's code when no id reads the same (codes are tried first on import, ids second); otherwise `[id]`. */
export function naSectionToken(ref: string, sectionCode: Map<string, string>, allIds: Set<string>): string {
	const code = sectionCode.get(ref);
	if (code !== undefined && (code === ref || !allIds.has(code)) && !LIST_SPLIT.test(code) && explicitId(code) === undefined) return code;
	return `[${ref}]`;
}

/** Ids of the categories a token names: `[id]` by id only, otherwise any category whose title (zh or en) or id it is. */
function resolveCategoryToken(token: string, categories: NamedCategory[]): string[] {
	const id = explicitId(token);
	if (id !== undefined) return categories.filter((c) => c.id === id).map((c) => c.id);
	return categories.filter((c) => c.title?.zh === token || c.id === token || (c.title?.en !== undefined && norm(c.title.en) === norm(token))).map((c) => c.id);
}

export function resolveCategoryTokens(tokens: string[], categories: NamedCategory[]): { ids: string[]; unknown: string[]; ambiguous: string[] } {
	const out = { ids: [] as string[], unknown: [] as string[], ambiguous: [] as string[] };
	if (tokens.length === 1 && NONE_TOKENS.some((t) => norm(t) === norm(tokens[0]!))) return out;
	for (const token of tokens) {
		const ids = resolveCategoryToken(token, categories);
		if (ids.length === 1) out.ids.push(ids[0]!);
		else if (ids.length > 1) out.ambiguous.push(token);
		else out.unknown.push(token);
	}
	return out;
}
