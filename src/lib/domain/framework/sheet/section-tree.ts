import type { LocalText } from '../../common';
import type { IndicatorMethod, NaPolicy, SectionPart } from '../schema';
import type { Per } from './codecs';
import type { IndicatorKey, SectionKey } from './columns';
import type { PathSegment } from './paths';
import type { RowReader } from './table';
import { compact } from './text';
import type { SheetProblem } from './types';
import { PARTS, vocabAllowed } from './vocab';
import { FRAMEWORK_LIMITS } from '../../limits';

export interface Where {
	sheet: string;
	row: number;
	column?: string;
}

export interface SectionNode {
	code: string;
	title?: string;
	firstSeen: Where;
	titleWhere?: Where;
	parent: string | null;
	parentWhere: Where;
	children: string[];
	indicators: IndicatorDraft[];
	part?: SectionPart;
	partWhere?: Where;
	sheetRow?: RowReader<SectionKey>;
	id?: string;
	titleEn?: string;
	weight?: number;
	cap?: number;
	guidance?: LocalText;
	basisSource?: string;
	provisional?: boolean;
	provisionalNote?: LocalText;
}

export interface IndicatorDraft {
	r: RowReader<IndicatorKey>;
	sectionCode: string;
	id?: string;
	code?: string;
	title?: LocalText;
	max?: number;
	method?: IndicatorMethod;
	deductions: { id?: string; title: LocalText; points: number; per: Per; provisional?: boolean; provisionalNote?: LocalText }[];
	levels: { id?: string; title: LocalText; points: number }[];
	ratioOf?: number;
	/** Category ids it applies to; undefined = every category (empty cell or no column). */
	appliesTo?: string[];
	guidance?: LocalText;
	basis?: string;
	basisSource?: string;
	suggestion?: LocalText;
	deadline?: string;
	responsibleUnits: string[];
	naTreatment?: NaPolicy;
	provisional?: boolean;
	provisionalNote?: LocalText;
}

export class SectionTree {
	readonly nodes = new Map<string, SectionNode>();
	readonly roots: string[] = [];

	constructor(private readonly out: SheetProblem[]) {}

	/** Registers every segment of a path; returns the leaf code, or undefined after a problem. */
	add(segments: PathSegment[], where: Where): string | undefined {
		// A node's depth is the length of the path that first placed it, so this bounds the whole tree.
		if (segments.length > FRAMEWORK_LIMITS.sectionDepth) {
			this.problem(where, 'sheet.error.tooDeep', { limit: FRAMEWORK_LIMITS.sectionDepth, depth: segments.length });
			return undefined;
		}
		let parent: string | null = null;
		let ok = true;
		for (const seg of segments) {
			let node = this.nodes.get(seg.code);
			if (!node) {
				node = { code: seg.code, firstSeen: where, parent, parentWhere: where, children: [], indicators: [] };
				this.nodes.set(seg.code, node);
				if (parent === null) this.roots.push(seg.code);
				else this.nodes.get(parent)!.children.push(seg.code);
			} else if (node.parent !== parent) {
				// Also how a cycle shows: "A > B" then "B > A" places A under both the top level and B.
				this.problem(where, 'sheet.error.sectionTwoParents', {
					code: seg.code,
					parent: parent ?? '—',
					otherParent: node.parent ?? '—',
					otherRow: node.parentWhere.row,
					otherSheet: node.parentWhere.sheet
				});
				ok = false;
			}
			if (seg.title !== undefined) {
				if (node.title === undefined) {
					node.title = seg.title;
					node.titleWhere = where;
				} else if (node.title !== seg.title) {
					this.problem(where, 'sheet.error.sectionTitleConflict', {
						code: seg.code,
						title: seg.title,
						otherTitle: node.title,
						otherRow: node.titleWhere!.row,
						otherSheet: node.titleWhere!.sheet
					});
					ok = false;
				}
			}
			parent = seg.code;
		}
		return ok ? parent! : undefined;
	}

	setPart(code: string, part: SectionPart, where: Where): void {
		const node = this.nodes.get(code)!;
		if (node.part === undefined) {
			node.part = part;
			node.partWhere = where;
		} else if (node.part !== part) {
			this.problem(where, 'sheet.error.sectionPartConflict', {
				code,
				part: PARTS.labels[part],
				otherPart: PARTS.labels[node.part],
				otherRow: node.partWhere!.row,
				otherSheet: node.partWhere!.sheet
			});
		}
	}

	/** Sections without a part of their own take their parent's, or else their first descendant's. */
	resolveParts(): void {
		const down = (code: string, inherited: SectionPart | undefined) => {
			const n = this.nodes.get(code)!;
			n.part ??= inherited;
			for (const c of n.children) down(c, n.part);
		};
		const firstBelow = (code: string): SectionPart | undefined => {
			const n = this.nodes.get(code)!;
			if (n.part) return n.part;
			for (const c of n.children) {
				const p = firstBelow(c);
				if (p) return p;
			}
			return undefined;
		};
		for (const r of this.roots) down(r, firstBelow(r));
		for (const n of this.nodes.values()) {
			if (n.part === undefined) this.problem(n.firstSeen, 'sheet.error.partMissing', { code: n.code, allowed: vocabAllowed(PARTS) });
		}
		for (const n of this.nodes.values()) {
			if (n.title === undefined) this.problem(n.firstSeen, 'sheet.error.sectionUndefined', { code: n.code });
		}
	}

	private problem(where: Where, code: string, params: Record<string, string | number>): void {
		this.out.push(compact({ sheet: where.sheet, row: where.row, column: where.column, code, params }));
	}
}
