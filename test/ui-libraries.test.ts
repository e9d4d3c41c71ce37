/**
The UI libraries' bundle and its code cache (source/ui/libraries/load.ts): the build makes both
beside the UI chunk, V8 takes the cache (and rejects a broken one), and the libraries draw the
same frames whether the cache was taken, rejected or absent.
*/
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import type * as Ink from 'ink';
import type * as React from 'react';
import {build} from '../scripts/build.mjs';
import {codeCacheFileName as scriptsCacheName, librariesFileName as scriptsLibrariesName} from '../scripts/ui-libraries.mjs';
import {codeCacheFileName, librariesFileName, loadLibraries, type LoadedLibraries} from '../source/ui/libraries/load.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-ui-libraries-'));
const outdir = path.join(work, 'dist');
let librariesFile = '';
let cacheFile = '';

before(async () => {
	await build({outdir});
	librariesFile = path.join(outdir, 'chunks', librariesFileName);
	cacheFile = path.join(outdir, 'chunks', codeCacheFileName);
});

after(() => {
	fs.rmSync(work, {recursive: true, force: true, maxRetries: 5});
});

test('the build script and the loader name the same files', () => {
	assert.equal(scriptsLibrariesName, librariesFileName);
	assert.equal(scriptsCacheName, codeCacheFileName);
});

test('the build writes the UI libraries and their code cache beside the UI chunk that loads them', () => {
	const chunks = fs.readdirSync(path.join(outdir, 'chunks'));
	assert.ok(chunks.includes(librariesFileName));
	assert.ok(chunks.includes(codeCacheFileName));
	const uiChunk = chunks.find(name => /^run-\w+\.js$/.test(name));
	assert.ok(uiChunk !== undefined, chunks.join(' '));
	// The UI chunk loads the libraries instead of holding Ink and React.
	const source = fs.readFileSync(path.join(outdir, 'chunks', uiChunk), 'utf8');
	assert.ok(source.includes(`"${librariesFileName}"`) || source.includes('librariesFileName'), 'the UI chunk does not load the libraries');
	assert.ok(!source.includes('react-reconciler'), 'React\'s reconciler is in the UI chunk');
	assert.ok(fs.statSync(cacheFile).size > 100_000, 'the cache holds little: were the frames drawn before it was made?');
});

let copies = 0;

/**
A copy of the bundle under a name of its own. V8 keeps each script it compiled by source and file
name, and compiling the same again in one process takes that one without even reading a cache.
*/
function freshCopyOfLibraries(): string {
	const copy = path.join(work, `copy-${++copies}`, librariesFileName);
	fs.mkdirSync(path.dirname(copy));
	fs.copyFileSync(librariesFile, copy);
	return copy;
}

const cutCache = path.join(work, 'cut.cache');
const otherCache = path.join(work, 'other.cache');

test('V8 takes the build\'s code cache, and rejects one cut short or of other bytes; the loader then compiles as usual', () => {
	fs.writeFileSync(cutCache, fs.readFileSync(cacheFile).subarray(0, 5000));
	fs.writeFileSync(otherCache, Buffer.from('not a code cache'));
	assert.equal(loadLibraries(freshCopyOfLibraries(), cacheFile).cache, 'accepted');
	assert.equal(loadLibraries(freshCopyOfLibraries(), cutCache).cache, 'rejected');
	assert.equal(loadLibraries(freshCopyOfLibraries(), otherCache).cache, 'rejected');
	assert.equal(loadLibraries(freshCopyOfLibraries(), path.join(work, 'no-such.cache')).cache, 'absent');
});

/** Every frame Ink writes while it draws a small screen and answers two rerenders, with libraries loaded one way. */
async function framesDrawnWith(loaded: LoadedLibraries): Promise<string[]> {
	await loaded.libraries.yogaReady();
	const {ink, react, 'react/jsx-runtime': jsxRuntime} = loaded.libraries.modules as unknown as {ink: typeof Ink; react: typeof React; 'react/jsx-runtime': {jsx: (type: unknown, props: unknown) => React.ReactElement; jsxs: (type: unknown, props: unknown) => React.ReactElement}};
	const frames: string[] = [];
	const stdout = Object.assign(new Writable({write(chunk: Uint8Array, _encoding, done) {
		frames.push(String(chunk));
		done();
	}}), {columns: 60, rows: 12, isTTY: true});
	const Screen = react.memo(({row}: {row: number}) => jsxRuntime.jsxs(ink.Box, {flexDirection: 'column', children: [
		jsxRuntime.jsx(ink.Text, {bold: true, children: `sentence ${row} · ─── 漢字 😀`}),
		jsxRuntime.jsx(ink.Text, {color: 'cyan', inverse: row % 2 === 0, wrap: 'truncate-end', children: `[Ada Lovelace]PER wrote ${'a note '.repeat(row * 3)}`}),
	]}));
	const instance = ink.render(jsxRuntime.jsx(Screen, {row: 1}), {stdout: stdout as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, debug: true});
	instance.rerender(jsxRuntime.jsx(Screen, {row: 2}));
	instance.rerender(jsxRuntime.jsx(Screen, {row: 7}));
	instance.unmount();
	return frames;
}

test('the libraries draw the same frames whether the cache was taken, rejected or absent', async () => {
	const withCache = loadLibraries(freshCopyOfLibraries(), cacheFile);
	const rejected = loadLibraries(freshCopyOfLibraries(), cutCache);
	const absent = loadLibraries(freshCopyOfLibraries(), path.join(work, 'no-such.cache'));
	assert.deepEqual([withCache.cache, rejected.cache, absent.cache], ['accepted', 'rejected', 'absent']);
	const expected = await framesDrawnWith(absent);
	assert.ok(expected.some(frame => frame.includes('[Ada Lovelace]PER')), expected.join('\n'));
	assert.deepEqual(await framesDrawnWith(withCache), expected);
	assert.deepEqual(await framesDrawnWith(rejected), expected);
});
