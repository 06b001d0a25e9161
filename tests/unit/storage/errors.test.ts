import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StorageError, toStorageError } from '$lib/storage';

describe('toStorageError', () => {
	it.each([
		['QuotaExceededError', 'quota'],
		['ConstraintError', 'conflict'],
		['InvalidStateError', 'closed'],
		['TransactionInactiveError', 'closed'],
		['VersionError', 'closed'],
		['DataError', 'unknown']
	] as const)('maps %s to %s', (name, code) => {
		const error = toStorageError(new DOMException('boom', name));
		expect(error).toBeInstanceOf(StorageError);
		expect(error.code).toBe(code);
		expect(error.messageKey).toBe(`error.storage.${code}`);
		expect(error.cause).toBeInstanceOf(DOMException);
	});

	it('maps a zod error to invalid with the issue path', () => {
		const result = z.object({ rows: z.array(z.object({ url: z.url() })) }).safeParse({ rows: [{ url: 'x' }] });
		const error = toStorageError(result.error);
		expect(error.code).toBe('invalid');
		expect(error.detail).toMatch(/^rows\[0\]\.url: /);
	});

	it('keeps a StorageError as it is and wraps anything else as unknown', () => {
		const original = new StorageError('not-found', 'campaigns/x');
		expect(toStorageError(original)).toBe(original);
		expect(toStorageError('weird').code).toBe('unknown');
		expect(toStorageError(new TypeError('bad')).detail).toBe('TypeError: bad');
	});
});
