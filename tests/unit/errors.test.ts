import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, describeZodError, formatIssuePath } from '$lib/domain/errors';
import { i18n, loadLocale } from '$lib/i18n/index.svelte';
import { en } from '$lib/i18n/en';
import { zh } from '$lib/i18n/zh-CN';
import { parseCsv } from '$lib/io/csv';
import { IoError } from '$lib/io/errors';
import { readFileAsText } from '$lib/io/read-file';
import { errorText, toUserError } from '$lib/state/errors';
import { SaveQueue } from '$lib/state/save-queue.svelte';
import { StorageError, invalidRecord } from '$lib/storage/errors';
import { withDb } from '$lib/storage/transactions';
import { validateForWrite } from '$lib/storage/validate';
import type { KaimingDatabase } from '$lib/storage';

const MB = 1024 * 1024;

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
	i18n.locale = 'zh-CN';
});

describe('AppError', () => {
	it('carries code, message key, structured details and a technical line', () => {
		const e = new AppError('io', 'csv-invalid', { file: 'a.csv', row: 3, text: 'MissingQuotes' });
		expect(e).toBeInstanceOf(Error);
		expect(e).toMatchObject({ name: 'IoError', area: 'io', code: 'csv-invalid', messageKey: 'io.error.csv-invalid' });
		expect(e.details).toEqual({ file: 'a.csv', row: 3, text: 'MissingQuotes' });
		expect(e.detail).toBe('MissingQuotes');
		expect(e.message).toBe('io csv-invalid: file a.csv, row 3, MissingQuotes');
	});

	it('is what storage and io throw, each with its own key namespace', () => {
		const s = new StorageError('not-found', { record: 'campaigns/x' });
		expect(s).toBeInstanceOf(AppError);
		expect(s).toMatchObject({ name: 'StorageError', messageKey: 'error.storage.not-found', detail: 'campaigns/x' });
		const io = new IoError('too-large', { size: 5, limit: 4 });
		expect(io).toBeInstanceOf(AppError);
		expect(io.messageKey).toBe('io.error.too-large');
		// A string is technical text only.
		expect(new StorageError('quota', 'full').details).toEqual({ text: 'full' });
	});

	it('formats issue paths one way for errors and one way for backup problems', () => {
		expect(formatIssuePath(['sections', 0, 'indicators', 2, 'id'])).toBe('sections[0].indicators[2].id');
		expect(formatIssuePath(['sections', 0, 'indicators', 2, 'id'], 'dots')).toBe('sections.0.indicators.2.id');
		expect(formatIssuePath([])).toBe('');
		expect(formatIssuePath([], 'dots')).toBe('(root)');
		const error = z.object({ a: z.array(z.string()) }).safeParse({ a: [1] }).error!;
		expect(describeZodError(error, 'campaigns/x')).toMatch(/^campaigns\/x\.a\[0\]: /);
	});
});

describe('toUserError', () => {
	it('a CSV import error says which file and row', () => {
		let thrown: unknown;
		try {
			parseCsv('指标,分值\n1,2\n"x,2');
		} catch (e) {
			thrown = e;
		}
		const error = toUserError(thrown, { file: '指标.csv' });
		expect(error.key).toBe('io.error.csv-invalid');
		expect(error.detail).toEqual([
			{ key: 'error.detail.file', params: { file: '指标.csv' } },
			{ key: 'error.detail.row', params: { row: 3 } }
		]);
		expect(errorText(error)).toBe(`${zh['io.error.csv-invalid']}（文件“指标.csv”，第 3 行）`);
	});

	it('a file error names the picked file by itself', async () => {
		const file = new File(['12345'], 'big.xlsx');
		const error = toUserError(await readFileAsText(file, 4).catch((e: unknown) => e));
		expect(error.key).toBe('io.error.too-large');
		expect(error.detail.map((d) => d.key)).toEqual(['error.detail.file', 'error.detail.size']);
		expect(error.detail[0]!.params).toEqual({ file: 'big.xlsx' });
	});

	it('a full disk says how full, in megabytes', async () => {
		const error = toUserError(new StorageError('quota', { usage: 950 * MB, quota: 1000 * MB }));
		expect(error).toEqual({ key: 'error.storage.quota', params: {}, detail: [{ key: 'error.detail.quota', params: { usage: 950, quota: 1000 } }] });
		expect(errorText(error)).toBe(`${zh['error.storage.quota']}（已用 950 MB，共 1000 MB）`);
		await loadLocale('en');
		i18n.locale = 'en';
		expect(errorText(error)).toBe(`${en['error.storage.quota']} (950 MB of 1000 MB used)`);
	});

	it('a failed write reports the browser’s figures with a quota error', async () => {
		vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 2 * MB, quota: 2 * MB }) } });
		const db = {} as KaimingDatabase;
		const getDb = Object.assign(() => Promise.resolve(db), { current: () => db });
		const failed = await withDb(getDb, () => Promise.reject(new DOMException('full', 'QuotaExceededError'))).catch((e: unknown) => e);
		expect(failed).toBeInstanceOf(StorageError);
		expect((failed as StorageError).details).toMatchObject({ usage: 2 * MB, quota: 2 * MB });
		expect(toUserError(failed).detail).toEqual([{ key: 'error.detail.quota', params: { usage: 2, quota: 2 } }]);
	});

	it('an invalid record says which record and field', () => {
		const Row = z.object({ id: z.string(), title: z.string().min(1) });
		let thrown: unknown;
		try {
			validateForWrite(Row, { id: 'c1', title: '' }, 'campaign');
		} catch (e) {
			thrown = e;
		}
		const error = toUserError(thrown);
		expect(error.key).toBe('error.storage.invalid');
		expect(error.detail).toEqual([
			{ key: 'error.detail.record', params: { record: 'campaign c1' } },
			{ key: 'error.detail.field', params: { path: 'title' } }
		]);
		const read = toUserError(invalidRecord(Row.safeParse({ id: 'c2', title: 3 }).error!, 'campaigns/c2'));
		expect(errorText(read)).toBe(`${zh['error.storage.invalid']}（记录 campaigns/c2，字段 title）`);
	});

	it('anything else shows the fallback message, never its raw text, and goes to the console', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const error = toUserError(new TypeError('secret internals'), { fallback: 'report.exportFailed' });
		expect(error).toEqual({ key: 'report.exportFailed', params: {}, detail: [] });
		expect(errorText(error)).not.toContain('secret');
		expect(log).toHaveBeenCalledOnce();
		expect(toUserError('odd').key).toBe('error.storage.unknown');
	});

	it('a state class keeps the key as `error` and the whole message as `failure`', async () => {
		const q = new SaveQueue();
		q.push('a', () => Promise.reject(new StorageError('quota', { usage: 10 * MB, quota: 10 * MB })));
		await q.idle();
		expect(q.error).toBe('error.storage.quota');
		expect(q.failure?.detail).toEqual([{ key: 'error.detail.quota', params: { usage: 10, quota: 10 } }]);
	});
});
