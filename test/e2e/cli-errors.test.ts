/**
End-to-end: the built CLI without a terminal. Every input it cannot open gives exit code 2, one
line on stderr (`ner-review: FILE[:LINE]: ...`) and writes nothing.
*/
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {assertBuilt, cliPath} from '../helpers/tmux.js';

const folders: string[] = [];

function freshFolder(prefix: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	folders.push(folder);
	return folder;
}

type Run = {status: number | null; stdout: string; stderr: string};

/** Runs the CLI in `cwd` with stdin not a terminal, CI=true, and its own empty TMPDIR (which must stay empty). */
function run(cwd: string, args: readonly string[], stdin: 'pipe' | 'ignore' = 'ignore'): Run & {tmp: string[]} {
	const tmp = freshFolder('ner-review-cli-tmp-');
	const env: NodeJS.ProcessEnv = {...process.env, CI: 'true', TMPDIR: tmp};
	delete env['NO_COLOR'];
	delete env['FORCE_COLOR'];
	const result = spawnSync(process.execPath, [cliPath, ...args], {cwd, env, encoding: 'utf8', stdio: [stdin, 'pipe', 'pipe'], input: stdin === 'pipe' ? '' : undefined, timeout: 15_000});
	assert.equal(result.error, undefined, `the CLI could not be run: ${String(result.error)}`);
	return {status: result.status, stdout: result.stdout, stderr: result.stderr, tmp: fs.readdirSync(tmp)};
}

