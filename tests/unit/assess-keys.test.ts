import { describe, expect, it } from 'vitest';
import { ASSESS_KEYS, inputAfterOutcome, keyAction, keyLabel, outcomeOf, type KeyScope } from '$lib/domain/assess-keys';
import { Indicator } from '$lib/domain/framework/schema';
import { OUTCOME_SHORTCUTS } from '$lib/domain/finding';
import { zh } from '$lib/i18n/zh-CN';
import { en } from '$lib/i18n/en';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean } = {}) => ({
	key,
	ctrlKey: mods.ctrl ?? false,
	metaKey: mods.meta ?? false,
	altKey: mods.alt ?? false
});

describe('the assess key table', () => {
	it('gives each key one action per place the focus can be', () => {
		for (const where of ['indicator', 'count', 'field'] as KeyScope[]) {
			const seen = new Map<string, string>();
			for (const b of ASSESS_KEYS.filter((x) => x.where === where)) {
				for (const k of b.keys) {
					const id = `${b.ctrl ? 'ctrl+' : ''}${k}`;
					expect(seen.get(id), `${where}: ${id}`).toBeUndefined();
					seen.set(id, b.action);
				}
			}
		}
	});

	it('finds every binding the screen acts on, and none the browser keeps', () => {
		for (const b of ASSESS_KEYS) {
			for (const k of b.keys) expect(keyAction(b.where, press(k, { ctrl: b.ctrl })), `${b.where} ${k}`).toBe(b.native ? undefined : b.action);
		}
	});

	it('maps the outcome keys as the buttons show them, and the grading keys of issue 13', () => {
		for (const { outcome, key } of OUTCOME_SHORTCUTS) expect(outcomeOf(keyAction('indicator', press(key))!)).toBe(outcome);
		expect(outcomeOf('next')).toBeUndefined();
		expect(keyAction('indicator', press('Backspace'))).toBe('clear');
		expect(keyAction('indicator', press('Delete'))).toBe('clear');
		expect(keyAction('indicator', press('z', { ctrl: true }))).toBe('undo');
		expect(keyAction('indicator', press('Z', { meta: true }))).toBe('undo');
		expect(keyAction('indicator', press('c'))).toBe('counts');
		expect(keyAction('indicator', press('Enter'))).toBe('counts');
		expect(keyAction('count', press('+'))).toBe('countUp');
		expect(keyAction('count', press('-'))).toBe('countDown');
		expect(keyAction('count', press('ArrowUp'))).toBe('countUp');
		expect(keyAction('field', press('Escape'))).toBe('leave');
	});

	it('leaves keys held with Ctrl, ⌘ or Alt to the browser unless bound with Ctrl', () => {
		expect(keyAction('indicator', press('1', { ctrl: true }))).toBeUndefined();
		expect(keyAction('indicator', press('j', { alt: true }))).toBeUndefined();
		expect(keyAction('indicator', press('z'))).toBeUndefined();
		expect(keyAction('indicator', press('c', { ctrl: true }))).toBeUndefined();
		expect(keyAction('indicator', press('v', { ctrl: true }))).toBeUndefined();
	});

	it('names keys for the help', () => {
		const label = (action: string) => keyLabel(ASSESS_KEYS.find((b) => b.action === action)!);
		expect(label('next')).toBe('j / ↓');
		expect(label('undo')).toBe('Ctrl+Z');
		expect(label('countSet')).toBe('0–9');
		expect(label('countDown')).toBe('− / ↓');
		expect(label('leave')).toBe('Esc');
	});

	it('has a help text for every action in both languages', () => {
		for (const b of ASSESS_KEYS) {
			expect(zh, b.action).toHaveProperty([`shortcuts.${b.action}`]);
			expect(en, b.action).toHaveProperty([`shortcuts.${b.action}`]);
		}
	});
});

describe('inputAfterOutcome: what the keyboard waits for before moving on', () => {
	const deduction = { id: 'link', title: { zh: '链接错误' }, points: 1, per: 'each' as const };
	const plain = Indicator.parse({ id: 'a', code: '1', title: { zh: '概况' }, max: 2 });
	const counted = Indicator.parse({ id: 'b', code: '2', title: { zh: '政策文件' }, max: 5, deductions: [deduction] });
	const levels = Indicator.parse({
		id: 'c',
		code: '3',
		title: { zh: '解读' },
		max: 10,
		method: 'levels',
		levels: [{ id: 'l10', title: { zh: '全' }, points: 10 }]
	});
	const ratio = Indicator.parse({ id: 'd', code: '4', title: { zh: '要素' }, max: 10, method: 'ratio', ratioOf: 8 });

	it('waits for counts after 部分符合 or 不符合 on an item with problem types', () => {
		expect(inputAfterOutcome(counted, 'deduct', 'partial')).toBe('counts');
		expect(inputAfterOutcome(counted, 'deduct', 'fail')).toBe('counts');
		expect(inputAfterOutcome(counted, 'checklist', 'fail')).toBe('counts');
		// Bonus: 部分符合 earns only what is counted; 不符合 is simply not earned.
		expect(inputAfterOutcome(counted, 'bonus', 'partial')).toBe('counts');
		expect(inputAfterOutcome(counted, 'bonus', 'fail')).toBeNull();
	});

	it('moves on after 符合 and 不适用, on items without problem types and on veto items', () => {
		expect(inputAfterOutcome(counted, 'deduct', 'pass')).toBeNull();
		expect(inputAfterOutcome(counted, 'deduct', 'na')).toBeNull();
		expect(inputAfterOutcome(plain, 'deduct', 'partial')).toBeNull();
		expect(inputAfterOutcome(plain, 'deduct', 'fail')).toBeNull();
		expect(inputAfterOutcome(counted, 'veto', 'fail')).toBeNull();
	});

	it('waits for the level or ratio of a weighted item (a level of a bonus item), unless it is 不适用 or not earned', () => {
		expect(inputAfterOutcome(levels, 'weighted', 'pass')).toBe('value');
		expect(inputAfterOutcome(levels, 'bonus', 'partial')).toBe('value');
		expect(inputAfterOutcome(levels, 'bonus', 'fail')).toBeNull();
		expect(inputAfterOutcome(ratio, 'bonus', 'pass')).toBeNull();
		expect(inputAfterOutcome(ratio, 'weighted', 'fail')).toBe('value');
		expect(inputAfterOutcome(ratio, 'weighted', 'na')).toBeNull();
		expect(inputAfterOutcome(plain, 'weighted', 'fail')).toBeNull();
	});
});
