import type { PublisherKind } from './schema';

/**
 * 勾稽 rules as data. Each rule names what it checks (`kind`), the formula a reviewer reads, and the cells it reads;
 * `indicator` is the indicator of the built-in annual-report framework a failure sets, where there is one.
 */
export type RuleKind =
	| 'rowSum'
	| 'columnSum'
	| 'balance'
	| 'reviewTotal'
	| 'nonNegative'
	| 'prose'
	| 'statedNone'
	| 'yearOverYear'
	| 'deadline'
	| 'part';

interface RuleBase {
	id: string;
	/** Readable formula in Chinese, as a reviewer writes it ("一 + 二 = 三 + 四（自然人）"). */
	formula: string;
	indicator?: string;
}

/** One side of an equation: the sum of its cells, and how a reviewer names that sum ("一+二"). */
export interface EquationSide {
	label: string;
	cells: readonly string[];
}

export interface EquationRule extends RuleBase {
	kind: 'rowSum' | 'columnSum' | 'balance' | 'reviewTotal';
	left: EquationSide;
	right: EquationSide;
	/**
	 * Prose reports list only the outcomes they had ("驳回2件，撤诉1件"): a part they leave out counts as 0, once the
	 * total and at least one part are stated. Tables print every cell, so their rules never assume.
	 */
	absentPartsAreZero?: boolean;
}

export interface NonNegativeRule extends RuleBase {
	kind: 'nonNegative';
	cells: readonly string[];
}

/** Reads the report's numbers-in-prose: `prose` those that state a number, `statedNone` those that say there were none. */
export interface ProseRule extends RuleBase {
	kind: 'prose' | 'statedNone';
}

/** Last year's report's cell equals this year's (四 结转下年度 → 二 上年结转). */
export interface YearOverYearRule extends RuleBase {
	kind: 'yearOverYear';
	lastYear: EquationSide;
	thisYear: EquationSide;
}

/** Published by this month and day of the year after the report's year, by who publishes. */
export interface DeadlineRule extends RuleBase {
	kind: 'deadline';
	deadline: Readonly<Record<PublisherKind, string>>;
}

export interface PartRule extends RuleBase {
	kind: 'part';
	part: string;
}

export type Rule = EquationRule | NonNegativeRule | ProseRule | YearOverYearRule | DeadlineRule | PartRule;

export function isEquation(rule: Rule): rule is EquationRule {
	return rule.kind === 'rowSum' || rule.kind === 'columnSum' || rule.kind === 'balance' || rule.kind === 'reviewTotal';
}

/** The cells of this year's report a rule reads as data (prose rules read the cells their statements name). */
export function ruleCells(rule: Rule): string[] {
	if (isEquation(rule)) return [...rule.left.cells, ...rule.right.cells];
	if (rule.kind === 'nonNegative') return [...rule.cells];
	if (rule.kind === 'yearOverYear') return [...rule.thisYear.cells];
	return [];
}

export const plus = (labels: readonly string[]): string => labels.join(' + ');