/** A listing of every file under `folder` with its content, to prove that nothing was written. */
function snapshot(folder: string): string[] {
	const entries: string[] = [];
	const walk = (directory: string) => {
		for (const entry of fs.readdirSync(directory, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(directory, entry.name);
			const relative = path.relative(folder, full);
			if (entry.isDirectory()) {
				entries.push(`${relative}/`);
				walk(full);
			} else {
				entries.push(`${relative} ${fs.readFileSync(full).toString('base64')}`);
			}
		}
	};

	walk(folder);
	return entries;
}

type Case = {
	readonly name: string;
	/** Files to create (a string or bytes), or `null` for a directory. */
	readonly files: Record<string, string | Buffer | null>;
	readonly args: readonly string[];
	/** What stderr must name: `FILE` or `FILE:LINE`. */
	readonly names?: string;
	readonly message: RegExp;
	readonly stdin?: 'pipe' | 'ignore';
	readonly todo?: string;
};

/** 60 tagged token lines: enough for the format sample to accept the tag column, so a later bad line fails in the indexer. */
const manyTagged = Array.from({length: 60}, (_, index) => `w${index}\t${index % 7 === 0 ? 'B-PER' : 'O'}`).join('\n');

const cases: Case[] = [
	{name: 'missing file', files: {}, args: ['missing.txt'], names: 'missing.txt', message: /no such file/i},
	{name: 'a directory', files: {corpus: null}, args: ['corpus'], names: 'corpus', message: /directory/i},
	{name: 'empty file', files: {'empty.txt': ''}, args: ['empty.txt'], names: 'empty.txt', message: /no tokens|empty/i},
	{name: 'blank file', files: {'blank.txt': '\n\n  \n'}, args: ['blank.txt'], names: 'blank.txt', message: /no tokens|empty|blank/i},
	{name: 'binary file (NUL byte on line 3)', files: {'binary.txt': Buffer.from('<s>\nGit\tB-Application\nis\u0000\tO\n</s>\n', 'latin1')}, args: ['binary.txt'], names: 'binary.txt:3', message: /binary|NUL/i},
	{name: '<s> never closed (opened at line 4)', files: {'open.txt': '<s>\nGit\tB-Application\n</s>\n<s>\nis\tO\n'}, args: ['open.txt'], names: 'open.txt:4', message: /<s>.*never closed|missing <\/s>|not closed/i},
	{name: '<s> inside an open sentence (line 4)', files: {'nested.txt': '<s>\nGit\tB-Application\nis\tO\n<s>\nfree\tO\n</s>\n'}, args: ['nested.txt'], names: 'nested.txt:4', message: /<s>/},
	{name: '</s> without <s> (line 4)', files: {'stray.txt': '<s>\nGit\tB-Application\n</s>\n</s>\n'}, args: ['stray.txt'], names: 'stray.txt:4', message: /<\/s>/},
	{name: 'a token line without a tag column (in the format sample, line 3)', files: {'notag.txt': '<s>\nGit\tB-Application\nis\n</s>\n'}, args: ['notag.txt'], names: 'notag.txt:3', message: /tag/i},
	{name: 'a token line without a tag column (after the sample, line 62)', files: {'late.tsv': `${manyTagged}\n\nlonely\nw\tO\n`}, args: ['late.tsv'], names: 'late.tsv:62', message: /tag/i},
	// check and stats validate their flags as the interactive command does (one parser for all three).
	...['0', '-1', 'abc', '1.5'].flatMap(value => (['check', 'stats'] as const).map(command => ({
		name: `${command} --tag-column ${value}: exit 2 and one line`,
		files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'},
		args: [command, '--tag-column', value, 'ok.txt'],
		message: /--tag-column takes a column number of 2 or more/,
	}))),
	{name: 'a flag of another command (check --output)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['check', '--output', 'x.txt', 'ok.txt'], message: /--output does not apply to ner-review check/},
	{name: 'an unknown flag', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['--colour', 'ok.txt'], message: /unknown flag --colour/},
	{name: '--labels with a space (it would add a column on save)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['--labels', 'New York', 'ok.txt'], message: /--labels: "New York" has a space/},
	{name: '--labels with a line break', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['--labels', 'AB\nCD', 'ok.txt'], message: /--labels: .*line break/},
	{name: 'unknown --scheme: exit 2 and one line', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['--scheme', 'BIOX', 'ok.txt'], message: /--scheme.*BIOX/},
	{
		name: 'unknown --scheme: the message names the file',
		files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'},
		args: ['--scheme', 'BIOX', 'ok.txt'],
		names: 'ok.txt',
		message: /--scheme.*BIOX/,
	},
	// meow threw with a stack and exit 1 for a second value of a flag, under its camel-case name.
	{name: 'a flag given twice (check --tag-column 4 --tag-column 3)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['check', '--tag-column', '2', '--tag-column', '3', 'ok.txt'], message: /^ner-review: --tag-column is given 2 times: give it once$/},
	{name: 'a flag given twice (the screen\'s --output)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['--output', 'a.txt', '--output', 'b.txt', 'ok.txt'], message: /^ner-review: (ok\.txt: )?--output is given 2 times: give it once$/},
	{name: 'a flag of another command named as typed (check --no-backup)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['check', '--no-backup', 'ok.txt'], message: /^ner-review: --no-backup does not apply to ner-review check$/},
	{name: 'a number flag whose number is missing takes the file name: the flag is named, not the usage', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['check', '--tag-column', 'ok.txt'], message: /--tag-column takes a column number of 2 or more \(column 1 is the token\), not "ok\.txt"/},
	...(['check', 'stats'] as const).map(command => ({name: `${command} --reference naming a missing file: one line naming it`, files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: [command, '--reference', 'train.txt', 'ok.txt'], names: 'train.txt', message: /no such file/})),
	{name: '--compare naming the file itself (saving would write the other side)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['ok.txt', '--compare', './ok.txt'], names: 'ok.txt', message: /--compare names the file itself/},
	{name: '--compare naming the --output file (a save would write the other side)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n', 'out.txt': '<s>\nGit\tO\n</s>\n'}, args: ['ok.txt', '--output', 'out.txt', '--compare', 'out.txt'], names: 'out.txt', message: /--compare names the --output file/},
	// Inputs that are not regular files (issue 11): refused before a byte is read, never read without bound.
	{name: 'check /dev/zero: refused, not read forever', files: {}, args: ['check', '/dev/zero'], names: '/dev/zero', message: /is a character device, not a corpus file: only regular files are read$/},
	{name: 'stats /dev/urandom: refused', files: {}, args: ['stats', '/dev/urandom'], names: '/dev/urandom', message: /is a character device, not a corpus file/},
	{name: 'the interactive command on /dev/zero: refused', files: {}, args: ['/dev/zero'], names: '/dev/zero', message: /is a character device, not a corpus file/},
	// A file name is outside input too: one line, no escape sequence, whatever it holds.
	{name: 'a missing file whose name holds a newline and an OSC title sequence: still one inert line', files: {}, args: ['no\nsuch\u001B]0;pwned\u0007.txt'], message: /^ner-review: no␊such␛\]0;pwned␇\.txt: no such file$/},
	{name: 'a malformed file whose name holds ESC: the FILE:LINE line is inert', files: {'bad\u001B[31mname.txt': '<s>\nGit\tB-Application\n</s>\n</s>\n'}, args: ['check', 'bad\u001B[31mname.txt'], message: /^ner-review: bad␛\[31mname\.txt:4: /},
	{name: 'a bad flag value holding ESC: the usage line is inert', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['--scheme', 'B\u001B[2J', 'ok.txt'], message: /^ner-review: .*--scheme.*B␛\[2J/},
	{name: 'a cell holding an OSC title sequence, quoted in the error line: inert', files: {'pos.txt': 'EU\tNN\u001B]0;pwned\u0007\nrejects\tVBZ\n'}, args: ['pos.txt'], names: 'pos.txt:1', message: /"NN␛\]0;pwned␇" is not a tag like O or B-PER/},
	// --output OUT that exists and is not the input with other tags, or not a regular file (issues 10 and 11).
	{
		name: '--output naming an existing file that is another corpus: refused, naming the line that differs',
		files: {'in.txt': 'EU\tB-ORG\nrejects\tO\n', 'out.txt': 'EU\tB-ORG\naccepts\tO\n'},
		args: ['--output', 'out.txt', 'in.txt'],
		names: 'out.txt:2',
		message: /--output names an existing file that is not in\.txt with other tags \(this line differs\): not overwritten/,
	},
	{name: '--output /dev/full (a character device): refused, the device untouched', files: {'in.txt': 'EU\tB-ORG\n'}, args: ['--output', '/dev/full', 'in.txt'], names: '/dev/full', message: /is a character device: --output writes only a regular file/},
	{name: 'stdin not a terminal (a valid file, stdin ignored)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['ok.txt'], names: 'ok.txt', message: /terminal/i},
	{name: 'stdin not a terminal (a valid file, stdin a pipe)', files: {'ok.txt': '<s>\nGit\tB-Application\n</s>\n'}, args: ['ok.txt'], names: 'ok.txt', message: /terminal/i, stdin: 'pipe'},
];

describe('ner-review CLI errors (no terminal)', {concurrency: 1}, () => {
	before(() => {
		assertBuilt();
	});

	after(() => {
		for (const folder of folders.splice(0)) {
			fs.rmSync(folder, {recursive: true, force: true});
		}
	});

	for (const testCase of cases) {
		test(testCase.name, {todo: testCase.todo}, () => {
			const folder = freshFolder('ner-review-cli-');
			for (const [name, content] of Object.entries(testCase.files)) {
				if (content === null) {
					fs.mkdirSync(path.join(folder, name));
				} else {
					fs.writeFileSync(path.join(folder, name), content);
				}
			}

			const before = snapshot(folder);
			const result = run(folder, testCase.args, testCase.stdin);
			assert.equal(result.status, 2, `exit code 2; stderr: ${result.stderr}`);
			assert.equal(result.stdout, '', 'nothing on stdout');
			const lines = result.stderr.split('\n');
			assert.equal(lines.at(-1), '', `stderr ends with a newline: ${JSON.stringify(result.stderr)}`);
			assert.equal(lines.length, 2, `exactly one line on stderr: ${JSON.stringify(result.stderr)}`);
			const [line] = lines as [string];
			assert.ok(line.startsWith('ner-review: '), `starts with "ner-review: ": ${line}`);
			assert.match(line, testCase.message);
			if (testCase.names !== undefined) {
				assert.ok(line.startsWith(`ner-review: ${testCase.names}: `), `names ${testCase.names}: ${line}`);
			}

			assert.deepEqual(snapshot(folder), before, 'the folder is unchanged');
			assert.deepEqual(result.tmp, [], 'nothing written to TMPDIR');
		});
	}

	test('a FIFO as input (check, stats, the screen) and as --output: one line, exit 2, no hang, the FIFO left as it was', () => {
		const folder = freshFolder('ner-review-cli-');
		const fifo = path.join(folder, 'pipe');
		assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
		fs.writeFileSync(path.join(folder, 'in.txt'), 'EU\tB-ORG\n');
		for (const [args, expected] of [
			[['check', 'pipe'], /^ner-review: pipe: is a FIFO \(named pipe\), not a corpus file/],
			[['stats', 'pipe'], /^ner-review: pipe: is a FIFO \(named pipe\), not a corpus file/],
			[['pipe'], /^ner-review: pipe: is a FIFO \(named pipe\), not a corpus file/],
			[['--output', 'pipe', 'in.txt'], /^ner-review: pipe: is a FIFO \(named pipe\): --output writes only a regular file/],
		] as const) {
			const result = run(folder, args);
			assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
			assert.match(result.stderr, expected);
			assert.equal(result.stderr.split('\n').length, 2, `one line: ${result.stderr}`);
			assert.ok(fs.lstatSync(fifo).isFIFO());
		}

		assert.deepEqual(fs.readdirSync(folder).sort(), ['in.txt', 'pipe']);
	});

	test('check and stats print tokens, tags and file names inert: no OSC 52 clipboard write, no title change, no color from the file', () => {
		const folder = freshFolder('ner-review-cli-');
		const osc52 = '\u001B]52;c;ZXZpbA==\u0007';
		const title = '\u001B]0;pwned\u0007';
		const sgr = '\u001B[31m';
		// An invalid tag sequence (I- after O) so that check prints the tokens and tags of the line.
		fs.writeFileSync(path.join(folder, 'c.tsv'), `EU\tB-ORG\nx${osc52}\tO\nrejects\tI-X${title}\n\nGerman\tB-${sgr}MISC\u202E\n`);
		const checked = run(folder, ['check', 'c.tsv']);
		assert.equal(checked.status, 1, checked.stderr);
		const stats = run(folder, ['stats', 'c.tsv']);
		assert.equal(stats.status, 0, stats.stderr);
		const json = run(folder, ['stats', '--json', 'c.tsv']);
		assert.equal(json.status, 0, json.stderr);
		for (const [what, output] of [['check', checked.stdout], ['stats', stats.stdout], ['stats --json', json.stdout]] as const) {
			assert.ok(!/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/.test(output), `${what} printed a control or bidi character: ${JSON.stringify(output)}`);
		}

		assert.match(checked.stdout, /␛\]0;pwned␇/, 'the title sequence is shown, not obeyed');
		assert.match(stats.stdout, /␛\[31mMISC<U\+202E>/);
		assert.match(JSON.stringify(JSON.parse(json.stdout)), /\\u001b\[31mMISC\u202e/i, 'the JSON still means the same');
	});

	test('check\'s ranked lines: the file name and the quoted tokens inert, and a line longer than an output block printed whole', () => {
		const folder = freshFolder('ner-review-cli-');
		const name = 'x\u001B[31m.tsv';
		// 30,000 characters: longer than a third of the 64 KB block the findings are written in.
		const long = 'a'.repeat(30_000);
		const escaped = 'E\u001B]0;t\u0007U';
		// Ordinary lines first: the format is told from the file's first 16 KB.
		const sentences = ['Paris\tB-LOC', 'Berlin\tB-LOC', `${long}\tB-PER`, `${long}\tB-PER`, `${long}\tO`, `${escaped}\tB-ORG`, `${escaped}\tB-ORG`, `${escaped}\tB-LOC`];
		fs.writeFileSync(path.join(folder, name), `${sentences.join('\n\n')}\n`);
		const checked = run(folder, ['check', name]);
		assert.equal(checked.status, 1, checked.stderr);
		const lines = checked.stdout.split('\n').filter(Boolean);
		assert.ok(!/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(checked.stdout), `a control character was printed: ${JSON.stringify(checked.stdout.slice(0, 200))}`);
		assert.ok(lines.every(line => line.startsWith('x␛[31m.tsv:')), 'every line names the file, inert');
		const longLine = lines.find(line => line.includes(long));
		assert.ok(longLine !== undefined && longLine.length > 30_000 && /^x␛\[31m\.tsv:9: \d\.\d\d .*"a{30000}" is O here/.test(longLine), `the long line whole: ${longLine?.slice(0, 40)}`);
		// The reason quotes the string as JSON does; the suggestion shows its tokens inert.
		assert.ok(lines.some(line => line.includes('is LOC here') && line.includes('suggest [E␛]0;t␇U]LOC → ORG')), lines.map(line => line.slice(-120)).join('\n'));
	});

	test('without FILE and without a terminal: exit 2 and no demo copy left in TMPDIR', () => {
		const folder = freshFolder('ner-review-cli-');
		const result = run(folder, []);
		assert.equal(result.status, 2, `exit code 2; stderr: ${result.stderr}`);
		assert.match(result.stderr, /^ner-review: .*terminal.*\n$/);
		assert.deepEqual(result.tmp, [], 'nothing left in TMPDIR');
	});

	test('--help shows the usage and exits 0', () => {
		const folder = freshFolder('ner-review-cli-');
		const result = run(folder, ['--help']);
		assert.equal(result.status, 0, result.stderr);
		assert.match(result.stdout, /Usage/);
		assert.match(result.stdout, /ner-review \[FILE\]/);
		assert.match(result.stdout, /--output/);
		assert.equal(result.stderr, '');
		assert.deepEqual(snapshot(folder), []);
	});

	test('--reference counts: a string labelled one way in the reference and another here is reported (the flag was read under another name and ignored)', () => {
		const folder = freshFolder('ner-review-cli-');
		fs.writeFileSync(path.join(folder, 'train.txt'), Array.from({length: 10}, () => 'Acme\tB-ORG\nsells\tO\n').join('\n'));
		fs.writeFileSync(path.join(folder, 'test.txt'), 'Acme\tB-LOC\nsells\tO\n\nBob\tB-PER\nruns\tO\n');
		assert.equal(run(folder, ['check', 'test.txt']).status, 0, 'alone, test.txt has no problem');
		for (const args of [['check', '--reference', 'train.txt', 'test.txt'], ['check', '--reference=train.txt', '--file-order', 'test.txt']]) {
			const result = run(folder, args);
			assert.equal(result.status, 1, result.stderr);
			assert.match(result.stdout, /^test\.txt:1: .*"Acme" is LOC here but ORG in 10 of 11 mentions/m, args.join(' '));
		}

		const stats = run(folder, ['stats', '--reference', 'train.txt', 'test.txt']);
		assert.match(stats.stdout, /problems: 0 invalid tags, 1 inconsistent type, 0 unlabelled mentions|problems: 0 invalid tags, 1 inconsistent types?, 0 unlabelled/, stats.stdout);
	});

	test('output that cannot be written (a full disk): one line and exit 2, not a stack trace and exit 1 ("problems found")', () => {
		const folder = freshFolder('ner-review-cli-');
		fs.writeFileSync(path.join(folder, 'ok.txt'), '<s>\nGit\tB-Application\nis\tO\nfree\tI-Application\n</s>\n');
		for (const args of [['check', 'ok.txt'], ['check', '--file-order', 'ok.txt'], ['stats', '--json', 'ok.txt'], ['compare', 'ok.txt', 'ok.txt'], ['--help'], ['--version'], ['check', '--help', 'ok.txt']]) {
			const full = fs.openSync('/dev/full', 'w');
			const result = spawnSync(process.execPath, [cliPath, ...args], {cwd: folder, env: {...process.env, CI: 'true'}, encoding: 'utf8', stdio: ['ignore', full, 'pipe'], timeout: 15_000});
			fs.closeSync(full);
			assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
			assert.equal(result.stderr, 'ner-review: cannot write the output: no space left on device\n', args.join(' '));
		}

		const full = fs.openSync('/dev/full', 'w');
		const missing = spawnSync(process.execPath, [cliPath, 'check', 'missing.txt'], {cwd: folder, env: {...process.env, CI: 'true'}, stdio: ['ignore', 'pipe', full], timeout: 15_000});
		fs.closeSync(full);
		assert.equal(missing.status, 2, 'an error line that cannot be written still exits 2');
	});

	test('--help after a command or a file still shows the usage', () => {
		const folder = freshFolder('ner-review-cli-');
		for (const args of [['check', '--help'], ['stats', 'x.txt', '--help']]) {
			const result = run(folder, args);
			assert.equal(result.status, 0, result.stderr);
			assert.match(result.stdout, /ner-review \[FILE\]/);
		}
	});

	test('--version prints 0.1.0 and exits 0', () => {
		const folder = freshFolder('ner-review-cli-');
		const result = run(folder, ['--version']);
		assert.equal(result.status, 0, result.stderr);
		assert.equal(result.stdout.trim(), '0.1.0');
		assert.equal(result.stderr, '');
	});
});
