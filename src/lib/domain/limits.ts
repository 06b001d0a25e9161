/**
 * Limits on imported JSON (framework files, backup files), checked on the parsed value BEFORE any schema
 * parse: zod parses nested sections recursively, so a file nested a few thousand levels deep would overflow
 * the stack instead of being refused. Every walk here is iterative (an explicit stack), so any depth is safe.
 * Each check stops at the first problem and names where it is and which limit it broke.
 */
import { formatIssuePath } from './errors';

/** What a framework may hold; the framework check (`check.ts`) enforces the same numbers after parsing. */
export const FRAMEWORK_LIMITS = {
	/** Levels of sections, the top level counting as 1. */
	sectionDepth: 12,
	indicators: 5_000,
	/** Largest |value| of points, weights, caps, totals and grade marks: sums of them stay finite. */
	points: 1_000_000
} as const;

export const JSON_LIMITS = {
	/** Nesting of arrays and objects in any imported file; a valid file needs about 35. */
	depth: 64,
	/** Longest text in a framework file. */
	frameworkString: 10_000,
	/** Longest text in a backup: the longest field a record may hold (a report's intro, 20,000). */
	backupString: 20_000
} as const;

export type LimitCode = 'depth' | 'string' | 'number' | 'bound' | 'sectionDepth' | 'indicators';

/** `path` is where in the file (`framework.sections[0].indicators[2].max`); `limit` the limit it broke. */
export interface LimitProblem {
	code: LimitCode;
	path: string;
	limit: number;
}

/** Ids that every object already has as a property (constructor, toString, __proto__ …) or that name prototypes. */
const RESERVED_IDS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function isReservedId(id: string): boolean {
	return RESERVED_IDS.has(id);
}

type Key = string | number;
/** A value on the walk's stack; the path is rebuilt from the parents only when a problem is found. */
interface Node {
	value: unknown;
	key: Key | null;
	parent: Node | null;
	depth: number;
}

function pathOf(node: Node, prefix: readonly Key[]): string {
	const keys: Key[] = [];
	for (let n: Node | null = node; n && n.key !== null; n = n.parent) keys.push(n.key);
	return formatIssuePath([...prefix, ...keys.reverse()]);
}

/**
 * Nesting depth, text length (keys included) and finite numbers (JSON.parse reads 1e400 as Infinity) of
 * any parsed JSON value. `prefix` is the path of `value` inside its file.
 */
export function checkJsonLimits(value: unknown, maxString: number, prefix: readonly Key[] = []): LimitProblem | null {
	const stack: Node[] = [{ value, key: null, parent: null, depth: 0 }];
	while (stack.length > 0) {
		const node = stack.pop()!;
		const v = node.value;
		if (typeof v === 'string') {
			if (v.length > maxString) return { code: 'string', path: pathOf(node, prefix), limit: maxString };
		} else if (typeof v === 'number') {
			if (!Number.isFinite(v)) return { code: 'number', path: pathOf(node, prefix), limit: 0 };
		} else if (typeof v === 'object' && v !== null) {
			const depth = node.depth + 1;
			if (depth > JSON_LIMITS.depth) return { code: 'depth', path: pathOf(node, prefix), limit: JSON_LIMITS.depth };
			if (Array.isArray(v)) {
				for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node, depth });
			} else {
				for (const [k, child] of Object.entries(v)) {
					const at: Node = { value: child, key: k, parent: node, depth };
					if (k.length > maxString) return { code: 'string', path: pathOf(at, prefix), limit: maxString };
					stack.push(at);
				}
			}
		}
	}
	return null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * A framework as parsed JSON, before its schema: levels of sections, number of indicators, and |x| ≤ the
 * points limit for every points, weight, cap, total and grade field. Anything not shaped like a framework
 * is left to the schema. `prefix` is the framework's path inside its file.
 */
export function checkFrameworkLimits(fw: unknown, prefix: readonly Key[] = []): LimitProblem | null {
	if (!isRecord(fw)) return null;
	const root: Node = { value: fw, key: null, parent: null, depth: 0 };
	// A part missing or of the wrong kind (null, a number, a list for an object) has no children here: the schema names it.
	const child = (parent: Node, key: Key): Node => {
		const v = parent.value;
		const value = typeof v === 'object' && v !== null && Object.hasOwn(v, key) ? (v as Record<Key, unknown>)[key] : undefined;
		return { value, key, parent, depth: parent.depth };
	};
	const bound = (node: Node): LimitProblem | null => {
		const v = node.value;
		return typeof v === 'number' && !(Math.abs(v) <= FRAMEWORK_LIMITS.points) ? { code: 'bound', path: pathOf(node, prefix), limit: FRAMEWORK_LIMITS.points } : null;
	};
	const fields = (node: Node, keys: readonly string[]): LimitProblem | null => {
		if (!isRecord(node.value)) return null;
		for (const k of keys) {
			const p = bound(child(node, k));
			if (p) return p;
		}
		return null;
	};
	const each = (node: Node, key: string, keys: readonly string[]): LimitProblem | null => {
		if (!isRecord(node.value)) return null;
		const list = child(node, key);
		const items = listOf(list.value);
		for (let i = 0; i < items.length; i++) {
			const p = fields(child(list, i), keys);
			if (p) return p;
		}
		return null;
	};

	const scoring = child(root, 'scoring');
	const first = fields(scoring, ['total', 'passMark', 'vetoScore']) ?? fields(child(scoring, 'bonus'), ['gate', 'cap']) ?? each(scoring, 'grades', ['min']);
	if (first) return first;

	let indicators = 0;
	const stack: Node[] = [{ ...child(root, 'sections'), depth: 1 }];
	while (stack.length > 0) {
		const list = stack.pop()!;
		const sections = listOf(list.value);
		if (sections.length === 0) continue;
		if (list.depth > FRAMEWORK_LIMITS.sectionDepth) return { code: 'sectionDepth', path: pathOf(list, prefix), limit: FRAMEWORK_LIMITS.sectionDepth };
		for (let i = sections.length - 1; i >= 0; i--) {
			const section = child(list, i);
			if (!isRecord(section.value)) continue;
			const own = fields(section, ['cap', 'weight']);
			if (own) return own;
			const inds = child(section, 'indicators');
			const items = listOf(inds.value);
			for (let j = 0; j < items.length; j++) {
				const ind = child(inds, j);
				if (++indicators > FRAMEWORK_LIMITS.indicators) return { code: 'indicators', path: pathOf(ind, prefix), limit: FRAMEWORK_LIMITS.indicators };
				const p = fields(ind, ['max']) ?? each(ind, 'deductions', ['points']) ?? each(ind, 'levels', ['points']);
				if (p) return p;
			}
			stack.push({ ...child(section, 'sections'), depth: list.depth + 1 });
		}
	}
	return null;
}
