import { describe, expect, it } from 'vitest';
import { SaveQueue } from '$lib/state/save-queue.svelte';
import { StorageError } from '$lib/storage/errors';

function deferred() {
	let resolve!: () => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<void>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('SaveQueue', () => {
	it('writes in order and only the latest queued value of a key', async () => {
		const q = new SaveQueue();
		const written: string[] = [];
		const first = deferred();
		q.push('a', async () => {
			await first.promise;
			written.push('a1');
		});
		q.push('b', async () => written.push('b1'));
		q.push('a', async () => written.push('a2'));
		q.push('a', async () => written.push('a3'));
		expect(q.pending).toBe(3);
		first.resolve();
		await q.idle();
		expect(written).toEqual(['a1', 'b1', 'a3']);
		expect(q.pending).toBe(0);
		expect(q.lastSavedAt).not.toBeNull();
		expect(q.error).toBeNull();
	});

	it('keeps a failure visible until that key is written successfully', async () => {
		const q = new SaveQueue();
		q.push('a', async () => {
			throw new StorageError('quota');
		});
		await q.idle();
		expect(q.error).toBe('error.storage.quota');
		expect(q.hasFailed('a')).toBe(true);

		q.push('b', async () => {});
		await q.idle();
		expect(q.error).toBe('error.storage.quota');

		q.push('a', async () => {});
		await q.idle();
		expect(q.hasFailed('a')).toBe(false);
		expect(q.error).toBeNull();
	});
});
