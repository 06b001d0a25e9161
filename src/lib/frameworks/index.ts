import { Framework } from '$lib/domain/framework';
import cnGovWebsite2019 from './cn-gov-website-2019.json';

/** Frameworks shipped with the app, validated by the same schema as user imports. */
export const builtInFrameworks: Framework[] = [Framework.parse(cnGovWebsite2019)];

export function getBuiltInFramework(id: string): Framework | undefined {
	return builtInFrameworks.find((fw) => fw.id === id);
}
