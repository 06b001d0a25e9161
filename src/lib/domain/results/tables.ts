import { localText } from '../common';
import type { Evidence } from '../evidence';
import type { Finding, Outcome } from '../finding';
import { listIndicators, type Framework, type Indicator, type SectionPart } from '../framework/schema';
import type { Cell, Row, Sheet, Sheets } from '../framework/sheet';
import { allocateLosses } from '../scoring/allocate';
import type { TargetScore } from '../scoring/score';
import { shownScore, type TargetStatus } from '../progress';
import { roundedText, roundScore, type Rounding } from '../rounding';
import { localDateTime } from '../clock';
import type { Target } from '../target';
import { scoredSections } from './heatmap';
import { deductionLines, scopeCache } from './losses';
import { rankCampaign } from './ranking';
import { evidenceUrls } from './report';
import { byIndicator, categoryTitle, groupByTarget } from './shared';

/** Sheet names, headers and cell words of the exported tables, in the UI language. */
export interface TableLabels {
	/** Which side of framework texts (LocalText) to use: 'zh' or 'en'. */
	locale: string;
	/** Joins list items inside one cell (veto reasons, counted problems). */
	separator: string;
	yes: string;
	no: string;
	/** `unearned`: 不符合 on a bonus indicator, a bonus not earned rather than a failure. */
	outcomes: Record<Outcome | 'ungraded' | 'unearned', string>;
	/** 状态 column words, and the 等次 cell of a target not yet complete. */
	status: Record<TargetStatus, string>;
	scores: {
		sheet: string;
		index: string;
		category: string;
		name: string;
		url: string;
		ownerUnit: string;
		score: string;
		grade: string;
		status: string;
		rank: string;
		vetoed: string;
		vetoReasons: string;
		graded: string;
		applicable: string;
	};
	findings: {
		sheet: string;
		target: string;
		category: string;
		code: string;
		indicator: string;
		block: string;
		outcome: string;
		deductions: string;
		lost: string;
		note: string;
		evidence: string;
		assessor: string;
		updatedAt: string;
	};
}

export const ZH_TABLE_LABELS: TableLabels = {
	locale: 'zh',
	separator: '；',
	yes: '是',
	no: '否',
	outcomes: { pass: '符合', fail: '不符合', partial: '部分符合', na: '不适用', ungraded: '未评', unearned: '未得分' },
	status: { complete: '已完成', inProgress: '评估中', unstarted: '未开始' },
	scores: {
		sheet: '得分排名',
		index: '序号',
		category: '类别',
		name: '名称',
		url: '网址',
		ownerUnit: '主管单位',
		score: '得分',
		grade: '等次',
		status: '评估状态',
		rank: '类别内排名',
		vetoed: '是否单项否决',
		vetoReasons: '否决原因',
		graded: '已评',
		applicable: '应评'
	},
	findings: {
		sheet: '评估明细',
		target: '对象',
		category: '类别',
		code: '指标编号',
		indicator: '指标名称',
		block: '一级指标',
		outcome: '评估结果',
		deductions: '扣分项',
		lost: '扣分',
		note: '问题说明',
		evidence: '佐证网址',
		assessor: '评估人',
		updatedAt: '更新时间'
	}
};

/**
 * One row per target, category by category: complete targets in ranking order, then the unfinished ones.
 * Scores are published scores as fixed-decimal number cells (the screen's text in CSV); 等次, rank and 否决
 * only for complete targets (an unfinished one says so in 等次 and 评估状态, an unstarted one has no score);
 * indicators judged and to judge as two number columns (a "12/15" text would turn into a date in Excel), then
 * each scored section's points.
 */
export function scoresTable(fw: Framework, targets: Target[], scores: TargetScore[], labels: TableLabels = ZH_TABLE_LABELS): Sheet {
	const L = labels.scores;
	const text = (t: Parameters<typeof localText>[0]) => localText(t, labels.locale);
	const sections = scoredSections(fw, targets);
	const scoreOf = new Map(scores.map((s) => [s.targetId, s]));
	const header: Row = [
		L.index,
		L.category,
		L.name,
		L.url,
		L.ownerUnit,
		L.score,
		L.grade,
		L.status,
		L.rank,
		L.vetoed,
		L.vetoReasons,
		L.graded,
		L.applicable,
		...sections.map((s) => text(s.title))
	];
	const rows: Row[] = [header];
	const { decimals, rounding } = fw.scoring;
	const fixed = (n: number | null): Cell => (n === null ? null : fixedNumber(n, decimals, rounding));
	for (const ranking of rankCampaign(fw, targets, scores)) {
		for (const r of [...ranking.rows, ...ranking.unfinished]) {
			const score = scoreOf.get(r.targetId)!;
			const shown = shownScore(score, fw.scoring);
			const done = shown.status === 'complete';
			rows.push([
				rows.length,
				text(ranking.title),
				r.name,
				r.url,
				r.ownerUnit,
				shown.verdict ? text(shown.verdict) : fixed(shown.value),
				shown.grade ? text(shown.grade) : labels.status[shown.status],
				labels.status[shown.status],
				r.rank,
				done ? (r.vetoed ? labels.yes : labels.no) : null,
				done ? r.vetoReasons.map(text).join(labels.separator) : null,
				score.graded,
				score.applicable,
				...sections.map((s): Cell => (shown.status === 'unstarted' ? null : fixed(score.sections.find((x) => x.sectionId === s.id)?.score ?? null)))
			]);
		}
	}
	return { name: L.sheet, rows };
}

