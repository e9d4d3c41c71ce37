/**
The libraries' bundles and their code caches (source/libraries/load.ts says why), for
scripts/build.mjs. Two bundles, each CommonJS, written to dist/chunks/:
- cli-libraries.cjs (source/libraries/cli-entry.ts): meow, which every command runs;
- ui-libraries.cjs (source/libraries/ui-entry.ts): Ink, React, Yoga, chalk and string-width, which
  only the screen runs.

- `buildLibraries` bundles both and reads the names each of their modules exports.
- `librariesFromBundles` is the app bundle's plugin: each specifier a bundle serves resolves to a
  module that re-exports those names from the loaded bundle (source/libraries/cli-loaded.ts,
  ui-loaded.ts), so the app and Ink share one React.
- `makeCodeCaches` runs source/libraries/make-code-cache.ts in a plain `node` process, which writes
  each bundle's .cache beside it.
*/
import {spawnSync} from 'node:child_process';
import fs from 'node:fs/promises';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const librariesFolder = path.join(root, 'source', 'libraries');

/**
The bundles: their entry, the module of the app that exports their loaded modules and the name
it exports them under, and the import specifiers they serve (the keys of the entry's `modules`).
`fileName` is load.ts's (test/libraries.test.ts checks they agree).
*/
export const libraryBundles = [
	{fileName: 'cli-libraries.cjs', entry: 'cli-entry.ts', loaded: 'cli-loaded.ts', exported: 'cliModules', specifiers: ['meow']},
	{fileName: 'ui-libraries.cjs', entry: 'ui-entry.ts', loaded: 'ui-loaded.ts', exported: 'uiModules', specifiers: ['ink', 'react', 'react/jsx-runtime', 'chalk', 'string-width']},
];

/** Ink imports `yoga-layout`, which awaits at its top level; a bundle is a script: yoga.ts stands in. */
const yogaForInk = {
	name: 'ner-review-yoga-for-ink',
	setup(build) {
		build.onResolve({filter: /^yoga-layout$/}, () => ({path: path.join(librariesFolder, 'yoga.ts')}));
	},
};

/** Bundles the libraries into `folder` with `plugins` (the dependency transforms); returns their files, the metafile, and each served module's export names by specifier. */
export async function buildLibraries({folder, plugins}) {
	const result = await esbuild.build({
		absWorkingDir: root,
		entryPoints: Object.fromEntries(libraryBundles.map(({fileName, entry}) => [fileName.replace(/\.cjs$/, ''), path.join(librariesFolder, entry)])),
		outdir: folder,
		outExtension: {'.js': '.cjs'},
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		minify: false,
		legalComments: 'none',
		// meow finds its own files from import.meta.url, which a CommonJS bundle has no value for.
		banner: {js: 'var __nerReviewImportMetaUrl = require(\'node:url\').pathToFileURL(__filename).href;'},
		define: {'process.env.NODE_ENV': '"production"', 'import.meta.url': '__nerReviewImportMetaUrl'},
		logOverride: {'assign-to-define': 'silent'},
		plugins: [yogaForInk, ...plugins],
		metafile: true,
		logLevel: 'silent',
	});
	const exportNames = {};
	const files = [];
	for (const {fileName, specifiers} of libraryBundles) {
		const file = path.join(folder, fileName);
		files.push(file);
		// Loading it here also proves it runs as CommonJS.
		const {modules} = createRequire(import.meta.url)(file);
		if (Object.keys(modules).join() !== specifiers.join()) {
			throw new Error(`${fileName} serves ${Object.keys(modules).join(', ')}, and the build resolves ${specifiers.join(', ')} to it: update one of them (scripts/libraries.mjs)`);
		}

		for (const specifier of specifiers) {
			exportNames[specifier] = Object.keys(modules[specifier]).filter(name => name !== '__esModule');
		}
	}

	return {files, metafile: result.metafile, warnings: result.warnings, exportNames};
}

