import type { Page } from '@playwright/test';

/** Every store, records sorted by id; findings flattened from their targets' records; files as their SHA-256 and type; meta as its keys. */
export async function dumpDatabase(page: Page) {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open('kaiming');
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		const all = (store: string) =>
			new Promise<Record<string, unknown>[]>((resolve, reject) => {
				const r = db.transaction(store).objectStore(store).getAll();
				r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
				r.onerror = () => reject(r.error);
			});
		const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (JSON.stringify(a.id) < JSON.stringify(b.id) ? -1 : 1);
		const out: Record<string, unknown[]> = {};
		for (const store of [...db.objectStoreNames].sort()) {
			const records = await all(store);
			if (store === 'meta') out.meta = records.map((r) => String(r.key)).sort();
			else if (store === 'evidenceFiles')
				out.evidenceFiles = await Promise.all(
					records.map(async ({ blob, ...rest }) => {
						const b = blob as Blob;
						const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await b.arrayBuffer()));
						return { ...rest, type: b.type, sha256: Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('') };
					})
				);
			// Findings are kept one record per target; compared as findings, so their order in a record does not matter.
			else if (store === 'targetFindings') out.findings = records.flatMap((r) => r.findings as Record<string, unknown>[]).sort(byId);
			else out[store] = records.sort(byId);
		}
		db.close();
		return out as Record<string, unknown[]> & { meta: string[]; evidenceFiles: Record<string, unknown>[] };
	});
}

/**
 * Holds a read-write transaction on `store` open (from `page`, on a connection of its own) until the returned
 * function is called. Writes other tabs make meanwhile queue behind it in the order they were made and run when it
 * ends: two tabs' writes then race exactly as when both were in flight at once.
 */
export async function holdStore(page: Page, store: string): Promise<() => Promise<void>> {
	await page.evaluate(
		(name) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('kaiming');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(name, 'readwrite');
					const w = window as unknown as { __hold?: { release: boolean; done: Promise<void> } };
					const hold = { release: false, done: new Promise<void>((end) => (tx.oncomplete = () => (db.close(), end()))) };
					w.__hold = hold;
					// A transaction stays open while it has requests: ask again until released.
					const poll = () => {
						if (!hold.release) tx.objectStore(name).count().onsuccess = poll;
					};
					tx.objectStore(name).count().onsuccess = () => {
						resolve();
						poll();
					};
				};
			}),
		store
	);
	return () =>
		page.evaluate(() => {
			const hold = (window as unknown as { __hold: { release: boolean; done: Promise<void> } }).__hold;
			hold.release = true;
			return hold.done;
		});
}
