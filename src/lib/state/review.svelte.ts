import {
	adjudicatedFinding,
	agreementReport,
	drawReviewSample,
	seedFromId,
	openDisagreements,
	reviewedItems,
	reviewerClash,
	type AdjudicationChoice,
	type GradedValue,
	type ReviewGrade,
	type ReviewerClash,
	type ReviewSample,
	type ReviewSampleSpec
} from '$lib/domain/review';
import { listIndicators, type Indicator } from '$lib/domain/framework';
import type { Finding } from '$lib/domain/finding';
import { localDate } from '$lib/domain/calendar';
import { packageContent, packageInfo, PACKAGE_BASE_PATH } from '$lib/domain/team';
import { t, type MessageKey } from '$lib/i18n/index.svelte';
import { APP_VERSION } from './backup.svelte';
import type { CampaignState } from './campaign.svelte';
import type { StateDeps } from './deps';
import { toUserError, type UserError } from './errors';


/**
 * 复核 on the lead's side (issue 16 point 5): the items drawn with their first grades, the agreement once second grades
 * are back, and the lead's rulings. The reviewer's side is an ordinary package (打开工作包 / 交回工作包); their return
 * comes back through 导入交回文件 (TeamMergeState), which stores the second grades here.
 */
export class ReviewState {
	readonly #deps: StateDeps;
	readonly #campaign: CampaignState;
	#grades = $state.raw<ReviewGrade[]>([]);
	#busy = $state(false);
	#failure = $state.raw<UserError | null>(null);

	constructor(deps: StateDeps, campaign: CampaignState) {
		this.#deps = deps;
		this.#campaign = campaign;
	}

	get grades() {
		return this.#grades;
	}
	get busy() {
		return this.#busy;
	}
	get failure() {
		return this.#failure;
	}

	#indicators = $derived.by(() => new Map((this.#campaign.campaign ? listIndicators(this.#campaign.campaign.framework) : []).map((e) => [e.indicator.id, e.indicator])));
	indicator(id: string): Indicator | undefined {
		return this.#indicators.get(id);
	}

	/** The agreement of every item graded twice; null while none is. */
	report = $derived.by(() => {
		const items = reviewedItems(this.#grades);
		const campaign = this.#campaign.campaign;
		return campaign && items.length > 0 ? agreementReport(campaign.framework, items) : null;
	});

	disagreements = $derived.by(() => openDisagreements(this.#grades, (id) => this.indicator(id)));

	async load(): Promise<void> {
		await this.#run(async () => {
			this.#grades = await this.#deps.repos.reviewGrades.listByCampaign(this.#campaign.id);
		}, 'teamReview.error.load');
	}

	#findings(): Finding[] {
		return this.#campaign.targets.flatMap((x) => this.#campaign.findingsOf(x.id));
	}

