/**
Loads the UI libraries' bundle (entry.ts, built into dist/chunks/ui-libraries.cjs) with V8's code
cache. Compiling those 850 KB of JavaScript took 25-40 ms of every start, and the first frame
then compiled each function it ran (React's reconciler, Ink's output, Yoga's glue): most of the
time between loading the UI and the first frame was compiling, not drawing. Node 20 has no code
cache for ES modules (`module.enableCompileCache` came in Node 22), but it has one for scripts:
the bundle is CommonJS, compiled here as a `vm.Script` with the cache the build made beside it
(make-code-cache.ts: made after drawing a few frames and answering keys, so it holds the functions
they compiled too), then run with a `require` of its own.

V8 takes a cache only from the same V8 version and flags, for the same source. Otherwise (another
Node version, a flag such as --inspect) it rejects it and compiles as usual: the app behaves the
same, only the start is slower. `cache` says which happened (the trace records it).
*/
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** The bundle's file name, beside the UI chunk that loads it. */
export const librariesFileName = 'ui-libraries.cjs';
/** The code cache's file name, beside the bundle. */
export const codeCacheFileName = 'ui-libraries.cache';

export type UiLibraries = {
	/** What the UI imports, by import specifier (entry.ts). */
	readonly modules: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
	/** Resolves once Yoga's WebAssembly is loaded: nothing may draw before. */
	yogaReady(): Promise<void>;
};

/** Whether V8 used the code cache: `absent` when there was none to give it. */
export type CodeCacheUse = 'accepted' | 'rejected' | 'absent';

export type LoadedLibraries = {
	readonly libraries: UiLibraries;
	/** The compiled script: make-code-cache.ts asks it for its cache once it has drawn. */
	readonly script: vm.Script;
	readonly cache: CodeCacheUse;
};

/** The CommonJS wrapper: the cache is made for, and used with, exactly this source. */
const wrapped = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

/** Compiles and runs the bundle `file`, with the code cache `cacheFile` when it exists. */
export function loadLibraries(file: string, cacheFile = path.join(path.dirname(file), codeCacheFileName)): LoadedLibraries {
	const source = fs.readFileSync(file, 'utf8');
	let cachedData: Buffer | undefined;
	try {
		cachedData = fs.readFileSync(cacheFile);
	} catch {
		// No cache (a build that made none): compiled as usual.
	}

	const script = new vm.Script(wrapped(source), {filename: file, cachedData});
	const cache: CodeCacheUse = cachedData === undefined ? 'absent' : (script.cachedDataRejected === true ? 'rejected' : 'accepted');
	const module = {exports: {}};
	const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: {exports: object}, filename: string, dirname: string) => void;
	run(module.exports, createRequire(file), module, file, path.dirname(file));
	return {libraries: module.exports as UiLibraries, script, cache};
}
