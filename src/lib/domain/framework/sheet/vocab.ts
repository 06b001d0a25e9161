import type { Rounding } from '../../rounding';
import type { Framework, IndicatorMethod, NaPolicy, SectionPart } from '../schema';
import { norm } from './text';

export interface Vocab<K extends string> {
	labels: Record<K, string>;
	aliases: Record<K, string[]>;
}

export const PARTS: Vocab<SectionPart> = {
	labels: { veto: '单项否决', deduct: '扣分', bonus: '加分', weighted: '加权', checklist: '清单' },
	aliases: {
		veto: ['否决', '单项否决指标', 'veto'],
		deduct: ['扣分指标', 'deduct', 'deduction'],
		bonus: ['加分指标', 'bonus'],
		weighted: ['加权指标', 'weighted'],
		checklist: ['清单项', 'checklist']
	}
};

export const METHODS: Vocab<IndicatorMethod> = {
	labels: { binary: '是否', levels: '等级', ratio: '比例' },
	aliases: { binary: ['符合/不符合', '二元', 'binary'], levels: ['分级', 'levels', 'level'], ratio: ['要素比例', 'ratio'] }
};

export type Model = Framework['scoring']['model'];
export const MODELS: Vocab<Model> = {
	labels: { deduction: '扣分制', weighted: '加权', checklist: '清单', veto: '仅单项否决' },
	aliases: { deduction: ['扣分', 'deduction'], weighted: ['加权指数', '加权制', 'weighted'], checklist: ['清单制', 'checklist'], veto: ['单项否决', '否决制', 'veto'] }
};

export const NA_POLICIES: Vocab<NaPolicy> = {
	labels: { rescale: '按比例折算', redistribute: '平均分配', exclude: '剔除' },
	aliases: { rescale: ['折算', 'rescale'], redistribute: ['分配', 'redistribute'], exclude: ['不计', 'exclude'] }
};

export const NA_JUDGEMENTS: Vocab<Framework['scoring']['naJudgement']> = {
	labels: { any: '均可', listed: '仅限标明的指标' },
	aliases: { any: ['any', '全部'], listed: ['listed', '仅限标明'] }
};

export const ROUNDINGS: Vocab<Rounding> = {
	labels: { halfUp: '四舍五入', halfEven: '四舍六入五成双', down: '去尾' },
	aliases: { halfUp: ['halfUp', 'half up'], halfEven: ['halfEven', 'half even', '银行家舍入'], down: ['down', 'truncate', '截尾'] }
};

export const BOOLEANS: Vocab<'true' | 'false'> = {
	labels: { true: '是', false: '否' },
	aliases: { true: ['yes', 'y', 'true', '1', '√', '✓'], false: ['no', 'n', 'false', '0', '×'] }
};

export function vocabLookup<K extends string>(vocab: Vocab<K>, value: string): K | undefined {
	const wanted = norm(value);
	for (const key of Object.keys(vocab.labels) as K[]) {
		if (norm(vocab.labels[key]) === wanted || vocab.aliases[key].some((a) => norm(a) === wanted)) return key;
	}
	return undefined;
}

export function vocabAllowed<K extends string>(vocab: Vocab<K>): string {
	const keys = Object.keys(vocab.labels) as K[];
	return `${keys.map((k) => vocab.labels[k]).join('、')}（${keys.join(' / ')}）`;
}
