import { Framework } from '$lib/domain/framework/schema';
import cnGovWebsite2019 from './cn-gov-website-2019.json';
import zhaoqing2019Website from './zhaoqing-2019-website.json';
import cnGovNewmedia2019 from './cn-gov-newmedia-2019.json';
import cnGovNewmedia2019Local from './cn-gov-newmedia-2019-local.json';
import cnDisclosureColumn from './cn-disclosure-column.json';
import cnAnnualReport2021 from './cn-annual-report-2021.json';
import tianshui2021KeyPoints from './tianshui-2021-key-points.json';

/** Parse one shipped file, naming it if it does not satisfy the schema. */
function parseBuiltIn(raw: unknown, file: string): Framework {
	const r = Framework.safeParse(raw);
	if (!r.success) throw new Error(`Built-in framework ${file} is invalid: ${r.error.message}`);
	return r.data;
}

/** Frameworks shipped with the app, validated by the same schema as user imports. */
export const builtInFrameworks: Framework[] = [
	parseBuiltIn(cnGovWebsite2019, 'cn-gov-website-2019.json'),
	parseBuiltIn(zhaoqing2019Website, 'zhaoqing-2019-website.json'),
	parseBuiltIn(cnGovNewmedia2019, 'cn-gov-newmedia-2019.json'),
	parseBuiltIn(cnGovNewmedia2019Local, 'cn-gov-newmedia-2019-local.json'),
	parseBuiltIn(cnDisclosureColumn, 'cn-disclosure-column.json'),
	parseBuiltIn(cnAnnualReport2021, 'cn-annual-report-2021.json'),
	parseBuiltIn(tianshui2021KeyPoints, 'tianshui-2021-key-points.json')
];

export function getBuiltInFramework(id: string): Framework | undefined {
	return builtInFrameworks.find((fw) => fw.id === id);
}
