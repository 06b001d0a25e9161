import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBlob, safeFileName } from '$lib/io/download';

describe('downloadBlob', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	it('clicks a temporary link with the file name, removes it and revokes the URL later', () => {
		vi.useFakeTimers();
		const clicked: { href: string; download: string }[] = [];
		const anchor = {
			href: '',
			download: '',
			rel: '',
			style: { display: '' },
			click: vi.fn(() => clicked.push({ href: anchor.href, download: anchor.download })),
			remove: vi.fn()
		};
		const append = vi.fn();
		vi.stubGlobal('document', { createElement: vi.fn(() => anchor), body: { append } });
		const revoke = vi.fn();
		vi.stubGlobal('URL', { createObjectURL: vi.fn(() => 'blob:1'), revokeObjectURL: revoke });

		downloadBlob(new Blob(['x']), '政府网站/2019:指标.xlsx');

		expect(append).toHaveBeenCalledWith(anchor);
		expect(clicked).toEqual([{ href: 'blob:1', download: '政府网站_2019_指标.xlsx' }]);
		expect(anchor.remove).toHaveBeenCalled();
		expect(revoke).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1000);
		expect(revoke).toHaveBeenCalledWith('blob:1');
	});

	it('safeFileName keeps Chinese and replaces what file systems refuse', () => {
		expect(safeFileName('  评估  结果?.xlsx ')).toBe('评估 结果_.xlsx');
		expect(safeFileName('...')).toBe('download');
	});
});
