/**
The libraries' bundles and their code caches (source/libraries/load.ts): the build makes both
bundles (meow; Ink and React) and their caches in dist/chunks/, the app's own bundle holds none of
that code, V8 takes the caches (and rejects a broken one), and the libraries work the same whether
their cache was taken, rejected or absent.
*/
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import type * as Ink from 'ink';
import type Meow from 'meow';
import type * as React from 'react';
import {build} from '../scripts/build.mjs';
import {libraryBundles} from '../scripts/libraries.mjs';
import {meowFlags} from '../source/cli/flags.js';
import {cliLibrariesFileName, codeCacheFileBytes, codeCacheFileOf, loadLibraries, uiLibrariesFileName, type LoadedLibraries} from '../source/libraries/load.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-libraries-'));
const outdir = path.join(work, 'dist');
const chunks = path.join(outdir, 'chunks');
const cliLibraries = path.join(chunks, cliLibrariesFileName);
const uiLibraries = path.join(chunks, uiLibrariesFileName);

before(async () => {
	await build({outdir});
});

after(() => {
	fs.rmSync(work, {recursive: true, force: true, maxRetries: 5});
});

test('the build script and the loader name the same bundles', () => {
	assert.deepEqual(libraryBundles.map(bundle => bundle.fileName), [cliLibrariesFileName, uiLibrariesFileName]);
});

test('the build writes both bundles and their code caches in dist/chunks/, and the app\'s own bundle holds none of their code', () => {
	for (const file of [cliLibraries, uiLibraries]) {
		assert.ok(fs.existsSync(file), file);
		assert.ok(fs.statSync(codeCacheFileOf(file)).size > 50_000, `${codeCacheFileOf(file)} holds little: did the libraries run before it was made?`);
	}

	const uiChunk = fs.readdirSync(chunks).find(name => /^run-\w+\.cjs$/.test(name));
	assert.ok(uiChunk !== undefined);
	const ui = fs.readFileSync(path.join(chunks, uiChunk), 'utf8');
	assert.ok(ui.includes(JSON.stringify(uiLibrariesFileName)) || ui.includes('uiLibrariesFileName'), 'the UI chunk does not load the UI libraries');
	const libraries = new Set([cliLibrariesFileName, uiLibrariesFileName]);
	const ownCode = [path.join(outdir, 'cli.js'), path.join(outdir, 'app.cjs'), ...fs.readdirSync(chunks).filter(name => name.endsWith('.cjs') && !libraries.has(name)).map(name => path.join(chunks, name))];
	assert.ok(ownCode.length >= 5, ownCode.join());
	for (const file of ownCode) {
		const source = fs.readFileSync(file, 'utf8');
		// Words of the reconciler, of Ink's output, and of meow's flag parser.
		for (const foreign of ['react-reconciler', 'node_modules/ink/', 'yargs-parser']) {
			assert.ok(!source.includes(foreign), `${path.relative(outdir, file)} holds ${foreign}`);
		}
	}
});

let copies = 0;

/**
A copy of the bundle under a name of its own. V8 keeps each script it compiled by source and file
name, and compiling the same again in one process takes that one without even reading a cache.
*/
function freshCopyOf(file: string): string {
	const copy = path.join(work, `copy-${++copies}`, path.basename(file));
	fs.mkdirSync(path.dirname(copy));
	fs.copyFileSync(file, copy);
	return copy;
}

/** The three ways a bundle loads: with its cache, with a cache V8 rejects (cut short), without one. */
function loadedThreeWays(file: string): LoadedLibraries[] {
	const cut = path.join(work, `cut-${path.basename(file)}.cache`);
	fs.writeFileSync(cut, fs.readFileSync(codeCacheFileOf(file)).subarray(0, 5000));
	// Cut short and checksummed again: V8's own check refuses it.
	const cutAgain = path.join(work, `cut-again-${path.basename(file)}.cache`);
	fs.writeFileSync(cutAgain, codeCacheFileBytes(fs.readFileSync(codeCacheFileOf(file)).subarray(32, 5032)));
	assert.equal(loadLibraries(freshCopyOf(file), cutAgain).cache, 'rejected');
	return [loadLibraries(freshCopyOf(file), codeCacheFileOf(file)), loadLibraries(freshCopyOf(file), cut), loadLibraries(freshCopyOf(file), path.join(work, 'no-such.cache'))];
}

test('V8 takes each bundle\'s code cache, and rejects one cut short or of other bytes; the loader then compiles as usual', () => {
	for (const file of [cliLibraries, uiLibraries]) {
		assert.deepEqual(loadedThreeWays(file).map(loaded => loaded.cache), ['accepted', 'rejected', 'absent'], file);
		const other = path.join(work, 'other.cache');
		fs.writeFileSync(other, Buffer.from('not a code cache'));
		assert.equal(loadLibraries(freshCopyOf(file), other).cache, 'rejected');
		// A byte changed inside: V8 would take it (it checks lengths, versions and flags, not bytes); the checksum does not.
		const flipped = Buffer.from(fs.readFileSync(codeCacheFileOf(file)));
		flipped[flipped.length >> 1]! ^= 0xFF;
		fs.writeFileSync(other, flipped);
		assert.equal(loadLibraries(freshCopyOf(file), other).cache, 'rejected');
	}
});

/** Every frame Ink writes while it draws a small screen and answers two rerenders, with libraries loaded one way. */
async function framesDrawnWith(loaded: LoadedLibraries): Promise<string[]> {
	await (loaded.exports as unknown as {yogaReady(): Promise<void>}).yogaReady();
	const {ink, react, 'react/jsx-runtime': jsxRuntime} = loaded.exports.modules as unknown as {ink: typeof Ink; react: typeof React; 'react/jsx-runtime': {jsx: (type: unknown, props: unknown) => React.ReactElement; jsxs: (type: unknown, props: unknown) => React.ReactElement}};
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

test('the UI libraries draw the same frames whether their cache was taken, rejected or absent', async () => {
	const [withCache, rejected, absent] = loadedThreeWays(uiLibraries) as [LoadedLibraries, LoadedLibraries, LoadedLibraries];
	const expected = await framesDrawnWith(absent);
	assert.ok(expected.some(frame => frame.includes('[Ada Lovelace]PER')), expected.join('\n'));
	assert.deepEqual(await framesDrawnWith(withCache), expected);
	assert.deepEqual(await framesDrawnWith(rejected), expected);
});

test('meow parses the same command lines whether its cache was taken, rejected or absent', () => {
	const parses = loadedThreeWays(cliLibraries).map(loaded => {
		const meow = (loaded.exports.modules as unknown as {meow: {default: typeof Meow}}).meow.default;
		return [['review.txt'], ['check', '--json', '--reference', 'train.txt', '--reference', 'dev.txt', 'test.txt'], ['--tag-column', '3', '--no-backup', 'a.txt']].map(argv => {
			const {input, flags} = meow('help', {importMeta: import.meta, flags: meowFlags(), description: false, argv});
			return {input, flags};
		});
	});
	assert.deepEqual(parses[0]![1]!.flags['reference'], ['train.txt', 'dev.txt']);
	assert.equal(parses[0]![2]!.flags['backup'], false);
	assert.deepEqual(parses[1], parses[0]);
	assert.deepEqual(parses[2], parses[0]);
});
