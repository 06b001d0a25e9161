import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		typescript: {
			// svelte-check and tsc should see the tests and tool configs too, not only src/.
			config: (config) => {
				config.include.push('../tests/**/*.ts', '../bench/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
