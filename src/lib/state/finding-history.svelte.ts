import type { FindingChange } from '$lib/domain/finding-history';
import type { StateDeps } from './deps';
import { toUserError, type UserError } from './errors';

/** One finding's history, newest first, as the assess screen's 历史 panel shows it. */
export class FindingHistoryState {
	#entries = $state.raw<FindingChange[]>([]);
	#failure = $state<UserError | null>(null);
	#loaded = $state(false);
	/** Counts loads, so an older read finishing after a newer one never replaces it. */
	#reads = 0;
	readonly #repos: StateDeps['repos'];

	constructor(deps: StateDeps) {
		this.#repos = deps.repos;
	}

	get entries() {
		return this.#entries;
	}
	get failure() {
		return this.#failure;
	}
	/** False until the first read has finished: the panel says "no changes" only once it knows. */
	get loaded() {
		return this.#loaded;
	}

	/** Reads the history of `findingId` (none yet: no finding stored for the indicator). */
	async load(findingId: string | undefined) {
		const read = ++this.#reads;
		try {
			const entries = findingId === undefined ? [] : await this.#repos.findings.history(findingId);
			if (read !== this.#reads) return;
			this.#entries = entries;
			this.#failure = null;
		} catch (e) {
			if (read === this.#reads) this.#failure = toUserError(e);
		} finally {
			if (read === this.#reads) this.#loaded = true;
		}
	}
}
