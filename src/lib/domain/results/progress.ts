import type { Finding } from '../finding';
import { isComplete } from '../progress';
import type { TargetScore } from '../scoring/score';
import type { Target } from '../target';
import { targetAssessor } from './assessor';
import { compareZh, findingsOf, type FindingsOf } from './shared';
import type { ProgressRow } from './types';

type ProgressTarget = Pick<Target, 'id' | 'name' | 'assessor'>;

function add(row: ProgressRow, score: TargetScore): void {
	row.graded += score.graded;
	row.applicable += score.applicable;
	row.targets++;
	if (isComplete(score)) row.complete++;
}

/** One row per target (in the order given): indicators judged / to judge. Targets without a score are left out. */
export function progressByTarget(targets: ProgressTarget[], scores: TargetScore[]): ProgressRow[] {
	const scoreOf = new Map(scores.map((s) => [s.targetId, s]));
	const rows: ProgressRow[] = [];
	for (const t of targets) {
		const score = scoreOf.get(t.id);
		if (!score) continue;
		const row: ProgressRow = { key: t.id, label: t.name, graded: 0, applicable: 0, targets: 0, complete: 0 };
		add(row, score);
		rows.push(row);
	}
	return rows;
}

/**
 * One row per assessor (see `targetAssessor`), by name, with the unassigned row (key and label '') last;
 * the UI renders its label. `findings` may be each target's own (a lookup).
 */
export function progressByAssessor(targets: ProgressTarget[], scores: TargetScore[], findings: readonly Finding[] | FindingsOf): ProgressRow[] {
	const scoreOf = new Map(scores.map((s) => [s.targetId, s]));
	const own = findingsOf(findings);
	const rows = new Map<string, ProgressRow>();
	for (const t of targets) {
		const score = scoreOf.get(t.id);
		if (!score) continue;
		const who = targetAssessor(t, own(t.id));
		let row = rows.get(who);
		if (!row) rows.set(who, (row = { key: who, label: who, graded: 0, applicable: 0, targets: 0, complete: 0 }));
		add(row, score);
	}
	return [...rows.values()].sort((a, b) => (a.key === '') !== (b.key === '') ? (a.key === '' ? 1 : -1) : compareZh(a.label, b.label));
}
