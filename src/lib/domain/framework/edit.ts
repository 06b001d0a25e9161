import { stamp, touch, type Context } from '../common';
import { withoutRev } from '../revision';
import type { Framework } from './schema';

/** "2019.1" → "2019.2", "3" → "4", "v2-draft" → "v2-draft.1": the last number goes up, or one is added. */
export function bumpVersion(version: string): string {
	const m = /^(.*?)(\d+)$/.exec(version);
	return m ? `${m[1]}${Number(m[2]) + 1}` : `${version}.1`;
}

/** A short random slug for new sections, indicators and user frameworks (readable, collision-safe enough). */
export function newSlug(ctx: Context, prefix: string): string {
	return `${prefix}-${ctx.newId().replace(/-/g, '').slice(0, 8)}`;
}

/** An editable copy of any framework: a user framework of its own, starting its own version history. */
export function duplicateFramework(fw: Framework, ctx: Context, copySuffix: string): Framework {
	return {
		...structuredClone(withoutRev(fw)),
		id: newSlug(ctx, 'fw'),
		version: '1',
		builtIn: false,
		title: { zh: `${fw.title.zh}${copySuffix}`, ...(fw.title.en ? { en: `${fw.title.en} (copy)` } : {}) },
		...stamp(ctx)
	};
}

/** What a saved edit becomes: next version, stamped with who and when. */
export function nextVersion(fw: Framework, ctx: Context): Framework {
	return touch({ ...fw, version: bumpVersion(fw.version), builtIn: false }, ctx);
}
