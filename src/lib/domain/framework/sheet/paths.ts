import type { Section } from '../schema';

export interface PathSegment {
	code: string;
	title?: string;
}

const PATH_SPLIT = /\s*[>＞›]\s*/;

export function parsePath(s: string): PathSegment[] | undefined {
	const parts = s.split(PATH_SPLIT).map((p) => p.trim());
	if (parts.some((p) => p === '')) return undefined;
	return parts.map((p) => {
		const m = /[\s\u3000]+/.exec(p);
		return m ? { code: p.slice(0, m.index), title: p.slice(m.index + m[0].length).trim() } : { code: p };
	});
}

export function formatPath(chain: Section[]): string {
	return chain.map((s) => `${s.code} ${s.title.zh}`).join(' > ');
}

export function walkSections(sections: Section[], visit: (s: Section, chain: Section[]) => void, chain: Section[] = []): void {
	for (const s of sections) {
		const here = [...chain, s];
		visit(s, here);
		walkSections(s.sections, visit, here);
	}
}
