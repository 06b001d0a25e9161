import { createContext } from 'svelte';
import type { AppState } from './app.svelte';
import type { CampaignState } from './campaign.svelte';
import type { FrameworkLibraryState } from './framework-library.svelte';
import type { BackupState } from './backup.svelte';

/** The root layout provides the app state; pages and components read it from here. */
export const [getApp, setApp] = createContext<AppState>();

/** The campaign layout provides the open campaign to its pages (setup, assess, results). */
export const [getCampaign, setCampaign] = createContext<CampaignState>();

/** The framework library (built-in + the user's own), shared by the library pages and campaign creation. */
export const [getLibrary, setLibrary] = createContext<FrameworkLibraryState>();

/** Backup and restore, with the date of the last full backup. */
export const [getBackup, setBackup] = createContext<BackupState>();
