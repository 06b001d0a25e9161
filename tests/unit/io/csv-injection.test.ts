/**
 * Every CSV export (results scores, results findings, the framework's indicator sheet, the 整改清单) with
 * formula payloads that span lines: no text cell of the written file may start with = + - @, tab or CR.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { frameworkToSheets } from '$lib/domain/framework/sheet';
import type { Finding } from '$lib/domain/finding';
import { rectificationSheets, type Rectification, type RectificationLabels } from '$lib/domain/rectification';
import { findingsTable, scoresTable } from '$lib/domain/results';
import { scoreCampaign } from '$lib/domain/scoring';
import { formulaSafe, parseCsv, sheetToCsv } from '$lib/io/csv';
import { readXlsxSheets, toXlsxSheets, writeSheetsToXlsx } from '$lib/io/xlsx';
import { CAMPAIGN, completed, finding, miniFramework } from '../fixtures/mini-framework';
import { T, target, urlEvidence } from '../results/helpers';

const HYPERLINK = '=HYPERLINK("https://evil.example/?x=1","查看佐证")\nsecond line';
const PAYLOADS = [HYPERLINK, '+1+1\r\n', '-2+3\nx', '@SUM(A1)\nx', '\t=1\nx', '\r=1\nx'];

/** The raw cells of a CSV file as a spreadsheet reads them (no unescaping). */
const rawCells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data.flat();
const DANGEROUS = /^[=+\-@\t\r]/;
const dangerous = (csv: string) => rawCells(csv).filter((c) => DANGEROUS.test(c) && !/^-?\d+(\.\d+)?$/.test(c));

describe('formulaSafe', () => {
	it('prefixes every formula start, whatever follows on later lines', () => {
		for (const p of PAYLOADS) expect(formulaSafe(p)).toBe(`'${p}`);
	});

	it('leaves plain text and signed decimals alone', () => {
		expect(['查看', 'a=1', '-5.0', '-12', ' =1'].map(formulaSafe)).toEqual(['查看', 'a=1', '-5.0', '-12', ' =1']);
	});
});

describe('CSV exports with multi-line formula payloads', () => {
	it('the results tables: a target name and a note', () => {
		const fw = miniFramework();
		const evil = target('E', HYPERLINK, 'dept', { ownerUnit: '@x\ny' });
		const fa1: Finding = { ...finding('a1', 'fail', { link: 1 }, 'E'), note: HYPERLINK, updatedBy: '+assessor\n2' };
		const findings = completed(fw, [evil], [fa1]);
		const scores = scoreCampaign(fw, [evil], findings);
		const evidence = [urlEvidence(fa1.id, 'E', 'https://a.gov.cn/1')];
		for (const sheet of [scoresTable(fw, [evil], scores), findingsTable(fw, [evil], findings, evidence)]) {
			const csv = sheetToCsv(sheet);
			expect(csv).toContain(`"'=HYPERLINK(""https://evil.example/?x=1"",""查看佐证"")\nsecond line"`);
			expect(dangerous(csv)).toEqual([]);
		}
	});

	it('the framework indicator sheet: titles and guidance', () => {
		const fw = miniFramework((f) => {
			const ind = f.sections[0]!.indicators![0]!;
			ind.title = { zh: HYPERLINK };
			ind.guidance = { zh: '-1+1\n说明' };
			ind.basis = '@cmd\nx';
		});
		const sheets = frameworkToSheets(fw);
		for (const sheet of sheets) expect(dangerous(sheetToCsv(sheet))).toEqual([]);
		expect(sheetToCsv(sheets[0]!)).toContain(`'=HYPERLINK`);
	});

	it('the 整改清单: description, suggestion, proof, remarks and the target name', () => {
		const t = target('R', '\t=cmd\nx', 'dept');
		const item: Rectification = {
			id: '00000000-0000-4000-8000-000000000099',
			campaignId: CAMPAIGN,
			targetId: t.id,
			indicatorId: 'a1',
			deductionId: 'link',
			seq: 1,
			description: HYPERLINK,
			evidenceUrls: [],
			basis: '',
			pointsLost: 3,
			veto: false,
			suggestion: '+1\nx',
			responsibleUnit: '-unit\nx',
			responsiblePerson: '',
			status: 'open',
			reason: '',
			fixedUrl: '',
			proof: '@proof\nx',
			rechecker: '',
			remarks: '\r=1\nx',
			findingResolved: false,
			history: [],
			createdAt: T,
			updatedAt: T,
			updatedBy: ''
		};
		const labels = { locale: 'zh', sheet: '整改清单', headers: {}, status: { open: '未整改' }, recheck: {}, yes: '是', overdue: '', today: '2026-01-01' } as unknown as RectificationLabels;
		const [flat] = rectificationSheets(miniFramework(), [item], [t], labels);
		const csv = sheetToCsv(flat!);
		expect(dangerous(csv)).toEqual([]);
		// The prefix comes off again on import.
		expect(parseCsv(csv).rows[1]).toContain(HYPERLINK);
	});

	it('number cells, negative ones included, are written as numbers, never prefixed', () => {
		const csv = sheetToCsv({ name: 'x', rows: [[-5, { value: -5, text: '-5.0', format: '0.0' }, '-5.0']] });
		expect(csv).toBe('\uFEFF-5,-5.0,-5.0');
	});
});

describe('Excel export of formula-like text', () => {
	it('writes it as a string cell (a formula would read back without its text), read back as the same text', async () => {
		const sheets = [{ name: 'x', rows: [['名称'], ...PAYLOADS.map((p) => [p])] }];
		expect(toXlsxSheets(sheets)[0]!.data.slice(1).map((r) => r[0]?.type)).toEqual(PAYLOADS.map(() => String));
		expect(await readXlsxSheets(await writeSheetsToXlsx(sheets))).toEqual(sheets);
	});
});
