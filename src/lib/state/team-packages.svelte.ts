/**
 * Work packages (issue 16, point 3). The lead's 分发工作包 writes one `.kaiming` package per assessor and records
 * it (`IssuedPackage`, with the SHA-256 of the base it wrote); the assessor opens a package as a campaign in package
 * mode and hands it back (交回工作包) as a return file holding the changes since the base. The lead's import of
 * returns (the merge) is not here.
 */
import { localDate } from '$lib/domain/calendar';
import { localDateTime } from '$lib/domain/clock';
import type { Campaign } from '$lib/domain/campaign';
import type { BackupProblem } from '$lib/domain/backup';
import {
	hasChangesNotHandedBack,
	PACKAGE_BASE_PATH,
	PackageBase,
	packageContent,
	packageInfo,
	returnContent,
	type IssuedPackage,
	type PackageOrder,
	type ReceivedPackage
} from '$lib/domain/team';
import { t, type MessageKey } from '$lib/i18n/index.svelte';
import type { AppState } from './app.svelte';
import { APP_VERSION } from './backup.svelte';
import type { StateDeps } from './deps';
import { toUserError, type UserError } from './errors';
import { refuseUnsaved, type WriteSource } from './exports';
import { ShownError } from './job.svelte';

const FILE_TYPE = { mime: 'application/zip', extension: '.kaiming' } as const;

/** One package file of a 分发: written, or why not. */
export interface PackageFileResult {
	assessor: string;
	name: string;
	failure: UserError | null;
}

/** Files written of all (分发), or entries read / screenshots written (opening a package). */
export interface TeamProgress {
	done: number;
	total: number;
	name: string;
}

/** A package or return refused: the message, or the file's own problems (as a restore lists them). */
export type TeamRefusal = { error: UserError; problems: BackupProblem[] };

const refusal = (key: MessageKey, params: Record<string, string | number> = {}) => new ShownError({ key, params, detail: [] });

/** The assessor's record of the package opened, as the return needs it. */
function received(record: IssuedPackage): ReceivedPackage | null {
	if (record.baseJson === undefined) return null;
	return { base: PackageBase.parse(JSON.parse(record.baseJson)), packageChangeIds: record.packageChangeIds ?? [] };
}

export class TeamPackagesState {
	#busy = $state(false);
	#progress = $state<TeamProgress | null>(null);
	#results = $state.raw<PackageFileResult[]>([]);
	#refusal = $state.raw<TeamRefusal | null>(null);
	#returned = $state<string | null>(null);

	readonly #deps: StateDeps;
	readonly #app: AppState;

	constructor(deps: StateDeps, app: AppState) {
		this.#deps = deps;
		this.#app = app;
	}

	get busy() {
		return this.#busy;
	}
	get progress() {
		return this.#progress;
	}
	/** The files of the last 分发, each written or with its failure. */
	get results() {
		return this.#results;
	}
	/** Why the last open or hand-back was refused or failed. */
	get refusal() {
		return this.#refusal;
	}
	/** The name of the return file last written. */
	get returned() {
		return this.#returned;
	}

