import {
	AnnualReport,
	evaluateReport,
	extractReport,
	formatForYear,
	mergeReport,
	parseTablePaste,
	proposedCells,
	TEMPLATES,
	type FormatVersion,
	type PublisherKind,
	type ReportProposal,
	type RuleResult,
	type TablePaste
} from '$lib/domain/annual-report';
import { stamp, touch } from '$lib/domain/common';
import type { NewId } from '$lib/domain/clock';
import { HttpUrl } from '$lib/domain/target';
import type { CampaignState } from './campaign.svelte';
import type { StateDeps } from './deps';
import { toUserError, type UserError } from './errors';
import { SaveQueue } from './save-queue.svelte';
import { StorageError } from '$lib/storage/errors';

/** Rounds of read, merge and write against another tab that keeps writing the same report. */
const ATTEMPTS = 3;

/** A new report before its first edit: what a merge compares my first edits with. */
function nothingEntered({ publishedOn: _p, publisherKind: _k, ...report }: AnnualReport): AnnualReport {
	return { ...report, cells: {}, parts: {}, prose: [], url: '' };
}

/** A cell's new value: a number, or null to clear it. */
export type CellEdits = Readonly<Record<string, number | null>>;

/**
 * One target's annual reports (政府信息公开工作年度报告), one year shown at a time. Every edit is applied on screen at
 * once, checked again by `evaluateReport`, and written through this page's save queue; a write refused because
 * another tab wrote the report first is merged cell by cell into theirs (`mergeReport`) and written again.
 */
export class AnnualReportState {
	readonly campaign: CampaignState;
	readonly targetId: string;
	readonly saves: SaveQueue<AnnualReport>;
	/** The reports as stored (the last copy this tab read or wrote), oldest year first. */
	#stored = $state.raw<AnnualReport[]>([]);
	/** Year → the report on screen, stored or not yet. */
	#drafts = $state.raw<ReadonlyMap<number, AnnualReport>>(new Map());
	#year = $state(0);
	#loaded = $state(false);
	#failure = $state<UserError | null>(null);
	readonly #repos: StateDeps['repos'];
	readonly #newId: NewId;

	constructor(deps: StateDeps, campaign: CampaignState, targetId: string) {
		this.#repos = deps.repos;
		this.#newId = deps.newId;
		this.campaign = campaign;
		this.targetId = targetId;
		this.saves = new SaveQueue(campaign.app.writes, deps.clock);
		// 报告年度 of the campaign; otherwise last year's reports, the ones published this year.
		this.#year = campaign.campaign?.reportYear ?? deps.clock.now().getFullYear() - 1;
	}