/**
 * One row per target × indicator with a finding, targets in the order given and indicators in framework
 * order. Findings on indicators the target's category skips (or bonus it cannot earn) are left out, as
 * scoring ignores them. 扣分 is what the finding cost the deduct score (`allocateLosses`: section caps and N/A
 * rescaling applied; a number, 0 when nothing was lost), empty for other parts and models.
 */
export function findingsTable(fw: Framework, targets: Target[], findings: Finding[], evidence: Evidence[], labels: TableLabels = ZH_TABLE_LABELS): Sheet {
	const L = labels.findings;
	const text = (t: Parameters<typeof localText>[0]) => localText(t, labels.locale);
	const entries = listIndicators(fw);
	const scope = scopeCache(fw, false);
	const grouped = groupByTarget(findings);
	const urls = evidenceUrls(evidence);
	const fixed = (n: number | null): Cell => (n === null ? null : fixedNumber(n, fw.scoring.decimals, fw.scoring.rounding));
	const rows: Row[] = [[L.target, L.category, L.code, L.indicator, L.block, L.outcome, L.deductions, L.lost, L.note, L.evidence, L.assessor, L.updatedAt]];
	for (const t of targets) {
		const mine = byIndicator(grouped.get(t.id) ?? []);
		if (mine.size === 0) continue;
		const inScope = scope(t.categoryId);
		const losses = allocateLosses(fw, t, grouped.get(t.id) ?? []);
		const category = text(categoryTitle(fw, t.categoryId));
		for (const { indicator, block } of entries) {
			const f = mine.get(indicator.id);
			if (!f || !inScope.has(indicator.id)) continue;
			rows.push([
				t.name,
				category,
				indicator.code,
				text(indicator.title),
				text(block.title),
				outcomeText(indicator, block.part, f, labels),
				deductionLines(indicator, f)
					.map((d) => `${text(d.title)}×${d.count}`)
					.join(labels.separator),
				fixed(losses.get(indicator.id)?.lost ?? null),
				f.note,
				(urls.get(f.id) ?? []).join('\n'),
				f.updatedBy,
				localDateTime(f.updatedAt)
			]);
		}
	}
	return { name: L.sheet, rows };
}

/** The outcome word, with the chosen level or the k/n ratio where the indicator uses one. */
function outcomeText(indicator: Indicator, part: SectionPart, f: Finding, labels: TableLabels): string {
	const word = labels.outcomes[part === 'bonus' && f.outcome === 'fail' ? 'unearned' : (f.outcome ?? 'ungraded')];
	const level = f.level !== undefined ? indicator.levels.find((l) => l.id === f.level) : undefined;
	const detail = level ? localText(level.title, labels.locale) : f.ratio ? `${f.ratio.met}/${f.ratio.of}` : '';
	return detail ? `${word}（${detail}）` : word;
}

/** Both tables, for one .xlsx workbook. */
export function resultsSheets(
	fw: Framework,
	targets: Target[],
	scores: TargetScore[],
	findings: Finding[],
	evidence: Evidence[],
	labels: TableLabels = ZH_TABLE_LABELS,
	/** `provisionalScoresText` of the campaign, written as the last row of each table; null for none. */
	note: string | null = null
): Sheets {
	const withNote = (sheet: Sheet): Sheet => (note === null ? sheet : { ...sheet, rows: [...sheet.rows, [note]] });
	return [withNote(scoresTable(fw, targets, scores, labels)), withNote(findingsTable(fw, targets, findings, evidence, labels))];
}

/** A number as published: rounded, a number cell with the decimals as its format, the same text in CSV. */
export function fixedNumber(n: number, decimals: number, rounding: Rounding = 'halfUp'): Cell {
	return { value: roundScore(n, decimals, rounding), text: roundedText(n, decimals, rounding), format: decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0' };
}
