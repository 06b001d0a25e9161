/**
 * Bundled by the bench for the browser: the app's own `scoreCampaign`, timed there on the restored data
 * without exposing anything from the production build.
 */
import { scoreCampaign } from '$lib/domain/scoring';

(globalThis as { __kaimingBench?: { scoreCampaign: typeof scoreCampaign } }).__kaimingBench = { scoreCampaign };
