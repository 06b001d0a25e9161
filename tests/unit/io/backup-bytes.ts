import type { BackupData } from '$lib/domain/backup';
import { writeBackup, type BackupMeta } from '$lib/io/backup';

/** A backup file's bytes, written through the same stream the app writes to a file. */
export async function backupBytes(data: BackupData, meta: BackupMeta): Promise<Uint8Array<ArrayBuffer>> {
	const stream = new TransformStream<Uint8Array, Uint8Array>();
	const blob = new Response(stream.readable).blob();
	await writeBackup(data, meta, stream.writable);
	return new Uint8Array(await (await blob).arrayBuffer());
}
