import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBackup } from '$lib/io/backup';
import { backupBytes } from './io/backup-bytes';
import { parseFrameworkJson, frameworkToJson } from '$lib/domain/framework';
import { sheetsToFramework, frameworkToSheets } from '$lib/domain/framework/sheet';
import { parseTargetPaste } from '$lib/domain/target-paste';
import { parseCalendarList } from '$lib/domain/calendar';
import { builtInFrameworks } from '$lib/frameworks';
import { makeCampaign, makeFinding, makeTarget } from './storage/fixtures';

const NOW = '2026-11-21T00:00:00.000Z';
const fw = builtInFrameworks[0]!;

/** Any input gives an answer — a result or a list of problems — and never an exception. */
describe('hostile and damaged input never crashes an importer', () => {
	it('backup files: random bytes and single-byte corruptions of a real backup', async () => {
		const campaign = makeCampaign();
		const target = makeTarget(campaign.id);
		const good = await backupBytes(
			{ frameworks: [], frameworkVersions: [], campaigns: [campaign], targets: [target], findings: [makeFinding(target)], evidence: [], findingChanges: [], rectifications: [], annualReports: [], issuedPackages: [], reviewGrades: [], evidenceFiles: [], settings: null },
			{ appVersion: 'test', createdAt: NOW, scope: { kind: 'all' } }
		);
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
				const r = await readBackup(bytes);
				expect(r.ok).toBe(false);
			}),
			{ numRuns: 60 }
		);
		await fc.assert(
			fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
				const bytes = good.slice();
				bytes[at] = bytes[at]! ^ xor;
				const r = await readBackup(bytes);
				// A flipped byte either leaves the data intact (zip padding) or is caught; it never crashes.
				if (r.ok) expect(r.data.campaigns).toEqual([campaign]);
				else expect(r.problems.length).toBeGreaterThan(0);
			}),
			{ numRuns: 80 }
		);
	});

	it('framework JSON: random text and mutated real files', () => {
		const json = frameworkToJson(fw, NOW);
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (text) => {
				const r = parseFrameworkJson(text);
				if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
			}),
			{ numRuns: 200 }
		);
		fc.assert(
			fc.property(fc.nat({ max: json.length - 1 }), fc.string({ maxLength: 3 }), (at, insert) => {
				const r = parseFrameworkJson(json.slice(0, at) + insert + json.slice(at + 1));
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 200 }
		);
	});

	it('indicator sheets: random cells in the real sheet layout', () => {
		const sheets = frameworkToSheets(fw);
		const cell = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: false }), fc.constant(null));
		fc.assert(
			fc.property(fc.nat({ max: sheets[0]!.rows.length - 1 }), fc.nat({ max: 19 }), cell, (row, col, value) => {
				const copy = sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) }));
				copy[0]!.rows[row]![col] = value;
				const r = sheetsToFramework(copy, { now: NOW });
				if (!r.ok) expect(r.problems.every((p) => typeof p.code === 'string')).toBe(true);
			}),
			{ numRuns: 150 }
		);
	});

	it('pasted target rows and calendar lists: any text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 400 }), (text) => {
				for (const row of parseTargetPaste(text, fw.categories, ['市政府'])) expect(row.line).toBeGreaterThan(0);
				const cal = parseCalendarList(text);
				if (!cal.ok) expect(cal.problems.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 }
		);
	});
});
