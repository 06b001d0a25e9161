import { addWorkingDays, today } from '$lib/domain/calendar';
import { IsoDate } from '$lib/domain/common';
import { SvelteSet } from 'svelte/reactivity';
import { listIndicators } from '$lib/domain/framework/schema';
import { lossesScaled, roundedText } from '$lib/domain/scoring';
import { type Rectification, type RectificationStatus, STATUS_ORDER, countMissingYears, deadlineMissingYears, type RectificationLabels, impactsByTarget, isOverdue, noticeLines, rectificationRates, sortByImpact, summarizeRectifications, type BulkProblem, type MergeField } from '$lib/domain/rectification';
import type { SheetFormat } from '$lib/io/download-sheets';
import { i18n, t, text, tKey, type MessageKey } from '$lib/i18n/index.svelte';
import type { CampaignState } from './campaign.svelte';
import type { StateDeps } from './deps';
import { docxText, refuseUnsaved } from './exports';
import { Job } from './job.svelte';
import type { RectificationState } from './rectification.svelte';

export const rectStatusKey = (s: RectificationStatus): MessageKey => `rect.status.${s}`;

/** How a field two tabs collided on is named in the conflict dialog. */
const FIELD_KEYS: Record<MergeField, MessageKey> = {
	description: 'rect.col.description',
	evidenceUrls: 'rect.col.evidence',
	basis: 'rect.col.basis',
	pointsLost: 'rect.col.pointsLost',
	veto: 'rect.col.veto',
	suggestion: 'rect.col.suggestion',
	responsibleUnit: 'rect.col.unit',
	responsiblePerson: 'rect.col.person',
	noticeDate: 'rect.col.noticeDate',
	workingDays: 'rect.f.workingDays',
	deadline: 'rect.col.deadline',
	status: 'rect.col.status',
	reason: 'rect.reason',
	fixedUrl: 'rect.col.fixedUrl',
	proof: 'rect.col.proof',
	recheckResult: 'rect.col.recheck',
	rechecker: 'rect.col.rechecker',
	recheckDate: 'rect.col.recheckDate',
	remarks: 'rect.col.remarks',
	findingResolved: 'rect.findingResolved'
};

const COLUMNS = ['seq', 'target', 'code', 'indicator', 'description', 'evidence', 'basis', 'pointsLost', 'veto', 'suggestion', 'unit', 'person', 'noticeDate', 'deadline', 'status', 'fixedUrl', 'proof', 'recheck', 'rechecker', 'recheckDate', 'remarks'] as const;

/**
 * The 整改清单 page: what is shown of the campaign's items (filters, order, selection, bulk edit) and what leaves
 * it (整改通知 in Word, one per target or a zip; the list as Excel or CSV). The items themselves stay in the
 * `RectificationState` it is given.
 */
export class RectificationView {
	readonly campaign: CampaignState;
	readonly rect: RectificationState;
	/** Ids of the items ticked for a bulk edit. */
	readonly selected = new SvelteSet<string>();
	#noticeDate = $state('');
	#contact = $state('');
	#generated = $state<{ created: number; updated: number } | null>(null);
	#targetFilter = $state('');
	#indicatorFilter = $state('');
	#statusFilter = $state<RectificationStatus | ''>('');
	#overdueOnly = $state(false);
	#sort = $state<'seq' | 'impact'>('seq');
	#open = $state<string | null>(null);
	#bulkUnit = $state('');
	#bulkDeadline = $state('');
	#bulkStatus = $state<RectificationStatus | ''>('');
	#bulkProblems = $state.raw<BulkProblem[]>([]);
	readonly #export = new Job();

	constructor(campaign: CampaignState, rect: RectificationState, deps: Pick<StateDeps, 'clock'>) {
		this.campaign = campaign;
		this.rect = rect;
		this.#noticeDate = today(deps.clock);
	}

