import { z } from 'zod';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Settings = z.object({
	assessorName: z.string().max(100).default(''),
	locale: Locale.default('zh-CN')
});
export type Settings = z.infer<typeof Settings>;
