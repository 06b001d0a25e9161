import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// A safety net, not a budget: on a busy 2-core machine a test that takes 1 s quiet can take 6 s.
		testTimeout: 30_000
	}
});
