import type { Clock, NewId } from '$lib/domain/clock';
import type { Repositories } from '$lib/storage/repositories';

/** What every state class is given by `createApp` (or a test): storage, time and ids, never reached for. */
export interface StateDeps {
	readonly repos: Repositories;
	readonly clock: Clock;
	readonly newId: NewId;
}
