import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/domain/clock';
import { i18n, loadLocale } from '$lib/i18n/index.svelte';
import { AppState } from '$lib/state/app.svelte';
import type { StateDeps } from '$lib/state/deps';
import { createMemoryRepositories } from '$lib/storage/memory';

describe('settings changed before the stored ones are read', () => {
	afterEach(() => {
		i18n.locale = 'zh-CN';
	});

	it('a language chosen on the first screen is kept, not reverted by the stored settings arriving later', async () => {
		const repos = createMemoryRepositories();
		const get = repos.settings.get.bind(repos.settings);
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		// The stored settings (Chinese) are read when the page opens, and arrive only after the click was saved.
		let first = true;
		repos.settings.get = async () => {
			const stored = await get();
			if (first) {
				first = false;
				await gate;
			}
			return stored;
		};
		const deps: StateDeps = { repos, clock: fixedClock('2026-03-05T06:30:00.000Z'), newId: () => crypto.randomUUID() };
		const app = new AppState(deps, null, undefined, { read: () => [], write: () => {} });
		const loading = app.load();
		await loadLocale('en');
		const clicked = app.setLocale('en');
		await new Promise((resolve) => setTimeout(resolve, 0));
		release();
		await Promise.all([loading, clicked]);
		expect(i18n.locale).toBe('en');
		expect(app.settings.locale).toBe('en');
		expect((await get()).locale).toBe('en');
	});
});
