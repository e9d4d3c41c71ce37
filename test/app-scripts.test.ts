/**
The app's own code as scripts with V8's code cache (source/libraries/app-scripts.ts,
scripts/app-scripts.mjs): the build writes each of the app's module files as a script with its cache
and dist/cli.js as their loader alone; the loader runs each script once and gives it what the build
put in place of `import.meta` and `import()`; in a fresh process the scripts a command runs take
their caches; and a cache that is cut short, flipped or another script's is not taken, with the
same output.
*/
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from '../scripts/build.mjs';
import {scriptsFromModules} from '../scripts/app-scripts.mjs';
import {runCheck} from '../source/cli/check.js';
import {appScriptFile, requireAppScript} from '../source/libraries/app-scripts.js';
import {codeCacheFileOf} from '../source/libraries/code-cache.js';
import {cliLibrariesFileName, uiLibrariesFileName} from '../source/libraries/load.js';
import {repoRoot} from './helpers/tmux.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-app-scripts-'));
const outdir = path.join(work, 'dist');
const corpus = path.join(work, 'software.txt');
fs.copyFileSync(path.join(repoRoot, 'demo', 'software.txt'), corpus);

before(async () => {
	await build({outdir});
});

after(() => {
	fs.rmSync(work, {recursive: true, force: true, maxRetries: 5});
});

/** The app's scripts in `dist` (app.cjs and its chunks, not the libraries' bundles). */
function appScriptsIn(dist: string): string[] {
	const chunks = path.join(dist, 'chunks');
	const libraries = new Set([cliLibrariesFileName, uiLibrariesFileName]);
	return [path.join(dist, 'app.cjs'), ...fs.readdirSync(chunks).filter(name => name.endsWith('.cjs') && !libraries.has(name)).map(name => path.join(chunks, name))];
}

type TraceEvent = {event: string; codeCache?: Record<string, string>};

/** Runs the built CLI in `dist` with a trace; its stdout, and the scripts' cache use the trace recorded. */
function runBuilt(dist: string, args: readonly string[]): {stdout: string; codeCache: Record<string, string>} {
	const trace = path.join(work, `trace-${Math.random().toString(36).slice(2)}.jsonl`);
	let stdout = '';
	try {
		stdout = execFileSync(process.execPath, [path.join(dist, 'cli.js'), ...args], {encoding: 'utf8', env: {...process.env, NODE_OPTIONS: '', NER_REVIEW_TRACE: trace}});
	} catch (error) {
		// `check` exits 1 when it found problems.
		stdout = (error as {stdout: string}).stdout;
	}

	const events = fs.readFileSync(trace, 'utf8').trim().split('\n').map(line => JSON.parse(line) as TraceEvent);
	return {stdout, codeCache: events.find(event => event.event === 'app-scripts')?.codeCache ?? {}};
}

test('the build writes the app as scripts, each the maker ran with its code cache, and dist/cli.js is their loader alone', () => {
	const scripts = appScriptsIn(outdir);
	assert.ok(scripts.some(file => /run-\w+\.cjs$/.test(file)), 'no UI chunk');
	assert.deepEqual(fs.readdirSync(outdir).filter(name => name.endsWith('.js')).sort(), ['cli.js', 'index-worker.js', 'occurrences-worker.js', 'tagger-worker.js'], 'an app module was left as a module');
	// The maker runs check, stats and the screen: compare and diff are the commands it does not run.
	const cached = scripts.filter(file => fs.existsSync(codeCacheFileOf(file)));
	assert.deepEqual(scripts.filter(file => !cached.includes(file)).map(file => path.basename(file).replace(/-\w+\.cjs$/, '')).sort(), ['compare', 'diff']);
	assert.ok(fs.statSync(codeCacheFileOf(path.join(outdir, 'app.cjs'))).size > 10_000);
	const launcher = fs.readFileSync(path.join(outdir, 'cli.js'), 'utf8');
	assert.ok(launcher.startsWith('#!/usr/bin/env node\n'));
	assert.ok(launcher.length < 10_000, `cli.js holds ${launcher.length} characters`);
	for (const appCode of ['runCheck', 'meow', 'Corpus', 'trace']) {
		assert.ok(!launcher.includes(appCode), `cli.js holds ${appCode}`);
	}
});

test('in a fresh process every script check runs takes its cache, and check prints what it prints from source', () => {
	const {stdout, codeCache} = runBuilt(outdir, ['check', corpus]);
	assert.ok(Object.keys(codeCache).includes('app.cjs'), JSON.stringify(codeCache));
	assert.deepEqual(Object.entries(codeCache).filter(([, use]) => use !== 'accepted'), []);
	const lines: string[] = [];
	runCheck([corpus], {}, line => lines.push(line));
	assert.ok(lines.length > 0);
	assert.equal(stdout, lines.map(line => `${line}\n`).join(''));
});

