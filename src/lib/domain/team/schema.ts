/**
 * Team work without a server (issue 16): the lead hands each assessor a work package (a `.kaiming` file with
 * the campaign, their targets, their findings and evidence, and the revision every record had when it was
 * written), the assessor grades offline and hands back a return file, and the lead merges the return item by
 * item against that base. Both files are backup archives (domain/backup) with these scopes, so they share the
 * backup's zip, checksums and validation.
 */
import { z } from 'zod';
import { RecordId, RecordMeta, Slug, Timestamp } from '../common';
import { Finding } from '../finding';
import { Rev } from '../revision';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

/** An assessor grades their targets; a reviewer re-grades a 复核 sample, blind when the first grades are hidden. */
export const PackageRole = z.enum(['assessor', 'reviewer']);
export type PackageRole = z.infer<typeof PackageRole>;

/** Who a package was written for and what it holds: the same in the package and in every return of it. */
export const PackageInfo = z.object({
	packageId: RecordId,
	campaignId: RecordId,
	campaignTitle: z.string().max(200),
	frameworkId: Slug,
	frameworkVersion: z.string().min(1).max(50),
	/** The assessor (or reviewer) the package was written for, as the lead assigned them. */
	assessor: z.string().trim().min(1).max(100),
	role: PackageRole,
	/** A reviewer's package without the first grades. */
	blind: z.boolean().default(false),
	targetIds: z.array(RecordId).min(1),
	/** A reviewer's sample: the items to re-grade. Absent: every indicator of the targets. */
	items: z.array(z.object({ targetId: RecordId, indicatorId: Slug })).optional(),
	issuedAt: Timestamp,
	issuedBy: z.string().max(100)
});
export type PackageInfo = z.infer<typeof PackageInfo>;

/**
 * The base of a package: every finding as it was written into the package (empty for a blind reviewer, who starts
 * from nothing) and the evidence ids it held. A return carries the same base, so the lead's three-way merge needs
 * nothing but the return file and the stored records; the lead also keeps the base's digest when writing the
 * package (`IssuedPackage`), so a return whose base was altered is refused.
 */
export const PackageBase = z.object({
	findings: z.array(Finding),
	evidenceIds: z.array(RecordId)
});
export type PackageBase = z.infer<typeof PackageBase>;

/** What the lead keeps of every package written: to recognise its returns and refuse a forged or altered one. */
export const IssuedPackage = z
	.object({
		/** The package id (`info.packageId`), so the record is found by it. */
		id: RecordId,
		campaignId: RecordId,
		info: PackageInfo,
		/** SHA-256 (lowercase hex) of the package's `team/base.json` bytes. */
		baseSha256: Sha256,
		/** SHA-256 of every return file merged from this package, so importing the same file again changes nothing. */
		mergedReturns: z.array(Sha256).default([]),
		lastReturnAt: Timestamp.optional(),
		/**
		 * The assessor's copy of a package opened here: the package's `team/base.json` text exactly as read, written
		 * back byte for byte into every return (re-encoding the parsed value may reorder keys and change its SHA-256).
		 * Absent on the lead's records.
		 */
		baseJson: z.string().optional(),
		/** The assessor's copy: the ids of the history entries the package held, so a return carries only those made since. */
		packageChangeIds: z.array(RecordId).optional(),
		/**
		 * The assessor's side: the history entries the last return carried. Every change leaves one, so a copy whose
		 * entries are all in the package or in the last return has nothing left to hand back.
		 */
		returnedChangeIds: z.array(RecordId).optional(),
		rev: Rev.optional(),
		...RecordMeta.shape
	})
	.refine((p) => p.id === p.info.packageId && p.campaignId === p.info.campaignId, { message: 'id and campaignId are the package’s', path: ['id'] });
export type IssuedPackage = z.infer<typeof IssuedPackage>;

/** A return: the assessor's changes since the base, with the evidence removed (added evidence travels as records and files). */
export const ReturnInfo = z.object({
	returnId: RecordId,
	returnedAt: Timestamp,
	/** Evidence of the base that the assessor removed. */
	removedEvidenceIds: z.array(RecordId).default([])
});
export type ReturnInfo = z.infer<typeof ReturnInfo>;

/** Paths of the team files inside the archive, beside the backup's `data/*.json`. */
export const PACKAGE_BASE_PATH = 'team/base.json';
