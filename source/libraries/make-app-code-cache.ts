/**
Makes the code cache of the app's scripts (app-scripts.ts), at build time: scripts/app-scripts.mjs
runs this in a plain `node` process (no flags, no CI variables: V8 takes a cache only under the same
flags, and Ink draws nothing under CI), as `node make-app-code-cache.mjs '{"app", "check", "stats",
"corpus"}'` (the scripts of the built app and a copy of the demo corpus).

The app runs as a user runs it, so that each script's cache holds the functions that ran, not only
its top level: `check` and `stats` of the corpus, then the screen on it, in a stand-in terminal of
120x40 with process.stdin and process.stdout replaced (the app draws and reads keys through them),
pressed the first keys of a review (movement, the problem queue, help) and `q`. When the process
exits, each script's cache is written beside it and the list of files goes to stdout.
*/
import fs from 'node:fs';
import path from 'node:path';
import {requireAppScript, writeAppCodeCaches} from './app-scripts.js';
import {standInTerminal} from './stand-in-terminal.js';
import {releaseYoungGeneration} from '../young-generation.js';

type Paths = {app: string; check: string; stats: string; corpus: string};
const paths = JSON.parse(process.argv[2] ?? '{}') as Partial<Paths>;
const {app, check, stats, corpus} = paths;
if (app === undefined || check === undefined || stats === undefined || corpus === undefined) {
	throw new Error('usage: make-app-code-cache \'{"app": ..., "check": ..., "stats": ..., "corpus": ...}\'');
}

const {runCheck} = requireAppScript(check) as {runCheck: (files: string[], options: object, out: (line: string) => void) => number};
const {runStats} = requireAppScript(stats) as {runStats: (file: string, options: object, out: (line: string) => void) => number};
const ignore = () => undefined;
runCheck([corpus], {}, ignore);
runCheck([corpus], {json: true}, ignore);
runStats(corpus, {json: false}, ignore);

// The terminal the screen runs in: it draws to `stdout`, and reads the keys written to `stdin`.
const terminal = standInTerminal();
const keys = terminal.stdin;
Object.defineProperty(process, 'stdout', {value: terminal.stdout, configurable: true});
Object.defineProperty(process, 'stdin', {value: keys, configurable: true});

let finished = false;
const giveUp = setTimeout(() => {
	process.stderr.write(`the app did not finish in 30 s; drawn so far:\n${terminal.drawn().slice(-2000)}\n`);
	process.exit(1);
}, 30_000);
giveUp.unref();

process.on('exit', code => {
	if (code === 0 && finished) {
		// The screen held the young generation by a V8 flag: under it, a fresh process would take no cache.
		releaseYoungGeneration();
		const written = writeAppCodeCaches();
		fs.writeSync(1, `${JSON.stringify(written.map(file => path.basename(file)))}\n`);
	} else if (code === 0) {
		fs.writeSync(2, 'the app ended before its keys were pressed\n');
		process.exitCode = 1;
	}
});

process.argv = [process.execPath, path.join(path.dirname(app), 'cli.js'), corpus];
requireAppScript(app);

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** Waits until the screen shows `text` (the app draws in the background). */
async function shown(text: string) {
	for (let waited = 0; !terminal.drawn().includes(text); waited += 10) {
		if (waited > 20_000) {
			throw new Error(`the screen never showed ${JSON.stringify(text)}`);
		}

		// eslint-disable-next-line no-await-in-loop
		await pause(10);
	}
}

await shown(path.basename(corpus));
for (const key of ['j', 'j', 'l', 'l', 'k', 'h', 'e', 'E', '?', '?', 'j', 'k']) {
	keys.write(key);
	// eslint-disable-next-line no-await-in-loop
	await pause(60);
}

finished = true;
keys.write('q');
