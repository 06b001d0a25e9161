import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '$lib/domain/clock';
import { frameworkToJson } from '$lib/domain/framework';
import { frameworkToSheets } from '$lib/domain/framework/sheet';
import { builtInFrameworks } from '$lib/frameworks';
import { sheetToCsv } from '$lib/io/csv';
import { exportFramework, readFrameworkFile } from '$lib/state/exports';
import { Job } from '$lib/state/job.svelte';
import { catchDownloads } from '../io/catch-downloads';

const fw = builtInFrameworks[0]!;
const NOW = '2026-02-01T00:00:00.000Z';

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('Job', () => {
	it('is busy while the work runs and remembers a failure until the next run', async () => {
		const job = new Job();
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		let release!: () => void;
		const running = job.run(() => new Promise<void>((r) => (release = r)));
		expect(job.busy).toBe(true);
		release();
		expect(await running).toBe(true);
		expect([job.busy, job.failed]).toEqual([false, false]);
		expect(await job.run(() => Promise.reject(new Error('disk')))).toBe(false);
		expect([job.busy, job.failed]).toEqual([false, true]);
		expect(error).toHaveBeenCalled();
		await job.run(async () => {});
		expect(job.failed).toBe(false);
	});
});

describe('exportFramework', () => {
	it('stamps the JSON file with the time of its clock', async () => {
		const downloads = catchDownloads();
		await exportFramework(fw, 'json', fixedClock(NOW));
		expect(downloads.map((d) => d.name)).toEqual([`${fw.id}-v${fw.version}.json`]);
		expect(await downloads[0]!.blob.text()).toBe(frameworkToJson(fw, NOW));
	});

	it('writes the indicator sheet as CSV through the sheets download path', async () => {
		const downloads = catchDownloads();
		await exportFramework(fw, 'csv', fixedClock(NOW));
		expect(downloads.map((d) => d.name)).toEqual([`${fw.id}-v${fw.version}.csv`]);
		expect(new Uint8Array(await downloads[0]!.blob.arrayBuffer())).toEqual(new TextEncoder().encode(sheetToCsv(frameworkToSheets(fw)[0]!)));
	});
});

describe('readFrameworkFile', () => {
	const options = { now: NOW, user: '测试', base: fw };

	it('reads a framework back from its JSON file', async () => {
		const file = new File([frameworkToJson(fw, NOW)], 'fw.json');
		expect(await readFrameworkFile(file, options)).toEqual({ framework: fw });
	});

	it('reads the indicator CSV on top of the base framework', async () => {
		const file = new File([sheetToCsv(frameworkToSheets(fw)[0]!)], 'fw.csv');
		const r = await readFrameworkFile(file, options);
		expect('framework' in r && r.framework.sections).toEqual(fw.sections);
	});

	it('answers a broken file or a wrong type with problems, never a rejection', async () => {
		const broken = await readFrameworkFile(new File(['{"format": '], 'broken.json'), options);
		expect('problems' in broken && broken.problems[0]!.code).toBe('fwjson.error.syntax');
		expect(await readFrameworkFile(new File(['x'], 'notes.txt'), options)).toEqual({ problems: [{ sheet: 'notes.txt', code: 'import.wrongType', params: { name: 'notes.txt' } }] });
		const xls = await readFrameworkFile(new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], 'old.xlsx'), options);
		expect('problems' in xls && xls.problems[0]!.code).toMatch(/^io\.error\./);
	});
});