const escapeForRegex = text => text.replaceAll(/[.*+?^${}()|[\]\\/]/g, String.raw`\$&`);

/** The app bundle's plugin: each specifier a bundle serves resolves to a module re-exporting `exportNames[specifier]` from the loaded bundle. */
export function librariesFromBundles(exportNames) {
	const servedBy = new Map(libraryBundles.flatMap(bundle => bundle.specifiers.map(specifier => [specifier, bundle])));
	return {
		name: 'ner-review-libraries',
		setup(build) {
			build.onResolve({filter: new RegExp(`^(?:${[...servedBy.keys()].map(specifier => escapeForRegex(specifier)).join('|')})$`)}, args => ({path: args.path, namespace: 'ner-review-library'}));
			build.onLoad({filter: /.*/, namespace: 'ner-review-library'}, args => {
				const {loaded, exported} = servedBy.get(args.path);
				const lines = [`import {${exported}} from ${JSON.stringify(path.join(librariesFolder, loaded))};`, `const module = ${exported}[${JSON.stringify(args.path)}];`];
				for (const name of exportNames[args.path]) {
					if (name === 'default') {
						lines.push('export default module.default;');
					} else if (/^[A-Za-z_$][\w$]*$/.test(name)) {
						lines.push(`export const ${name} = module.${name};`);
					} else {
						return {errors: [{text: `${args.path} exports "${name}", which is not a name this build can re-export`}]};
					}
				}

				return {contents: `${lines.join('\n')}\n`, loader: 'js', resolveDir: root};
			});
		},
	};
}

/**
load.ts finds the bundles in dist/chunks/ from its own place, dist/app.cjs or a chunk in
dist/chunks/ (the module esbuild wrote there, before it became a script): fails the build when
esbuild put its code anywhere else.
*/
export function checkLibrariesFindable({outdir, metafile}) {
	const chunk = Object.entries(metafile.outputs).find(([, output]) => Object.keys(output.inputs).some(input => input.endsWith('source/libraries/load.ts')));
	const folder = chunk === undefined ? undefined : path.dirname(path.resolve(root, chunk[0]));
	if (folder !== undefined && folder !== path.resolve(outdir) && folder !== path.resolve(outdir, 'chunks')) {
		throw new Error(`source/libraries/load.ts is bundled into ${chunk[0]}, where it cannot find the libraries in ${path.join(outdir, 'chunks')}`);
	}
}

/**
Bundles the maker `entry` (a file of source/libraries/) and runs it with `args` in a plain `node`
process: V8 takes a cache only under the flags it was made with (none, as the installed CLI runs),
and Ink draws nothing under CI. Returns its stdout; fails with its stderr, naming `what`.
*/
export async function runCodeCacheMaker(entry, args, what) {
	const work = await fs.mkdtemp(path.join(os.tmpdir(), 'ner-review-code-cache-'));
	try {
		const maker = path.join(work, entry.replace(/\.ts$/, '.mjs'));
		await esbuild.build({absWorkingDir: root, entryPoints: [path.join(librariesFolder, entry)], outfile: maker, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent'});
		const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS' && name !== 'NER_REVIEW_TRACE' && name !== 'CI' && name !== 'CONTINUOUS_INTEGRATION' && !name.startsWith('CI_')));
		const run = spawnSync(process.execPath, [maker, ...args], {env: environment, cwd: work, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe']});
		if (run.status !== 0) {
			throw new Error(`making ${what} failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`}):\n${run.stderr}`);
		}

		return run.stdout;
	} finally {
		await fs.rm(work, {recursive: true, force: true});
	}
}

/** Writes the code cache of each of `files` (the bundles, in libraryBundles' order) beside it, made by running them (make-code-cache.ts). */
export async function makeCodeCaches(files) {
	await runCodeCacheMaker('make-code-cache.ts', files, 'the libraries\' code caches');
}
