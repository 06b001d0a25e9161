import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		// Strict CSP as a meta tag; SvelteKit hashes its own inline bootstrap script. Excel reading unzips in a
		// blob: worker, chart PNGs are data: URLs, evidence images will be blob: URLs.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'img-src': ['self', 'blob:', 'data:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self', 'data:'],
				'manifest-src': ['self'],
				'connect-src': ['self', 'blob:', 'data:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// Absolute asset paths in every page, as in the fallback shell: the service worker answers any deep link with
		// the shell cached from `/`, whose relative paths would resolve against the deep link instead.
		paths: { relative: false },
		// The root layout registers src/service-worker.ts itself, to hold its registration and offer updates.
		serviceWorker: { register: false },
		typescript: {
			// svelte-check and tsc should see the tests and tool configs too, not only src/.
			config: (config) => {
				config.include.push('../tests/**/*.ts', '../bench/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
