import { describe, expect, it } from 'vitest';
import { updateStep, type UpdateFacts } from '$lib/domain/app-update';
import { AppUpdateState, SKIP_WAITING, type WorkerContainer, type WorkerRegistration } from '$lib/state/app-update.svelte';
import { PendingWrites } from '$lib/state/pending-writes.svelte';
import { SaveQueue } from '$lib/state/save-queue.svelte';
import type { Repositories } from '$lib/storage/repositories';

function deferred<T = void>() {
	let resolve!: (value: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

/** Lets every queued microtask and promise continuation run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('updateStep', () => {
	const base: UpdateFacts = { available: true, accepted: true, pendingWrites: 0, drafts: false };
	it.each<[Partial<UpdateFacts>, ReturnType<typeof updateStep>]>([
		[{ available: false }, 'none'],
		[{ available: false, accepted: true, pendingWrites: 3, drafts: true }, 'none'],
		[{ accepted: false }, 'offer'],
		[{ accepted: false, pendingWrites: 2, drafts: true }, 'offer'],
		[{ pendingWrites: 1 }, 'saving'],
		[{ pendingWrites: 1, drafts: true }, 'saving'],
		[{ drafts: true }, 'drafts'],
		[{}, 'apply']
	])('%o → %s', (facts, step) => {
		expect(updateStep({ ...base, ...facts })).toBe(step);
	});
});

describe('PendingWrites', () => {
	it('counts each write until it settles, failures included, and resolves idle() only at zero', async () => {
		const writes = new PendingWrites();
		const a = writes.begin();
		const b = writes.begin();
		expect(writes.pending).toBe(2);
		let idle = false;
		void writes.idle().then(() => (idle = true));
		a();
		a(); // a second call of the same token changes nothing
		await settle();
		expect([writes.pending, idle]).toEqual([1, false]);
		b();
		await settle();
		expect([writes.pending, idle]).toEqual([0, true]);
	});

	it('wraps repository writes but not reads', async () => {
		const writes = new PendingWrites();
		const put = deferred();
		const repos = writes.track({
			settings: { get: () => new Promise(() => {}), put: () => put.promise.then(() => ({})) }
		} as unknown as Repositories);
		void repos.settings.get();
		expect(writes.pending).toBe(0);
		const writing = repos.settings.put({} as never).catch(() => 'failed');
		expect(writes.pending).toBe(1);
		put.reject(new Error('quota'));
		expect(await writing).toBe('failed');
		expect(writes.pending).toBe(0);
	});

	it('counts a save queue from its first push until it has drained, gaps between writes included', async () => {
		const writes = new PendingWrites();
		const q = new SaveQueue(writes);
		const first = deferred();
		const second = deferred();
		q.push('a', () => first.promise);
		q.push('b', () => second.promise);
		expect(writes.pending).toBe(1);
		let idle = false;
		void writes.idle().then(() => (idle = true));
		first.resolve();
		await settle();
		expect(idle).toBe(false);
		second.resolve();
		await q.idle();
		await settle();
		expect([writes.pending, idle]).toEqual([0, true]);
	});
});

type Listener = () => void;

/** A service worker registration and container driven by hand, in the order browsers fire their events. */
function fakeWorkers(options: { controlled: boolean; waiting?: boolean }) {
	const messages: unknown[] = [];
	const worker = (state: string) => {
		const listeners: Listener[] = [];
		return {
			state,
			postMessage: (m: unknown) => messages.push(m),
			addEventListener: (_: 'statechange', l: Listener) => listeners.push(l),
			set(next: string) {
				this.state = next;
				for (const l of listeners) l();
			}
		};
	};
	const updatefound: Listener[] = [];
	const controllerchange = new Set<Listener>();
	const registration = {
		active: options.controlled ? worker('activated') : null,
		waiting: options.waiting ? worker('installed') : null,
		installing: null as ReturnType<typeof worker> | null,
		updates: 0,
		addEventListener: (_: 'updatefound', l: Listener) => updatefound.push(l),
		async update() {
			this.updates++;
			throw new TypeError('Failed to fetch');
		}
	};
	const container = {
		controller: options.controlled ? {} : null,
		registered: [] as string[],
		async register(url: string) {
			this.registered.push(url);
			return registration as WorkerRegistration;
		},
		addEventListener: (_: 'controllerchange', l: Listener) => controllerchange.add(l),
		removeEventListener: (_: 'controllerchange', l: Listener) => controllerchange.delete(l)
	};
	return {
		container: container as WorkerContainer & typeof container,
		registration,
		messages,
		/** The browser found a new worker script and installs it next to the active one. */
		newVersion() {
			const w = worker('installing');
			registration.installing = w;
			for (const l of updatefound) l();
			registration.installing = null;
			registration.waiting = w;
			w.set('installed');
		},
		/** A waiting worker took over (skipWaiting) or the first worker claimed the page. */
		activate() {
			registration.active = registration.waiting ?? worker('activated');
			registration.waiting = null;
			container.controller = {};
			for (const l of [...controllerchange]) l();
		}
	};
}

function setup(options: { controlled: boolean; waiting?: boolean }, drafts = false) {
	const fake = fakeWorkers(options);
	const writes = new PendingWrites();
	const state = { drafts, reloads: 0 };
	const update = new AppUpdateState({
		container: fake.container,
		script: '/service-worker.js',
		writes,
		hasDrafts: () => state.drafts,
		reload: () => state.reloads++
	});
	return { fake, writes, state, update };
}

describe('AppUpdateState', () => {
	it('registers the worker; the first install offers nothing even when the new worker claims the page', async () => {
		const { fake, update } = setup({ controlled: false });
		expect(fake.container.registered).toEqual([]); // the constructor does no I/O
		await update.start();
		expect(fake.container.registered).toEqual(['/service-worker.js']);
		fake.activate();
		expect(update.step).toBe('none');
	});

	it('offers a worker that was already waiting when the page loaded', async () => {
		const { update } = setup({ controlled: true, waiting: true });
		await update.start();
		expect(update.step).toBe('offer');
	});

	it('offers a new version found while the page is open, and never applies it on its own', async () => {
		const { fake, state, update } = setup({ controlled: true });
		await update.start();
		expect(update.step).toBe('none');
		fake.newVersion();
		expect(update.step).toBe('offer');
		await settle();
		expect(fake.messages).toEqual([]);
		expect(state.reloads).toBe(0);
	});

	it('on accept waits for pending writes, then activates the waiting worker, then reloads once it controls the page', async () => {
		const { fake, writes, state, update } = setup({ controlled: true });
		await update.start();
		fake.newVersion();
		const saving = writes.begin();
		const accepted = update.accept();
		expect(update.step).toBe('saving');
		await settle();
		expect(fake.messages).toEqual([]);
		saving();
		await accepted;
		expect(update.step).toBe('apply');
		expect(fake.messages).toEqual([SKIP_WAITING]);
		expect(state.reloads).toBe(0); // not before the new worker has taken over
		fake.activate();
		expect(state.reloads).toBe(1);
	});

	it('does not reload over unsubmitted input; a second accept after it is cleared goes ahead', async () => {
		const { fake, state, update } = setup({ controlled: true, waiting: true }, true);
		await update.start();
		await update.accept();
		expect(update.step).toBe('drafts');
		expect(fake.messages).toEqual([]);
		state.drafts = false;
		await update.accept();
		expect(fake.messages).toEqual([SKIP_WAITING]);
	});

	it('a version accepted in another tab is offered here too, and accepting it just reloads', async () => {
		const { fake, state, update } = setup({ controlled: true, waiting: true });
		await update.start();
		fake.activate(); // the other tab's skipWaiting
		expect(update.step).toBe('offer');
		expect(state.reloads).toBe(0);
		await update.accept();
		expect(fake.messages).toEqual([]);
		expect(state.reloads).toBe(1);
	});

	it('an update check that fails offline changes nothing; without service workers nothing is registered', async () => {
		const { fake, update } = setup({ controlled: true });
		await update.start();
		await update.check();
		expect(fake.registration.updates).toBe(1);
		expect([update.step, update.error]).toEqual(['none', null]);

		const bare = new AppUpdateState({ container: null, script: '/service-worker.js', writes: new PendingWrites(), hasDrafts: () => false, reload: () => {} });
		await bare.start();
		await bare.accept();
		expect([bare.step, bare.error]).toEqual(['none', null]);
	});

	it('a failed registration is reported, not swallowed', async () => {
		const { fake, update } = setup({ controlled: false });
		fake.container.register = async () => {
			throw new DOMException('denied', 'SecurityError');
		};
		await update.start();
		expect(update.error).toBe('update.registerFailed');
	});
});
