import type { Campaign } from '$lib/domain/campaign';
import type { Evidence } from '$lib/domain/evidence';
import type { Framework } from '$lib/domain/framework';
import type { TargetScore } from '$lib/domain/scoring';
import type { Target } from '$lib/domain/target';
import { CAMPAIGN } from '../fixtures/mini-framework';

export const T = '2026-01-01T00:00:00.000Z';

let order = 0;
export function target(id: string, name: string, categoryId: string, more: Partial<Target> = {}): Target {
	return {
		id,
		campaignId: CAMPAIGN,
		name,
		categoryId,
		url: `https://${id}.gov.cn/`,
		ownerUnit: `${name}主管`,
		assessor: '',
		order: order++,
		createdAt: T,
		updatedAt: T,
		updatedBy: 'test',
		...more
	};
}

/** A score with just the fields ranking and bands read, for totals scoring cannot easily produce (89.96). */
export function fakeScore(targetId: string, total: number | null, more: Partial<TargetScore> = {}): TargetScore {
	const vetoed = more.vetoed ?? false;
	return {
		targetId,
		vetoed,
		vetoReasons: vetoed ? [{ indicatorId: 'v1', title: { zh: '站点无法访问' } }] : [],
		deductScore: total,
		bonusScore: 0,
		total,
		rawTotal: total,
		passed: !vetoed && total !== null && total >= 60,
		gradeId: 'x',
		gradeTitle: { zh: 'x' },
		sections: [],
		graded: 2,
		applicable: 2,
		uncounted: 0,
		complete: true,
		trace: [],
		...more
	};
}

export function campaign(framework: Framework, more: Partial<Campaign> = {}): Campaign {
	return {
		id: CAMPAIGN,
		title: '2026年第一季度网站检查',
		framework,
		monitoringPoint: '2026-03-31',
		assessor: '',
		round: 1,
		rectificationDays: 10,
		createdAt: T,
		updatedAt: T,
		updatedBy: 'test',
		...more
	};
}

let ev = 900;
export function urlEvidence(findingId: string, targetId: string, url: string, observedAt = T): Evidence {
	ev++;
	return {
		id: `00000000-0000-4000-8000-${String(ev).padStart(12, '0')}`,
		campaignId: CAMPAIGN,
		targetId,
		findingId,
		kind: 'url',
		url,
		text: '',
		observedAt,
		createdAt: T,
		updatedAt: T,
		updatedBy: 'test'
	};
}

/** Paths of every number in a value that is NaN or infinite (empty = clean). */
export function badNumbers(value: unknown, path = '$'): string[] {
	if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
	if (Array.isArray(value)) return value.flatMap((v, i) => badNumbers(v, `${path}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => badNumbers(v, `${path}.${k}`));
	return [];
}
