import { createContext } from 'svelte';
import type { AppState } from './app.svelte';
import type { CampaignState } from './campaign.svelte';

/** The root layout provides the app state; pages and components read it from here. */
export const [getApp, setApp] = createContext<AppState>();

/** The campaign layout provides the open campaign to its pages (setup, assess, results). */
export const [getCampaign, setCampaign] = createContext<CampaignState>();
