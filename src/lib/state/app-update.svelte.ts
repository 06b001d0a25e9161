import { updateStep, type UpdateStep } from '$lib/domain/app-update';
import type { MessageKey } from '$lib/i18n/index.svelte';

/** The message the page sends a waiting service worker when the user accepted the new version. */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

interface WorkerLike {
	readonly state: string;
	addEventListener(type: 'statechange', listener: () => void): void;
}

/** The parts of a `ServiceWorkerRegistration` the update flow uses. */
export interface WorkerRegistration {
	readonly active: object | null;
	readonly waiting: { postMessage(message: unknown): void } | null;
	readonly installing: WorkerLike | null;
	addEventListener(type: 'updatefound', listener: () => void): void;
	update(): Promise<unknown>;
}

/** The parts of `navigator.serviceWorker` the update flow uses (a fake in unit tests). */
export interface WorkerContainer {
	readonly controller: object | null;
	register(url: string, options?: RegistrationOptions): Promise<WorkerRegistration>;
	addEventListener(type: 'controllerchange', listener: () => void): void;
	removeEventListener(type: 'controllerchange', listener: () => void): void;
}

export interface AppUpdateDeps {
	/** Null where the browser has no service workers: the app still runs, only not offline. */
	container: WorkerContainer | null;
	script: string;
	options?: RegistrationOptions;
	writes: { readonly pending: number; idle(): Promise<void> };
	hasDrafts: () => boolean;
	reload: () => void;
}

/**
 * Registers the service worker and offers a new version when one is waiting. The waiting worker takes over only
 * when the user accepts and `updateStep` says it is safe; the page then reloads once the new worker controls it.
 */
export class AppUpdateState {
	readonly #deps: AppUpdateDeps;
	#available = $state<'waiting' | 'activated' | null>(null);
	#step = $state<UpdateStep>('none');
	#error = $state<MessageKey | null>(null);
	#registration: WorkerRegistration | null = null;
	/** Whether an older worker controlled this page: a controller change is then a new version, not the first install. */
	#controlled = false;
	#requested = false;
	#deciding = false;
	#reloading = false;

	constructor(deps: AppUpdateDeps) {
		this.#deps = deps;
	}

	/** What the banner shows: nothing, the offer, waiting for saves, unsubmitted input, or the switch under way. */
	get step() {
		return this.#step;
	}
	get error() {
		return this.#error;
	}

	#onControllerChange = () => {
		if (this.#requested) return this.#reload();
		// Another tab accepted: this page still runs the old version, whose lazy-loaded code the new worker no
		// longer caches, so it too should reload (at its own safe moment).
		if (this.#controlled) this.#offer('activated');
		this.#controlled = true;
	};

	#offer(kind: 'waiting' | 'activated') {
		this.#available = kind;
		if (this.#step === 'none') this.#step = 'offer';
	}

	#watch(worker: WorkerLike | null, registration: WorkerRegistration) {
		// `installed` with an active worker beside it is an update; on the first install there is none.
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed' && registration.active) this.#offer('waiting');
		});
	}

	async start() {
		const { container } = this.#deps;
		if (!container) return;
		this.#controlled = container.controller !== null;
		container.addEventListener('controllerchange', this.#onControllerChange);
		try {
			const registration = await container.register(this.#deps.script, this.#deps.options);
			this.#registration = registration;
			if (registration.waiting && registration.active) this.#offer('waiting');
			this.#watch(registration.installing, registration);
			registration.addEventListener('updatefound', () => this.#watch(registration.installing, registration));
		} catch {
			this.#error = 'update.registerFailed';
		}
	}

	stop() {
		this.#deps.container?.removeEventListener('controllerchange', this.#onControllerChange);
	}

	/** Asks the server for a newer worker. Offline this fails, which is normal: the next check tries again. */
	async check() {
		try {
			await this.#registration?.update();
		} catch {
			// Nothing to tell the user: being offline is the case this worker exists for.
		}
	}

	/** The user accepted the new version: reload as soon as nothing would be lost. */
	async accept() {
		if (this.#deciding || this.#available === null) return;
		this.#deciding = true;
		try {
			for (;;) {
				const { writes, hasDrafts } = this.#deps;
				this.#step = updateStep({ available: true, accepted: true, pendingWrites: writes.pending, drafts: hasDrafts() });
				if (this.#step !== 'saving') break;
				await writes.idle();
			}
			if (this.#step !== 'apply') return;
			const waiting = this.#registration?.waiting;
			if (this.#available === 'waiting' && waiting) {
				// The reload follows in the controllerchange handler, once the new worker serves this page.
				this.#requested = true;
				waiting.postMessage(SKIP_WAITING);
			} else {
				this.#reload();
			}
		} finally {
			this.#deciding = false;
		}
	}

	#reload() {
		if (this.#reloading) return;
		this.#reloading = true;
		this.#deps.reload();
	}
}
