import { Timestamp, type LocalText } from '../common';
import type { Framework, FrameworkInput } from '../framework';
import { CATEGORY_COLUMNS, GRADE_COLUMNS, INFO_COLUMNS, INFO_KEYS, type CategoryKey, type GradeKey } from './columns';
import { fieldColumns, type Origins } from './problems';
import { readTable, rowsOf, type RowReader } from './table';
import { compact, isSlug, localText, norm, splitList, uniqueId } from './text';
import type { Sheet, SheetImportOptions, SheetProblem } from './types';
import { MODELS, NA_POLICIES } from './vocab';

export type InfoValues = Pick<FrameworkInput, 'id' | 'version' | 'builtIn' | 'title' | 'description' | 'source' | 'scoring' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'provisional' | 'provisionalNote'>;

const INFO_PATHS: Record<string, (string | number)[]> = {
	id: ['id'],
	version: ['version'],
	title: ['title', 'zh'],
	titleEn: ['title', 'en'],
	description: ['description', 'zh'],
	descriptionEn: ['description', 'en'],
	sourceTitle: ['source', 'title'],
	docNo: ['source', 'docNo'],
	issuedOn: ['source', 'issuedOn'],
	url: ['source', 'url'],
	builtIn: ['builtIn'],
	provisional: ['provisional'],
	model: ['scoring', 'model'],
	passMark: ['scoring', 'passMark'],
	vetoScore: ['scoring', 'vetoScore'],
	decimals: ['scoring', 'decimals'],
	total: ['scoring', 'total'],
	naPolicy: ['scoring', 'naPolicy'],
	bonusGate: ['scoring', 'bonus', 'gate'],
	bonusGateInclusive: ['scoring', 'bonus', 'gateInclusive'],
	bonusCap: ['scoring', 'bonus', 'cap'],
	bonusProvisional: ['scoring', 'bonus', 'provisional'],
	createdAt: ['createdAt'],
	updatedAt: ['updatedAt'],
	updatedBy: ['updatedBy']
};

export function readInfo(sheet: Sheet, opts: SheetImportOptions, origins: Origins, out: SheetProblem[]): { values: InfoValues; totalRow?: number } | undefined {
	const table = readTable(sheet, INFO_COLUMNS, out);
	if (!table) return undefined;
	const readers = new Map<string, RowReader<'key' | 'value'>>();
	for (const r of rowsOf(table, out)) {
		const name = r.text('key');
		if (name === undefined) {
			r.fail('key', 'sheet.error.required', { column: r.column('key') ?? '' });
			continue;
		}
		const spec = INFO_KEYS.find((k) => [k.header, ...k.aliases].some((a) => norm(a) === norm(name)));
		if (!spec) {
			r.fail('key', 'sheet.error.unknownKey', { key: name, allowed: INFO_KEYS.map((k) => k.header).join('、') });
			continue;
		}
		const seen = readers.get(spec.key);
		if (seen) {
			r.fail('key', 'sheet.error.duplicateKey', { key: name, otherRow: seen.row });
			continue;
		}
		readers.set(spec.key, r);
		const path = INFO_PATHS[spec.key]!;
		origins.set(path, { sheet: table.sheet, row: r.row, column: () => r.column('value') });
	}
	const value = (key: string) => readers.get(key);
	const missing = (key: string) => {
		const spec = INFO_KEYS.find((k) => k.key === key)!;
		out.push({ sheet: table.sheet, column: table.columns.get('key')?.header, code: 'sheet.error.missingKey', params: { key: spec.header } });
		return undefined;
	};
	const text = (key: string, required = false) => {
		const r = value(key);
		if (!r) return required ? missing(key) : undefined;
		return r.text('value', required);
	};
	const number = (key: string, required = false, o: { positive?: boolean; integer?: boolean } = {}) => {
		const r = value(key);
		if (!r) return required ? missing(key) : undefined;
		return r.number('value', { required, ...o });
	};
	const bool = (key: string) => value(key)?.bool('value');
	const prov = (key: string) => value(key)?.provisional('value') ?? {};
	const slug = (key: string) => {
		const id = text(key, true);
		if (id !== undefined && !isSlug(id)) return value(key)?.fail('value', 'sheet.error.badId', { value: id });
		return id;
	};
	const timestamp = (key: string) => {
		const t = text(key);
		if (t === undefined) return opts.now;
		if (!Timestamp.safeParse(t).success) return value(key)?.fail('value', 'sheet.error.badTimestamp', { value: t });
		return t;
	};

	const model = value('model') ? value('model')!.vocab('value', MODELS, 'sheet.error.unknownModel', true) : missing('model');
	const common = {
		passMark: number('passMark', true),
		vetoScore: text('vetoScore') === undefined ? null : value('vetoScore')!.number('value', { signed: true }),
		decimals: number('decimals', false, { integer: true })
	};
	let scoring: Record<string, unknown> = { model, ...common };
	if (model === 'deduction') {
		const gate = number('bonusGate');
		const cap = number('bonusCap', false, { positive: true });
		const inclusive = bool('bonusGateInclusive');
		const bonusProv = prov('bonusProvisional');
		const anyBonus = text('bonusGate') !== undefined || text('bonusCap') !== undefined || inclusive !== undefined || Object.keys(bonusProv).length > 0;
		// A bonus part needs both numbers; name the empty one rather than drop the bonus silently.
		for (const key of ['bonusGate', 'bonusCap']) {
			if (!anyBonus || text(key) !== undefined) continue;
			const r = value(key);
			if (r) r.text('value', true);
			else missing(key);
		}
		scoring = {
			...scoring,
			total: number('total', true, { positive: true }),
			naPolicy: value('naPolicy') ? value('naPolicy')!.vocab('value', NA_POLICIES, 'sheet.error.unknownNaPolicy', true) : missing('naPolicy'),
			bonus: anyBonus ? compact({ gate, gateInclusive: inclusive ?? false, cap, ...bonusProv }) : null
		};
	}
	const issuedOn = value('issuedOn')?.date('value');
	const values = compact({
		id: slug('id'),
		version: text('version', true),
		builtIn: bool('builtIn') ?? false,
		title: localText(text('title', true), text('titleEn')),
		description: localText(text('description'), text('descriptionEn')),
		source: compact({ title: text('sourceTitle', true), docNo: text('docNo'), issuedOn, url: text('url') }),
		scoring: compact(scoring),
		createdAt: timestamp('createdAt'),
		updatedAt: timestamp('updatedAt'),
		// An empty 更新人 row is an empty name (round trip); only a missing row means "stamp it".
		updatedBy: value('updatedBy') ? (text('updatedBy') ?? '') : (opts.user ?? ''),
		...prov('provisional')
	}) as InfoValues;
	return { values, totalRow: value('total')?.row };
}

