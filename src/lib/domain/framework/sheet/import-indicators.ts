import type { z } from 'zod';
import type { Indicator } from '../schema';
import { parseLevel, parseRule, splitRules } from './codecs';
import type { IndicatorKey } from './columns';
import type { CategoryDraft } from './import-categories';
import { parsePath } from './paths';
import { resolveCategoryTokens } from './references';
import type { IndicatorDraft, SectionTree } from './section-tree';
import type { RowReader } from './table';
import { compact, localText, splitList, uniqueId } from './text';
import { METHODS, NA_POLICIES, PARTS } from './vocab';

export function readIndicatorRow(r: RowReader<IndicatorKey>, tree: SectionTree, categories: CategoryDraft[] | undefined): IndicatorDraft | undefined {
	const pathText = r.text('path', true);
	const segments = pathText === undefined ? undefined : parsePath(pathText);
	if (pathText !== undefined && !segments) r.fail('path', 'sheet.error.badPath', { value: pathText });
	const sectionCode = segments ? tree.add(segments, { sheet: r.sheet, row: r.row, column: r.column('path') }) : undefined;
	const part = r.vocab('part', PARTS, 'sheet.error.unknownPart');
	if (sectionCode !== undefined && part) tree.setPart(sectionCode, part, { sheet: r.sheet, row: r.row, column: r.column('part') });

	const deductions: IndicatorDraft['deductions'] = [];
	for (const { text, parsed, ambiguous } of splitRules(r.text('deductions') ?? '', parseRule)) {
		if (ambiguous) r.fail('deductions', 'sheet.error.ambiguousRule', { value: text });
		else if (!parsed) r.fail('deductions', 'sheet.error.badDeduction', { value: text });
		else if ('badId' in parsed) r.fail('deductions', 'sheet.error.badId', { value: parsed.badId });
		else if (!(parsed.points > 0)) r.fail('deductions', 'sheet.error.rulePoints', { value: text });
		else deductions.push(parsed);
	}
	const levels: IndicatorDraft['levels'] = [];
	for (const { text, parsed, ambiguous } of splitRules(r.text('levels') ?? '', parseLevel)) {
		if (ambiguous) r.fail('levels', 'sheet.error.ambiguousRule', { value: text });
		else if (!parsed) r.fail('levels', 'sheet.error.badLevel', { value: text });
		else if ('badId' in parsed) r.fail('levels', 'sheet.error.badId', { value: parsed.badId });
		else if (parsed.points < 0) r.fail('levels', 'sheet.error.negative', { value: text });
		else levels.push(parsed);
	}

	let appliesTo: string[] | undefined;
	const catText = r.text('categories');
	if (catText !== undefined && categories) {
		const { ids, unknown, ambiguous } = resolveCategoryTokens(splitList(catText), categories);
		for (const token of unknown) {
			r.fail('categories', 'sheet.error.unknownCategory', { value: token, allowed: categories.map((c) => c.title?.zh ?? c.id).join('、') });
		}
		for (const token of ambiguous) r.fail('categories', 'sheet.error.ambiguousCategory', { value: token });
		appliesTo = ids;
	}

	const guidance = r.text('guidance');
	const guidanceEn = r.text('guidanceEn');
	if (guidanceEn && !guidance) r.fail('guidanceEn', 'sheet.error.enWithoutZh', { column: r.column('guidance') ?? '考察要点' });
	const suggestion = r.text('suggestion');
	const suggestionEn = r.text('suggestionEn');
	if (suggestionEn && !suggestion) r.fail('suggestionEn', 'sheet.error.enWithoutZh', { column: r.column('suggestion') ?? '整改建议' });

	const draft: IndicatorDraft = compact({
		r,
		sectionCode: sectionCode ?? '',
		id: r.slug('id'),
		code: r.text('code', true),
		title: localText(r.text('title', true), r.text('titleEn')),
		max: r.number('max', { required: true }),
		method: r.vocab('method', METHODS, 'sheet.error.unknownMethod'),
		deductions,
		levels,
		ratioOf: r.number('ratioOf', { positive: true, integer: true }),
		appliesTo,
		guidance: localText(guidance, guidanceEn),
		basis: r.text('basis'),
		basisSource: r.text('basisSource'),
		suggestion: localText(suggestion, suggestionEn),
		deadline: r.date('deadline'),
		responsibleUnits: splitList(r.text('units') ?? ''),
		naTreatment: r.vocab('naTreatment', NA_POLICIES, 'sheet.error.unknownNaPolicy'),
		...r.provisional('provisional')
	});
	if (sectionCode !== undefined) tree.nodes.get(sectionCode)!.indicators.push(draft);
	return sectionCode === undefined ? undefined : draft;
}

export function buildIndicator(d: IndicatorDraft): z.input<typeof Indicator> {
	const dIds = new Set(d.deductions.flatMap((x) => (x.id ? [x.id] : [])));
	const lIds = new Set(d.levels.flatMap((x) => (x.id ? [x.id] : [])));
	return compact({
		id: d.id!,
		code: d.code!,
		title: d.title!,
		guidance: d.guidance,
		basis: d.basis,
		basisSource: d.basisSource,
		suggestion: d.suggestion,
		max: d.max!,
		deductions: d.deductions.map((x, k) => compact({ ...x, id: x.id ?? uniqueId(`d${k + 1}`, dIds) })),
		method: d.method ?? 'binary',
		levels: d.levels.map((x, k) => compact({ ...x, id: x.id ?? uniqueId(`l${k + 1}`, lIds) })),
		ratioOf: d.ratioOf,
		deadline: d.deadline,
		responsibleUnits: d.responsibleUnits,
		naTreatment: d.naTreatment,
		provisional: d.provisional,
		provisionalNote: d.provisionalNote
	});
}
