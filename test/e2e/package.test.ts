/**
End-to-end: the package as a user gets it. `npm pack` of the built bundle (dist/, built by
`npm test` before the tests run), then two global installs of the tarball, each in its own
temporary folders: `npm i -g --ignore-scripts` and `pnpm add -g` (pnpm is installed from the npm
registry into a temporary folder when it is not on PATH). Each installed `ner-review` is run from a
folder outside the repository: --version, --help, `check`, and the demo in a real terminal (tmux).

What the bundle promises is checked too: the tarball holds the bundle, the demo and the readme and
nothing else; the manifest has no dependencies and no install scripts; the bundle imports nothing
but Node's own modules; each install is exactly the tarball's files (nothing generated or
rewritten at install), the installation holds nothing else, and no file of it (for pnpm: of its
store, which other projects share) changed after the CLI ran.

Slow (two installs, and pnpm from the registry when missing): NER_REVIEW_SKIP_PACKAGE=1 skips it.
*/
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {isBuiltin} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {transforms} from '../../scripts/dependency-transforms.mjs';
import {assertBuilt, repoRoot, tmuxAvailable, TmuxSession} from '../helpers/tmux.js';

const skip = process.env['NER_REVIEW_SKIP_PACKAGE'] === '1' ? 'NER_REVIEW_SKIP_PACKAGE=1: the package test (npm pack, npm and pnpm global installs) is skipped' : false;
const noTmux = tmuxAvailable() ? false : 'tmux is not installed';
/** The pnpm installed when none is on PATH: the newest major that runs on Node 20. */
const pnpmVersion = '10.34.9';

const folders: string[] = [];
const sessions: TmuxSession[] = [];

function freshFolder(prefix: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	folders.push(folder);
	return folder;
}

function shellQuote(value: string): string {
	return /^[\w./=:,@%+-]+$/.test(value) ? value : `'${value.replaceAll('\'', '\'\\\'\'')}'`;
}

