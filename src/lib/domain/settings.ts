import { z } from 'zod';
import { WorkCalendar } from './calendar';
import { Rev } from './revision';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Settings = z.object({
	assessorName: z.string().max(100).default(''),
	locale: Locale.default('zh-CN'),
	/** Holidays and 调休 make-up workdays for rectification deadlines in working days. */
	calendar: WorkCalendar.default({ holidays: [], workdays: [] }),
	/** Grading by keyboard: an outcome key moves the focus on to the next indicator (unless counts are to be typed). */
	advanceAfterOutcome: z.boolean().default(true),
	rev: Rev.optional()
});
export type Settings = z.infer<typeof Settings>;
