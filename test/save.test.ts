import {afterEach, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {loadCorpusFile} from '../source/corpus/load.js';
import {serialize} from '../source/corpus/serialize.js';
import {Session, type SessionOptions} from '../source/corpus/session.js';

const original = '<s>\nJohn\tB-PER\nSmith\tI-PER\nvisited\tO\nBonn\tB-LOC\n</s>\n<s>\nIt\tO\nrains\tO\n</s>\n';
const afterRelabel = original.replace('John\tB-PER', 'John\tB-ORG').replace('Smith\tI-PER', 'Smith\tI-ORG');

let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-save-'));
});

afterEach(() => {
	fs.chmodSync(directory, 0o700);
	fs.rmSync(directory, {recursive: true, force: true});
});

function write(name: string, text = original): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, text);
	return file;
}

function open(file: string, options: Partial<SessionOptions> = {}): Session {
	return new Session(loadCorpusFile(file), {file, backup: false, ...options});
}

/** Files in the folder other than `expected`, e.g. leftover temporary files. */
function assertOnly(expected: string[]) {
	assert.deepEqual(fs.readdirSync(directory).sort(), [...expected].sort());
}

describe('Session.save', () => {
	test('writes the edits atomically (a new file renamed into place) and leaves no temporary file', () => {
		const file = write('corpus.txt');
		const inodeBefore = fs.statSync(file).ino;
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		assert.equal(session.dirty, true);
		const result = session.save();
		assert.equal(result.ok, true, result.message);
		assert.match(result.message, /saved corpus\.txt \(2 tags differ/);
		assert.equal(fs.readFileSync(file, 'utf8'), afterRelabel);
		assert.notEqual(fs.statSync(file).ino, inodeBefore, 'the file was rewritten in place, not replaced');
		assert.equal(session.dirty, false);
		assertOnly(['corpus.txt']);
	});

	test('removes temporary files that a killed save left, but not those of a running process', () => {
		const file = write('corpus.txt');
		// A pid far above any real one stands for a process that died mid-save.
		write('.corpus.txt.4000000.ab12.tmp', 'half a corpus');
		write(`.corpus.txt.${process.ppid}.cd34.tmp`, 'another save in progress');
		write('.other.txt.4000000.ab12.tmp', 'not ours');
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		assert.equal(session.save().ok, true);
		assertOnly(['corpus.txt', `.corpus.txt.${process.ppid}.cd34.tmp`, '.other.txt.4000000.ab12.tmp']);
	});

	test('keeps the file mode', () => {
		const file = write('corpus.txt');
		fs.chmodSync(file, 0o640);
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		assert.equal(session.save().ok, true);
		assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
		fs.chmodSync(file, 0o604);
		const again = open(file);
		again.relabel(0, 3, undefined, 'GPE');
		assert.equal(again.save().ok, true);
		assert.equal(fs.statSync(file).mode & 0o7777, 0o604);
	});

	test('saves again after a save (the new file is the expected version) and undo can be saved', () => {
		const file = write('corpus.txt');
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		assert.equal(session.save().ok, true);
		session.relabel(0, 3, undefined, 'GPE');
		assert.equal(session.save().ok, true);
		assert.equal(fs.readFileSync(file, 'utf8'), afterRelabel.replace('Bonn\tB-LOC', 'Bonn\tB-GPE'));
		session.undo();
		session.undo();
		assert.equal(session.dirty, true);
		assert.equal(session.save().ok, true);
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assertOnly(['corpus.txt']);
	});

	test('writes FILE.bak with the original bytes before the first save only', () => {
		const file = write('corpus.txt');
		const session = open(file, {backup: true});
		session.relabel(0, 0, undefined, 'ORG');
		assert.equal(session.save().ok, true);
		assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), original);
		assert.equal(fs.readFileSync(file, 'utf8'), afterRelabel);
		const backupStamp = fs.statSync(`${file}.bak`);

		session.relabel(0, 3, undefined, 'GPE');
		assert.equal(session.save().ok, true);
		assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), original, 'the second save must not back up the first one');
		assert.equal(fs.statSync(`${file}.bak`).ino, backupStamp.ino);
		assert.equal(fs.statSync(`${file}.bak`).mtimeMs, backupStamp.mtimeMs);
		assertOnly(['corpus.txt', 'corpus.txt.bak']);
	});

	test('a FILE.bak kept by an earlier session is never replaced: the original stays for diff FILE, and the first save says so (QA: each session replaced it)', () => {
		const file = write('corpus.txt');
		const first = open(file, {backup: true});
		first.relabel(0, 0, undefined, 'ORG');
		assert.match(first.save().message, /^saved corpus\.txt \(\d+ tags? differs? from the loaded file\)$/);
		const backupStamp = fs.statSync(`${file}.bak`);

		const second = open(file, {backup: true});
		second.relabel(0, 3, undefined, 'GPE');
		assert.match(second.save().message, /^saved corpus\.txt \(\d+ tags? differs? from the loaded file; corpus\.txt\.bak, kept from before, is not replaced\)$/);
		assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), original, 'the file before the first session');
		assert.equal(fs.statSync(`${file}.bak`).ino, backupStamp.ino);
		second.relabel(0, 0, undefined, 'PER');
		assert.match(second.save().message, /^saved corpus\.txt \(\d+ tags? differs? from the loaded file\)$/, 'said once');
		assertOnly(['corpus.txt', 'corpus.txt.bak']);
	});

	test('without backup no .bak is written', () => {
		const file = write('corpus.txt');
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		assert.equal(session.save().ok, true);
		assertOnly(['corpus.txt']);
	});

	test('--output writes there and leaves the input alone', () => {
		const file = write('corpus.txt');
		const before = fs.statSync(file);
		const output = path.join(directory, 'reviewed.txt');
		const session = open(file, {output, backup: true});
		session.relabel(0, 0, undefined, 'ORG');
		const result = session.save();
		assert.equal(result.ok, true, result.message);
		assert.match(result.message, /reviewed\.txt/);
		assert.equal(fs.readFileSync(output, 'utf8'), afterRelabel);
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assert.equal(fs.statSync(file).mtimeMs, before.mtimeMs);
		assert.equal(fs.statSync(file).ino, before.ino);
		assertOnly(['corpus.txt', 'reviewed.txt']);
		// A second save overwrites the output.
		session.relabel(0, 3, undefined, 'GPE');
		assert.equal(session.save().ok, true);
		assert.equal(fs.readFileSync(output, 'utf8'), afterRelabel.replace('Bonn\tB-LOC', 'Bonn\tB-GPE'));
		assert.equal(fs.readFileSync(file, 'utf8'), original);
	});

	for (const backup of [false, true]) {
		test(`refuses when the file changed on disk after load (backup ${backup}), leaving the other writer's file`, () => {
			const file = write('corpus.txt');
			const session = open(file, {backup});
			session.relabel(0, 0, undefined, 'ORG');
			const theirs = original.replace('Bonn\tB-LOC', 'Bonn\tB-GPE') + '<s>\nNew\tO\n</s>\n';
			fs.writeFileSync(file, theirs);
			const result = session.save();
			assert.equal(result.ok, false);
			assert.match(result.message, /changed on disk/);
			assert.equal(fs.readFileSync(file, 'utf8'), theirs);
			assert.equal(session.dirty, true, 'the edits are kept');
			assertOnly(['corpus.txt']);
			// Still refused on a second try.
			assert.equal(session.save().ok, false);
			assert.equal(fs.readFileSync(file, 'utf8'), theirs);
		});
	}

	test('refuses a same-size rewrite (only the modification time tells)', () => {
		const file = write('corpus.txt');
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		const theirs = original.replace('B-LOC', 'B-GPE');
		assert.equal(theirs.length, original.length);
		fs.writeFileSync(file, theirs);
		const future = new Date(Date.now() + 60_000);
		fs.utimesSync(file, future, future);
		const result = session.save();
		assert.equal(result.ok, false);
		assert.match(result.message, /changed on disk/);
		assert.equal(fs.readFileSync(file, 'utf8'), theirs);
	});

	test('refuses when the file was replaced by another one (a new inode) after load', () => {
		const file = write('corpus.txt');
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		const stat = fs.statSync(file);
		const replacement = write('other.txt');
		fs.utimesSync(replacement, stat.atime, stat.mtime);
		fs.renameSync(replacement, file);
		assert.equal(session.save().ok, false);
		assert.equal(fs.readFileSync(file, 'utf8'), original);
	});

	test('a symlinked corpus is written through to its target and the link stays a link', () => {
		fs.mkdirSync(path.join(directory, 'data'));
		const target = path.join(directory, 'data', 'real.txt');
		fs.writeFileSync(target, original);
		fs.chmodSync(target, 0o664);
		const link = path.join(directory, 'link.txt');
		fs.symlinkSync(path.join('data', 'real.txt'), link);
		const session = open(link, {backup: true});
		session.relabel(0, 0, undefined, 'ORG');
		const result = session.save();
		assert.equal(result.ok, true, result.message);
		assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
		assert.equal(fs.readlinkSync(link), path.join('data', 'real.txt'));
		assert.equal(fs.readFileSync(target, 'utf8'), afterRelabel);
		assert.equal(fs.statSync(target).mode & 0o7777, 0o664);
		assert.equal(fs.readFileSync(`${link}.bak`, 'utf8'), original);
		assertOnly(['data', 'link.txt', 'link.txt.bak']);
		assert.deepEqual(fs.readdirSync(path.join(directory, 'data')), ['real.txt']);
		// The saved version is the expected one for the next save through the link.
		session.relabel(0, 3, undefined, 'GPE');
		assert.equal(session.save().ok, true);
		assert.ok(fs.lstatSync(link).isSymbolicLink());
		assert.equal(fs.readFileSync(target, 'utf8'), afterRelabel.replace('Bonn\tB-LOC', 'Bonn\tB-GPE'));
	});

	test('saving in a read-only directory fails with ok:false and the original intact', t => {
		const file = write('corpus.txt');
		const isRoot = process.getuid?.() === 0;
		if (!isRoot) {
			fs.chmodSync(directory, 0o555);
			for (const backup of [false, true]) {
				const session = open(file, {backup});
				session.relabel(0, 0, undefined, 'ORG');
				const result = session.save();
				assert.equal(result.ok, false);
				assert.match(result.message, /could not save/);
				assert.equal(session.dirty, true);
			}
		} else {
			// Root writes anywhere: run the save as an unprivileged user instead.
			const nobody = 65_534;
			const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-child-')), 'save.ts');
			const module = (name: string) => pathToFileURL(path.resolve(import.meta.dirname, `../source/corpus/${name}.js`)).href;
			fs.writeFileSync(script, [
				`import {loadCorpusFile} from ${JSON.stringify(module('load'))};`,
				`import {Session} from ${JSON.stringify(module('session'))};`,
				'const results = [];',
				'for (const backup of [false, true]) {',
				`	const file = ${JSON.stringify(file)};`,
				'	const session = new Session(loadCorpusFile(file), {file, backup});',
				'	session.relabel(0, 0, undefined, "ORG");',
				'	results.push({...session.save(), dirty: session.dirty});',
				'}',
				'console.log(JSON.stringify(results));',
			].join('\n'));
			fs.chmodSync(path.dirname(script), 0o755);
			fs.chmodSync(script, 0o644);
			fs.chmodSync(file, 0o644);
			fs.chownSync(directory, nobody, nobody);
			fs.chownSync(file, nobody, nobody);
			fs.chmodSync(directory, 0o555);
			const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
				cwd: path.resolve(import.meta.dirname, '..'),
				uid: nobody,
				gid: nobody,
				env: {...process.env, HOME: path.dirname(script)},
				encoding: 'utf8',
			});
			fs.rmSync(path.dirname(script), {recursive: true, force: true});
			if (child.error !== undefined || child.status !== 0) {
				t.skip(`running as root and could not run the save as an unprivileged user: ${child.error?.message ?? child.stderr}`);
				return;
			}

			const results = JSON.parse(child.stdout) as Array<{ok: boolean; message: string; dirty: boolean}>;
			assert.equal(results.length, 2);
			for (const result of results) {
				assert.equal(result.ok, false);
				assert.match(result.message, /could not save/);
				assert.equal(result.dirty, true);
			}
		}

		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assertOnly(['corpus.txt']);
	});

	test('saveAs writes another file and leaves the input alone', () => {
		const file = write('corpus.txt');
		const session = open(file);
		session.relabel(0, 0, undefined, 'ORG');
		const other = path.join(directory, 'copy.txt');
		assert.deepEqual(session.saveAs(other), {ok: true, status: 'saved', message: `wrote ${other}`});
		assert.equal(fs.readFileSync(other, 'utf8'), afterRelabel);
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assert.ok(serialize(session.corpus).equals(Buffer.from(afterRelabel)));
		const missing = session.saveAs(path.join(directory, 'no-such-dir', 'x.txt'));
		assert.equal(missing.ok, false);
		assert.match(missing.message, /could not save/);
	});
});
