import { z } from 'zod';

/** Ids of user records are random UUIDs; ids inside a framework are stable slugs chosen by its author. */
export const RecordId = z.uuid();
export const Slug = z
	.string()
	.min(1)
	.max(120)
	.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"');
export const Timestamp = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

/** Framework content is authored in Chinese; English is optional and falls back to Chinese. */
export const LocalText = z.object({
	zh: z.string().min(1),
	en: z.string().min(1).optional()
});
export type LocalText = z.infer<typeof LocalText>;

/** Who wrote a record and when: every persisted record carries these. */
export const RecordMeta = z.object({
	createdAt: Timestamp,
	updatedAt: Timestamp,
	updatedBy: z.string().max(100)
});
export type RecordMeta = z.infer<typeof RecordMeta>;

/** Time, ids and the acting assessor are injected so domain code stays deterministic under test. */
export interface Context {
	now(): string;
	newId(): string;
	user: string;
}

export function stamp(ctx: Context): RecordMeta {
	const now = ctx.now();
	return { createdAt: now, updatedAt: now, updatedBy: ctx.user };
}

export function touch<T extends RecordMeta>(record: T, ctx: Context): T {
	return { ...record, updatedAt: ctx.now(), updatedBy: ctx.user };
}

export function localText(text: LocalText | undefined, locale: string): string {
	if (!text) return '';
	return locale === 'en' ? (text.en ?? text.zh) : text.zh;
}
