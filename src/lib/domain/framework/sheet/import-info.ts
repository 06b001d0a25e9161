import { Timestamp } from '../../common';
import type { Framework, FrameworkInput } from '../schema';
import { INFO_COLUMNS, INFO_KEYS } from './columns';
import type { Origins } from './problems';
import { readTable, rowsOf, type RowReader } from './table';
import { compact, isSlug, localText, norm } from './text';
import type { Sheet, SheetImportOptions, SheetProblem } from './types';
import { MODELS, NA_JUDGEMENTS, NA_POLICIES, ROUNDINGS } from './vocab';

export type InfoValues = Pick<FrameworkInput, 'id' | 'version' | 'builtIn' | 'title' | 'description' | 'source' | 'scoring' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'provisional' | 'provisionalNote' | 'reportYears'>;

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
	rounding: ['scoring', 'rounding'],
	naJudgement: ['scoring', 'naJudgement'],
	reportYearFrom: ['reportYears', 'from'],
	reportYearTo: ['reportYears', 'to'],
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

	const reportYears = () => {
		const from = number('reportYearFrom', false, { integer: true });
		const to = number('reportYearTo', false, { integer: true });
		return from === undefined && to === undefined ? undefined : compact({ from, to });
	};

	const model = value('model') ? value('model')!.vocab('value', MODELS, 'sheet.error.unknownModel', true) : missing('model');
	const common = {
		passMark: number('passMark', true),
		vetoScore: text('vetoScore') === undefined ? null : value('vetoScore')!.number('value', { signed: true }),
		decimals: number('decimals', false, { integer: true }),
		rounding: value('rounding') ? value('rounding')!.vocab('value', ROUNDINGS, 'sheet.error.unknownRounding', true) : undefined,
		naJudgement: value('naJudgement') ? value('naJudgement')!.vocab('value', NA_JUDGEMENTS, 'sheet.error.unknownNaJudgement', true) : undefined
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
		reportYears: reportYears(),
		createdAt: timestamp('createdAt'),
		updatedAt: timestamp('updatedAt'),
		// An empty 更新人 row is an empty name (round trip); only a missing row means "stamp it".
		updatedBy: value('updatedBy') ? (text('updatedBy') ?? '') : (opts.user ?? ''),
		...prov('provisional')
	}) as InfoValues;
	return { values, totalRow: value('total')?.row };
}

export function infoFromBase(base: Framework): InfoValues {
	const { id, version, builtIn, title, description, source, scoring, createdAt, updatedAt, updatedBy, provisional, provisionalNote, reportYears } = base;
	return compact({ id, version, builtIn, title, description, source, scoring, createdAt, updatedAt, updatedBy, provisional, provisionalNote, reportYears });
}
