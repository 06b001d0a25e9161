import type { Finding } from '../finding';
import type { Target } from '../target';
import { compareZh } from './shared';

/**
 * Who assessed a target: its assigned assessor, else whoever last saved most of its findings (ties: the
 * name first in collation order), else '' (unassigned; the UI shows its own label).
 */
export function targetAssessor(target: Pick<Target, 'assessor'>, findings: readonly Pick<Finding, 'updatedBy'>[]): string {
	const assigned = target.assessor.trim();
	if (assigned) return assigned;
	const counts = new Map<string, number>();
	for (const f of findings) {
		const who = f.updatedBy.trim();
		if (who) counts.set(who, (counts.get(who) ?? 0) + 1);
	}
	let best = '';
	let most = 0;
	for (const [who, n] of counts) {
		if (n > most || (n === most && compareZh(who, best) < 0)) {
			best = who;
			most = n;
		}
	}
	return best;
}
