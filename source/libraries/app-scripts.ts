/**
The app's own code, run as scripts with V8's code cache (in the bundle; from source, tsx runs the
modules as they are).

Why: Node 20 compiles an ES module from its source at every start and keeps nothing of it
(`module.enableCompileCache` came in Node 22). Compiling the app's own half megabyte took 16-23 ms
of every command and of the screen's start (CPU profiles of `check` on a 1k-token file and of the
first frame), and each function was compiled again when it first ran. The libraries were made
scripts with a code cache for the same reason (load.ts). So the build turns each ES module file of
the app into a CommonJS script (dist/app.cjs, dist/chunks/*.cjs; scripts/app-scripts.mjs) and makes
its cache by running the app (make-app-code-cache.ts), and this loader compiles each script with
its cache and runs it with a `require` that loads the others the same way, each once.

dist/cli.js is this module and the call that starts dist/app.cjs (app-main.ts). It imports nothing
of the app: the app's modules (the trace among them) are loaded once, by it.
*/
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type vm from 'node:vm';
import {codeCacheFileBytes, codeCacheFileOf, compileWithCodeCache, type CodeCacheUse} from './code-cache.js';

type AppScript = {readonly file: string; readonly script: vm.Script; readonly cache: CodeCacheUse; readonly module: {exports: unknown}};

/**
The parameters each script is the body of: CommonJS's, plus what the build put in place of
`import.meta` (its url is the script's) and of `import()` of another of the app's files.
*/
const parameters = ['exports', 'require', 'module', '__filename', '__dirname', '__nerReviewImportMeta', '__nerReviewImport'];

const scripts = new Map<string, AppScript>();

/**
Where the app reads which of its scripts ran with their cache (the trace's `app-scripts` event).
app-scripts-use.ts reads it by the same name: it cannot import this module, or the app would
bundle a loader of its own, with a map of its own.
*/
const appScriptsKey = Symbol.for('ner-review.app-scripts');

/** Which of the app's scripts were loaded, each with what V8 did with its cache, by file name relative to the first one's folder. */
export function appScriptsCodeCache(): Record<string, CodeCacheUse> {
	const [first] = scripts.keys();
	const root = first === undefined ? '' : path.dirname(first);
	return Object.fromEntries([...scripts.values()].map(({file, cache}) => [path.relative(root, file), cache]));
}

(globalThis as Record<symbol, unknown>)[appScriptsKey] = appScriptsCodeCache;

/** The exports of the app script `file` (an absolute path), loaded and run the first time it is asked for. */
export function requireAppScript(file: string): unknown {
	const known = scripts.get(file);
	if (known !== undefined) {
		return known.module.exports;
	}

	const {run, script, cache} = compileWithCodeCache(file, parameters);
	const module = {exports: {} as unknown};
	// Known before it runs, as in CommonJS: a script that asks for one still running gets its exports so far.
	scripts.set(file, {file, script, cache, module});
	const nodeRequire = createRequire(file);
	const require = (specifier: string): unknown => specifier.startsWith('./') || specifier.startsWith('../') ? requireAppScript(appScriptFile(file, specifier)) : nodeRequire(specifier);
	// `import()` of one of the app's files: the script runs at once, not in a later turn as a module
	// would (cli.tsx issues the file's read before it imports the screen's code for that reason).
	const dynamicImport = async (specifier: string): Promise<unknown> => require(specifier);
	try {
		run(module.exports, require, module, file, path.dirname(file), {url: pathToFileURL(file).href}, dynamicImport);
	} catch (error) {
		// As Node does for a module that threw: the next require runs it again rather than handing out half its exports.
		scripts.delete(file);
		throw error;
	}

	return module.exports;
}

/** The script an import of `specifier` from `importer` loads: the build wrote each `NAME.js` as `NAME.cjs`. */
export function appScriptFile(importer: string, specifier: string): string {
	return path.resolve(path.dirname(importer), specifier).replace(/\.js$/, '.cjs');
}

/**
Writes the code cache of each script loaded so far beside it (the build's maker, once the app has
run); returns the files written.
*/
export function writeAppCodeCaches(): string[] {
	const written: string[] = [];
	for (const {file, script} of scripts.values()) {
		const cacheFile = codeCacheFileOf(file);
		fs.writeFileSync(cacheFile, codeCacheFileBytes(script.createCachedData()));
		written.push(cacheFile);
	}

	return written;
}
