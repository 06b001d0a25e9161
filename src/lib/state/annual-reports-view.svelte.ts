import { campaignReportTable, commonFailures, evaluateReport, type AnnualReport, type CommonFailure, type ReportEntry, type CampaignReportTable } from '$lib/domain/annual-report';
import { annualWords, exportCampaignTable } from './annual-exports';
import type { CampaignState } from './campaign.svelte';
import type { StateDeps } from './deps';
import { toUserError, type UserError } from './errors';
import { Job } from './job.svelte';

/** The report a campaign checks of a target: of its report year when on file, else the newest; and last year's. */
export function checkedReport(reports: readonly AnnualReport[], year: number | undefined): { report: AnnualReport; lastYear?: AnnualReport } | null {
	const report = reports.find((r) => r.year === year) ?? reports.at(-1);
	if (!report) return null;
	const lastYear = reports.find((r) => r.year === report.year - 1);
	return { report, ...(lastYear ? { lastYear } : {}) };
}

/** The results page's section of an annual-report campaign: every target's report checked, in one table and a chart. */
export class AnnualReportsView {
	#reports = $state.raw<AnnualReport[]>([]);
	#failure = $state.raw<UserError | null>(null);
	readonly exportJob = new Job();

	constructor(
		private readonly deps: StateDeps,
		private readonly campaign: CampaignState
	) {}

	get failure(): UserError | null {
		return this.#failure;
	}
	get count(): number {
		return this.#reports.length;
	}

	async load(): Promise<void> {
		try {
			this.#reports = await this.deps.repos.annualReports.listByCampaign(this.campaign.id);
			this.#failure = null;
		} catch (e) {
			this.#failure = toUserError(e);
		}
	}

	entries: ReportEntry[] = $derived.by(() => {
		const year = this.campaign.campaign?.reportYear;
		return this.campaign.targets.map((target) => {
			const checked = checkedReport(
				this.#reports.filter((r) => r.targetId === target.id),
				year
			);
			if (!checked) return { targetId: target.id, targetName: target.name };
			const { publisherKind } = checked.report;
			return { targetId: target.id, targetName: target.name, report: checked.report, results: evaluateReport({ ...checked, ...(publisherKind ? { publisherKind } : {}) }), ...(publisherKind ? { publisherKind } : {}) };
		});
	});

	table: CampaignReportTable = $derived(campaignReportTable(this.entries, annualWords));
	failures: CommonFailure[] = $derived(commonFailures(this.entries));

	download(kind: 'xlsx' | 'csv'): Promise<boolean> {
		return this.exportJob.run(() => exportCampaignTable(this.table, kind, this.campaign.campaign?.title ?? ''));
	}
}
