/**
The V8 start-up snapshot experiment of issue 13: is the first frame faster when Ink, React, Yoga and
the views come out of a snapshot (`node --snapshot-blob X --build-snapshot entry.js`, Node 20)
instead of being loaded from the bundle? Builds the snapshot into bench/out/snapshot/, then times
the first frame of a 50k-token CoNLL file in tmux, both ways, runs interleaved.

  npm run build && node --import tsx bench/snapshot-experiment.ts [runs]

The snapshot was NOT adopted (see the readme's Performance section): it was not measurably faster,
and it cannot behave the same without more rewrites. What a snapshot build of this app needs, each
found by a crash or a wrong screen, and each done here only well enough to measure:
- The entry must be one CommonJS script: no top-level await, which Ink (its DevTools check) and
  Yoga (its wasm load) use. Yoga's module is replaced by one that loads the wasm after start-up
  (WebAssembly cannot be in a snapshot either).
- Nothing may hold a native handle when the snapshot is taken: Ink's contexts read process.stdin,
  stdout and stderr when they load (made getters here), and string-width, slice-ansi and others
  make an Intl.Segmenter when they load (made lazy here).
- Whatever a module reads from the environment when it loads is frozen at build time: chalk's
  color level, is-in-ci (Ink draws nothing under CI), NER_REVIEW_TRACE in source/trace.ts. Here
  chalk's level and the trace file are set again at start; is-in-ci is not.
- console.Console is not a constructor in a process started from a snapshot, so Ink's console
  patching is off here.
- The snapshot only works with the exact Node binary that built it, and only when Node is started
  with --snapshot-blob: it could not ship in the package; a launcher would have to build it on first
  use into a cache folder, and start Node with the flag (a shell script, not a JavaScript bin).
- User flags must follow `--` (node --snapshot-blob X -- --no-backup FILE).
This experiment's entry is cli.tsx's interactive path trimmed to what the first frame needs.
*/
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import {dependencyTransforms, inkDevtoolsStub, transforms} from '../scripts/dependency-transforms.mjs';
import {generateCorpus} from './generate.js';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'bench', 'out', 'snapshot');
const runs = Number(process.argv[2] ?? 7);

/** The interactive path of cli.tsx, trimmed to what the first frame needs: read, index, draw. */
const entry = `
import v8 from 'node:v8';
import tty from 'node:tty';
import chalk from 'chalk';
import meow from 'meow';
import {initYoga} from 'yoga-layout';
import {runApp} from './source/ui/run.js';
import {openIndexer, readCorpusBytesAsync} from './source/corpus/load.js';
import {Session} from './source/corpus/session.js';
import {Review} from './source/review/review.js';
import {trace, reopenTrace} from './source/trace.js';

async function main() {
	reopenTrace();
	chalk.level = tty.isatty(1) ? (/256/.test(process.env.TERM ?? '') ? 2 : 1) : 0;
	// The same argument parsing as cli.tsx (its help text aside).
	const cli = meow('Usage: ner-review [FILE]', {importMeta: {url: 'file://' + process.cwd() + '/x.js'}, argv: process.argv.slice(1), flags: {tagColumn: {type: 'number'}, scheme: {type: 'string'}, labels: {type: 'string'}, output: {type: 'string'}, backup: {type: 'boolean', default: true}, json: {type: 'boolean', default: false}}});
	const file = cli.input[0];
	const bytesRead = readCorpusBytesAsync(file);
	const yogaLoaded = initYoga();
	const bytes = await bytesRead;
	trace.mark('read', {bytes: bytes.length});
	const indexer = openIndexer(bytes, {});
	while (!indexer.step(Number.POSITIVE_INFINITY) && indexer.corpus.sentenceCount === 0) {}
	trace.mark('indexed');
	await yogaLoaded;
	trace.mark('ui-loaded');
	const session = new Session(indexer.corpus, {file, backup: false});
	const review = new Review(session, file);
	process.stdout.write('\\u001B[?1049h');
	process.on('exit', () => {
		process.stdout.write('\\u001B[?1049l');
		review.close(false);
		trace.exit();
	});
	await runApp({file, session, review, indexer});
}

v8.startupSnapshot.setDeserializeMainFunction(() => {
	main().catch(error => {
		console.error(error);
		process.exit(70);
	});
});
`;

type Rewrite = {file: RegExp; from: string | RegExp; to: string};

/** What the snapshot needs changed, beyond the build's own transforms (see above). */
const rewrites: Rewrite[] = [
	{file: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, from: 'const Yoga = wrapAssembly(await loadYoga());', to: 'const Yoga = {}; export async function initYoga() { Object.assign(Yoga, wrapAssembly(await loadYoga())); }'},
	{file: /ink[\\/]build[\\/]reconciler\.js$/, from: /if \(isDev\(\)\) \{\n {4}try \{\n {8}await import\('\.\/devtools\.js'\);[\s\S]*?\n\}\n/, to: ''},
	{file: /ink[\\/]build[\\/]reconciler\.js$/, from: '? await loadPackageJson()', to: '? {}'},
	{file: /ink[\\/]build[\\/]components[\\/]StdinContext\.js$/, from: 'stdin: process.stdin,', to: 'get stdin() { return process.stdin; },'},
	{file: /ink[\\/]build[\\/]components[\\/]StdoutContext\.js$/, from: 'stdout: process.stdout,', to: 'get stdout() { return process.stdout; },'},
	{file: /ink[\\/]build[\\/]components[\\/]StderrContext\.js$/, from: 'stderr: process.stderr,', to: 'get stderr() { return process.stderr; },'},
	{file: /ink[\\/]build[\\/]ink\.js$/, from: 'if (options.patchConsole) {', to: 'if (false) {'},
	{file: /source[\\/]trace\.ts$/, from: 'const file = process.env[\'NER_REVIEW_TRACE\'];', to: 'let file: string | undefined; export function reopenTrace() { file = process.env[\'NER_REVIEW_TRACE\']; (trace as {enabled: boolean}).enabled = file !== undefined; }'},
	// Any module that makes an Intl.Segmenter when it loads.
	{file: /node_modules[\\/].*\.js$/, from: /^(const|let|var) (\w+) = new Intl\.Segmenter\(([^)]*)\);$/gm, to: 'let $2Made; $1 $2 = {segment: text => ($2Made ??= new Intl.Segmenter($3)).segment(text)};'},
];

