/**
The app's own code as scripts with V8's code cache (source/libraries/app-scripts.ts says why), for
scripts/build.mjs:
- `scriptsFromModules` turns each ES module file esbuild wrote for the app (app.js and its chunks)
  into a CommonJS script beside it (NAME.cjs for NAME.js) that app-scripts.ts can compile with a
  cache: `import.meta` and `import()` of the app's own files become the names the loader's wrapper
  passes, and the `#!` line goes (a script is the body of a function).
- `buildLauncher` writes dist/cli.js, the command: the loader and the call that starts app.cjs.
- `makeAppCodeCaches` runs source/libraries/make-app-code-cache.ts in a plain `node` process (as the
  libraries' maker runs, scripts/libraries.mjs), which runs the app (check, stats, the screen with a
  few keys) and writes each script's .cache beside it.
*/
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';
import {runCodeCacheMaker} from './libraries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const librariesFolder = path.join(root, 'source', 'libraries');

/** `import("./chunks/run-X.js")` as esbuild writes a dynamic import of one of the app's files. */
const ownDynamicImport = /\bimport\((["'])(\.\.?\/[^"'\n]+\.js)\1\)/g;

/**
Turns the app's module files (`outputs`: paths esbuild wrote, relative to the project) into scripts:
writes NAME.cjs for each NAME.js and removes NAME.js. Returns the scripts' paths.
*/
export async function scriptsFromModules(outputs) {
	const scripts = [];
	for (const output of outputs) {
		const file = path.resolve(root, output);
		// eslint-disable-next-line no-await-in-loop
		const module = (await fs.readFile(file, 'utf8')).replace(/^#!.*\n/, '').replaceAll(ownDynamicImport, '__nerReviewImport($1$2$1)');
		// eslint-disable-next-line no-await-in-loop
		const {code, warnings} = await esbuild.transform(module, {format: 'cjs', platform: 'node', target: 'node20', define: {'import.meta': '__nerReviewImportMeta'}, legalComments: 'none', logLevel: 'silent'});
		if (warnings.length > 0) {
			throw Object.assign(new Error(`${output} did not become a script cleanly`), {errors: warnings});
		}

		const script = file.replace(/\.js$/, '.cjs');
		// eslint-disable-next-line no-await-in-loop
		await fs.writeFile(script, code);
		// eslint-disable-next-line no-await-in-loop
		await fs.rm(file);
		scripts.push(script);
	}

	return scripts;
}

/** dist/cli.js: source/libraries/app-main.ts bundled alone (the loader, nothing of the app), with the `#!` line. */
export async function buildLauncher(outdir) {
	await esbuild.build({
		absWorkingDir: root,
		entryPoints: [path.join(librariesFolder, 'app-main.ts')],
		outfile: path.join(outdir, 'cli.js'),
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		banner: {js: '#!/usr/bin/env node'},
		legalComments: 'none',
		logLevel: 'silent',
	});
}

/**
Writes the code cache of each of the app's scripts beside it, made by running the app
(make-app-code-cache.ts): `app` is dist/app.cjs, `check` and `stats` the scripts holding those
commands, `corpus` a corpus to run them on (the demo; a copy is opened). Returns the caches' names.
*/
export async function makeAppCodeCaches({app, check, stats, corpus}) {
	const work = await fs.mkdtemp(path.join(os.tmpdir(), 'ner-review-app-cache-'));
	try {
		const copy = path.join(work, path.basename(corpus));
		await fs.copyFile(corpus, copy);
		const printed = await runCodeCacheMaker('make-app-code-cache.ts', [JSON.stringify({app, check, stats, corpus: copy})], 'the app\'s code caches');
		return JSON.parse(printed.trim().split('\n').at(-1));
	} finally {
		await fs.rm(work, {recursive: true, force: true});
	}
}
