/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { base, build, files, version } from '$service-worker';

// Offline support (DESIGN: works on a train and on an intranet PC). One cache per deployed version: the shell and
// the assets it references are always from the same build, so a cached page never asks for a file it lacks.
const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `kaiming-${version}`;
/** The SPA shell (adapter-static's fallback page): it renders every route, so it answers every navigation offline. */
const SHELL = `${base}/`;
const PRECACHED = new Set([...build, ...files, SHELL]);
/** How long a navigation waits for a slow network ("lie-fi") before the cached shell answers instead. */
const NAVIGATION_TIMEOUT_MS = 4000;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			// Built files have content hashes, so the HTTP cache cannot hold a stale one; the shell and static files
			// keep their names across versions and are fetched past the HTTP cache.
			await cache.addAll(build);
			await cache.addAll([...files, SHELL].map((url) => new Request(url, { cache: 'reload' })));
		})()
	);
	// No skipWaiting here: a new version waits until the page, at a safe moment, asks for it (SKIP_WAITING).
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			// On the first visit this makes the open page work offline without a reload; on an update the page
			// that asked for it reloads anyway.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') event.waitUntil(sw.skipWaiting());
});

async function cachedShell(): Promise<Response | undefined> {
	const cache = await caches.open(CACHE);
	return cache.match(SHELL);
}

async function fromCacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	return (await cache.match(request)) ?? fetch(request);
}

/** Network first, so an online user gets what the server has; the cached shell when it fails or is too slow. */
async function navigate(request: Request): Promise<Response> {
	const network = fetch(request).then(async (response) =>
		// A static host without an SPA fallback answers a deep link with 404; the shell knows every route.
		response.status === 404 ? ((await cachedShell()) ?? response) : response
	);
	const slow = new Promise<Response | undefined>((resolve) => setTimeout(() => resolve(cachedShell()), NAVIGATION_TIMEOUT_MS));
	try {
		return (await Promise.race([network, slow])) ?? (await network);
	} catch {
		return (await cachedShell()) ?? Response.error();
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.mode === 'navigate') event.respondWith(navigate(request));
	else if (PRECACHED.has(url.pathname)) event.respondWith(fromCacheFirst(request));
});
