import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Import boundaries of DESIGN §6: each folder may only reach the layers below it. */
const boundary = (files, forbidden, message, { features = true } = {}) => ({
	files,
	rules: {
		// Type-only imports cross layers freely: they vanish at build time.
		'@typescript-eslint/no-restricted-imports': [
			'error',
			{
				patterns: [
					...forbidden.map((group) => ({ group: [group], message, allowTypeImports: true })),
					// Outside domain/, a feature is used through its index (its public API). Its schema (the stored shapes storage and
					// io need) may be imported alone: rolldown does not drop a barrel's unused modules, so going through the index
					// would put the whole feature on every page that stores a record.
					...(features ? [{ group: ['$lib/domain/*/*', '!$lib/domain/*/schema', '!$lib/domain/framework/sheet'], message: 'Import a domain feature through its index ($lib/domain/<feature>); only its stored shapes (schema) may be imported on their own.' }] : [])
				]
			}
		]
	}
});

/** Components and routes only bind and render: storage, files and downloads are jobs of state/. */
const UI_FORBIDDEN = ['$lib/io', '$lib/io/*', '$lib/storage', '$lib/storage/*', 'idb'];
const UI_MESSAGE = 'Components and routes reach IndexedDB, files and downloads only through state/ (the composition root is state/create-app.ts).';

/** `import()` is not an import declaration, so no-restricted-imports does not see it: the same boundary for lazy imports. */
const noLazyImport = {
	meta: { type: 'problem', schema: [{ type: 'object', properties: { pattern: { type: 'string' }, message: { type: 'string' } }, additionalProperties: false }] },
	create(context) {
		const { pattern, message } = context.options[0];
		const forbidden = new RegExp(pattern);
		return {
			ImportExpression(node) {
				if (node.source.type === 'Literal' && typeof node.source.value === 'string' && forbidden.test(node.source.value)) context.report({ node, message });
			}
		};
	}
};

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: { allowDefaultProject: ['eslint.config.js', 'svelte.config.js', 'scripts/*.mjs', 'bench/run.mjs'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// Every promise is awaited or explicitly handled (DESIGN §6): a lost rejection is lost work.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-undef': 'off'
		}
	},
	{
		// SvelteKit keeps the service worker out of the app's tsconfig (worker types, not DOM); lint it with its own.
		files: ['src/service-worker.ts'],
		languageOptions: { parserOptions: { projectService: false, project: './tsconfig.sw.json' } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser } }
	},
	{
		// State classes keep immutable collections in $state.raw and replace them whole; their Maps,
		// Sets and Dates are never mutated in place, so Svelte's reactive versions would only add cost.
		files: ['src/lib/state/**', 'src/lib/i18n/**'],
		rules: { 'svelte/prefer-svelte-reactivity': 'off' }
	},
	boundary(['src/lib/domain/**'], ['$lib/storage/*', '$lib/io/*', '$lib/state/*', '$lib/components/*', '$lib/i18n/*', 'svelte', 'svelte/*', '$app/*', 'idb'], 'domain/ is pure TypeScript: no browser, storage, io or Svelte.', { features: false }),
	boundary(['src/lib/storage/**'], ['$lib/state/*', '$lib/components/*', '$lib/io/*', 'svelte', 'svelte/*', '$app/*'], 'storage/ knows only domain/ and IndexedDB.'),
	boundary(['src/lib/state/**', 'src/lib/io/**', 'src/lib/charts/**', 'src/lib/i18n/**', 'src/lib/frameworks/**', 'bench/**'], [], ''),
	boundary(['src/lib/components/**', 'src/routes/**'], UI_FORBIDDEN, UI_MESSAGE),
	{
		// Time is injected (DESIGN §6): the real clock is read in one place, so tests never branch on today's date.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/domain/clock.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{ selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the time from the injected Clock (domain/clock.ts), not new Date().' },
				{ selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read the time from the injected Clock (domain/clock.ts), not Date.now().' }
			]
		}
	},
	{
		files: ['src/lib/components/**', 'src/routes/**'],
		plugins: { kaiming: { rules: { 'no-lazy-import': noLazyImport } } },
		rules: { 'kaiming/no-lazy-import': ['error', { pattern: String.raw`^(\$lib/(io|storage)(/.*)?|idb)$`, message: UI_MESSAGE }] }
	}
);
