import type { LocalText } from '../common';

/** One step of a location inside a framework, as a person reads it. */
export type PathPart =
	| { kind: 'section'; code: string; title: LocalText | undefined }
	| { kind: 'indicator'; code: string; title: LocalText | undefined }
	| { kind: 'item'; list: string; index: number }
	| { kind: 'field'; name: string };

interface Node {
	code?: unknown;
	title?: unknown;
	[k: string]: unknown;
}

const asText = (v: unknown): LocalText | undefined => (v && typeof v === 'object' && 'zh' in v ? (v as LocalText) : undefined);

/**
 * Turns a validation path like ["sections", 2, "indicators", 0, "max"] into "2.3 互动交流 › 2.3.1 信息提交 › max"
 * parts, reading codes and titles from the framework being edited.
 */
export function describePath(framework: unknown, path: readonly PropertyKey[]): PathPart[] {
	const parts: PathPart[] = [];
	let node: unknown = framework;
	for (let i = 0; i < path.length; i++) {
		const key = path[i];
		const next = path[i + 1];
		if ((key === 'sections' || key === 'indicators') && typeof next === 'number') {
			const list = (node as Node | undefined)?.[key];
			const item = Array.isArray(list) ? (list[next] as Node | undefined) : undefined;
			parts.push({ kind: key === 'sections' ? 'section' : 'indicator', code: String(item?.code ?? `#${next + 1}`), title: asText(item?.title) });
			node = item;
			i++;
		} else if (typeof next === 'number' && typeof key === 'string') {
			parts.push({ kind: 'item', list: key, index: next });
			const list = (node as Node | undefined)?.[key];
			node = Array.isArray(list) ? list[next] : undefined;
			i++;
		} else {
			parts.push({ kind: 'field', name: String(key) });
			node = (node as Node | undefined)?.[String(key)];
		}
	}
	return parts;
}
