import type { LocalText } from './common';

/**
 * The State Council's yearly holiday arrangements (国务院办公厅关于 YYYY 年部分节假日安排的通知), built in so that
 * deadlines count the official 放假 and 调休上班 days without the user typing them. Each year cites the notice it
 * was transcribed from, as the built-in frameworks cite theirs; what no stored copy confirms is flagged 待核
 * (`provisional`). A new year is added here when its notice appears (usually in November of the year before);
 * until then users enter it in Settings.
 */
export interface OfficialHoliday {
	name: LocalText;
	/** First and last day off (放假调休), inclusive, as the notice states them. */
	from: string;
	to: string;
	/** The notice's "共 N 天", when it states one: a check on the transcription. */
	days?: number;
	/** Weekend days worked in exchange (调休上班). */
	workdays: string[];
}

export interface OfficialYear {
	year: number;
	source: {
		title: string;
		/** 国办发明电〔YYYY〕N号, when a stored copy names it. */
		docNo?: string;
		issuedOn: string;
		/** The stored copy the dates were read from. */
		url: string;
	};
	provisional?: boolean;
	provisionalNote?: LocalText;
	holidays: OfficialHoliday[];
}

const NAMES = {
	newYear: { zh: '元旦', en: "New Year's Day" },
	spring: { zh: '春节', en: 'Spring Festival' },
	qingming: { zh: '清明节', en: 'Qingming Festival' },
	labour: { zh: '劳动节', en: 'Labour Day' },
	dragonBoat: { zh: '端午节', en: 'Dragon Boat Festival' },
	midAutumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
	national: { zh: '国庆节', en: 'National Day' },
	nationalMidAutumn: { zh: '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' }
} satisfies Record<string, LocalText>;

export const OFFICIAL_YEARS: readonly OfficialYear[] = [
	{
		year: 2024,
		// Dates: 人民日报 2023-10-26 第06版 (新华社 full text). 文号: 国务院公报 2023年第31号 as transcribed on zh.wikisource.org.
		source: {
			title: '国务院办公厅关于2024年部分节假日安排的通知',
			docNo: '国办发明电〔2023〕7号',
			issuedOn: '2023-10-25',
			url: 'http://paper.people.com.cn/rmrb/html/2023-10/26/nw.D110000renmrb_20231026_3-06.htm'
		},
		holidays: [
			{ name: NAMES.newYear, from: '2024-01-01', to: '2024-01-01', workdays: [] },
			{ name: NAMES.spring, from: '2024-02-10', to: '2024-02-17', days: 8, workdays: ['2024-02-04', '2024-02-18'] },
			{ name: NAMES.qingming, from: '2024-04-04', to: '2024-04-06', days: 3, workdays: ['2024-04-07'] },
			{ name: NAMES.labour, from: '2024-05-01', to: '2024-05-05', days: 5, workdays: ['2024-04-28', '2024-05-11'] },
			{ name: NAMES.dragonBoat, from: '2024-06-10', to: '2024-06-10', workdays: [] },
			{ name: NAMES.midAutumn, from: '2024-09-15', to: '2024-09-17', days: 3, workdays: ['2024-09-14'] },
			{ name: NAMES.national, from: '2024-10-01', to: '2024-10-07', days: 7, workdays: ['2024-09-29', '2024-10-12'] }
		]
	},
	{
		year: 2025,
		// The first year under the 2024 revision of 全国年节及纪念日放假办法: 除夕 and 5月2日 became holidays (春节 8 days
		// from 除夕, 劳动节 5 days), and 国庆 falling together with 中秋 gives 8 days.
		source: {
			title: '国务院办公厅关于2025年部分节假日安排的通知',
			docNo: '国办发明电〔2024〕12号',
			issuedOn: '2024-11-12',
			url: 'https://m.gmw.cn/2024-11/12/content_1303894933.htm'
		},
		provisional: true,
		provisionalNote: {
			zh: '放假日期据新华社受权发布的全文；文号“国办发明电〔2024〕12号”仅见于转载副本，未见国务院公报或中国政府网原件，待核。',
			en: 'Dates from the full text released by Xinhua; the document number is only seen in reprints, not in the State Council Gazette or on gov.cn (to be checked).'
		},
		holidays: [
			{ name: NAMES.newYear, from: '2025-01-01', to: '2025-01-01', days: 1, workdays: [] },
			{ name: NAMES.spring, from: '2025-01-28', to: '2025-02-04', days: 8, workdays: ['2025-01-26', '2025-02-08'] },
			{ name: NAMES.qingming, from: '2025-04-04', to: '2025-04-06', days: 3, workdays: [] },
			{ name: NAMES.labour, from: '2025-05-01', to: '2025-05-05', days: 5, workdays: ['2025-04-27'] },
			{ name: NAMES.dragonBoat, from: '2025-05-31', to: '2025-06-02', days: 3, workdays: [] },
			{ name: NAMES.nationalMidAutumn, from: '2025-10-01', to: '2025-10-08', days: 8, workdays: ['2025-09-28', '2025-10-11'] }
		]
	},
	{
		year: 2026,
		source: {
			title: '国务院办公厅关于2026年部分节假日安排的通知',
			issuedOn: '2025-11-04',
			url: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm'
		},
		provisional: true,
		provisionalNote: {
			zh: '放假日期据新华社受权发布的全文；所存副本未载文号（国办发明电〔2025〕…号），待核。',
			en: 'Dates from the full text released by Xinhua; the stored copies do not give the document number (to be checked).'
		},
		holidays: [
			{ name: NAMES.newYear, from: '2026-01-01', to: '2026-01-03', days: 3, workdays: ['2026-01-04'] },
			{ name: NAMES.spring, from: '2026-02-15', to: '2026-02-23', days: 9, workdays: ['2026-02-14', '2026-02-28'] },
			{ name: NAMES.qingming, from: '2026-04-04', to: '2026-04-06', days: 3, workdays: [] },
			{ name: NAMES.labour, from: '2026-05-01', to: '2026-05-05', days: 5, workdays: ['2026-05-09'] },
			{ name: NAMES.dragonBoat, from: '2026-06-19', to: '2026-06-21', days: 3, workdays: [] },
			{ name: NAMES.midAutumn, from: '2026-09-25', to: '2026-09-27', days: 3, workdays: [] },
			{ name: NAMES.national, from: '2026-10-01', to: '2026-10-07', days: 7, workdays: ['2026-09-20', '2026-10-10'] }
		]
	}
];
