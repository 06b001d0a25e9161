import { describe, expect, it, vi } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { unzip } from '$lib/io/unzip';

const big = strToU8(JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ id: i, note: `第${i}条：首页栏目更新不及时` }))));
const archive = () =>
	zipSync({
		'manifest.json': strToU8('{"format":"kaiming-backup"}'),
		'data/findings.json': big,
		'evidence/截图.png': [new Uint8Array([137, 80, 78, 71, 1, 2, 3]), { level: 0 }],
		'empty.txt': new Uint8Array(0)
	});

describe('unzip', () => {
	it('reads stored and deflated entries, with UTF-8 names, as fflate wrote them', async () => {
		const files = await unzip(archive());
		expect(Object.keys(files).sort()).toEqual(['data/findings.json', 'empty.txt', 'evidence/截图.png', 'manifest.json']);
		expect(files['data/findings.json']).toEqual(big);
		expect(files['evidence/截图.png']).toEqual(new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
		expect(new TextDecoder().decode(files['manifest.json'])).toBe('{"format":"kaiming-backup"}');
		expect(files['empty.txt']).toEqual(new Uint8Array(0));
	});

	it('inflates with fflate where the browser has no deflate-raw stream', async () => {
		vi.resetModules();
		vi.stubGlobal('DecompressionStream', function () {
			throw new TypeError('Unsupported compression format');
		});
		try {
			const { unzip: fallback } = await import('$lib/io/unzip');
			expect((await fallback(archive()))['data/findings.json']).toEqual(big);
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('refuses what is not a whole zip', async () => {
		await expect(unzip(strToU8('这不是 zip'))).rejects.toThrow('no end of central directory');
		const bytes = archive();
		await expect(unzip(bytes.subarray(0, bytes.length - 30))).rejects.toThrow();
		// A flipped byte inside the compressed data.
		const flipped = bytes.slice();
		flipped[200] = flipped[200]! ^ 0xff;
		await expect(unzip(flipped)).rejects.toThrow();
	});

	it('refuses an entry compressed some other way', async () => {
		const bytes = zipSync({ 'a.txt': [strToU8('x'), { level: 0 }] });
		// The method field of the central directory entry (stored = 0) becomes 12 (bzip2).
		const view = new DataView(bytes.buffer);
		for (let at = bytes.length - 22; at >= 0; at--) {
			if (view.getUint32(at, true) === 0x02014b50) {
				view.setUint16(at + 10, 12, true);
				break;
			}
		}
		await expect(unzip(bytes)).rejects.toThrow('compression method 12');
	});
});
