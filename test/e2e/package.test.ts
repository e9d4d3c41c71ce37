/**
End-to-end: the package as a user gets it. `npm pack` (which runs the `prepare` build), then
`npm install -g` of the tarball into a fresh prefix, then the installed `ner-review` run from a
folder outside the repository: --version, --help, `check`, and the demo in a real terminal (tmux).
Also what the tarball holds and which dependencies a user installs.

Slow (npm install from the registry): NER_REVIEW_SKIP_PACKAGE=1 skips it.
*/
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {repoRoot, tmuxAvailable, TmuxSession} from '../helpers/tmux.js';
import {patches} from '../../scripts/speed-up-dependencies.mjs';

const skip = process.env['NER_REVIEW_SKIP_PACKAGE'] === '1' ? 'NER_REVIEW_SKIP_PACKAGE=1: the package test (npm pack, npm install -g) is skipped' : false;

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

/** The environment for npm and the installed CLI: no npm_config_* from an outer `npm test`, node first on PATH, no CI color quirks. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(name) && !['NO_COLOR', 'FORCE_COLOR', 'TMUX', 'INIT_CWD'].includes(name)) {
			env[name] = value;
		}
	}

	env['PATH'] = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;
	return {...env, ...extra};
}

type Run = {status: number | null; stdout: string; stderr: string};

function run(command: string, args: readonly string[], cwd: string, timeout = 30_000): Run {
	const result = spawnSync(command, args, {cwd, env: cleanEnv({CI: 'true'}), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout});
	assert.equal(result.error, undefined, `${command} ${args.join(' ')} could not be run: ${String(result.error)}`);
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('the packed and globally installed package', {skip, timeout: 600_000}, () => {
	let tarball = '';
	let entries: string[] = [];
	let prefix = '';
	let bin = '';
	let installed = '';
	/** A folder outside the repository, where the CLI is run. */
	let elsewhere = '';

	before(() => {
		const packFolder = freshFolder('ner-review-pack-');
		const pack = spawnSync('npm', ['pack', '--pack-destination', packFolder], {cwd: repoRoot, env: cleanEnv(), encoding: 'utf8', timeout: 300_000});
		assert.equal(pack.status, 0, `npm pack failed (it runs the prepare build):\n${pack.stdout}\n${pack.stderr}`);
		const tarballs = fs.readdirSync(packFolder).filter(name => name.endsWith('.tgz'));
		assert.deepEqual(tarballs, ['ner-review-0.1.0.tgz']);
		tarball = path.join(packFolder, tarballs[0]!);
		entries = execFileSync('tar', ['-tzf', tarball], {encoding: 'utf8'}).split('\n').filter(Boolean);

		prefix = freshFolder('ner-review-prefix-');
		const install = spawnSync('npm', ['install', '-g', tarball, '--prefix', prefix, '--no-audit', '--no-fund'], {cwd: freshFolder('ner-review-install-cwd-'), env: cleanEnv(), encoding: 'utf8', timeout: 540_000});
		assert.equal(install.status, 0, `npm install -g failed:\n${install.stdout}\n${install.stderr}`);
		bin = path.join(prefix, 'bin', 'ner-review');
		installed = path.join(prefix, 'lib', 'node_modules', 'ner-review');
		elsewhere = freshFolder('ner-review-elsewhere-');
	});

	after(() => {
		for (const session of sessions) {
			session.kill();
		}

		for (const folder of folders) {
			fs.rmSync(folder, {recursive: true, force: true, maxRetries: 5});
		}
	});

	test('the tarball holds the built CLI and the demo, and no sources, tests, benchmarks or node_modules', () => {
		for (const needed of ['package/package.json', 'package/readme.md', 'package/dist/cli.js', 'package/demo/software.txt', 'package/scripts/speed-up-dependencies.mjs']) {
			assert.ok(entries.includes(needed), `${needed} is missing from the tarball:\n${entries.join('\n')}`);
		}

		assert.ok(entries.some(entry => entry.startsWith('package/dist/source/') && entry.endsWith('.js')), 'the built modules (dist/source) are missing');
		const unwanted = entries.filter(entry => /^package\/(test|source|bench|node_modules)\//.test(entry)
			|| /\/node_modules\//.test(entry)
			|| /^package\/dist\/(test|bench|scripts)\//.test(entry)
			|| /\.tsx?$/.test(entry)
			|| /\.tgz$/.test(entry));
		assert.deepEqual(unwanted, [], 'the tarball holds files a user does not need');
	});

	test('dependencies are the runtime packages only; the build and test tools are devDependencies', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>; devDependencies?: Record<string, string>; bin?: Record<string, string>};
		assert.deepEqual(Object.keys(manifest.dependencies ?? {}).sort(), ['chalk', 'ink', 'ink-text-input', 'meow', 'react', 'string-width']);
		for (const tool of ['typescript', 'tsx', 'fast-check', 'ink-testing-library']) {
			assert.ok(manifest.devDependencies?.[tool] !== undefined, `${tool} is not a devDependency`);
		}

		assert.deepEqual(manifest.bin, {'ner-review': 'dist/cli.js'});
		// A global install does not install devDependencies.
		for (const tool of ['typescript', 'tsx', 'fast-check', 'ink-testing-library']) {
			assert.ok(!fs.existsSync(path.join(installed, 'node_modules', tool)), `${tool} was installed with the package`);
		}
	});

	test('the postinstall script ran in the global install: every start-up patch is in place', () => {
		for (const patch of patches) {
			const file = path.join(installed, 'node_modules', patch.package, patch.file);
			assert.ok(fs.existsSync(file), `${file} is missing`);
			const source = fs.readFileSync(file, 'utf8');
			assert.ok(source.includes(patch.to), `${file} is not patched`);
			assert.ok(!source.includes(patch.from), `${file} still holds ${patch.from}`);
		}
	});

	test('ner-review --version prints 0.1.0', () => {
		const result = run(bin, ['--version'], elsewhere);
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stdout.trim(), '0.1.0');
		assert.equal(result.stderr, '');
	});

	test('ner-review --help lists the flags, the subcommands and the exit codes', () => {
		const result = run(bin, ['--help'], elsewhere);
		assert.equal(result.status, 0, result.stderr);
		const help = result.stdout;
		for (const flag of ['--tag-column', '--scheme', '--labels', '--output', '--no-backup']) {
			assert.ok(help.includes(flag), `--help does not mention ${flag}:\n${help}`);
		}

		assert.match(help, /ner-review check FILE/);
		assert.match(help, /ner-review stats FILE/);
		assert.match(help, /Exit codes/i);
		assert.match(help, /\b0 success/);
		assert.match(help, /\b1 check found problems/);
		assert.match(help, /\b2 usage or input error/);
	});

	test('ner-review check: exit 0 on a clean file, 1 with FILE:LINE: lines on a file with problems, 2 on a missing file', () => {
		fs.writeFileSync(path.join(elsewhere, 'clean.txt'), '<s>\nAda\tB-PER\nLovelace\tI-PER\nwrote\tO\n</s>\n');
		fs.writeFileSync(path.join(elsewhere, 'broken.txt'), '<s>\nAda\tB-PER\nwrote\tO\nLovelace\tI-PER\n</s>\n');
		const clean = run(bin, ['check', 'clean.txt'], elsewhere);
		assert.equal(clean.status, 0, `${clean.stdout}${clean.stderr}`);
		assert.equal(clean.stdout, '');

		const broken = run(bin, ['check', 'broken.txt'], elsewhere);
		assert.equal(broken.status, 1, `${broken.stdout}${broken.stderr}`);
		assert.match(broken.stdout, /^broken\.txt:4: .*I-PER/m);

		const missing = run(bin, ['check', 'missing.txt'], elsewhere);
		assert.equal(missing.status, 2);
		assert.match(missing.stderr, /^ner-review: missing\.txt/);
	});

	test('ner-review check piped into `head -n 1` stops quietly (no EPIPE stack trace)', () => {
		// 20,000 problems: an I-PER after O, invalid in IOB2 (a file whose only prefixes are I- is detected as IO, hence --scheme).
		const lines = ['<s>'];
		for (let index = 0; index < 20_000; index++) {
			lines.push(`w${index}\tO`, `x${index}\tI-PER`);
		}

		fs.writeFileSync(path.join(elsewhere, 'many.txt'), `${lines.join('\n')}\n</s>\n`);
		const result = spawnSync('sh', ['-c', `${shellQuote(bin)} check --scheme IOB2 many.txt | head -n 1`], {cwd: elsewhere, env: cleanEnv({CI: 'true'}), encoding: 'utf8', timeout: 60_000});
		assert.match(result.stdout, /^many\.txt:3: /);
		assert.equal(result.stderr, '', 'stderr after the reader closed the pipe');
	});

	test('ner-review with no FILE opens the demo corpus in a terminal; q quits with exit status 0', {skip: tmuxAvailable() ? false : 'tmux is not installed'}, async () => {
		const before = fs.readdirSync(path.join(installed, 'demo')).sort();
		// The helper starts `node dist/cli.js ARGS` of the repository: start it with --version, which exits at
		// once, then respawn its pane with the installed binary. The shell then waits on `read` so the
		// pane stays alive (a dead pane's screen is scrolled by tmux's "Pane is dead" line).
		const session = new TmuxSession({args: ['--version'], cwd: elsewhere, cols: 100, rows: 30});
		sessions.push(session);
		assert.equal(await session.waitForExit(), 0);
		// Its own temporary folder: the demo copy there is reused run after run, with its review position.
		const tmp = freshFolder('ner-review-demo-tmpdir-');
		const cli = ['env', '-u', 'NO_COLOR', '-u', 'FORCE_COLOR', '-u', 'TMUX', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', 'TERM=xterm-256color', `TMPDIR=${tmp}`, `PATH=${cleanEnv()['PATH']!}`, bin].map(part => shellQuote(part)).join(' ');
		session.tmux(['respawn-pane', '-k', '-t', 'e2e', '-c', elsewhere, `clear; ${cli}; echo "EXIT:$?"; read -r _`]);
		const screen = await session.waitFor(screen => /^ner-review\b.*software\.txt\b.*sentence 1\/42/m.test(screen), 15_000);
		assert.match(screen, /\[Linux\]Operating_System/, 'the demo\'s first sentence is not shown');
		session.press('q');
		const after = await session.waitFor(/^EXIT:\d+$/m);
		assert.match(after, /^EXIT:0$/m);
		assert.deepEqual(fs.readdirSync(path.join(installed, 'demo')).sort(), before, 'the demo session wrote into the installed package');
		assert.deepEqual(fs.readdirSync(elsewhere).filter(name => /software|review/.test(name)), [], 'the demo session wrote into the current folder');
	});

	test('the demo reuses one copy in the temporary folder: runs do not pile up copies', {skip: tmuxAvailable() ? false : 'tmux is not installed'}, async () => {
		const tmp = freshFolder('ner-review-demo-tmpdir-');
		const session = new TmuxSession({args: ['--version'], cwd: elsewhere, cols: 100, rows: 30});
		sessions.push(session);
		assert.equal(await session.waitForExit(), 0);
		const cli = ['env', '-u', 'NO_COLOR', '-u', 'FORCE_COLOR', '-u', 'TMUX', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', 'TERM=xterm-256color', `TMPDIR=${tmp}`, `PATH=${cleanEnv()['PATH']!}`, bin].map(part => shellQuote(part)).join(' ');
		for (let run = 1; run <= 2; run++) {
			session.tmux(['respawn-pane', '-k', '-t', 'e2e', '-c', elsewhere, `clear; ${cli}; echo "EXIT:$?"; read -r _`]);
			// eslint-disable-next-line no-await-in-loop
			await session.waitFor(screen => /sentence 1\/42/.test(screen) && !/^EXIT:/m.test(screen), 15_000);
			session.press('q');
			// eslint-disable-next-line no-await-in-loop
			assert.match(await session.waitFor(/^EXIT:\d+$/m), /^EXIT:0$/m);
			assert.deepEqual(fs.readdirSync(tmp), [`ner-review-demo-${os.userInfo().uid}`], `after run ${run}`);
		}

		assert.equal(fs.readFileSync(path.join(tmp, `ner-review-demo-${os.userInfo().uid}`, 'software.txt'), 'utf8'), fs.readFileSync(path.join(repoRoot, 'demo', 'software.txt'), 'utf8'));
	});
});
