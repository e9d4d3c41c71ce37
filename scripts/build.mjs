/**
Builds the published CLI: bundles cli.tsx and everything it imports (Ink, React, Yoga, meow...)
with esbuild into dist/, as ES modules for Node 20. `npm run build` type-checks with tsc first.

Why a bundle: the package then has no runtime dependencies, so `npm i -g` copies one package and
runs nothing, and the fixes of dependency code (scripts/dependency-transforms.mjs) are applied here,
at build time, to the versions in the lock file, instead of rewriting installed packages. It also
starts faster: a handful of files instead of some 240 modules to resolve and read.

dist/ holds:
- cli.js, the command: the loader of the app's scripts (source/libraries/app-scripts.ts), nothing
  of the app.
- app.cjs, the app's entry (cli.tsx: argument parsing, the corpus and review code, `check` and
  `stats`), and chunks/*.cjs, the code it loads on demand (the UI is its own chunk, loaded only when
  the screen opens, so `--version`, `--help` and `check` never evaluate it). esbuild writes them as
  ES modules and scripts/app-scripts.mjs turns each into a CommonJS script with a .cache beside it:
  Node 20 caches no ES module's compiled code, V8's code cache for a script saved 20 ms of the first
  frame and 10 ms of `check`.
- tagger-worker.js, the entry of the tagger's worker thread (issue 12), occurrences-worker.js,
  the thread `check` and `stats` match a large file's second half in (issue 17), and
  index-worker.js, the thread that indexes a large file beside the screen's slices, ES modules built
  on their own: a worker starts from a file of its own. spawn-worker.ts finds them beside or above
  the file its code ends up in (app.cjs or a chunk); test/tagger-bundle.test.ts builds both cases
  and trains through them.
- chunks/cli-libraries.cjs and chunks/ui-libraries.cjs with their .cache files: the third-party
  code (meow for every command; Ink, React, Yoga for the screen: most of the bytes) as two
  CommonJS bundles loaded with V8's code cache, which the build makes by running them
  (scripts/libraries.mjs, source/libraries/load.ts); these saved about 28 ms of `--version` and 35
  ms of the first frame.
- built-from.json: the exact version of every bundled package, the transforms applied, esbuild's
  version.
- licenses.txt: the license of every bundled package (they ship inside our files now).

The fixes Ink needs to be bundled:
- ink/build/devtools.js (loaded only with DEV=true, it needs the optional react-devtools-core and
  ws) is replaced by an empty module, and DEV=true no longer turns it on: React DevTools is not
  supported in the bundle (scripts/dependency-transforms.mjs).
- CommonJS code inside dependencies calls `require` for Node's modules (signal-exit: `assert`),
  which an ES module does not have: the app's scripts and the libraries' bundles get a `require`
  from their loader, and the worker, an ES module, a banner that defines it with `createRequire`,
  as gemini-cli does.
- Ink's and Yoga's top-level awaits, which a CommonJS bundle cannot hold: see scripts/libraries.mjs
  and scripts/dependency-transforms.mjs.
- `process.env.NODE_ENV` is "production" at build time, so React's and the reconciler's
  development builds are not even bundled.
*/
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';
import {dependencyTransforms, inkDevtoolsStub, packageOf, transforms, unapplied} from './dependency-transforms.mjs';
import {buildLauncher, makeAppCodeCaches, scriptsFromModules} from './app-scripts.mjs';
import {buildLibraries, checkLibrariesFindable, librariesFromBundles, makeCodeCaches} from './libraries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaultOutdir = path.join(root, 'dist');

/**
The bundle's entry points: the CLI (its code in app.cjs, started by cli.js), and the worker threads
(their names are start-training.ts's workerFileName, parallel-occurrences.ts's occurrencesWorkerFileName
and parallel-index.ts's indexWorkerFileName).
*/
export const entryPoints = [{in: 'cli.tsx', out: 'app'}, {in: 'source/review/tagger/worker.ts', out: 'tagger-worker'}, {in: 'source/review/occurrences-worker.ts', out: 'occurrences-worker'}, {in: 'source/review/index-worker.ts', out: 'index-worker'}];

