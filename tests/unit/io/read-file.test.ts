import { describe, expect, it } from 'vitest';
import { decodeText, readFileAsArrayBuffer, readFileAsText } from '$lib/io/read-file';

describe('readFileAsText', () => {
	it('reads UTF-8 and strips the BOM', async () => {
		expect(await readFileAsText(new Blob(['\uFEFF指标,分值']))).toBe('指标,分值');
	});

	it('falls back to GB18030 for a CSV saved by Excel on Chinese Windows', async () => {
		const gbk = new Uint8Array([0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0x31]); // "指标,1"
		expect(await readFileAsText(new Blob([gbk]))).toBe('指标,1');
	});

	it('refuses files above the limit with a code', async () => {
		await expect(readFileAsText(new Blob(['12345']), 4)).rejects.toMatchObject({ code: 'too-large', messageKey: 'io.error.too-large' });
	});

	it('turns a failing read into read-failed', async () => {
		const broken = { size: 1, arrayBuffer: () => Promise.reject(new Error('NotReadableError')) } as unknown as Blob;
		await expect(readFileAsArrayBuffer(broken)).rejects.toMatchObject({ code: 'read-failed' });
	});

	it('decodeText keeps valid UTF-8 as UTF-8', () => {
		expect(decodeText(new TextEncoder().encode('政务公开'))).toBe('政务公开');
	});
});
