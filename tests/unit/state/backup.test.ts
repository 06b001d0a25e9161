import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBackup } from '$lib/io/backup';
import { BackupState, LAST_BACKUP_KEY } from '$lib/state/backup.svelte';
import { catchDownloads } from '../io/catch-downloads';
import { harness, NOW, openCampaign } from './harness';

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('BackupState.backup', () => {
	it('offers the file only once it has been read back, and says how many files passed the check', async () => {
		const { deps, app, cs } = await openCampaign();
		const downloads = catchDownloads();
		const backup = new BackupState(deps, app);

		const saved = await backup.backup();
		expect(backup.failure).toBeNull();
		// The manifest and the 12 data files.
		expect(saved).toEqual({ name: 'kaiming-backup-2026-03-02.kaiming', files: 13 });
		expect(backup.saved).toEqual(saved);
		expect(downloads.map((d) => d.name)).toEqual(['kaiming-backup-2026-03-02.kaiming']);
		expect(await deps.repos.meta.get(LAST_BACKUP_KEY)).toBe(NOW);
		const read = await readBackup(downloads[0]!.blob);
		expect(read.ok && read.data.targets.map((t) => t.name)).toEqual(cs.targets.map((t) => t.name));
	});

	it('streams into a picked file where the browser has the picker, and offers no download', async () => {
		const { deps, app } = await openCampaign();
		const downloads = catchDownloads();
		let file: Blob | null = null;
		const chunks: Uint8Array[] = [];
		const handle = {
			createWritable: async () => new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()), close: () => void (file = new Blob(chunks as Uint8Array<ArrayBuffer>[])) }),
			getFile: async () => file!
		};
		const picker = vi.fn(async () => handle);
		vi.stubGlobal('showSaveFilePicker', picker);
		const backup = new BackupState(deps, app);

		expect(await backup.backup()).toEqual({ name: 'kaiming-backup-2026-03-02.kaiming', files: 13 });
		expect(picker).toHaveBeenCalledWith(expect.objectContaining({ suggestedName: 'kaiming-backup-2026-03-02.kaiming' }));
		expect(downloads).toEqual([]);
		expect((await readBackup(file!)).ok).toBe(true);
	});

	it('writes nothing and records no backup when the picker is closed', async () => {
		const { deps, app } = await openCampaign();
		const downloads = catchDownloads();
		vi.stubGlobal('showSaveFilePicker', async () => Promise.reject(new DOMException('closed', 'AbortError')));
		const backup = new BackupState(deps, app);
		expect(await backup.backup()).toBeNull();
		expect([backup.failure, backup.saved, downloads.length]).toEqual([null, null, 0]);
		expect(await deps.repos.meta.get(LAST_BACKUP_KEY)).toBeUndefined();
	});

	it('refuses to offer a file that does not read back as written', async () => {
		const { deps, app } = await openCampaign();
		const downloads = catchDownloads();
		// A disk that loses the end of the file.
		const handle = {
			createWritable: async () => new WritableStream<Uint8Array>(),
			getFile: async () => new Blob([new Uint8Array(100)])
		};
		vi.stubGlobal('showSaveFilePicker', async () => handle);
		const backup = new BackupState(deps, app);
		expect(await backup.backup()).toBeNull();
		expect(backup.failure?.key).toBe('io.error.verify-failed');
		expect([backup.saved, downloads.length]).toEqual([null, 0]);
		expect(await deps.repos.meta.get(LAST_BACKUP_KEY)).toBeUndefined();
	});
});

describe('BackupState: every restore step ends not busy', () => {
	it('is busy while a file is read and not after, whether it was read or not', async () => {
		const h = harness();
		const backup = new BackupState(h.deps, h.app);
		const unreadable = new File([new Uint8Array(1024)], 'broken.kaiming');
		let release!: () => void;
		// The zip reader reads the file in slices: the first read hangs until released, then fails.
		const hanging = new Blob(['x']);
		vi.spyOn(hanging, 'arrayBuffer').mockImplementation(() => new Promise((_, reject) => (release = () => reject(new Error('gone')))));
		vi.spyOn(unreadable, 'slice').mockReturnValue(hanging);
		const reading = backup.inspect(unreadable);
		expect(backup.busy).toBe(true);
		await vi.waitFor(() => expect(release).toBeTypeOf('function'));
		release();
		// A file that cannot be read is refused as not being a readable zip.
		expect(await reading).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'backup.error.notZip' })] });
		expect(backup.busy).toBe(false);
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
