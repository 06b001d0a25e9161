import type { LocalText } from '../common';
import { listIndicators } from '../framework/schema';
import type { BackupData, BackupStore } from './format';

/** What a user recognizes a record of a backup by: its campaign, target and indicator. */
export interface RecordLabel {
	campaign?: string;
	target?: string;
	indicator?: { code: string; title: LocalText };
	/** A record of another store (a framework): its key. */
	key?: string;
}

export interface RecordRef {
	store: BackupStore;
	key: string;
	campaignId?: string;
	targetId?: string;
	indicatorId?: string;
}

/** Names from the file itself, which holds every campaign and target its records refer to. */
export function recordLabel(data: Pick<BackupData, 'campaigns' | 'targets'>, ref: RecordRef): RecordLabel {
	const campaignId = ref.store === 'campaigns' ? ref.key : ref.campaignId;
	const targetId = ref.store === 'targets' ? ref.key : ref.targetId;
	const campaign = data.campaigns.find((c) => c.id === campaignId);
	const target = data.targets.find((t) => t.id === targetId);
	const indicator = ref.indicatorId && campaign ? listIndicators(campaign.framework).find((e) => e.indicator.id === ref.indicatorId)?.indicator : undefined;
	const label: RecordLabel = {};
	if (campaign) label.campaign = campaign.title;
	if (target) label.target = target.name;
	if (indicator) label.indicator = { code: indicator.code, title: indicator.title };
	else if (ref.indicatorId) label.indicator = { code: ref.indicatorId, title: { zh: ref.indicatorId } };
	if (!campaign && !target) label.key = ref.key;
	return label;
}