const snapshotRewrites: esbuild.Plugin = {
	name: 'snapshot-rewrites',
	setup(build) {
		build.onLoad({filter: /([\\/]node_modules[\\/].*\.js|source[\\/]trace\.ts)$/}, args => {
			const wanted = rewrites.filter(rewrite => rewrite.file.test(args.path));
			const source = fs.readFileSync(args.path, 'utf8');
			let contents = source;
			for (const rewrite of wanted) {
				const before = contents;
				contents = contents.replace(rewrite.from as string, rewrite.to);
				if (contents === before && typeof rewrite.from === 'string') {
					throw new Error(`snapshot rewrite not applied in ${args.path}: ${rewrite.from}`);
				}
			}

			// Unchanged files go on to the build's own plugins (the dependency transforms).
			return contents === source ? undefined : {contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: path.dirname(args.path)};
		});
	},
};

async function buildSnapshot(): Promise<string> {
	fs.rmSync(out, {recursive: true, force: true});
	fs.mkdirSync(out, {recursive: true});
	const script = path.join(out, 'entry.cjs');
	await esbuild.build({
		stdin: {contents: entry, resolveDir: root, loader: 'tsx'},
		outfile: script,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		jsx: 'automatic',
		define: {'process.env.NODE_ENV': '"production"', 'import.meta.url': '"file:///snapshot.js"'},
		logOverride: {'assign-to-define': 'silent'},
		// The snapshot rewrites go first: esbuild uses the first onLoad that answers. Ink's Output,
		// ansi-tokenize, Yoga's binary and meow keep the build's own transforms.
		plugins: [snapshotRewrites, inkDevtoolsStub, dependencyTransforms({only: transforms.filter(each => each.name !== 'ink-no-react-devtools')})],
		logLevel: 'warning',
	});
	const blob = path.join(out, 'snapshot.blob');
	execFileSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', script], {cwd: out, stdio: ['ignore', 'ignore', 'pipe']});
	return blob;
}

type Marks = Record<string, number>;

let sessions = 0;

async function firstFrame(command: string, file: string, work: string): Promise<Marks> {
	const traceFile = path.join(work, `trace-${Date.now()}.jsonl`);
	// A server of its own for each run: a new session on a server still shutting down can fail.
	const socket = `ner-review-snapshot-${process.pid}-${++sessions}`;
	fs.rmSync(`${file}.review.json`, {force: true});
	spawnSync('tmux', ['-L', socket, 'new-session', '-d', '-x', '120', '-y', '40', `env -u CI TERM=xterm-256color NER_REVIEW_TRACE=${traceFile} ${command} ${file}`]);
	try {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const events = fs.existsSync(traceFile) ? fs.readFileSync(traceFile, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as {event: string; at: number}) : [];
			if (events.some(event => event.event === 'first-frame')) {
				return Object.fromEntries(events.map(event => [event.event, event.at]));
			}

			if (Date.now() > deadline) {
				throw new Error(`no first frame from ${command}`);
			}

			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
		}
	} finally {
		const socketPath = spawnSync('tmux', ['-L', socket, 'display-message', '-p', '#{socket_path}'], {encoding: 'utf8'}).stdout.trim();
		spawnSync('tmux', ['-L', socket, 'kill-server']);
		// tmux leaves the socket file of a stopped server behind.
		if (socketPath.endsWith(socket)) {
			fs.rmSync(socketPath, {force: true});
		}
	}
}

const blob = await buildSnapshot();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-snapshot-'));
const file = path.join(work, 'conll-50000.txt');
generateCorpus(file, 'conll', 50_000);
const commands = {
	bundle: `${process.execPath} ${path.join(root, 'dist', 'cli.js')} --no-backup`,
	snapshot: `${process.execPath} --snapshot-blob ${blob} -- --no-backup`,
};
const results: Record<string, Marks[]> = {bundle: [], snapshot: []};
for (let run = 0; run < runs; run++) {
	for (const [name, command] of Object.entries(commands)) {
		// eslint-disable-next-line no-await-in-loop
		results[name]!.push(await firstFrame(command, file, work));
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
console.log(`| start from | file read | indexed | UI ready | first frame | first frames of ${runs} runs |`);
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const [name, marks] of Object.entries(results)) {
	const at = (event: string) => `${median(marks.map(mark => mark[event]!)).toFixed(0)} ms`;
	console.log(`| ${name} | ${at('read')} | ${at('indexed')} | ${at('ui-loaded')} | ${at('first-frame')} | ${marks.map(mark => mark['first-frame']!.toFixed(0)).join(', ')} |`);
}

console.log(`\nsnapshot: ${(fs.statSync(blob).size / 1e6).toFixed(1)} MB; ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`);
fs.rmSync(work, {recursive: true, force: true});