test('a cache cut short, flipped, or another script\'s is not taken, and the command prints the same', () => {
	const broken = path.join(work, 'broken-dist');
	fs.cpSync(outdir, broken, {recursive: true});
	const [app, ...chunks] = appScriptsIn(broken).filter(file => fs.existsSync(codeCacheFileOf(file)));
	const loadedByCheck = Object.keys(runBuilt(broken, ['check', corpus]).codeCache).map(file => path.join(broken, file));
	const [first, second] = chunks.filter(file => loadedByCheck.includes(file));
	assert.ok(app !== undefined && first !== undefined && second !== undefined, `${loadedByCheck.join()}`);
	// Cut short.
	fs.writeFileSync(codeCacheFileOf(app), fs.readFileSync(codeCacheFileOf(app)).subarray(0, 5000));
	// A byte of V8's data flipped (the digest no longer matches).
	const flipped = fs.readFileSync(codeCacheFileOf(first));
	flipped[flipped.length >> 1] ^= 0xFF;
	fs.writeFileSync(codeCacheFileOf(first), flipped);
	// Whole and sound, but made for another script (V8 itself rejects it).
	fs.copyFileSync(codeCacheFileOf(app), codeCacheFileOf(second));
	fs.copyFileSync(codeCacheFileOf(path.join(outdir, 'chunks', path.basename(first))), codeCacheFileOf(second));
	const {stdout, codeCache} = runBuilt(broken, ['check', corpus]);
	for (const file of [app, first, second]) {
		assert.equal(codeCache[path.relative(broken, file)], 'rejected', `${path.relative(broken, file)}: ${JSON.stringify(codeCache)}`);
	}

	assert.equal(stdout, runBuilt(outdir, ['check', corpus]).stdout);
});

test('the loader runs each script once; a script asking for one still running gets its exports so far, as in CommonJS', async () => {
	const folder = fs.mkdtempSync(path.join(work, 'loader-'));
	fs.mkdirSync(path.join(folder, 'chunks'));
	const write = (name: string, source: string) => {
		fs.writeFileSync(path.join(folder, name), source);
	};

	write('main.cjs', `
		globalThis.__appScriptsRuns = (globalThis.__appScriptsRuns ?? 0) + 1;
		exports.early = 'main before';
		const other = require('./chunks/other.js');
		exports.seenByOther = other.sawMain;
		exports.url = __nerReviewImportMeta.url;
		exports.file = __filename;
		exports.later = () => __nerReviewImport('./chunks/later.js');
		exports.builtin = typeof require('node:path').join;
	`);
	write('chunks/other.cjs', 'exports.sawMain = require(\'../main.js\').early;');
	write('chunks/later.cjs', 'exports.value = 42; exports.url = __nerReviewImportMeta.url;');
	const main = path.join(folder, 'main.cjs');
	const exports = requireAppScript(main) as {seenByOther: string; url: string; file: string; later: () => Promise<{value: number; url: string}>; builtin: string};
	assert.equal(requireAppScript(main), exports);
	assert.equal((globalThis as {__appScriptsRuns?: number}).__appScriptsRuns, 1);
	assert.equal(exports.seenByOther, 'main before');
	assert.equal(exports.url, pathToFileURL(main).href);
	assert.equal(exports.file, main);
	assert.equal(exports.builtin, 'function');
	const later = await exports.later();
	assert.equal(later.value, 42);
	assert.equal(later.url, pathToFileURL(path.join(folder, 'chunks', 'later.cjs')).href);
	assert.equal(appScriptFile(main, './chunks/x-AB12.js'), path.join(folder, 'chunks', 'x-AB12.cjs'));
});

test('a script that throws while it runs is forgotten, as Node forgets a module that threw: the next require runs it again', () => {
	const folder = fs.mkdtempSync(path.join(work, 'throws-'));
	const file = path.join(folder, 'flaky.cjs');
	fs.writeFileSync(file, 'globalThis.__flakyRuns = (globalThis.__flakyRuns ?? 0) + 1; if (globalThis.__flakyRuns === 1) throw new Error("first run fails"); exports.ok = true;');
	assert.throws(() => requireAppScript(file), /first run fails/);
	assert.deepEqual({...requireAppScript(file) as object}, {ok: true});
	assert.equal((globalThis as {__flakyRuns?: number}).__flakyRuns, 2);
});

test('a module esbuild wrote becomes a script: no #! line, import.meta and import() of its own files given by the loader', async () => {
	const folder = fs.mkdtempSync(path.join(work, 'convert-'));
	fs.mkdirSync(path.join(folder, 'chunks'));
	fs.writeFileSync(path.join(folder, 'entry.js'), '#!/usr/bin/env node\nimport {half} from "./chunks/half.js";\nexport const url = import.meta.url;\nexport const twice = async n => (await import("./chunks/double.js")).double(half(n * 2));\n');
	fs.writeFileSync(path.join(folder, 'chunks', 'half.js'), 'export const half = n => n / 2;\n');
	fs.writeFileSync(path.join(folder, 'chunks', 'double.js'), 'export function double(n) { return n * 2; }\n');
	const scripts = await scriptsFromModules(['entry.js', 'chunks/half.js', 'chunks/double.js'].map(name => path.relative(repoRoot, path.join(folder, name))));
	assert.deepEqual(scripts.map(file => path.relative(folder, file)), ['entry.cjs', path.join('chunks', 'half.cjs'), path.join('chunks', 'double.cjs')]);
	assert.deepEqual(fs.readdirSync(folder).sort(), ['chunks', 'entry.cjs']);
	const entry = requireAppScript(path.join(folder, 'entry.cjs')) as {url: string; twice: (n: number) => Promise<number>};
	assert.equal(entry.url, pathToFileURL(path.join(folder, 'entry.cjs')).href);
	assert.equal(await entry.twice(21), 42);
});
