import { z } from 'zod';
import { RecordId } from '$lib/domain/common';
import { Finding } from '$lib/domain/finding';
import { StorageError } from './errors';
import { validateRead } from './validate';

/*
 * How findings are stored: one record per target holding all of that target's findings, keyed
 * [campaignId, targetId]. A provincial campaign is then 2,000 records instead of 240,000: opening it reads
 * in 0.4 s instead of 3 s from disk in Chromium (per-record cost dominates). The record is a storage
 * detail: repositories take and return findings, backups carry findings.
 */
export const TargetFindings = z
	.object({
		campaignId: RecordId,
		targetId: RecordId,
		findings: z.array(Finding)
	})
	.superRefine((sheet, ctx) => {
		// What the unique index on [targetId, indicatorId] and the id key path guaranteed in the old layout.
		const ids = new Set<string>();
		const indicators = new Set<string>();
		sheet.findings.forEach((f, i) => {
			if (f.campaignId !== sheet.campaignId || f.targetId !== sheet.targetId)
				ctx.addIssue({ code: 'custom', path: ['findings', i, 'targetId'], message: `belongs to targets/${f.targetId} in campaigns/${f.campaignId}` });
			if (ids.has(f.id)) ctx.addIssue({ code: 'custom', path: ['findings', i, 'id'], message: `duplicate finding ${f.id}` });
			if (indicators.has(f.indicatorId))
				ctx.addIssue({ code: 'custom', path: ['findings', i, 'indicatorId'], message: `a second finding for indicator ${f.indicatorId}` });
			ids.add(f.id);
			indicators.add(f.indicatorId);
		});
	});
export type TargetFindings = z.infer<typeof TargetFindings>;

export type TargetFindingsKey = [campaignId: string, targetId: string];

export const sheetKey = (f: Pick<Finding, 'campaignId' | 'targetId'>): TargetFindingsKey => [f.campaignId, f.targetId];

/** Every key of one campaign's records: the key path starts with the campaign id. */
export const campaignRange = (campaignId: string) => IDBKeyRange.bound([campaignId], [campaignId, []]);

/**
 * The target's record with `incoming` (findings of that target) added, or replacing stored findings of the
 * same id. Two findings for one indicator in the result is a 'conflict': two tabs creating "the same"
 * finding must collide, not duplicate. Checked on the result, so a framework move may swap two findings'
 * indicators in one write.
 */
export function withFindings(sheet: TargetFindings | undefined, incoming: readonly Finding[]): TargetFindings {
	const first = incoming[0];
	if (!first) throw new StorageError('invalid', 'a target\'s findings: nothing to write');
	const findings = [...(sheet?.findings ?? [])];
	const at = new Map(findings.map((f, i) => [f.id, i]));
	for (const f of incoming) {
		const i = at.get(f.id);
		if (i === undefined) at.set(f.id, findings.push(f) - 1);
		else findings[i] = f;
	}
	const holder = new Map<string, string>();
	for (const f of findings) {
		const other = holder.get(f.indicatorId);
		if (other !== undefined)
			throw new StorageError('conflict', { record: `findings/${f.id}`, text: `targets/${f.targetId} would have findings/${other} and findings/${f.id} for ${f.indicatorId}` });
		holder.set(f.indicatorId, f.id);
	}
	return { campaignId: first.campaignId, targetId: first.targetId, findings };
}

/** Findings grouped into one record per target, in the order given. */
export function groupIntoSheets(findings: readonly Finding[]): TargetFindings[] {
	const sheets = new Map<string, TargetFindings>();
	for (const f of findings) {
		const key = `${f.campaignId} ${f.targetId}`;
		const sheet = sheets.get(key);
		if (sheet) sheet.findings.push(f);
		else sheets.set(key, { campaignId: f.campaignId, targetId: f.targetId, findings: [f] });
	}
	return [...sheets.values()];
}

/** How a record is named in messages: `<campaignId>/<targetId>`. */
export const sheetId = (record: unknown) => {
	const r = record as Partial<TargetFindings> | null;
	return `${r?.campaignId}/${r?.targetId}`;
};

export const validateSheet = (record: unknown) => validateRead(TargetFindings, record, 'targetFindings', sheetId(record));

/** A target's findings record as stored (validated), or undefined when the target has no findings yet. */
export async function readSheet(store: { get(key: TargetFindingsKey): Promise<unknown> }, key: TargetFindingsKey): Promise<TargetFindings | undefined> {
	const record = await store.get(key);
	return record === undefined ? undefined : validateSheet(record);
}
