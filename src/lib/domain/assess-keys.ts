import { OUTCOME_SHORTCUTS, type Outcome } from './finding';
import type { Indicator, ScoringRules, SectionPart } from './framework/schema';
import { naAllowed } from './scoring/core';

/**
 * Every key of the assess screen, in one table: the screen's key handlers look keys up here and the help dialog
 * lists this table, so the two cannot disagree. `where` is what has the focus: an indicator card (or nothing),
 * a problem row's count box, or any field. `native` keys are the browser's own (typing, Tab, paste) and are
 * listed so the help is complete; no handler of ours acts on them.
 */
export type KeyAction =
	| Outcome
	| 'clear'
	| 'undo'
	| 'next'
	| 'prev'
	| 'counts'
	| 'note'
	| 'evidence'
	| 'pasteImage'
	| 'help'
	| 'countSet'
	| 'countUp'
	| 'countDown'
	| 'countNext'
	| 'leave';

export type KeyScope = 'indicator' | 'count' | 'field';

export interface KeyBinding {
	action: KeyAction;
	where: KeyScope;
	/** `KeyboardEvent.key` values. */
	keys: readonly string[];
	/** Held with Ctrl (⌘ on a Mac). Bindings without it never match a key pressed with Ctrl, ⌘ or Alt. */
	ctrl?: boolean;
	native?: boolean;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const ASSESS_KEYS: readonly KeyBinding[] = [
	...OUTCOME_SHORTCUTS.map(({ outcome, key }): KeyBinding => ({ action: outcome, where: 'indicator', keys: [key] })),
	{ action: 'clear', where: 'indicator', keys: ['Backspace', 'Delete'] },
	{ action: 'undo', where: 'indicator', keys: ['z'], ctrl: true },
	{ action: 'next', where: 'indicator', keys: ['j', 'ArrowDown'] },
	{ action: 'prev', where: 'indicator', keys: ['k', 'ArrowUp'] },
	{ action: 'counts', where: 'indicator', keys: ['c', 'Enter'] },
	{ action: 'note', where: 'indicator', keys: ['n'] },
	{ action: 'evidence', where: 'indicator', keys: ['e'] },
	{ action: 'pasteImage', where: 'indicator', keys: ['v'], ctrl: true, native: true },
	{ action: 'help', where: 'indicator', keys: ['?'] },
	{ action: 'countSet', where: 'count', keys: DIGITS, native: true },
	{ action: 'countUp', where: 'count', keys: ['+', 'ArrowUp'] },
	{ action: 'countDown', where: 'count', keys: ['-', 'ArrowDown'] },
	{ action: 'countNext', where: 'count', keys: ['Tab'], native: true },
	{ action: 'leave', where: 'field', keys: ['Escape'] }
];

/** The action of a key pressed where `where` has the focus; undefined for keys we leave to the browser. */
export function keyAction(where: KeyScope, e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): KeyAction | undefined {
	const ctrl = e.ctrlKey || e.metaKey;
	const key = ctrl && e.key.length === 1 ? e.key.toLowerCase() : e.key;
	const hit = ASSESS_KEYS.find((b) => b.where === where && !b.native && b.keys.includes(key) && Boolean(b.ctrl) === ctrl && !e.altKey);
	return hit?.action;
}

/**
 * The outcomes an inspector may give an indicator, in shortcut order: no 部分符合 on a veto item, and 不适用 only
 * where the framework lets an inspector judge it so (`scoring.naJudgement`, the indicator's `naTreatment`).
 */
export function offeredOutcomes(rules: Pick<ScoringRules, 'naJudgement'>, indicator: Pick<Indicator, 'naTreatment'>, part: SectionPart): Outcome[] {
	return OUTCOME_SHORTCUTS.map((s) => s.outcome).filter((o) => !(part === 'veto' && o === 'partial') && !(o === 'na' && !naAllowed(rules, indicator)));
}

/** The outcome an action sets, if it is an outcome key. */
export function outcomeOf(action: KeyAction): Outcome | undefined {
	return OUTCOME_SHORTCUTS.find((s) => s.outcome === action)?.outcome;
}

const NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc', '-': '−' };

/** How the help names a binding's keys, e.g. ["j", "↓"], ["Ctrl+Z"], ["0–9"]. */
export function keyNames(b: KeyBinding): string[] {
	if (b.keys === DIGITS) return ['0–9'];
	return b.keys.map((k) => (b.ctrl ? `Ctrl+${k.toUpperCase()}` : (NAMES[k] ?? k)));
}

/** The keys of a binding in one line, e.g. "j / ↓". */
export function keyLabel(b: KeyBinding): string {
	return keyNames(b).join(' / ');
}

/**
 * What an outcome leaves to enter on the same indicator: the level or ratio the item is scored by (levels on
 * weighted and bonus items, a ratio on weighted ones), or counts of its problem types after 部分符合 or 不符合.
 * 不符合 on a bonus item means simply not earned and needs nothing more. The keyboard keeps the focus on an
 * indicator that waits for input instead of moving on.
 */
export function inputAfterOutcome(indicator: Indicator, part: SectionPart, outcome: Outcome): 'counts' | 'value' | null {
	if (part === 'veto' || outcome === 'na' || (part === 'bonus' && outcome === 'fail')) return null;
	const levels = indicator.method === 'levels' && (part === 'weighted' || part === 'bonus');
	if (levels || (indicator.method === 'ratio' && part === 'weighted')) return 'value';
	if (indicator.deductions.length > 0 && (outcome === 'partial' || outcome === 'fail')) return 'counts';
	return null;
}
