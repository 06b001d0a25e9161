import { createContext } from 'svelte';
import type { AppState } from './app.svelte';
import type { CampaignState } from './campaign.svelte';
import type { FrameworkLibraryState } from './framework-library.svelte';
import type { BackupState } from './backup.svelte';
import type { StateDeps } from './deps';

/** The root layout provides what `createApp` built; pages and components read it from here. */
export const [getApp, setApp] = createContext<AppState>();

/** Repositories, clock and ids, for the state classes a page creates (campaign, assess, rectification…). */
export const [getDeps, setDeps] = createContext<StateDeps>();

/** The campaign layout provides the open campaign to its pages (setup, assess, results). */
export const [getCampaign, setCampaign] = createContext<CampaignState>();

/** The framework library (built-in + the user's own), shared by the library pages and campaign creation. */
export const [getLibrary, setLibrary] = createContext<FrameworkLibraryState>();

/** Backup and restore, with the date of the last full backup. */
export const [getBackup, setBackup] = createContext<BackupState>();
