/**
 * 团队进度 (issue 16 point 6): the lead's view of where the team stands, from what is stored — the assignment, the
 * packages written (`IssuedPackage`) and the 复核 items (`ReviewGrade`).
 *
 * Unmerged returns and open merge conflicts exist only while a merge preview is open: a return file is read, previewed
 * and written in one sitting, and nothing of it is stored before 确认合并. So the summary reports what the store can
 * tell: packages written without any return merged yet, and disagreements not ruled on.
 */
import type { Framework } from '../framework/schema';
import { listIndicators } from '../framework/schema';
import { openDisagreements } from '../review/record';
import type { ReviewGrade } from '../review/schema';
import { compareZh } from '../results/shared';
import type { Target } from '../target';
import type { IssuedPackage } from './schema';

/** One person's figures; a person can both grade targets and review others'. */
export interface TeamMemberProgress {
	name: string;
	targetsAssigned: number;
	/** Assessor packages written for them, and those with at least one return merged. */
	packagesOut: number;
	packagesBack: number;
	/** Reviewer (复核) packages written for them, and those with at least one return merged. */
	reviewPackagesOut: number;
	reviewPackagesBack: number;
	/** 复核 items given to them, and those with their second grade back. */
	reviewItems: number;
	secondGradesBack: number;
	/** The latest return merged from any of their packages. */
	lastReturnAt: string | null;
}

export interface TeamSummary {
	members: TeamMemberProgress[];
	/** Packages written (assessor and reviewer). */
	packagesOut: number;
	/** Packages written with no return merged yet. */
	packagesWithoutReturn: number;
	/** 复核 items graded twice that disagree and are not ruled on. */
	openDisagreements: number;
}

export interface TeamSummaryInput {
	targets: readonly Pick<Target, 'assessor'>[];
	/** The lead's package records; an assessor's own copy of a package opened here is left out. */
	issued: readonly IssuedPackage[];
	grades: readonly ReviewGrade[];
	framework: Pick<Framework, 'sections'>;
}

const later = (a: string | null, b: string | undefined): string | null => (b !== undefined && (a === null || b > a) ? b : a);

export function teamSummary({ targets, issued, grades, framework }: TeamSummaryInput): TeamSummary {
	const members = new Map<string, TeamMemberProgress>();
	const member = (raw: string): TeamMemberProgress => {
		const name = raw.trim();
		let m = members.get(name);
		if (!m) {
			m = { name, targetsAssigned: 0, packagesOut: 0, packagesBack: 0, reviewPackagesOut: 0, reviewPackagesBack: 0, reviewItems: 0, secondGradesBack: 0, lastReturnAt: null };
			members.set(name, m);
		}
		return m;
	};
	for (const t of targets) if (t.assessor.trim() !== '') member(t.assessor).targetsAssigned++;
	const leads = issued.filter((p) => p.baseJson === undefined);
	for (const p of leads) {
		const m = member(p.info.assessor);
		const back = p.mergedReturns.length > 0;
		if (p.info.role === 'reviewer') {
			m.reviewPackagesOut++;
			if (back) m.reviewPackagesBack++;
		} else {
			m.packagesOut++;
			if (back) m.packagesBack++;
		}
		m.lastReturnAt = later(m.lastReturnAt, p.lastReturnAt);
	}
	for (const g of grades) {
		const m = member(g.reviewer);
		m.reviewItems++;
		if (g.second !== undefined) m.secondGradesBack++;
	}
	const indicators = new Map(listIndicators(framework).map((e) => [e.indicator.id, e.indicator]));
	return {
		members: [...members.values()].sort((a, b) => compareZh(a.name, b.name)),
		packagesOut: leads.length,
		packagesWithoutReturn: leads.filter((p) => p.mergedReturns.length === 0).length,
		openDisagreements: openDisagreements(grades, (id) => indicators.get(id)).length
	};
}