	get loaded() {
		return this.#loaded;
	}
	get failure() {
		return this.#failure;
	}
	get year() {
		return this.#year;
	}
	/** null: no template for the year (reports on 2019 and 2020 used a format not modelled here). */
	readonly format: FormatVersion | null = $derived(formatForYear(this.#year));
	readonly template = $derived(this.format ? TEMPLATES[this.format] : null);
	/** The shown year's report; null until something is entered for it. */
	readonly report: AnnualReport | null = $derived(this.#drafts.get(this.#year) ?? this.#stored.find((r) => r.year === this.#year) ?? null);
	/** Last year's report of the target, when on file: the year-over-year rules read it. */
	readonly lastYear: AnnualReport | undefined = $derived(this.#drafts.get(this.#year - 1) ?? this.#stored.find((r) => r.year === this.#year - 1));
	/** Every rule of the format, checked again on each edit. Empty before anything is entered. */
	readonly results: RuleResult[] = $derived(
		this.report ? evaluateReport({ report: this.report, ...(this.lastYear ? { lastYear: this.lastYear } : {}), ...(this.report.publisherKind ? { publisherKind: this.report.publisherKind } : {}) }) : []
	);
	/** Years the target has a report for, besides the shown one. */
	readonly years: number[] = $derived([...new Set([...this.#stored.map((r) => r.year), ...this.#drafts.keys()])].sort((a, b) => a - b));

	async load() {
		try {
			this.#stored = await this.#repos.annualReports.listByTarget(this.campaign.id, this.targetId);
			this.#failure = null;
			// Reports with a write not committed yet stay as typed.
			const unsaved = new Set([...this.saves.unsaved].map((w) => w.value?.year));
			this.#drafts = new Map([...this.#drafts].filter(([year]) => unsaved.has(year)));
		} catch (e) {
			this.#failure = toUserError(e);
		} finally {
			this.#loaded = true;
		}
	}

	showYear(year: number) {
		if (Number.isInteger(year) && year >= 2008 && year <= 2100) this.#year = year;
	}

	setCells(edits: CellEdits) {
		this.#edit((r) => {
			const cells = { ...r.cells };
			for (const [id, value] of Object.entries(edits)) {
				if (value === null) delete cells[id];
				else cells[id] = value;
			}
			return { ...r, cells };
		});
	}

	setPart(part: string, present: boolean) {
		this.#edit((r) => ({ ...r, parts: { ...r.parts, [part]: present } }));
	}

	setPublishedOn(date: string) {
		this.#edit(({ publishedOn: _, ...r }) => (date ? { ...r, publishedOn: date } : r));
	}

	/** False (nothing written) for an address that is not http(s). */
	setUrl(url: string): boolean {
		const trimmed = url.trim();
		if (trimmed !== '' && !HttpUrl.safeParse(trimmed).success) return false;
		this.#edit((r) => ({ ...r, url: trimmed }));
		return true;
	}

	setPublisherKind(kind: PublisherKind | undefined) {
		this.#edit(({ publisherKind: _, ...r }) => (kind ? { ...r, publisherKind: kind } : r));
	}

	/** Where each number of a pasted table would go; nothing is written until `setCells(proposedCells(…))`. */
	previewTable(tableId: string, text: string): TablePaste | null {
		const table = this.template?.tables.find((t) => t.id === tableId);
		return table ? parseTablePaste(text, table) : null;
	}

	previewText(text: string): ReportProposal | null {
		return this.format ? extractReport(text, this.format) : null;
	}

	/** Writes what the user confirmed of a whole report's text: date, parts, every proposed cell and the numbers-in-prose. */
	applyProposal(proposal: ReportProposal) {
		const cells: Record<string, number> = Object.assign({}, ...proposal.tables.map(proposedCells), Object.fromEntries(proposal.cells.map((c) => [c.cell, c.value])));
		this.#edit((r) => ({
			...r,
			...(proposal.publishedOn ? { publishedOn: proposal.publishedOn.value } : {}),
			parts: { ...r.parts, ...proposal.parts },
			cells: { ...r.cells, ...cells },
			prose: proposal.prose.map((p) => ({ text: p.text, cells: p.cells, value: p.value, none: p.none, at: p.at }))
		}));
	}

	#blank(format: FormatVersion): AnnualReport {
		return AnnualReport.parse({ id: this.#newId(), campaignId: this.campaign.id, targetId: this.targetId, year: this.#year, format, ...stamp(this.campaign.context()) });
	}

	#edit(change: (report: AnnualReport) => AnnualReport) {
		const format = this.format;
		if (!format) return;
		const next = touch(change(this.report ?? this.#blank(format)), this.campaign.context());
		this.#drafts = new Map(this.#drafts).set(next.year, next);
		this.saves.push(`annualReport:${next.year}`, () => this.#write(next), { target: this.targetId, value: next });
	}

	#storedOf(year: number) {
		return this.#stored.find((r) => r.year === year);
	}

	async #write(mine: AnnualReport) {
		const repo = this.#repos.annualReports;
		// The copy this edit was made from: the last one stored by anyone this tab heard of, or none for a new report.
		const base = this.#storedOf(mine.year);
		let theirs = base;
		let next: AnnualReport = { ...mine, ...(base ? { id: base.id } : {}) };
		for (let attempt = 1; ; attempt++) {
			try {
				const { rev: _, ...unrevised } = next;
				const stored = await repo.put(theirs?.rev ? { ...unrevised, rev: theirs.rev } : unrevised);
				this.#stored = [...this.#stored.filter((r) => r.year !== stored.year), stored].sort((a, b) => a.year - b.year);
				this.#adoptId(stored);
				return stored;
			} catch (e) {
				// 'stale': another tab wrote it since; 'conflict': another tab created this year's report first.
				if (!(e instanceof StorageError && (e.code === 'stale' || e.code === 'conflict')) || attempt === ATTEMPTS) throw e;
				theirs = (await repo.listByTarget(this.campaign.id, this.targetId)).find((r) => r.year === mine.year);
				if (!theirs) throw e;
				next = mergeReport(base ?? nothingEntered(mine), mine, theirs);
			}
		}
	}

	/** The report on screen takes the stored id (another tab's, when it created the year's report first). */
	#adoptId(stored: AnnualReport) {
		const draft = this.#drafts.get(stored.year);
		if (draft && draft.id !== stored.id) this.#drafts = new Map(this.#drafts).set(stored.year, { ...draft, id: stored.id });
	}
}