/** CommonJS code inside dependencies calls `require` for Node's modules, which an ES module does not have. */
const requireBanner = 'import {createRequire as __nerReviewCreateRequire} from \'node:module\'; const require = __nerReviewCreateRequire(import.meta.url);';

/**
Builds into `outdir` (dist/); `overrides` are esbuild options, to measure a variant of the build. The
app's build is made of scripts with a code cache (scripts/app-scripts.mjs); a variant with entry
points of its own (a test's) is left as esbuild writes it, ES modules, its entries run directly.
*/
export async function build({outdir = defaultOutdir, ...overrides} = {}) {
	const asScripts = overrides.entryPoints === undefined;
	const [appEntry, ...workerEntries] = entryPoints;
	// Each bundle's plugin starts its own list over when it starts.
	const appliedToLibraries = new Set();
	const appliedToApp = new Set();
	await fs.rm(outdir, {recursive: true, force: true});
	// First the libraries: the app's bundle re-exports the names they export.
	const libraries = await buildLibraries({
		folder: path.join(outdir, 'chunks'),
		plugins: [inkDevtoolsStub, dependencyTransforms({applied: appliedToLibraries, requireAll: false})],
	}).catch(async error => {
		await report(error.errors ?? [], 'error');
		throw error;
	});
	await report(libraries.warnings, 'warning');
	const result = await esbuild.build({
		absWorkingDir: root,
		// The workers are a build of their own: the app's chunks become scripts, which they could not import.
		entryPoints: asScripts ? [appEntry] : entryPoints,
		outdir,
		bundle: true,
		splitting: true,
		chunkNames: 'chunks/[name]-[hash]',
		format: 'esm',
		platform: 'node',
		target: 'node20',
		jsx: 'automatic',
		// The app's own one-line errors and stack traces stay readable: no minification (it gained
		// nothing measurable at start-up).
		minify: false,
		legalComments: 'none',
		// The app's scripts get `require` from their loader (app-scripts.ts).
		banner: asScripts ? {} : {js: requireBanner},
		define: {'process.env.NODE_ENV': '"production"'},
		// source/runtime.ts still sets NODE_ENV at run time, for the code run from source by tsx.
		logOverride: {'assign-to-define': 'silent'},
		plugins: [librariesFromBundles(libraries.exportNames), dependencyTransforms({applied: appliedToApp, requireAll: false})],
		metafile: true,
		// Errors and warnings are printed by `report`: esbuild does not log the errors of a plugin's onEnd.
		logLevel: 'silent',
		...overrides,
	}).catch(async error => {
		await report(error.errors ?? [], 'error');
		throw error;
	});
	await report(result.warnings, 'warning');
	const worker = asScripts ? await buildWorkers(outdir, workerEntries, dependencyTransforms({applied: appliedToApp, requireAll: false})) : undefined;
	// Each transform applied in one of the two bundles (a missing one is a dependency that changed);
	// a variant built with plugins of its own (a test's) is not held to them.
	const applied = new Set([...appliedToLibraries, ...appliedToApp]);
	const missing = overrides.plugins === undefined ? unapplied(transforms, applied) : [];
	if (missing.length > 0) {
		await report(missing, 'error');
		throw Object.assign(new Error('dependency transforms not applied'), {errors: missing});
	}

	checkLibrariesFindable({outdir, metafile: result.metafile});
	await makeCodeCaches(libraries.files);
	if (asScripts) {
		const outputs = Object.keys(result.metafile.outputs).filter(output => output.endsWith('.js'));
		await scriptsFromModules(outputs).catch(async error => {
			await report(error.errors ?? [], 'error');
			throw error;
		});
		await buildLauncher(outdir);
		const scriptOf = source => {
			const [output] = Object.entries(result.metafile.outputs).find(([, each]) => each.entryPoint === source) ?? [];
			if (output === undefined) {
				throw new Error(`no chunk of the build starts at ${source}`);
			}

			return path.resolve(root, output).replace(/\.js$/, '.cjs');
		};

		await makeAppCodeCaches({app: path.join(outdir, 'app.cjs'), check: scriptOf('source/cli/check.ts'), stats: scriptOf('source/cli/stats.ts'), corpus: path.join(root, 'demo', 'software.txt')});
	}

	const packages = await bundledPackages([...Object.keys(libraries.metafile.inputs), ...Object.keys(result.metafile.inputs), ...Object.keys(worker?.metafile.inputs ?? {})]);
	const esbuildVersion = esbuild.version;
	await fs.writeFile(path.join(outdir, 'built-from.json'), `${JSON.stringify({
		note: 'The packages bundled into this build, at the exact versions of the lock file, and the build-time transforms applied to them (scripts/dependency-transforms.mjs).',
		dependencies: Object.fromEntries(packages.map(({name, version}) => [name, version])),
		transforms: [...applied].sort(),
		esbuild: esbuildVersion,
	}, undefined, '\t')}\n`);
	await fs.writeFile(path.join(outdir, 'licenses.txt'), await licenses(packages));
	return {metafile: result.metafile, packages, transforms: [...applied]};
}

