/**
V8's code cache for a script, as this build keeps it beside the script: `NAME.cache` for
`NAME.cjs`, holding the SHA-256 of V8's data, then the data. V8 takes a cache only from the same V8
version and flags, for the same source; it checks versions, flags and lengths but not the bytes (a
byte changed on disk would be run), so the digest is checked first (half a millisecond).

Used by both loaders: load.ts (the libraries' bundles) and app-scripts.ts (the app's own code),
which compile with `compileWithCodeCache`.
Imports nothing of the app: app-scripts.ts runs before any of it.
*/
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import vm from 'node:vm';

/** Whether V8 used the code cache: `absent` when there was none to give it. */
export type CodeCacheUse = 'accepted' | 'rejected' | 'absent';

/** A script's code cache: its file name with .cache for .cjs. */
export const codeCacheFileOf = (scriptFile: string) => scriptFile.replace(/\.cjs$/, '.cache');

const digestBytes = 32;
const digestOf = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** A code cache file's bytes: the SHA-256 of V8's cache, then the cache. */
export function codeCacheFileBytes(data: Uint8Array): Buffer {
	return Buffer.concat([digestOf(data), data]);
}

/** V8's cache from `cacheFile`: undefined when there is none, 'corrupt' when its bytes are not the ones the build wrote. */
export function readCodeCache(cacheFile: string): Buffer | 'corrupt' | undefined {
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(cacheFile);
	} catch {
		// No cache (a build that made none): compiled as usual.
		return undefined;
	}

	const data = bytes.subarray(digestBytes);
	return bytes.length > digestBytes && digestOf(data).equals(bytes.subarray(0, digestBytes)) ? data : 'corrupt';
}

/** What V8 did with `cachedData` (readCodeCache's answer) for a script compiled with it. */
function codeCacheUse(cachedData: Buffer | 'corrupt' | undefined, rejected: boolean | undefined): CodeCacheUse {
	return cachedData === undefined ? 'absent' : (cachedData === 'corrupt' || rejected === true ? 'rejected' : 'accepted');
}

/**
Compiles the script `file` as the body of a function with `parameters` (CommonJS's wrapper and
whatever a loader adds), with the cache `cacheFile` when it exists and is whole. Returns the
function to run it with, the compiled script (a maker asks it for its cache once the code has run)
and what V8 did with the cache. The cache is made for, and used with, exactly this wrapped source.
*/
export function compileWithCodeCache(file: string, parameters: readonly string[], cacheFile = codeCacheFileOf(file)): {readonly run: (...values: unknown[]) => void; readonly script: vm.Script; readonly cache: CodeCacheUse} {
	const source = fs.readFileSync(file, 'utf8');
	const cachedData = readCodeCache(cacheFile);
	const script = new vm.Script(`(function (${parameters.join(', ')}) {${source}\n})`, {filename: file, cachedData: typeof cachedData === 'object' ? cachedData : undefined});
	const cache = codeCacheUse(cachedData, script.cachedDataRejected);
	return {run: script.runInThisContext() as (...values: unknown[]) => void, script, cache};
}
