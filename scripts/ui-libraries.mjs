/**
The UI libraries' bundle and its code cache (source/ui/libraries/load.ts says why), for
scripts/build.mjs.

- `buildUiLibraries` bundles source/ui/libraries/entry.ts (Ink, React, Yoga, chalk, string-width)
  as CommonJS into chunks/ui-libraries.cjs, and reads the names each of its modules exports.
- `uiLibrariesFromBundle` is the app bundle's plugin: `ink`, `react`, `react/jsx-runtime`, `chalk`
  and `string-width` resolve to modules that re-export those names from the loaded bundle
  (source/ui/libraries/loaded.ts), so the app and Ink share one React.
- `makeCodeCache` runs source/ui/libraries/make-code-cache.ts in a plain `node` process and writes
  chunks/ui-libraries.cache beside the bundle.
*/
import {spawnSync} from 'node:child_process';
import fs from 'node:fs/promises';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const librariesFolder = path.join(root, 'source', 'ui', 'libraries');

/** The import specifiers the bundle serves, the keys of entry.ts's `modules`. */
export const uiLibrarySpecifiers = ['ink', 'react', 'react/jsx-runtime', 'chalk', 'string-width'];
/** load.ts's librariesFileName and codeCacheFileName (test/ui-libraries.test.ts checks they agree). */
export const librariesFileName = 'ui-libraries.cjs';
export const codeCacheFileName = 'ui-libraries.cache';

/** Ink imports `yoga-layout`, which awaits at its top level; the bundle is a script: yoga.ts stands in. */
const yogaForInk = {
	name: 'ner-review-yoga-for-ink',
	setup(build) {
		build.onResolve({filter: /^yoga-layout$/}, () => ({path: path.join(librariesFolder, 'yoga.ts')}));
	},
};

/** Bundles the UI libraries into `folder`/ui-libraries.cjs with `plugins` (the dependency transforms); returns the file, the metafile and each module's export names. */
export async function buildUiLibraries({folder, plugins}) {
	const file = path.join(folder, librariesFileName);
	const result = await esbuild.build({
		absWorkingDir: root,
		entryPoints: [path.join(librariesFolder, 'entry.ts')],
		outfile: file,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		minify: false,
		legalComments: 'none',
		define: {'process.env.NODE_ENV': '"production"'},
		logOverride: {'assign-to-define': 'silent'},
		plugins: [yogaForInk, ...plugins],
		metafile: true,
		logLevel: 'silent',
	});
	// Loading it here also proves it runs as CommonJS.
	const {modules} = createRequire(import.meta.url)(file);
	const served = Object.keys(modules);
	if (served.join() !== uiLibrarySpecifiers.join()) {
		throw new Error(`the UI libraries' bundle serves ${served.join(', ')}, and the build resolves ${uiLibrarySpecifiers.join(', ')}: update one of them`);
	}

	const exportNames = Object.fromEntries(served.map(specifier => [specifier, Object.keys(modules[specifier]).filter(name => name !== '__esModule')]));
	return {file, metafile: result.metafile, warnings: result.warnings, exportNames};
}

const escapeForRegex = text => text.replaceAll(/[.*+?^${}()|[\]\\/]/g, String.raw`\$&`);

/** The app bundle's plugin: each UI library specifier resolves to a module re-exporting `exportNames[specifier]` from the loaded bundle. */
export function uiLibrariesFromBundle(exportNames) {
	const loaded = path.join(librariesFolder, 'loaded.ts');
	return {
		name: 'ner-review-ui-libraries',
		setup(build) {
			build.onResolve({filter: new RegExp(`^(?:${uiLibrarySpecifiers.map(specifier => escapeForRegex(specifier)).join('|')})$`)}, args => ({path: args.path, namespace: 'ner-review-ui-library'}));
			build.onLoad({filter: /.*/, namespace: 'ner-review-ui-library'}, args => {
				const lines = [`import {uiModules} from ${JSON.stringify(loaded)};`, `const module = uiModules[${JSON.stringify(args.path)}];`];
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

/** Writes the code cache of `librariesFile` beside it, made in a plain `node` process (make-code-cache.ts). */
export async function makeCodeCache(librariesFile) {
	const work = await fs.mkdtemp(path.join(os.tmpdir(), 'ner-review-code-cache-'));
	try {
		const maker = path.join(work, 'make-code-cache.mjs');
		await esbuild.build({entryPoints: [path.join(librariesFolder, 'make-code-cache.ts')], outfile: maker, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent'});
		// V8 takes a cache only under the flags it was made with: none, as the installed CLI runs. Ink draws nothing under CI.
		const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS' && name !== 'CI' && name !== 'CONTINUOUS_INTEGRATION' && !name.startsWith('CI_')));
		const cacheFile = path.join(path.dirname(librariesFile), codeCacheFileName);
		const run = spawnSync(process.execPath, [maker, librariesFile, cacheFile], {env: environment, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe']});
		if (run.status !== 0) {
			throw new Error(`making the UI libraries' code cache failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`}):\n${run.stderr}`);
		}

		return cacheFile;
	} finally {
		await fs.rm(work, {recursive: true, force: true});
	}
}
