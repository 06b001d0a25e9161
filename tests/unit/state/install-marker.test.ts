import { describe, expect, it } from 'vitest';
import { fixedClock } from '$lib/domain/clock';
import { checkInstall } from '$lib/domain/install-marker';
import { AppState } from '$lib/state/app.svelte';
import type { StateDeps } from '$lib/state/deps';
import type { MarkerCopies } from '$lib/storage/install-marker';
import { createMemoryRepositories } from '$lib/storage/memory';
import { NOW } from './harness';

const marker = { id: 'a1', createdAt: NOW };

describe('checkInstall', () => {
	it('tells first use, data in place and data gone apart', () => {
		expect(checkInstall(undefined, [])).toBe('fresh');
		expect(checkInstall(marker, ['a1'])).toBe('present');
		expect(checkInstall(marker, [])).toBe('present');
		expect(checkInstall(undefined, ['a1'])).toBe('lost');
		// A damaged marker is no marker.
		expect(checkInstall({ id: '' }, ['a1'])).toBe('lost');
	});
});

/** localStorage and the cookie, as a test holds them: they outlive the database. */
function memoryCopies(): MarkerCopies & { ids: Set<string> } {
	const ids = new Set<string>();
	return {
		ids,
		read: () => [...ids],
		write(id) {
			ids.clear();
			ids.add(id);
		}
	};
}

function browser(copies: MarkerCopies, repos = createMemoryRepositories()) {
	let n = 0;
	const deps: StateDeps = { repos, clock: fixedClock(NOW), newId: () => `id-${++n}` };
	return { repos, app: new AppState(deps, null, undefined, copies) };
}

describe('AppState: noticing that the browser dropped the data', () => {
	it('says nothing on first use or when the data is in place', async () => {
		const copies = memoryCopies();
		const first = browser(copies);
		await first.app.load();
		expect(first.app.dataLoss).toBeNull();
		expect(copies.ids.size).toBe(1);
		const again = browser(copies, first.repos);
		await again.app.load();
		expect(again.app.dataLoss).toBeNull();
	});

	it('says so when the database is empty but a copy of its marker survived, until dismissed', async () => {
		const copies = memoryCopies();
		await browser(copies).app.load();
		// Evicted: a new, empty database; localStorage or the cookie still hold the old id.
		const evicted = browser(copies);
		await evicted.app.load();
		expect(evicted.app.dataLoss).toEqual({ detectedAt: NOW });
		// A reload does not hide it: the loss is recorded before the new marker is written.
		const reloaded = browser(copies, evicted.repos);
		await reloaded.app.load();
		expect(reloaded.app.dataLoss).toEqual({ detectedAt: NOW });
		await reloaded.app.dismissDataLoss();
		expect(reloaded.app.dataLoss).toBeNull();
		const after = browser(copies, evicted.repos);
		await after.app.load();
		expect(after.app.dataLoss).toBeNull();
	});
});
