/**
Loads a libraries' bundle with V8's code cache. Two bundles are built (scripts/libraries.mjs):
- cli-libraries.cjs: meow, for every command (cli-entry.ts, cli-loaded.ts);
- ui-libraries.cjs: Ink, React, Yoga, chalk and string-width, for the screen (ui-entry.ts,
  ui-loaded.ts).

Why: compiling third-party JavaScript was most of the start. meow's 250 KB took 10-20 ms of every
command, Ink's and React's 850 KB 25-40 ms of every screen, and the first frame then compiled each
function it ran (React's reconciler, Ink's output, Yoga's glue). Node 20 has no code cache for ES
modules (`module.enableCompileCache` came in Node 22), but it has one for scripts: each bundle is
CommonJS, compiled here as a `vm.Script` with the cache the build made beside it
(make-code-cache.ts, made after running the libraries as the app does, so it holds the functions
that ran too), then run with a `require` of its own.

V8 takes a cache only from the same V8 version and flags, for the same source. Otherwise (another
Node version, a flag such as --inspect) it rejects it and compiles as usual: the app behaves the
same, only the start is slower. `cache` says which happened (the trace records it). A cache file
whose digest fails is not given to V8 (code-cache.ts).
*/
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type vm from 'node:vm';
import {trace} from '../trace.js';
import {codeCacheFileOf, compileWithCodeCache, type CodeCacheUse} from './code-cache.js';

export {codeCacheFileBytes, codeCacheFileOf, type CodeCacheUse} from './code-cache.js';

/** The bundles' file names (scripts/libraries.mjs writes them; test/libraries.test.ts checks they agree). */
export const cliLibrariesFileName = 'cli-libraries.cjs';
export const uiLibrariesFileName = 'ui-libraries.cjs';

/** What a bundle exports: the modules it serves, by import specifier. */
export type Libraries = {
	readonly modules: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
};

export type LoadedLibraries<Exports extends Libraries = Libraries> = {
	readonly exports: Exports;
	/** The compiled script: make-code-cache.ts asks it for its cache once the libraries have run. */
	readonly script: vm.Script;
	readonly cache: CodeCacheUse;
};

/** Compiles and runs the bundle `file`, with the code cache `cacheFile` when it exists and is whole. */
export function loadLibraries<Exports extends Libraries>(file: string, cacheFile = codeCacheFileOf(file)): LoadedLibraries<Exports> {
	const {run, script, cache} = compileWithCodeCache(file, ['exports', 'require', 'module', '__filename', '__dirname'], cacheFile);
	const module = {exports: {}};
	run(module.exports, createRequire(file), module, file, path.dirname(file));
	return {exports: module.exports as Exports, script, cache};
}

/**
Loads the bundle `fileName` of this build (once per module that asks: cli-loaded.ts, ui-loaded.ts)
and records in the trace whether V8 took its cache, as an event named after the bundle. The build
puts the bundles in dist/chunks/, and this module's code in dist/app.cjs or in a chunk there
(scripts/libraries.mjs checks); from source (tsx, the tests) no module asks, as the packages are
imported directly.
*/
export function loadBundledLibraries<Exports extends Libraries>(fileName: string): Exports {
	const folder = path.dirname(fileURLToPath(import.meta.url));
	const file = [path.join(folder, 'chunks', fileName), path.join(folder, fileName)].find(candidate => fs.existsSync(candidate));
	if (file === undefined) {
		throw new Error(`${fileName} is not in this build's dist/chunks/: is the build complete?`);
	}

	const {exports, cache} = loadLibraries<Exports>(file);
	trace.mark(fileName.replace(/\.cjs$/, ''), {codeCache: cache});
	return exports;
}
