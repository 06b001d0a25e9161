// Node 20 cannot run TypeScript, so the bench (TypeScript, type-checked with the app) is loaded through Vite's
// module runner, which also resolves `$lib` like the app does.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const { module } = await runnerImport(`${root}bench/main.ts`, {
	configFile: false,
	root,
	logLevel: 'warn',
	resolve: { alias: { $lib: `${root}src/lib` } }
});
process.exitCode = await module.main(process.argv.slice(2));