	framework = $derived.by(() => this.campaign.campaign!.framework);
	today = $derived.by(() => this.rect.today);
	indicators = $derived(new Map(listIndicators(this.framework).map((e) => [e.indicator.id, e.indicator])));
	/** Items' points lost are 折算后 points (the framework rescales or redistributes N/A): the column says so. */
	lossesScaled = $derived(lossesScaled(this.framework));
	/** An item's points lost as the screen shows it: at the framework's precision and rounding. */
	lostText = (points: number) => roundedText(points, this.framework.scoring.decimals, this.framework.scoring.rounding);
	names = $derived.by(() => new Map(this.campaign.targets.map((x) => [x.id, x.name])));
	summary = $derived.by(() => summarizeRectifications(this.rect.items, this.today));
	rates = $derived.by(() => rectificationRates(this.rect.items, this.today));
	/** The indicators that have items, for the indicator filter. */
	indicatorIds = $derived.by(() => [...new Set(this.rect.items.map((r) => r.indicatorId))]);
	shown = $derived.by(() => {
		const cs = this.campaign;
		let list = this.rect.items.filter(
			(r) =>
				(!this.#targetFilter || r.targetId === this.#targetFilter) &&
				(!this.#indicatorFilter || r.indicatorId === this.#indicatorFilter) &&
				(!this.#statusFilter || r.status === this.#statusFilter) &&
				(!this.#overdueOnly || isOverdue(r, this.today))
		);
		if (this.#sort === 'impact') list = sortByImpact(list, impactsByTarget(this.framework, [...cs.targets], cs.targets.flatMap((x) => cs.findingsOf(x.id))));
		return list;
	});

	/** Items whose counted deadline crosses a year without a holiday arrangement, with those years. */
	calendarGaps = $derived.by(() => {
		const gaps = new Map<string, number[]>();
		for (const r of this.rect.items) {
			const years = deadlineMissingYears(r, this.rect.calendar, this.rect.days);
			if (years.length > 0) gaps.set(r.id, years);
		}
		return gaps;
	});
	/** The years a deadline counted from the chosen notice date would cross without a holiday arrangement. */
	noticeGap = $derived.by(() => {
		const date = this.#noticeDate;
		if (!IsoDate.safeParse(date).success) return [];
		return countMissingYears(date, addWorkingDays(date, this.rect.days, this.rect.calendar), this.rect.calendar);
	});

	/** What is said of a deadline counted across years without a holiday arrangement; '' when there is none. */
	calendarNote(years: readonly number[]): string {
		return years.length === 0 ? '' : t('rect.calendarMissing', { years: years.join(t('list.enum')) });
	}
	/** The note for one item's deadline; '' when its count is sound. */
	deadlineNote = (item: Pick<Rectification, 'id'>) => this.calendarNote(this.calendarGaps.get(item.id) ?? []);

	get noticeDate() {
		return this.#noticeDate;
	}
	set noticeDate(value: string) {
		this.#noticeDate = value;
	}
	get contact() {
		return this.#contact;
	}
	set contact(value: string) {
		this.#contact = value;
	}
	/** How many items the last "generate" created and updated. */
	get generated() {
		return this.#generated;
	}
	get targetFilter() {
		return this.#targetFilter;
	}
	set targetFilter(value: string) {
		this.#targetFilter = value;
	}
	get indicatorFilter() {
		return this.#indicatorFilter;
	}
	set indicatorFilter(value: string) {
		this.#indicatorFilter = value;
	}
	get statusFilter() {
		return this.#statusFilter;
	}
	set statusFilter(value: RectificationStatus | '') {
		this.#statusFilter = value;
	}
	get overdueOnly() {
		return this.#overdueOnly;
	}
	set overdueOnly(value: boolean) {
		this.#overdueOnly = value;
	}
	get sort() {
		return this.#sort;
	}
	set sort(value: 'seq' | 'impact') {
		this.#sort = value;
	}
	/** The item whose details are open below its row. */
	get open() {
		return this.#open;
	}
	get bulkUnit() {
		return this.#bulkUnit;
	}
	set bulkUnit(value: string) {
		this.#bulkUnit = value;
	}
	get bulkDeadline() {
		return this.#bulkDeadline;
	}
	set bulkDeadline(value: string) {
		this.#bulkDeadline = value;
	}
	get bulkStatus() {
		return this.#bulkStatus;
	}
	set bulkStatus(value: RectificationStatus | '') {
		this.#bulkStatus = value;
	}
	get bulkProblems() {
		return this.#bulkProblems;
	}
	/** Why the last export (Word notices, Excel or CSV) failed, with its details; null after a success. */
	get exportError() {
		return this.#export.failure;
	}

	overdue = (item: Pick<Rectification, 'deadline' | 'status'>) => isOverdue(item, this.today);

	fieldName = (field: MergeField) => t(FIELD_KEYS[field]);

	/** A field's value as the conflict dialog shows it. */
	fieldText(field: MergeField, item: Rectification): string {
		const value = item[field];
		if (value === undefined || value === null || value === '') return '—';
		if (field === 'status') return t(rectStatusKey(item.status));
		if (field === 'recheckResult') return t(value === 'passed' ? 'rect.recheckPassed' : 'rect.recheckFailed');
		if (field === 'pointsLost' && typeof value === 'number') return this.lostText(value);
		if (typeof value === 'boolean') return value ? t('table.yes') : '—';
		if (Array.isArray(value)) return value.join(t('list.enum'));
		return String(value);
	}

	/** Opening the list brings existing items in step with findings changed since (no new notice date). */
	async load() {
		await this.rect.load();
		if (this.rect.items.length > 0) await this.rect.generate();
	}

	async generate() {
		this.#generated = await this.rect.generate(this.#noticeDate || undefined);
	}

	toggle(id: string) {
		if (this.selected.has(id)) this.selected.delete(id);
		else this.selected.add(id);
	}

	toggleOpen(id: string) {
		this.#open = this.#open === id ? null : id;
	}

	async applyBulk() {
		this.#bulkProblems = await this.rect.bulk(this.selected, {
			...(this.#bulkUnit ? { responsibleUnit: this.#bulkUnit } : {}),
			...(this.#bulkDeadline ? { deadline: this.#bulkDeadline } : {}),
			...(this.#bulkStatus ? { status: this.#bulkStatus } : {})
		});
	}

	/** Column headers and words of the exported list, in the UI language. */
	labels(): RectificationLabels {
		return {
			locale: i18n.locale === 'en' ? 'en' : 'zh',
			sheet: t('rect.title'),
			headers: Object.fromEntries(COLUMNS.map((key) => [key, tKey(key === 'pointsLost' && this.lossesScaled ? 'rect.col.pointsLostScaled' : `rect.col.${key}`)])) as RectificationLabels['headers'],
			status: Object.fromEntries(STATUS_ORDER.map((s) => [s, t(rectStatusKey(s))])) as RectificationLabels['status'],
			recheck: { passed: t('rect.recheckPassed'), failed: t('rect.recheckFailed') },
			yes: t('table.yes'),
			overdue: t('rect.overdueSuffix'),
			deadlineNote: (r) => {
				const note = this.deadlineNote(r);
				return note && t('label.parenthetical', { text: note });
			},
			today: this.today
		};
	}

	/** 整改通知 in Word: one file for the chosen target, or a zip with one file per target; refused while values are unsaved, as every export. */
	exportNotices(): Promise<boolean> {
		return this.#export.run(() => this.#writeNotices());
	}

	async #writeNotices() {
		await refuseUnsaved(this.campaign);
		const [{ rectificationNoticeDocument }, docx, { downloadBlob, safeFileName }, { zipFiles, numberedFileName }] = await Promise.all([
			import('$lib/io/rectification-docx'),
			import('$lib/io/report-docx'),
			import('$lib/io/download'),
			import('$lib/io/zip')
		]);
		const cs = this.campaign;
		const c = cs.campaign!;
		const shown = this.shown;
		const words = docxText((n) => (n === null ? '—' : this.lostText(n)));
		const lines = new Map(cs.targets.map((x) => [x.id, noticeLines(c.framework, shown.filter((r) => r.targetId === x.id))]));
		const targets = cs.targets.filter((x) => (!this.#targetFilter || x.id === this.#targetFilter) && lines.get(x.id)!.toFix.length > 0);
		// One target at a time: the screenshots of a whole province would not fit in memory at once.
		const files = [];
		for (const [i, x] of targets.entries()) {
			const { toFix, cannotFix } = lines.get(x.id)!;
			const withShots = await cs.withScreenshots(
				x.id,
				toFix.map((l) => ({ ...l.item, seq: l.seq, code: l.code, title: text(l.title), basis: l.basis }))
			);
			const images = await cs.embeddableImages(withShots.flatMap((r) => r.screenshots));
			const input = {
				targetName: x.name,
				addressee: x.ownerUnit || x.name,
				campaignTitle: c.title,
				frameworkTitle: text(c.framework.title),
				monitoringPoint: c.monitoringPoint,
				issuer: c.report?.issuer ?? '',
				date: this.#noticeDate || undefined,
				contact: this.#contact,
				items: withShots,
				calendarNote: this.calendarNote([...new Set(toFix.flatMap((l) => this.calendarGaps.get(l.item.id) ?? []))].sort((a, b) => a - b)),
				cannotFix: cannotFix.map((l) => ({ code: l.code, title: text(l.title), description: l.item.description, reason: l.item.reason }))
			};
			files.push({ name: numberedFileName(i, targets.length, `${t('notice.file')}-${x.name}`, '.docx'), data: await docx.toDocxBytes(rectificationNoticeDocument(input, words, images)) });
		}
		if (files.length === 1) downloadBlob(new Blob([files[0]!.data], { type: docx.DOCX_MIME }), safeFileName(files[0]!.name));
		else if (files.length > 1) downloadBlob(await zipFiles(files), safeFileName(`${t('notice.file')}.zip`));
	}

	/** The shown items as Excel or CSV, headers in the UI language. */
	exportList(format: SheetFormat): Promise<boolean> {
		return this.#export.run(async () => {
			await refuseUnsaved(this.campaign);
			const [{ rectificationSheets }, { downloadSheets }] = await Promise.all([import('$lib/domain/rectification'), import('$lib/io/download-sheets')]);
			const sheets = rectificationSheets(this.framework, this.shown, [...this.campaign.targets], this.labels());
			await downloadSheets(sheets, format, `${this.campaign.campaign!.title}-${t('rect.title')}`);
		});
	}
}
