import { z } from 'zod';
import { en as zodEn, zhCN as zodZh } from 'zod/locales';
import { localText, type LocalText } from '$lib/domain/common';
import type { Outcome } from '$lib/domain/finding';
import type { SectionPart } from '$lib/domain/framework/schema';
import type { Locale } from '$lib/domain/settings';
import { roundScore, scoreText } from '$lib/domain/rounding';
import { localDateTime } from '$lib/domain/clock';
import { zh, type MessageKey } from './zh-CN';

export type { MessageKey };
export type MessageParams = Record<string, string | number | LocalText | null | undefined>;

// Chinese ships with the app shell; English is loaded when someone switches to it.
const dictionaries: Partial<Record<Locale, Record<MessageKey, string>>> = { 'zh-CN': zh };

export async function loadLocale(locale: Locale): Promise<void> {
	if (locale === 'en' && !dictionaries.en) dictionaries.en = (await import('./en')).en;
}

let current = $state<Locale>('zh-CN');

/**
 * Set-up, called once by the app before anything is shown: zod's own messages (type errors in imported
 * files and the framework editor) in the current language. Importing this module does no work.
 */
export function initI18n(): void {
	configureZod(current);
}

function configureZod(locale: Locale): void {
	z.config(locale === 'en' ? zodEn() : zodZh());
}

export const i18n = {
	get locale(): Locale {
		return current;
	},
	set locale(value: Locale) {
		current = value;
		// zod's own messages (type errors in imported files and the framework editor) follow the UI language.
		configureZod(value);
		if (typeof document !== 'undefined') document.documentElement.lang = value;
	}
};

export function isMessageKey(key: string): key is MessageKey {
	return key in zh;
}

/** Numbers inside messages: full precision is kept in data; here at most `decimals` places, no trailing zeros. */
export function formatNumber(n: number, decimals = 1): string {
	return String(roundScore(n, decimals)).replace(/^-0$/, '0');
}

/** A score in tables: always the same number of decimals (四舍五入), so columns line up; the same text exports write. */
export function formatScore(n: number | null, decimals = 1): string {
	return scoreText(n, decimals);
}

export function formatDateTime(iso: string): string {
	return localDateTime(iso);
}

export function text(value: LocalText | undefined): string {
	return localText(value, current);
}

export function t(key: MessageKey, params: MessageParams = {}): string {
	const template = (dictionaries[current] ?? zh)[key] ?? key;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const v = params[name];
		if (v === undefined) return whole;
		if (v === null) return '—';
		if (typeof v === 'number') return formatNumber(v);
		if (typeof v === 'object') return localText(v, current);
		return v;
	});
}

/**
 * The message naming an outcome (符合 / 不符合 / …) in a part of a framework: 不符合 on a veto indicator
 * vetoes, and on a bonus indicator only means the bonus was not earned (未得分), which is no failure.
 */
export function outcomeLabel(outcome: Outcome, part?: SectionPart): MessageKey {
	if (outcome === 'fail' && part === 'veto') return 'outcome.vetoFail';
	if (outcome === 'fail' && part === 'bonus') return 'outcome.bonusNone';
	return `outcome.${outcome}`;
}

/** For keys computed at run time (trace steps, error codes): unknown keys show as themselves, never crash. */
export function tKey(key: string, params: MessageParams = {}): string {
	return isMessageKey(key) ? t(key, params) : key;
}
