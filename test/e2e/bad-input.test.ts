/**
The rest of the bad-input matrix (cli-errors.test.ts has the common cases): each input gets one
line on stderr naming the file (and the line where that applies), exit code 2, and nothing on
disk changes.
*/
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {describe, test} from 'node:test';
import {fixtureFolder} from '../helpers/fixtures.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
/** Everything in the folder, with sizes and times, to show that nothing was written. */
function snapshot(folder: string): string {
	return fs.readdirSync(folder).sort().map(name => {
		// Not following symlinks: a test plants a symlink loop.
		const stat = fs.lstatSync(path.join(folder, name));
		return `${name} ${stat.size} ${stat.mtimeMs}`;
	}).join('\n');
}

function run(folder: string, args: string[], options: {uid?: number} = {}) {
	assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run npm run build first');
	return spawnSync(process.execPath, [cli, ...args], {cwd: folder, env: {...process.env, CI: 'true'}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], uid: options.uid, gid: options.uid});
}

function assertRefused(folder: string, args: string[], expected: RegExp, options: {uid?: number} = {}) {
	const before = snapshot(folder);
	const result = run(folder, args, options);
	assert.equal(result.status, 2, `exit code; stderr: ${result.stderr}`);
	const lines = result.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, `one line: ${result.stderr}`);
	assert.match(lines[0]!, expected);
	assert.equal(result.stdout, '');
	assert.equal(snapshot(folder), before, 'nothing on disk changed');
}

describe('more bad input: one line naming file and line, exit 2, nothing written', () => {
	test('a tag column that is not a tag in any scheme', () => {
		const folder = fixtureFolder({'pos.txt': 'EU\tNNP\nrejects\tVBZ\n\nGerman\tJJ\n'});
		assertRefused(folder, ['pos.txt'], /^ner-review: pos\.txt:1: no column of NER tags found: "NNP" is not a tag/);
	});

	test('mixed formats in one file: WikiSER sentences, then CoNLL lines outside <s>', () => {
		const folder = fixtureFolder({'mixed.txt': '<s>\nGit\tB-Application\n</s>\n\nEU B-ORG\nrejects O\n'});
		assertRefused(folder, ['mixed.txt'], /^ner-review: mixed\.txt:5: /);
	});

	test('mixed separators: a tab file with a space-separated line', () => {
		const folder = fixtureFolder({'mixed.tsv': 'EU\tB-ORG\nrejects\tO\n\nGerman B-MISC\n'});
		assertRefused(folder, ['mixed.tsv'], /^ner-review: mixed\.tsv:4: /);
	});

	test('UTF-16 with a BOM', () => {
		const folder = fixtureFolder({'utf16.txt': Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from('EU\tB-ORG\n', 'utf16le')])});
		assertRefused(folder, ['utf16.txt'], /^ner-review: utf16\.txt:1: the file is UTF-16; convert it to UTF-8/);
	});

	test('UTF-32 with a BOM (whose first two bytes are UTF-16\'s BOM)', () => {
		const folder = fixtureFolder({'utf32.txt': Buffer.from([0xFF, 0xFE, 0, 0, 0x45, 0, 0, 0, 0x0A, 0, 0, 0])});
		assertRefused(folder, ['utf32.txt'], /^ner-review: utf32\.txt:1: the file is UTF-32; convert it to UTF-8 first \(iconv -f UTF-32 -t UTF-8\)$/);
	});

	test('lines that end in a carriage return alone (an old Mac file), or in two before the line feed: the tag cell would hold the next line', () => {
		const folder = fixtureFolder({'mac.txt': 'EU\tB-ORG\rrejects\tO\r\rPeter\tB-PER\r', 'crcr.txt': 'EU\tB-ORG\r\r\nrejects\tO\r\n'});
		assertRefused(folder, ['mac.txt'], /^ner-review: mac\.txt:1: lines end in a carriage return alone \(an old Mac file\): convert them to \\n first/);
		assertRefused(folder, ['check', 'crcr.txt'], /^ner-review: crcr\.txt:1: the line ends in two carriage returns before its line feed: remove one first/);
	});

	test('UTF-16 without a BOM (NUL bytes)', () => {
		const folder = fixtureFolder({'utf16.txt': Buffer.from('EU\tB-ORG\nrejects\tO\n', 'utf16le')});
		assertRefused(folder, ['utf16.txt'], /^ner-review: utf16\.txt:1: NUL byte: a binary file, or UTF-16/);
	});

	test('a 100 MB single line', () => {
		const folder = fixtureFolder({'line.txt': Buffer.alloc(100 * 1024 * 1024, 'a')});
		assertRefused(folder, ['line.txt'], /^ner-review: line\.txt:1: the token line has no tag column/);
	});

	test('a symlink loop: one line, not a crash', () => {
		const folder = fixtureFolder({});
		fs.symlinkSync('loop.txt', path.join(folder, 'loop.txt'));
		assertRefused(folder, ['check', 'loop.txt'], /^ner-review: loop\.txt: too many levels of symbolic links$/);
	});

	test('a name longer than a file system allows (ENAMETOOLONG): one line', () => {
		const folder = fixtureFolder({});
		const name = `${'n'.repeat(300)}.txt`;
		assertRefused(folder, ['stats', name], /^ner-review: n+\.txt: the file name is too long$/);
	});

	test('a Unix socket: refused as not a regular file', async () => {
		const folder = fixtureFolder({});
		const server = net.createServer();
		await new Promise<void>(resolve => {
			server.listen(path.join(folder, 'sock'), resolve);
		});
		try {
			assertRefused(folder, ['check', 'sock'], /^ner-review: sock: is a socket, not a corpus file: only regular files are read$/);
		} finally {
			server.close();
		}
	});

	test('no read permission', () => {
		const folder = fixtureFolder({'secret.txt': 'EU\tB-ORG\n'});
		fs.chmodSync(path.join(folder, 'secret.txt'), 0o000);
		if (process.getuid?.() === 0) {
			// Root reads anything: run as an unprivileged user.
			assertRefused(folder, ['secret.txt'], /^ner-review: secret\.txt: permission denied$/, {uid: 65_534});
		} else {
			assertRefused(folder, ['secret.txt'], /^ner-review: secret\.txt: permission denied$/);
		}
	});
});