	/** A fresh seed for the dialog to propose (shown and editable, so a draw can be repeated). */
	proposeSeed(): number {
		return seedFromId(this.#deps.newId());
	}

	/** The sample the spec draws now: the count the dialog previews. */
	preview(spec: ReviewSampleSpec): ReviewSample | null {
		const campaign = this.#campaign.campaign;
		return campaign ? drawReviewSample(campaign.framework, this.#findings(), spec) : null;
	}

	/** The targets of the sample whose first grade the reviewer gave. */
	clash(sample: ReviewSample, reviewer: string): ReviewerClash | null {
		return reviewerClash(sample, reviewer, this.#campaign.targets, this.#findings());
	}

	/**
	 * Confirms the sample: writes the blind reviewer package (a download, read back to verify it), then stores one item
	 * per sampled finding with the package's record in one transaction. Resolves with the file's name, or null.
	 */
	async drawSample(spec: ReviewSampleSpec, reviewer: string): Promise<string | null> {
		const cs = this.#campaign;
		const campaign = cs.campaign;
		const sample = this.preview(spec);
		if (!campaign || !sample || sample.findings.length === 0 || reviewer.trim() === '' || this.clash(sample, reviewer)) return null;
		let name: string | null = null;
		await this.#run(async () => {
			const { repos, newId, clock } = this.#deps;
			const [{ writeBackup, verifyBackup }, { downloadTarget }, { safeFileName }, { sha256Hex }] = await Promise.all([
				import('$lib/io/backup'),
				import('$lib/io/save-file'),
				import('$lib/io/download'),
				import('$lib/io/hash')
			]);
			const at = clock.now().toISOString();
			const by = cs.context().user;
			const who = reviewer.trim();
			const items = sample.findings.map((f) => ({ targetId: f.targetId, indicatorId: f.indicatorId }));
			const info = packageInfo(campaign, { packageId: newId(), assessor: who, role: 'reviewer', blind: true, targetIds: [...new Set(items.map((i) => i.targetId))], items, issuedAt: at, issuedBy: by });
			const { data, base } = packageContent(await repos.backup.exportAll(campaign.id), info);
			const baseBytes = new TextEncoder().encode(JSON.stringify(base));
			const fileName = safeFileName(t('teamReview.sample.file', { campaign: campaign.title, reviewer: who, date: localDate(at) }));
			const target = downloadTarget(fileName, 'application/zip');
			const written = await writeBackup(data, { appVersion: APP_VERSION, createdAt: at, scope: { kind: 'package', package: info }, team: { [PACKAGE_BASE_PATH]: baseBytes } }, target.writable);
			await verifyBackup(await target.written(), written);
			const findings = new Map(this.#findings().map((f) => [f.id, f]));
			const assessors = new Map(cs.targets.map((x) => [x.id, x.assessor.trim()]));
			const stamp = { createdAt: at, updatedAt: at, updatedBy: by };
			const grades: ReviewGrade[] = sample.findings.map((s) => ({
				id: newId(),
				campaignId: campaign.id,
				targetId: s.targetId,
				indicatorId: s.indicatorId,
				findingId: s.findingId,
				packageId: info.packageId,
				reviewer: who,
				assessor: assessors.get(s.targetId) ?? '',
				reasons: s.reasons,
				first: findings.get(s.findingId)!,
				...stamp
			}));
			await repos.reviewGrades.putMany(grades, { id: info.packageId, campaignId: campaign.id, info, baseSha256: await sha256Hex(baseBytes), mergedReturns: [], ...stamp });
			await target.deliver();
			this.#grades = await repos.reviewGrades.listByCampaign(campaign.id);
			name = fileName;
		}, 'teamReview.error.draw');
		return name;
	}

	/**
	 * The lead's ruling on a disagreement: the finding takes the chosen grade (or `value`) through one write with an
	 * 'adjudicate' history entry whose reason names both grades, and the item keeps both with the ruling.
	 */
	async adjudicate(grade: ReviewGrade, choice: AdjudicationChoice, reason: string, value?: GradedValue): Promise<boolean> {
		const cs = this.#campaign;
		let done = false;
		await this.#run(async () => {
			await cs.settleWrites();
			const current = cs.findingsOf(grade.targetId).find((f) => f.id === grade.findingId) ?? grade.first;
			const at = this.#deps.clock.now().toISOString();
			const by = cs.context().user;
			const next = adjudicatedFinding(current, grade, choice, value);
			const text = rulingText(grade, choice, reason.trim());
			const ruled: ReviewGrade = { ...grade, adjudication: { choice, reason: reason.trim(), at, by }, updatedAt: at, updatedBy: by };
			const result = await this.#deps.repos.reviewGrades.putWithFinding(ruled, next ? cs.writable({ ...next, updatedAt: at, updatedBy: by }) : null, text);
			if (result.finding) {
				cs.setFinding(result.finding);
				cs.stored(result.finding);
			}
			this.#grades = this.#grades.map((g) => (g.id === result.grade.id ? result.grade : g));
			done = true;
		}, 'teamReview.error.adjudicate');
		return done;
	}

	async #run(work: () => Promise<void>, fallback: MessageKey): Promise<void> {
		this.#busy = true;
		this.#failure = null;
		try {
			await work();
		} catch (e) {
			this.#failure = toUserError(e, { fallback });
		} finally {
			this.#busy = false;
		}
	}
}

/** A grade as the ruling's history entry names it: 符合 / 不符合 …, or 未评. */
function gradeWord(f: Finding | undefined): string {
	return f?.outcome ? t(`outcome.${f.outcome}` as MessageKey) : t('teamReview.ungraded');
}

/** The history entry's reason: both grades and who gave them, the choice, and the lead's own reason. */
export function rulingText(grade: ReviewGrade, choice: AdjudicationChoice, reason: string): string {
	const text = t('teamReview.ruling.history', {
		first: gradeWord(grade.first),
		firstBy: grade.assessor || grade.first.updatedBy,
		second: gradeWord(grade.second),
		secondBy: grade.reviewer,
		choice: t(`teamReview.ruling.${choice}`)
	});
	return reason ? `${text}${t('teamReview.ruling.reasonSep')}${reason}` : text;
}