/** The environment for npm, pnpm and the installed CLI: no npm_config_* from an outer `npm test`, node first on PATH, no CI color quirks. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!/^(npm|pnpm)_/i.test(name) && !['NO_COLOR', 'FORCE_COLOR', 'TMUX', 'INIT_CWD', 'PNPM_HOME'].includes(name)) {
			env[name] = value;
		}
	}

	env['PATH'] = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;
	return {...env, ...extra};
}

type Run = {status: number | null; stdout: string; stderr: string};

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv({CI: 'true'}), timeout = 120_000): Run {
	const result = spawnSync(command, args, {cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout});
	assert.equal(result.error, undefined, `${command} ${args.join(' ')} could not be run: ${String(result.error)}`);
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Every file, folder and symbolic link under `root`: content hash and mode of files, target of links. */
function tree(root: string): Record<string, string> {
	const entries: Record<string, string> = {};
	const walk = (folder: string) => {
		for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
			const full = path.join(folder, entry.name);
			const relative = path.relative(root, full);
			if (entry.isSymbolicLink()) {
				entries[relative] = `link -> ${fs.readlinkSync(full)}`;
			} else if (entry.isDirectory()) {
				entries[relative] = 'folder';
				walk(full);
			} else {
				const mode = (fs.statSync(full).mode & 0o777).toString(8);
				entries[relative] = `file ${mode} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
			}
		}
	};

	walk(root);
	return entries;
}

/** The files of `root` by relative path and content hash only (modes differ between installers). */
function contents(root: string): Record<string, string> {
	return Object.fromEntries(Object.entries(tree(root)).filter(([, value]) => value.startsWith('file ')).map(([name, value]) => [name, value.split(' ')[2]!]));
}

type Manifest = {
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	bundleDependencies?: unknown;
	devDependencies?: Record<string, string>;
	scripts?: Record<string, string>;
	bin?: Record<string, string>;
};

/** The installed CLI, as a user runs it. */
type Installed = {bin: string; folder: string; env: NodeJS.ProcessEnv};

/** --version, --help, check and the demo: the same tests for every way of installing. */
function cliTests(installed: () => Installed) {
	let elsewhere = '';
	before(() => {
		elsewhere = freshFolder('ner-review-elsewhere-');
	});

	const runCli = (args: readonly string[]) => run(installed().bin, args, elsewhere, {...installed().env, CI: 'true'}, 30_000);

	test('ner-review --version prints 0.1.0', () => {
		const result = runCli(['--version']);
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stdout.trim(), '0.1.0');
		assert.equal(result.stderr, '');
	});

	test('ner-review --help lists the flags, the subcommands and the exit codes', () => {
		const result = runCli(['--help']);
		assert.equal(result.status, 0, result.stderr);
		const help = result.stdout;
		for (const flag of ['--tag-column', '--scheme', '--labels', '--output', '--no-backup']) {
			assert.ok(help.includes(flag), `--help does not mention ${flag}:\n${help}`);
		}

		assert.match(help, /ner-review check FILE/);
		assert.match(help, /ner-review stats FILE/);
		assert.match(help, /\b0 success/);
		assert.match(help, /\b1 check found problems/);
		assert.match(help, /\b2 usage or input error/);
	});

	test('ner-review check: exit 0 on a clean file, 1 with FILE:LINE: lines on a file with problems, 2 on a missing file', () => {
		fs.writeFileSync(path.join(elsewhere, 'clean.txt'), '<s>\nAda\tB-PER\nLovelace\tI-PER\nwrote\tO\n</s>\n');
		fs.writeFileSync(path.join(elsewhere, 'broken.txt'), '<s>\nAda\tB-PER\nwrote\tO\nLovelace\tI-PER\n</s>\n');
		const clean = runCli(['check', 'clean.txt']);
		assert.equal(clean.status, 0, `${clean.stdout}${clean.stderr}`);
		assert.equal(clean.stdout, '');

		const broken = runCli(['check', 'broken.txt']);
		assert.equal(broken.status, 1, `${broken.stdout}${broken.stderr}`);
		assert.match(broken.stdout, /^broken\.txt:4: .*I-PER/m);

		const missing = runCli(['check', 'missing.txt']);
		assert.equal(missing.status, 2);
		assert.match(missing.stderr, /^ner-review: missing\.txt/);
	});

	test('ner-review check of a file of 32 MB or more matches its second half in the installed worker', () => {
		// 33 MB of sentences whose entities are each labelled once and left O once (too few mentions to report).
		const lines: string[] = [];
		for (let index = 0; lines.length < 4_200_000; index++) {
			lines.push('<s>', `Name${index}\tB-PER`, `met\tO`, `Name${index - 1}\tO`, `in\tO`, `Town${index % 97}\tB-LOC`, '</s>');
		}

		fs.writeFileSync(path.join(elsewhere, 'large.txt'), `${lines.join('\n')}\n`);
		const trace = path.join(elsewhere, 'large-trace.jsonl');
		const result = run(installed().bin, ['check', '--file-order', 'large.txt'], elsewhere, {...installed().env, CI: 'true', NER_REVIEW_TRACE: trace}, 60_000);
		assert.ok(fs.statSync(path.join(elsewhere, 'large.txt')).size >= 32 * 1024 * 1024);
		assert.equal(result.status, 0, `${result.stdout.slice(0, 2000)}${result.stderr}`);
		assert.equal(result.stdout, '');
		const outcomes = fs.readFileSync(trace, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {event: string; outcome?: string}).filter(event => event.event === 'occurrences');
		assert.deepEqual(outcomes.map(event => event.outcome), ['matched by the worker']);
	});

	test('ner-review check piped into `head -n 1` stops quietly (no EPIPE stack trace)', () => {
		// 20,000 problems: an I-PER after O, invalid in IOB2 (a file whose only prefixes are I- is detected as IO, hence --scheme).
		const lines = ['<s>'];
		for (let index = 0; index < 20_000; index++) {
			lines.push(`w${index}\tO`, `x${index}\tI-PER`);
		}

		fs.writeFileSync(path.join(elsewhere, 'many.txt'), `${lines.join('\n')}\n</s>\n`);
		const result = spawnSync('sh', ['-c', `${shellQuote(installed().bin)} check --file-order --scheme IOB2 many.txt | head -n 1`], {cwd: elsewhere, env: {...installed().env, CI: 'true'}, encoding: 'utf8', timeout: 60_000});
		assert.match(result.stdout, /^many\.txt:3: /);
		assert.equal(result.stderr, '', 'stderr after the reader closed the pipe');
	});

	/** A tmux session whose pane runs the installed CLI (the helper starts the repository's; its pane is respawned). */
	async function installedSession(): Promise<{session: TmuxSession; start: (tmp: string, trace?: string) => void}> {
		const session = new TmuxSession({args: ['--version'], cwd: elsewhere, cols: 100, rows: 30});
		sessions.push(session);
		assert.equal(await session.waitForExit(), 0);
		const start = (tmp: string, trace?: string) => {
			const cli = ['env', '-u', 'NO_COLOR', '-u', 'FORCE_COLOR', '-u', 'TMUX', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', 'TERM=xterm-256color', `TMPDIR=${tmp}`, ...(trace === undefined ? [] : [`NER_REVIEW_TRACE=${trace}`]), `PATH=${installed().env['PATH']!}`, installed().bin].map(part => shellQuote(part)).join(' ');
			// The shell then waits on `read` so the pane stays alive (a dead pane's screen is scrolled by tmux's "Pane is dead" line).
			session.tmux(['respawn-pane', '-k', '-t', 'e2e', '-c', elsewhere, `clear; ${cli}; echo "EXIT:$?"; read -r _`]);
		};

		return {session, start};
	}

	test('ner-review with no FILE opens the demo corpus in a terminal, with the code caches of its libraries taken; q quits with exit status 0', {skip: noTmux}, async () => {
		const demoBefore = fs.readdirSync(path.join(installed().folder, 'demo')).sort();
		const {session, start} = await installedSession();
		const trace = path.join(freshFolder('ner-review-demo-trace-'), 'trace.jsonl');
		// Its own temporary folder: the demo copy there is reused run after run, with its review position.
		start(freshFolder('ner-review-demo-tmpdir-'), trace);
		const screen = await session.waitFor(screen => /^ner-review\b.*software\.txt\b.*sentence 1\/42/m.test(screen), 15_000);
		assert.match(screen, /\[Linux\]Operating_System/, 'the demo\'s first sentence is not shown');
		session.press('q');
		assert.match(await session.waitFor(/^EXIT:\d+$/m), /^EXIT:0$/m);
		// The caches shipped in the tarball, made by the build for this Node: V8 takes them (source/libraries/load.ts).
		const events = fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as {event: string; codeCache?: string});
		assert.deepEqual(events.filter(event => typeof event.codeCache === 'string').map(({event, codeCache}) => ({event, codeCache})), [{event: 'cli-libraries', codeCache: 'accepted'}, {event: 'ui-libraries', codeCache: 'accepted'}]);
		// The app's own scripts (source/libraries/app-scripts.ts): each one the screen ran took its cache.
		const appScripts = events.find(event => event.event === 'ui-loaded')?.codeCache as unknown as Record<string, string> | undefined;
		assert.ok(appScripts !== undefined && Object.keys(appScripts).some(file => /^chunks\/run-\w+\.cjs$/.test(file)), JSON.stringify(appScripts));
		assert.deepEqual(Object.entries(appScripts).filter(([, use]) => use !== 'accepted'), []);
		assert.deepEqual(fs.readdirSync(path.join(installed().folder, 'demo')).sort(), demoBefore, 'the demo session wrote into the installed package');
		assert.deepEqual(fs.readdirSync(elsewhere).filter(name => /software|review/.test(name)), [], 'the demo session wrote into the current folder');
	});

	test('the demo reuses one copy in the temporary folder: runs do not pile up copies', {skip: noTmux}, async () => {
		const tmp = freshFolder('ner-review-demo-tmpdir-');
		const {session, start} = await installedSession();
		for (let run = 1; run <= 2; run++) {
			start(tmp);
			// eslint-disable-next-line no-await-in-loop
			await session.waitFor(screen => /sentence 1\/42/.test(screen) && !/^EXIT:/m.test(screen), 15_000);
			session.press('q');
			// eslint-disable-next-line no-await-in-loop
			assert.match(await session.waitFor(/^EXIT:\d+$/m), /^EXIT:0$/m);
			assert.deepEqual(fs.readdirSync(tmp), [`ner-review-demo-${os.userInfo().uid}`], `after run ${run}`);
		}

		assert.equal(fs.readFileSync(path.join(tmp, `ner-review-demo-${os.userInfo().uid}`, 'software.txt'), 'utf8'), fs.readFileSync(path.join(repoRoot, 'demo', 'software.txt'), 'utf8'));
	});
}

describe('the packed package', {skip, timeout: 900_000}, () => {
	let tarball = '';
	/** The tarball's files, extracted (its `package/` folder). */
	let unpacked = '';
	let entries: string[] = [];
	let manifest: Manifest = {};

	before(() => {
		assertBuilt();
		const packFolder = freshFolder('ner-review-pack-');
		// `npm test` built dist/ already; the pack's own build (prepack) would rebuild it under the other tests' feet.
		const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packFolder], {cwd: repoRoot, env: cleanEnv(), encoding: 'utf8', timeout: 120_000});
		assert.equal(pack.status, 0, `npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
		const tarballs = fs.readdirSync(packFolder).filter(name => name.endsWith('.tgz'));
		assert.deepEqual(tarballs, ['ner-review-0.1.0.tgz']);
		tarball = path.join(packFolder, tarballs[0]!);
		entries = execFileSync('tar', ['-tzf', tarball], {encoding: 'utf8'}).split('\n').filter(Boolean).sort();
		execFileSync('tar', ['-xzf', tarball, '-C', packFolder]);
		unpacked = path.join(packFolder, 'package');
		manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as Manifest;
	});

	after(() => {
		for (const session of sessions) {
			session.kill();
		}

		for (const folder of folders) {
			fs.rmSync(folder, {recursive: true, force: true, maxRetries: 5});
		}
	});

	test('the tarball holds the bundle (with its three workers), the demo, the readme and the manifest, and nothing else', () => {
		for (const needed of ['package/package.json', 'package/readme.md', 'package/dist/cli.js', 'package/dist/app.cjs', 'package/dist/app.cache', 'package/dist/built-from.json', 'package/dist/licenses.txt', 'package/dist/tagger-worker.js', 'package/dist/occurrences-worker.js', 'package/dist/index-worker.js', 'package/dist/chunks/cli-libraries.cjs', 'package/dist/chunks/cli-libraries.cache', 'package/dist/chunks/ui-libraries.cjs', 'package/dist/chunks/ui-libraries.cache', 'package/demo/software.txt']) {
			assert.ok(entries.includes(needed), `${needed} is missing from the tarball:\n${entries.join('\n')}`);
		}

		assert.ok(entries.some(entry => /^package\/dist\/chunks\/run-\w+\.cjs$/.test(entry)), 'the UI chunk (dist/chunks/run-*.cjs) is missing');
		assert.ok(entries.some(entry => /^package\/dist\/chunks\/run-\w+\.cache$/.test(entry)), 'the UI chunk\'s code cache is missing');
		const unwanted = entries.filter(entry => !/^package\/(package\.json|readme\.md|demo\/[^/]+|dist\/(cli\.js|app\.(cjs|cache)|(tagger|occurrences|index)-worker\.js|built-from\.json|licenses\.txt|chunks\/[\w-]+\.(cjs|cache)))$/.test(entry));
		assert.deepEqual(unwanted, [], 'the tarball holds files a user does not need');
	});

	test('the tarball\'s bundle is the one the other tests ran (dist/ of the repository)', () => {
		assert.deepEqual(contents(path.join(unpacked, 'dist')), contents(path.join(repoRoot, 'dist')));
	});

	test('the manifest has no dependencies of any kind and no install scripts; everything is bundled', () => {
		assert.deepEqual(manifest.dependencies ?? {}, {});
		assert.deepEqual(manifest.optionalDependencies ?? {}, {});
		assert.deepEqual(manifest.peerDependencies ?? {}, {});
		assert.equal(manifest.bundleDependencies, undefined);
		// What npm and pnpm run when a package is installed (prepare: when installed from git).
		const installScripts = Object.keys(manifest.scripts ?? {}).filter(name => ['preinstall', 'install', 'postinstall', 'prepare'].includes(name));
		assert.deepEqual(installScripts, []);
		assert.deepEqual(manifest.bin, {'ner-review': 'dist/cli.js'});
		for (const bundled of ['ink', 'react', 'meow', 'chalk', 'esbuild', 'typescript']) {
			assert.ok(manifest.devDependencies?.[bundled] !== undefined, `${bundled} is not a devDependency`);
		}
	});

	test('the bundle imports nothing but Node\'s own modules and its own chunks', () => {
		const distFolder = path.join(unpacked, 'dist');
		const files = entries.filter(entry => /^package\/dist\/.*\.c?js$/.test(entry)).map(entry => path.join(unpacked, entry.slice('package/'.length)));
		const foreign: string[] = [];
		for (const file of files) {
			const source = fs.readFileSync(file, 'utf8');
			// Static imports and re-exports, dynamic imports, and require() calls with a literal name.
			for (const match of source.matchAll(/(?:^|[\n;])\s*(?:import|export)\b[^'"\n;]*?from\s*["']([^"']+)["']|(?:^|[\n;])\s*import\s*["']([^"']+)["']|\b(?:import|__nerReviewImport)\(\s*["']([^"']+)["']\s*\)|\b(?:require|__require)\(\s*["']([^"']+)["']\s*\)/g)) {
				const specifier = match[1] ?? match[2] ?? match[3] ?? match[4]!;
				// The app's scripts load each other by the names esbuild gave the modules (NAME.js for NAME.cjs: app-scripts.ts).
				const target = path.resolve(path.dirname(file), specifier);
				const existing = file.endsWith('.cjs') ? target.replace(/\.js$/, '.cjs') : target;
				const own = specifier.startsWith('.') && fs.existsSync(existing) && existing.startsWith(distFolder);
				if (!own && !isBuiltin(specifier)) {
					foreign.push(`${path.relative(unpacked, file)}: ${specifier}`);
				}
			}
		}

		assert.deepEqual(foreign, []);
		assert.ok(files.length >= 2, 'no chunks were found');
	});

	test('the bundle records the exact dependency versions of the lock file it was built from, and the transforms applied', () => {
		const builtFrom = JSON.parse(fs.readFileSync(path.join(unpacked, 'dist', 'built-from.json'), 'utf8')) as {dependencies: Record<string, string>; transforms: string[]; esbuild: string};
		const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {packages: Record<string, {version?: string}>};
		const locked = new Map<string, Set<string>>();
		for (const [where, entry] of Object.entries(lock.packages)) {
			const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
			if (where !== '' && entry.version !== undefined) {
				(locked.get(name) ?? locked.set(name, new Set()).get(name)!).add(entry.version);
			}
		}

		for (const name of ['ink', 'react', 'react-reconciler', 'yoga-layout', 'meow', 'chalk', 'string-width', '@alcalzone/ansi-tokenize']) {
			assert.ok(builtFrom.dependencies[name] !== undefined, `${name} is not recorded`);
		}

		for (const [name, version] of Object.entries(builtFrom.dependencies)) {
			assert.ok(locked.get(name)?.has(version), `${name}@${version} is not the version in package-lock.json (${[...locked.get(name) ?? []].join(', ')})`);
		}

		assert.deepEqual(builtFrom.transforms, transforms.map(each => each.name).sort());
		assert.ok(locked.get('esbuild')?.has(builtFrom.esbuild), `esbuild ${builtFrom.esbuild}`);
		// The bundle's own manifest pins the bundled packages exactly.
		for (const name of ['ink', 'react', 'meow', 'chalk', 'string-width', 'esbuild']) {
			assert.equal(manifest.devDependencies?.[name], builtFrom.dependencies[name] ?? builtFrom.esbuild, `${name} is not pinned to the bundled version`);
		}
	});

	describe('installed with npm i -g --ignore-scripts', () => {
		let prefix = '';
		let installation: Record<string, string> = {};
		const installed: Installed = {bin: '', folder: '', env: cleanEnv()};

		before(() => {
			prefix = freshFolder('ner-review-npm-prefix-');
			// Its own npm cache: the test leaves the user's alone.
			const cache = freshFolder('ner-review-npm-cache-');
			const install = run('npm', ['install', '-g', tarball, '--prefix', prefix, '--cache', cache, '--ignore-scripts', '--no-audit', '--no-fund'], freshFolder('ner-review-install-cwd-'), cleanEnv(), 300_000);
			assert.equal(install.status, 0, `npm install -g failed:\n${install.stdout}\n${install.stderr}`);
			installed.bin = path.join(prefix, 'bin', 'ner-review');
			installed.folder = path.join(prefix, 'lib', 'node_modules', 'ner-review');
			installation = tree(prefix);
		});

		test('npm copied the tarball\'s files and nothing else: one package folder and its command', () => {
			assert.deepEqual(contents(installed.folder), contents(unpacked));
			const outside = Object.keys(installation).filter(name => !name.startsWith(path.join('lib', 'node_modules', 'ner-review')));
			assert.deepEqual(outside.sort(), ['bin', path.join('bin', 'ner-review'), 'lib', path.join('lib', 'node_modules')].sort());
			assert.equal(installation[path.join('bin', 'ner-review')], 'link -> ../lib/node_modules/ner-review/dist/cli.js');
		});

		cliTests(() => installed);

		test('running the CLI changed no file of the installation', () => {
			assert.deepEqual(tree(prefix), installation);
		});
	});

	describe('installed with pnpm add -g', () => {
		let pnpm = '';
		let home = '';
		let store = '';
		let storeBefore: Record<string, string> = {};
		let globalBefore: Record<string, string> = {};
		const installed: Installed = {bin: '', folder: '', env: cleanEnv()};
		/** The global project pnpm keeps its global packages in (PNPM_HOME/global/5). */
		let globalProject = '';

		const runPnpm = (args: readonly string[], cwd: string) => run(pnpm, args, cwd, installed.env, 300_000);

		/**
		`pnpm store status` of the global project. pnpm 10 looks for the packages in node_modules/.pnpm
		there, while its global installs keep them in ../.pnpm (its .modules.yaml says so): without
		naming that folder, every global package is reported as modified.
		*/
		const storeStatus = () => runPnpm(['store', 'status', '--store-dir', store, `--config.virtual-store-dir=${path.join(globalProject, '.pnpm')}`], globalProject);

		before(() => {
			const sandbox = freshFolder('ner-review-pnpm-');
			home = path.join(sandbox, 'pnpm-home');
			store = path.join(sandbox, 'store');
			// pnpm's global folder, bin folder, state, cache and config all in the sandbox: the user's are left alone.
			installed.env = cleanEnv({
				PNPM_HOME: home,
				PATH: `${home}${path.delimiter}${cleanEnv()['PATH']!}`,
				XDG_CONFIG_HOME: path.join(sandbox, 'config'),
				XDG_CACHE_HOME: path.join(sandbox, 'cache'),
				XDG_DATA_HOME: path.join(sandbox, 'data'),
				XDG_STATE_HOME: path.join(sandbox, 'state'),
				npm_config_update_notifier: 'false',
			});
			const onPath = spawnSync('pnpm', ['--version'], {env: installed.env, encoding: 'utf8'});
			if (onPath.status === 0) {
				pnpm = 'pnpm';
			} else {
				const tool = path.join(sandbox, 'tool');
				const install = run('npm', ['install', '--prefix', tool, '--cache', path.join(sandbox, 'npm-cache'), '--ignore-scripts', '--no-audit', '--no-fund', `pnpm@${pnpmVersion}`], sandbox, cleanEnv(), 300_000);
				assert.equal(install.status, 0, `pnpm is not on PATH, and installing it from the npm registry failed:\n${install.stdout}\n${install.stderr}`);
				pnpm = path.join(tool, 'node_modules', '.bin', 'pnpm');
			}

			fs.mkdirSync(home, {recursive: true});
			const add = runPnpm(['add', '-g', '--store-dir', store, tarball], sandbox);
			assert.equal(add.status, 0, `pnpm add -g failed:\n${add.stdout}\n${add.stderr}`);
			installed.bin = path.join(home, 'ner-review');
			const globalRoot = runPnpm(['root', '-g'], sandbox).stdout.trim();
			installed.folder = fs.realpathSync(path.join(globalRoot, 'ner-review'));
			globalProject = path.dirname(globalRoot);
			// Taken after a first `store status`, in case that command keeps state of its own.
			storeStatus();
			storeBefore = tree(store);
			globalBefore = tree(home);
		});

		test('pnpm linked the tarball\'s files from its store, and the store is clean', () => {
			// Beside them pnpm writes its own shims of the package's commands, in its node_modules/.bin.
			const files = Object.fromEntries(Object.entries(contents(installed.folder)).filter(([name]) => !name.startsWith(path.join('node_modules', '.bin') + path.sep)));
			assert.deepEqual(files, contents(unpacked));
			// The package's files are the store's files (hard links), so a package that wrote into its
			// own folder would change them for every project on the machine.
			assert.ok(fs.statSync(path.join(installed.folder, 'dist', 'cli.js')).nlink >= 2, 'the installed files are not linked from the store');
			const status = storeStatus();
			assert.equal(status.status, 0, `pnpm store status:\n${status.stdout}\n${status.stderr}`);
		});

		cliTests(() => installed);

		test('running the CLI changed no file of the pnpm store or of the global folder, and pnpm store status is clean', () => {
			assert.deepEqual(tree(store), storeBefore);
			assert.deepEqual(tree(home), globalBefore);
			const status = storeStatus();
			assert.equal(status.status, 0, `pnpm store status:\n${status.stdout}\n${status.stderr}`);
			assert.match(status.stdout, /untouched/);
		});

		test('pnpm store status does notice a changed file (so the checks above can fail)', () => {
			fs.appendFileSync(path.join(installed.folder, 'dist', 'built-from.json'), '\n');
			const status = storeStatus();
			assert.notEqual(status.status, 0, `pnpm store status missed a changed file:\n${status.stdout}`);
			assert.match(`${status.stdout}${status.stderr}`, /ner-review/);
		});
	});
});