export function readGrades(sheet: Sheet, origins: Origins, out: SheetProblem[]) {
	const table = readTable(sheet, GRADE_COLUMNS, out);
	if (!table) return undefined;
	const taken = new Set<string>();
	const seen = new Map<string, number>();
	const grades = rowsOf(table, out).map((r, i) => {
		origins.set(['scoring', 'grades', i], { sheet: table.sheet, row: r.row, column: fieldColumns<GradeKey>(r, { id: 'id', title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'), min: 'min', provisional: 'provisional', provisionalNote: 'provisional' }) });
		const id = r.slug('id');
		if (id !== undefined) {
			if (seen.has(id)) r.fail('id', 'sheet.error.duplicateId', { id, otherRow: seen.get(id)!, otherSheet: table.sheet });
			seen.set(id, r.row);
			taken.add(id);
		}
		// The schema lets a grade floor be any number, so only non-numbers are refused here.
		const min = r.number('min', { required: true, signed: true });
		return { id, title: localText(r.text('title', true), r.text('titleEn')), min, ...r.provisional('provisional') };
	});
	return grades.map(({ id, ...g }, i) => compact({ id: id ?? uniqueId(`grade-${i + 1}`, taken), ...g }));
}

export interface CategoryDraft {
	id: string;
	title?: LocalText;
	bonus: boolean;
	naSectionTokens: { token: string; reader?: RowReader<CategoryKey> }[];
	naSections?: string[];
	naIndicators: string[];
	provisional?: boolean;
	provisionalNote?: string;
}

export function readCategories(sheet: Sheet, origins: Origins, out: SheetProblem[]): CategoryDraft[] | undefined {
	const table = readTable(sheet, CATEGORY_COLUMNS, out);
	if (!table) return undefined;
	const taken = new Set<string>();
	const seen = new Map<string, number>();
	const drafts = rowsOf(table, out).map((r, i) => {
		origins.set(['categories', i], {
			sheet: table.sheet,
			row: r.row,
			column: fieldColumns<CategoryKey>(r, { id: 'id', title: (rest) => (rest[1] === 'en' ? 'titleEn' : 'title'), bonus: 'bonus', naSections: 'naSections', provisional: 'provisional', provisionalNote: 'provisional' })
		});
		const id = r.slug('id');
		if (id !== undefined) {
			if (seen.has(id)) r.fail('id', 'sheet.error.duplicateId', { id, otherRow: seen.get(id)!, otherSheet: table.sheet });
			seen.set(id, r.row);
			taken.add(id);
		}
		return {
			r,
			id,
			title: localText(r.text('title', true), r.text('titleEn')),
			bonus: r.bool('bonus') ?? false,
			naSectionTokens: splitList(r.text('naSections') ?? '').map((token) => ({ token, reader: r })),
			naIndicators: [] as string[],
			...r.provisional('provisional')
		};
	});
	return drafts.map(({ r: _r, id, ...d }, i) => compact({ ...d, id: id ?? uniqueId(`category-${i + 1}`, taken) }));
}

export function categoriesFromBase(base: Framework): CategoryDraft[] {
	return base.categories.map((c) => ({
		...c,
		naSectionTokens: [],
		naSections: [...c.naSections],
		naIndicators: [...c.naIndicators]
	}));
}

export function infoFromBase(base: Framework): InfoValues {
	const { id, version, builtIn, title, description, source, scoring, createdAt, updatedAt, updatedBy, provisional, provisionalNote } = base;
	return compact({ id, version, builtIn, title, description, source, scoring, createdAt, updatedAt, updatedBy, provisional, provisionalNote });
}