/** The workers alone, each an ES module of its own (no shared chunks): each runs in a thread of its own, off the start's path. */
async function buildWorkers(outdir, entries, transformsPlugin) {
	const result = await esbuild.build({
		absWorkingDir: root,
		entryPoints: entries,
		outdir,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		minify: false,
		legalComments: 'none',
		banner: {js: requireBanner},
		define: {'process.env.NODE_ENV': '"production"'},
		logOverride: {'assign-to-define': 'silent'},
		plugins: [transformsPlugin],
		metafile: true,
		logLevel: 'silent',
	}).catch(async error => {
		await report(error.errors ?? [], 'error');
		throw error;
	});
	await report(result.warnings, 'warning');
	return result;
}

async function report(messages, kind) {
	if (messages.length > 0) {
		console.error((await esbuild.formatMessages(messages, {kind, color: process.stderr.isTTY})).join(''));
	}
}

/** Name, version and folder of each package that `inputs` (esbuild's input paths) come from, by name. */
async function bundledPackages(inputs) {
	const folders = new Map();
	for (const input of inputs) {
		const owner = packageOf(path.resolve(root, input));
		if (owner !== undefined) {
			folders.set(owner.folder, owner.name);
		}
	}

	const packages = await Promise.all([...folders].map(async ([folder, name]) => {
		const manifest = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8'));
		return {name, version: manifest.version, license: manifest.license, folder};
	}));
	return packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

async function licenses(packages) {
	const parts = ['The ner-review bundle (dist/) contains the following packages. Their licenses:\n'];
	for (const {name, version, license, folder} of packages) {
		// eslint-disable-next-line no-await-in-loop
		const file = (await fs.readdir(folder)).find(entry => /^licen[cs]e/i.test(entry));
		// eslint-disable-next-line no-await-in-loop
		const text = file === undefined ? `(no license file; package.json says ${license})` : (await fs.readFile(path.join(folder, file), 'utf8')).trim();
		parts.push(`${'-'.repeat(72)}\n${name}@${version} (${license})\n\n${text}\n`);
	}

	return parts.join('\n');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		const {packages, transforms} = await build();
		console.log(`dist/: ${packages.length} packages bundled, ${transforms.length} dependency transforms applied`);
	} catch (error) {
		// The build's own errors are printed already.
		if (!Array.isArray(error?.errors)) {
			console.error(error);
		}

		console.error('ner-review: the build failed');
		process.exitCode = 1;
	}
}
