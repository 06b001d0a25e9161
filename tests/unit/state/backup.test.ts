import { describe, expect, it, vi } from 'vitest';
import { BackupState } from '$lib/state/backup.svelte';
import { harness } from './harness';

describe('BackupState: every restore step ends not busy', () => {
	it('is busy while a file is read and not after, whether it was read or not', async () => {
		const h = harness();
		const backup = new BackupState(h.deps, h.app);
		const unreadable = new File(['x'], 'broken.kaiming');
		let release!: () => void;
		vi.spyOn(unreadable, 'arrayBuffer').mockImplementation(() => new Promise((_, reject) => (release = () => reject(new Error('gone')))));
		const reading = backup.inspect(unreadable);
		expect(backup.busy).toBe(true);
		await vi.waitFor(() => expect(release).toBeTypeOf('function'));
		release();
		expect(await reading).toBeNull();
		expect(backup.busy).toBe(false);
		expect(backup.error).toBe('io.error.read-failed');
	});

	it('a failing plan or restore leaves it not busy, with the failure shown', async () => {
		const h = harness();
		const backup = new BackupState(h.deps, h.app);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const data = await h.deps.repos.backup.exportAll();
		vi.spyOn(h.deps.repos.backup, 'plan').mockRejectedValue(new Error('disk'));
		vi.spyOn(h.deps.repos.backup, 'restore').mockRejectedValue(new Error('disk'));
		expect(await backup.newerLocally(data)).toBeNull();
		expect(backup.busy).toBe(false);
		expect(await backup.restore(data, 'replace')).toBeNull();
		expect([backup.busy, backup.failure !== null]).toEqual([false, true]);
	});
});