	async #run<T>(work: () => Promise<T>, fallback: MessageKey): Promise<T | null> {
		this.#busy = true;
		this.#refusal = null;
		try {
			return await work();
		} catch (e) {
			this.#refusal = { error: e instanceof ShownError ? e.error : toUserError(e, { fallback }), problems: [] };
			return null;
		} finally {
			this.#busy = false;
			this.#progress = null;
		}
	}

	#now() {
		return this.#deps.clock.now().toISOString();
	}

	/**
	 * 分发工作包: one package per chosen assessor, each a download (one click cannot open a save picker per file),
	 * written, read back to verify it, and recorded. A file that fails is named with its reason; the others are still
	 * written. Resolves with the results (also in `results`).
	 */
	async writePackages(campaign: Campaign, chosen: readonly { assessor: string; targetIds: string[] }[], writes?: WriteSource): Promise<PackageFileResult[]> {
		this.#results = [];
		const done = await this.#run(async () => {
			if (writes) await refuseUnsaved(writes);
			const source = await this.#deps.repos.backup.exportAll(campaign.id);
			const results: PackageFileResult[] = [];
			for (const [i, { assessor, targetIds }] of chosen.entries()) {
				const issuedAt = this.#now();
				const name = t('teamPackage.packageFile', { campaign: campaign.title, assessor, date: localDate(issuedAt) });
				this.#progress = { done: i, total: chosen.length, name };
				const order: PackageOrder = { packageId: this.#deps.newId(), assessor, role: 'assessor', blind: false, targetIds, issuedAt, issuedBy: this.#app.settings.assessorName };
				try {
					results.push({ assessor, name: await this.#writePackage(campaign, source, order, name), failure: null });
				} catch (e) {
					results.push({ assessor, name, failure: toUserError(e, { fallback: 'teamPackage.error.writeFailed', file: name }) });
				}
				this.#results = [...results];
			}
			return results;
		}, 'teamPackage.error.writeFailed');
		return done ?? [];
	}

	async #writePackage(campaign: Campaign, source: Awaited<ReturnType<StateDeps['repos']['backup']['exportAll']>>, order: PackageOrder, fileName: string): Promise<string> {
		const [{ writeBackup, verifyBackup }, { downloadTarget }, { safeFileName }, { sha256Hex }] = await Promise.all([
			import('$lib/io/backup'),
			import('$lib/io/save-file'),
			import('$lib/io/download'),
			import('$lib/io/hash')
		]);
		const info = packageInfo(campaign, order);
		const { data, base } = packageContent(source, info);
		// The bytes hashed are the bytes written: the lead checks every return's base against this digest.
		const baseBytes = new TextEncoder().encode(JSON.stringify(base));
		const name = safeFileName(fileName);
		const target = downloadTarget(name, FILE_TYPE.mime);
		const written = await writeBackup(data, { appVersion: APP_VERSION, createdAt: order.issuedAt, scope: { kind: 'package', package: info }, team: { [PACKAGE_BASE_PATH]: baseBytes } }, target.writable);
		await verifyBackup(await target.written(), written);
		await target.deliver();
		await this.#deps.repos.issuedPackages.put({
			id: info.packageId,
			campaignId: campaign.id,
			info,
			baseSha256: await sha256Hex(baseBytes),
			mergedReturns: [],
			createdAt: order.issuedAt,
			updatedAt: order.issuedAt,
			updatedBy: order.issuedBy
		});
		return name;
	}

	/**
	 * 打开工作包: reads the file, checks it is a package that may be opened here, and stores it as a campaign in
	 * package mode with the same ids as the lead's. The same package (or a newer one) replaces the campaign only while
	 * nothing was changed since its base. Resolves with the campaign id; null when refused (see `refusal`).
	 */
	open(file: File): Promise<string | null> {
		return this.#run(async () => {
			const { readBackup } = await import('$lib/io/backup');
			this.#progress = { done: 0, total: 0, name: file.name };
			const read = await readBackup(file, (p) => (this.#progress = { ...p, name: file.name }));
			if (!read.ok) {
				this.#refusal = { error: { key: 'teamPackage.error.fileRefused', params: { name: file.name }, detail: [] }, problems: read.problems };
				return null;
			}
			const scope = read.manifest.scope;
			if (scope.kind !== 'package') throw refusal(scope.kind === 'return' ? 'teamPackage.notPackage.return' : 'teamPackage.notPackage.backup');
			const info = scope.package;
			const baseFile = read.team[PACKAGE_BASE_PATH];
			const campaign = read.data.campaigns.find((c) => c.id === info.campaignId);
			if (!baseFile || !PackageBase.safeParse(baseFile.value).success || !campaign) throw refusal('teamPackage.error.damaged', { name: file.name });

			const repos = this.#deps.repos;
			const existing = await repos.campaigns.get(info.campaignId);
			if (existing && !existing.package) throw refusal('teamPackage.error.campaignHere', { title: existing.title });
			if (existing?.package) {
				const record = await repos.issuedPackages.get(existing.package.packageId);
				const kept = record && received(record);
				if (kept && hasChangesNotHandedBack(await repos.backup.exportAll(existing.id), kept, record.returnedChangeIds)) throw refusal('teamPackage.error.handBackFirst', { title: existing.title });
				await repos.campaigns.delete(existing.id);
			}
			const data = { ...read.data, campaigns: [{ ...campaign, package: info, assessor: info.assessor }] };
			const result = await repos.backup.restore(data, 'replace', (p) => (this.#progress = { ...p, name: file.name }));
			if (!result.ok) {
				this.#refusal = { error: { key: 'teamPackage.error.fileRefused', params: { name: file.name }, detail: [] }, problems: result.problems };
				return null;
			}
			const now = this.#now();
			await repos.issuedPackages.put({
				id: info.packageId,
				campaignId: info.campaignId,
				info,
				baseSha256: baseFile.sha256,
				baseJson: baseFile.text,
				packageChangeIds: read.data.findingChanges.map((c) => c.id),
				mergedReturns: [],
				createdAt: now,
				updatedAt: now,
				updatedBy: info.assessor
			});
			return info.campaignId;
		}, 'teamPackage.error.openFailed');
	}

	/**
	 * 交回工作包: a return file with every change since the package's base (so the newest return alone is complete)
	 * and the base's bytes as received. Call it straight from a click: the save picker needs it. Resolves with the
	 * file's name; null when the picker was closed or it failed (see `refusal`).
	 */
	handBack(campaign: Campaign, writes?: WriteSource): Promise<string | null> {
		this.#returned = null;
		return this.#run(async () => {
			const info = campaign.package;
			if (!info) throw refusal('teamPackage.error.notPackageMode');
			const [{ writeBackup, verifyBackup }, { openSaveTarget }, { safeFileName }] = await Promise.all([import('$lib/io/backup'), import('$lib/io/save-file'), import('$lib/io/download')]);
			// Refused before the picker opens, so no empty file is left behind.
			if (writes) await refuseUnsaved(writes);
			const repos = this.#deps.repos;
			const record = await repos.issuedPackages.get(info.packageId);
			const kept = record && received(record);
			if (!record?.baseJson || !kept) throw refusal('teamPackage.error.noBase');
			const returnedAt = this.#now();
			const name = safeFileName(t('teamPackage.returnFile', { campaign: campaign.title, assessor: info.assessor, time: localDateTime(returnedAt).replace(':', '') }));
			const target = await openSaveTarget(name, { description: t('backup.fileType'), ...FILE_TYPE });
			if (!target) return null;
			const { data, info: ret } = returnContent(await repos.backup.exportAll(campaign.id), kept, { returnId: this.#deps.newId(), returnedAt });
			const scope = { kind: 'return' as const, package: info, return: ret };
			const written = await writeBackup(data, { appVersion: APP_VERSION, createdAt: returnedAt, scope, team: { [PACKAGE_BASE_PATH]: new TextEncoder().encode(record.baseJson) } }, target.writable);
			await verifyBackup(await target.written(), written);
			await target.deliver();
			await repos.issuedPackages.put({ ...record, lastReturnAt: returnedAt, returnedChangeIds: data.findingChanges.map((c) => c.id), updatedAt: returnedAt, updatedBy: info.assessor });
			return (this.#returned = name);
		}, 'teamPackage.error.returnFailed');
	}
}
