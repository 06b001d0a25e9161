export type {
	AnnualReportRepository,
	CampaignRepository,
	EvidenceRepository,
	FindingRepository,
	FrameworkRepository,
	Repositories,
	SettingsRepository,
	TargetRepository
} from './repositories';
export { createIdbRepositories } from './idb-repositories';
export type { DbProvider } from './transactions';
export {
	DB_NAME,
	closeDb,
	getDb,
	onVersionChange,
	openKaimingDb,
	type ConnectionEvent,
	type KaimingDB,
	type KaimingDatabase,
	type MetaRecord,
	type OpenOptions
} from './db';
export { DB_VERSION, migrations, type Migration } from './migrations';
export { StorageError, toStorageError, type StorageErrorCode } from './errors';
