/**
Saving that keeps work and never turns against the user (issues 10 and 11), on the engine: the
identity is the one of the read, `s` with nothing changed writes nothing, FILE.bak is a hard link
and never written through a symlink, a read-only file or a read-only session is refused with a
message naming W, W to the input is a plain save, `--output` OUT is settled before the screen
opens, and no save replaces anything but a regular file.
*/
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {OpenRefusal, settleOutput} from '../source/cli/open-document.js';
import {indexCorpus, readCorpusFile, readCorpusFileAsync, serialize, Session, type SessionOptions} from '../source/corpus/index.js';
import {splitReadBytes} from '../source/corpus/load.js';

const original = 'EU\tB-ORG\nrejects\tO\nGerman\tB-MISC\n\nPeter\tB-PER\n';
let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-durability-'));
	fs.chmodSync(directory, 0o755);
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

function write(name: string, text = original): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, text);
	return file;
}

/** Opens `file` the way the CLI does: bytes and identity from one read, then the session. */
function open(file: string, options: Partial<SessionOptions> = {}): Session {
	const {bytes, identity} = readCorpusFile(file);
	return new Session(indexCorpus(bytes), {file, backup: false, identity, ...options});
}

function edit(session: Session) {
	assert.ok(session.relabel(0, 1, undefined, 'ORG'));
}

const isRoot = process.getuid?.() === 0;

describe('identity taken at the read', () => {
	test('readCorpusFile gives the identity of the version it read (fstat of the same descriptor)', () => {
		const file = write('c.tsv');
		const before = fs.statSync(file);
		const {bytes, identity} = readCorpusFile(file);
		assert.equal(bytes.toString(), original);
		assert.deepEqual([identity.size, identity.ino, identity.mtimeMs], [before.size, before.ino, before.mtimeMs]);
	});

	test('readCorpusFileAsync has the file open and measured before it first waits: the screen\'s code loads while it is read (cli.tsx)', async () => {
		const file = write('c.tsv');
		const before = fs.statSync(file);
		const {openSync, fstatSync} = fs;
		const calls: string[] = [];
		fs.openSync = ((...parts: Parameters<typeof openSync>) => {
			calls.push('open');
			return openSync(...parts);
		}) as typeof openSync;
		fs.fstatSync = ((...parts: Parameters<typeof fstatSync>) => {
			calls.push('fstat');
			return fstatSync(...parts);
		}) as typeof fstatSync;
		let reading: ReturnType<typeof readCorpusFileAsync>;
		try {
			reading = readCorpusFileAsync(file);
			// Nothing has waited yet: the read must be under way already.
			assert.deepEqual(calls, ['open', 'fstat']);
		} finally {
			fs.openSync = openSync;
			fs.fstatSync = fstatSync;
		}

		const {bytes, identity} = await reading;
		assert.equal(bytes.toString(), original);
		assert.deepEqual([identity.size, identity.ino, identity.mtimeMs], [before.size, before.ino, before.mtimeMs]);
	});

	/** A file of a little more than `splitReadBytes`, of lines that differ, so that a part read to the wrong place shows. */
	function largeFile(): string {
		const lines: string[] = [];
		let length = 0;
		for (let index = 0; length <= splitReadBytes + 4099; index++) {
			const line = `token${index}\t${index % 7 === 0 ? 'B-ORG' : 'O'}\n`;
			lines.push(line);
			length += line.length;
		}

		return write('large.tsv', lines.join(''));
	}

	/** Runs `body` with fs.read wrapped by `wrap`, put back after. */
	async function withRead<T>(wrap: (read: typeof fs.read) => typeof fs.read, body: () => Promise<T>): Promise<T> {
		const {read} = fs;
		fs.read = wrap(read);
		try {
			return await body();
		} finally {
			fs.read = read;
		}
	}

	test('readCorpusFileAsync reads a large file in two parts at once, into the same bytes as one read', async () => {
		const file = largeFile();
		const size = fs.statSync(file).size;
		const issued: Array<[number, number]> = [];
		let finished = 0;
		const {bytes} = await withRead(read => ((fd: number, buffer: Buffer, offset: number, length: number, position: number, callback: (error: NodeJS.ErrnoException | null, count: number) => void) => {
			issued.push([position, finished]);
			read(fd, buffer, offset, length, position, (error, count) => {
				finished++;
				callback(error, count);
			});
		}) as typeof fs.read, async () => readCorpusFileAsync(file));
		assert.ok(bytes.equals(fs.readFileSync(file)));
		// Both parts were asked for before either came back.
		assert.deepEqual(issued.slice(0, 2), [[0, 0], [Math.ceil(size / 2), 0]]);
	});

	test('a part that comes back short (the file got shorter while it was read) has the whole file read again, and after three tries refused', async () => {
		const file = largeFile();
		const half = Math.ceil(fs.statSync(file).size / 2);
		let shortReads = 1;
		const shortAtTheHalf = (read: typeof fs.read) => ((fd: number, buffer: Buffer, offset: number, length: number, position: number, callback: (error: NodeJS.ErrnoException | null, count: number) => void) => {
			if (position === half && shortReads > 0) {
				shortReads--;
				setImmediate(() => {
					callback(null, 0);
				});
				return;
			}

			read(fd, buffer, offset, length, position, callback);
		}) as typeof fs.read;
		const {bytes} = await withRead(shortAtTheHalf, async () => readCorpusFileAsync(file));
		assert.equal(shortReads, 0);
		assert.ok(bytes.equals(fs.readFileSync(file)));
		shortReads = 3;
		await withRead(shortAtTheHalf, async () => assert.rejects(readCorpusFileAsync(file), /changed on disk while it was being read/));
		assert.equal(shortReads, 0);
	});

	test('readCorpusFileAsync refuses a directory and a FIFO without waiting on them', async () => {
		const folder = path.join(directory, 'folder');
		fs.mkdirSync(folder);
		await assert.rejects(readCorpusFileAsync(folder), /is a directory, not a corpus file/);
		const fifo = path.join(directory, 'fifo');
		if (spawnSync('mkfifo', [fifo]).status === 0) {
			await assert.rejects(readCorpusFileAsync(fifo), /not a corpus file: only regular files are read/);
		}
	});

	test('a line appended after the bytes were read, before the session began, is not overwritten by the next save', () => {
		const file = write('c.tsv');
		const {bytes, identity} = readCorpusFile(file);
		// Another program appends while the file is being indexed (the screen is not open yet).
		fs.appendFileSync(file, 'late\tO\n');
		const session = new Session(indexCorpus(bytes), {file, backup: false, identity});
		edit(session);
		const result = session.save();
		assert.equal(result.ok, false);
		assert.equal(result.status, 'conflict');
		assert.match(result.message, /changed on disk since it was loaded: not saved.*W writes your edits to another file/);
		assert.equal(fs.readFileSync(file, 'utf8'), `${original}late\tO\n`, 'the appended line is kept');
	});
});

describe('a file changed by another program while the save writes', () => {
	/** Runs the save with `change` done to the file on disk once the first bytes of the new version are written. */
	function saveWhile(file: string, change: () => void): ReturnType<Session['save']> {
		const session = open(file, {backup: true});
		edit(session);
		const {writeSync} = fs;
		let changed = false;
		fs.writeSync = ((...parts: Parameters<typeof writeSync>) => {
			const count = writeSync(...parts);
			if (!changed) {
				changed = true;
				change();
			}

			return count;
		}) as typeof writeSync;
		try {
			return session.save();
		} finally {
			fs.writeSync = writeSync;
		}
	}

	test('an append is not overwritten: the save is refused, and no temporary file is left', () => {
		const file = write('c.tsv');
		const result = saveWhile(file, () => {
			fs.appendFileSync(file, 'late\tO\n');
		});
		assert.equal(result.status, 'conflict');
		assert.equal(fs.readFileSync(file, 'utf8'), `${original}late\tO\n`);
		assert.deepEqual(fs.readdirSync(directory).filter(name => name.endsWith('.tmp')), []);
	});

	test('a file put in its place (a rename, as editors and git do) is not overwritten either', () => {
		const file = write('c.tsv');
		const other = write('other.tsv', 'other\tB-PER\n');
		const result = saveWhile(file, () => {
			fs.renameSync(other, file);
		});
		assert.equal(result.status, 'conflict');
		assert.equal(fs.readFileSync(file, 'utf8'), 'other\tB-PER\n');
	});
});

describe('s with nothing changed', () => {
	test('writes nothing (no new inode, no FILE.bak) and says so', () => {
		const file = write('c.tsv');
		const session = open(file, {backup: true});
		const before = fs.statSync(file);
		const result = session.save();
		assert.equal(result.status, 'nothing-to-save');
		assert.equal(result.ok, true);
		assert.match(result.message, /^nothing to save: no edit since the file was loaded/);
		const after = fs.statSync(file);
		assert.equal(after.ino, before.ino, 'not rewritten');
		assert.equal(after.mtimeMs, before.mtimeMs);
		assert.deepEqual(fs.readdirSync(directory), ['c.tsv']);
	});

	test('after an edit and its undo, and after a save, nothing is written either', () => {
		const file = write('c.tsv');
		const session = open(file);
		edit(session);
		session.undo();
		assert.equal(session.save().status, 'nothing-to-save');
		edit(session);
		assert.equal(session.save().status, 'saved');
		const saved = fs.statSync(file);
		const again = session.save();
		assert.equal(again.status, 'nothing-to-save');
		assert.match(again.message, /since the last save/);
		assert.equal(fs.statSync(file).ino, saved.ino);
	});
});

describe('a session whose lock another ner-review took over', () => {
	test('saves no more over the file; W to another file still works (QA: told so, it still saved)', () => {
		const file = write('c.tsv');
		const session = open(file);
		edit(session);
		session.loseClaim('another ner-review (pid 42) holds this file now');
		const result = session.save();
		assert.equal(result.status, 'read-only');
		assert.equal(result.message, 'not saved: another ner-review (pid 42) holds this file now; W writes your edits to another file');
		assert.equal(fs.readFileSync(file, 'utf8'), original, 'not written');
		assert.equal(session.saveAs(file).status, 'read-only', 'nor by W to the file itself');
		assert.equal(session.saveAs(path.join(directory, 'elsewhere.tsv')).status, 'saved');
	});
});

describe('edits that cancel out', () => {
	// "EU" is B-ORG in the file: made MISC, then ORG again.
	const away = (session: Session) => assert.ok(session.relabel(0, 0, undefined, 'MISC'));
	const back = (session: Session) => assert.ok(session.relabel(0, 0, undefined, 'ORG'));

	test('leave nothing to save: no write, no FILE.bak, not modified (QA: "saved (0 tags differ)" wrote the file and FILE.bak)', () => {
		const file = write('c.tsv');
		const session = open(file, {backup: true});
		const before = fs.statSync(file);
		away(session);
		back(session);
		assert.equal(session.history.counts.done, 2, 'two edits in the history, which undo still walks');
		assert.equal(session.dirty, false);
		assert.equal(session.save().status, 'nothing-to-save');
		assert.equal(fs.statSync(file).ino, before.ino, 'not rewritten');
		assert.deepEqual(fs.readdirSync(directory), ['c.tsv'], 'no FILE.bak');
		session.undo();
		assert.equal(session.dirty, true, 'undone, MISC again');
	});

	test('after a save, edits that bring back the saved tags leave nothing to save; bringing back the loaded ones does not', () => {
		const file = write('c.tsv');
		const session = open(file);
		away(session);
		assert.equal(session.save().status, 'saved');
		back(session);
		assert.equal(session.dirty, true, 'the tags as loaded are not the file on disk now');
		away(session);
		assert.equal(session.dirty, false, 'the tags as saved');
		assert.equal(session.save().status, 'nothing-to-save');
	});
});

describe('FILE.bak', () => {
	test('is a hard link to the original (no copy of the bytes), holding the loaded version after the save', () => {
		const file = write('c.tsv');
		const loadedIno = fs.statSync(file).ino;
		const session = open(file, {backup: true});
		edit(session);
		assert.equal(session.save().status, 'saved');
		const backup = fs.statSync(`${file}.bak`);
		assert.equal(backup.ino, loadedIno, 'the backup is the loaded inode itself');
		assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), original);
		assert.notEqual(fs.statSync(file).ino, loadedIno, 'the file was replaced by a rename, not overwritten');
		assert.notEqual(fs.readFileSync(file, 'utf8'), original);
	});

	test('a FILE.bak that is already a link to the loaded file is kept, and no temporary link is left beside it', () => {
		const file = write('c.tsv');
		fs.linkSync(file, `${file}.bak`);
		const session = open(file, {backup: true});
		edit(session);
		assert.equal(session.save().status, 'saved');
		assert.equal(fs.readFileSync(`${file}.bak`, 'utf8'), original);
		assert.deepEqual(fs.readdirSync(directory).filter(name => name.endsWith('.tmp')), []);
	});

	test('a symlink at FILE.bak is never written through: the save is refused, the link target untouched', () => {
		const file = write('c.tsv');
		const precious = write('precious.txt', 'precious\n');
		fs.symlinkSync(precious, `${file}.bak`);
		const session = open(file, {backup: true});
		edit(session);
		const result = session.save();
		assert.equal(result.ok, false);
		assert.equal(result.status, 'refused');
		assert.match(result.message, /c\.tsv\.bak is a symbolic link: not replaced/);
		assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assert.ok(fs.lstatSync(`${file}.bak`).isSymbolicLink());
		assert.equal(session.dirty, true, 'the edits are kept');
	});

	test('a directory at FILE.bak is refused the same way', () => {
		const file = write('c.tsv');
		fs.mkdirSync(`${file}.bak`);
		const session = open(file, {backup: true});
		edit(session);
		const result = session.save();
		assert.equal(result.ok, false);
		assert.match(result.message, /c\.tsv\.bak is a directory: not replaced/);
	});
});

describe('mode and owner, and files the user could not write without force', () => {
	test('a 0444 file is refused with a message naming W; it stays as it was', () => {
		const file = write('c.tsv');
		fs.chmodSync(file, 0o444);
		const session = open(file);
		edit(session);
		const result = session.save();
		assert.equal(result.ok, false);
		assert.equal(result.status, 'read-only');
		assert.match(result.message, /c\.tsv is read-only \(mode 0444\): not saved; W writes your edits to another file/);
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assert.equal(fs.statSync(file).mode & 0o777, 0o444);
	});

	test('a save keeps the mode and (as root) the owner of the file it replaces', {skip: isRoot ? false : 'needs root to give the file another owner'}, () => {
		const file = write('c.tsv');
		fs.chmodSync(file, 0o640);
		fs.chownSync(file, 65_534, 65_534);
		const session = open(file);
		edit(session);
		assert.equal(session.save().status, 'saved');
		const stat = fs.statSync(file);
		assert.equal(stat.mode & 0o777, 0o640);
		assert.deepEqual([stat.uid, stat.gid], [65_534, 65_534]);
	});

	test('another user\'s file in a folder the saver may write: refused, not replaced by a file of the saver\'s', {skip: isRoot ? false : 'needs root to run the save as another user'}, () => {
		const file = write('c.tsv');
		fs.chmodSync(directory, 0o777);
		// Root's 0644 file; nobody (65534) edits it: the rename would succeed and steal the file.
		const script = path.join(directory, 'save-as-nobody.ts');
		fs.writeFileSync(script, `
import {indexCorpus, readCorpusFile, Session} from ${JSON.stringify(pathToFileURL(path.resolve('source/corpus/index.ts')).href)};
const file = ${JSON.stringify(file)};
const {bytes, identity} = readCorpusFile(file);
const session = new Session(indexCorpus(bytes), {file, backup: true, identity});
session.relabel(0, 1, undefined, 'ORG');
process.stdout.write(JSON.stringify(session.save()));
`);
		const result = spawnSync(process.execPath, ['--import', 'tsx', script], {encoding: 'utf8', uid: 65_534, gid: 65_534, cwd: process.cwd()});
		assert.equal(result.status, 0, result.stderr);
		const saved = JSON.parse(result.stdout) as {ok: boolean; status: string; message: string};
		assert.equal(saved.ok, false);
		assert.equal(saved.status, 'read-only');
		assert.match(saved.message, /c\.tsv is not writable by you \(it belongs to another user\): not saved; W writes/);
		assert.equal(fs.statSync(file).uid, 0, 'still root\'s');
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assert.deepEqual(fs.readdirSync(directory).sort(), ['c.tsv', 'save-as-nobody.ts']);
	});
});

describe('a file in a folder the saver cannot write', () => {
	test('is said at the open, and s says the folder (QA: a raw EACCES)', {skip: isRoot ? false : 'needs root to run the save as another user'}, () => {
		const file = write('c.tsv');
		fs.chmodSync(file, 0o666);
		fs.chmodSync(directory, 0o755);
		const script = path.join(os.tmpdir(), `save-in-read-only-folder-${process.pid}.ts`);
		fs.writeFileSync(script, `
import {indexCorpus, readCorpusFile, Session} from ${JSON.stringify(pathToFileURL(path.resolve('source/corpus/index.ts')).href)};
const file = ${JSON.stringify(file)};
const {bytes, identity} = readCorpusFile(file);
const session = new Session(indexCorpus(bytes), {file, backup: false, identity});
session.relabel(0, 1, undefined, 'ORG');
process.stdout.write(JSON.stringify({unwritable: session.unwritable, saved: session.save()}));
`);
		try {
			fs.chmodSync(script, 0o644);
			const result = spawnSync(process.execPath, ['--import', 'tsx', script], {encoding: 'utf8', uid: 65_534, gid: 65_534, cwd: process.cwd()});
			assert.equal(result.status, 0, result.stderr);
			const {unwritable, saved} = JSON.parse(result.stdout) as {unwritable?: string; saved: {ok: boolean; message: string}};
			assert.equal(unwritable, `c.tsv is in a folder you cannot write (${directory}): s cannot save it; W writes your edits to another file`);
			assert.equal(saved.ok, false);
			assert.match(saved.message, new RegExp(`^could not save .*c\\.tsv: its folder .* cannot be written \\(EACCES: permission denied\\); your edits are kept`));
			assert.equal(fs.readFileSync(file, 'utf8'), original);
		} finally {
			fs.rmSync(script, {force: true});
		}
	});
});

describe('a read-only session (another ner-review edits the file)', () => {
	test('s is refused naming the other session and W; W to another file works; W to the input is refused too', () => {
		const file = write('c.tsv');
		const session = open(file, {readOnly: 'c.tsv is open in another ner-review (pid 42, since 14:02)'});
		edit(session);
		const saved = session.save();
		assert.equal(saved.status, 'read-only');
		assert.match(saved.message, /^not saved: c\.tsv is open in another ner-review \(pid 42, since 14:02\); W writes your edits to another file$/);
		assert.equal(session.saveAs(file).status, 'read-only');
		const other = path.join(directory, 'copy.tsv');
		assert.equal(session.saveAs(other).status, 'saved');
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assert.notEqual(fs.readFileSync(other, 'utf8'), original);
	});
});

describe('W PATH and --output that name the input file: a plain save with every safeguard', () => {
	test('W to the input (its own name, or a symlink to it) refuses when the file changed on disk, and makes FILE.bak', () => {
		const file = write('c.tsv');
		const link = path.join(directory, 'link.tsv');
		fs.symlinkSync(file, link);
		const session = open(file, {backup: true});
		edit(session);
		fs.appendFileSync(file, 'late\tO\n');
		const refused = session.saveAs(link);
		assert.equal(refused.status, 'conflict');
		assert.equal(fs.readFileSync(file, 'utf8'), `${original}late\tO\n`);

		const fresh = write('d.tsv');
		const second = open(fresh, {backup: true});
		edit(second);
		assert.equal(second.saveAs(path.join(directory, '.', 'd.tsv')).status, 'saved');
		assert.equal(fs.readFileSync(`${fresh}.bak`, 'utf8'), original, 'FILE.bak made as for s');
		assert.equal(second.dirty, false, 'a plain save');
	});

	test('--output naming the input (through a symlink) is settled as a plain save', () => {
		const file = write('c.tsv');
		const link = path.join(directory, 'out.tsv');
		fs.symlinkSync(file, link);
		const document = settleOutput(file, readCorpusFile(file), link, {});
		assert.equal(document.output, undefined);
		assert.match(document.notices[0] ?? '', /is c\.tsv itself: s saves it as a plain save/);
	});
});

describe('--output OUT that exists', () => {
	test('the same corpus with only tags changed: the session continues from OUT\'s tags and says so', () => {
		const file = write('c.tsv');
		const out = write('out.tsv', original.replace('rejects\tO', 'rejects\tI-ORG').replace('Peter\tB-PER', 'Peter\tB-LOC'));
		const document = settleOutput(file, readCorpusFile(file), out, {});
		assert.equal(document.continuesOutput, true);
		assert.equal(document.output, out);
		assert.equal(document.loaded.bytes.toString(), fs.readFileSync(out, 'utf8'));
		assert.match(document.notices[0]!, /^continuing from out\.tsv, which exists: 2 tag lines differ from c\.tsv$/);

		// The session saves to OUT, refusing when OUT changed on disk, and never touches the input.
		const session = new Session(indexCorpus(document.loaded.bytes), {file, output: out, backup: true, identity: document.loaded.identity, continuesOutput: true});
		assert.equal(session.corpus.tags.text(session.corpus.tagIds[1]!), 'I-ORG', 'yesterday\'s edit is there');
		session.relabel(1, 0, undefined, 'PER');
		assert.equal(session.save().status, 'saved');
		assert.match(fs.readFileSync(out, 'utf8'), /rejects\tI-ORG[\s\S]*Peter\tB-PER/);
		assert.equal(fs.readFileSync(file, 'utf8'), original);
		assert.equal(fs.existsSync(`${file}.bak`), false);
	});

	test('anything else is refused with one line naming the first line that differs, and nothing is written', () => {
		const file = write('c.tsv');
		const out = write('out.tsv', original.replace('German', 'Germany'));
		assert.throws(() => settleOutput(file, readCorpusFile(file), out, {}), (error: Error) => error instanceof OpenRefusal && /out\.tsv:3: --output names an existing file that is not c\.tsv with other tags/.test(error.message));
		assert.equal(fs.readFileSync(out, 'utf8'), original.replace('German', 'Germany'));
	});

	test('one of FILE\'s review files (its journal, marks or lock) is refused, whether it exists or not', () => {
		const file = write('c.tsv');
		const journal = write('c.tsv.review.journal', '{"journal":2}\n');
		for (const out of [journal, `${file}.review.json`, `${file}.review.lock`]) {
			assert.throws(() => settleOutput(file, readCorpusFile(file), out, {}), (error: Error) => error instanceof OpenRefusal && /is one of c\.tsv's review files \(its journal, marks or lock\): --output writes elsewhere, nothing written/.test(error.message), out);
		}

		assert.equal(fs.readFileSync(journal, 'utf8'), '{"journal":2}\n');
	});

	test('a review file named through a symlinked folder is refused too, before it exists (W and --output)', () => {
		const file = write('c.tsv');
		const link = `${directory}-link`;
		fs.symlinkSync(directory, link);
		try {
			const marks = path.join(link, 'c.tsv.review.json');
			assert.throws(() => settleOutput(file, readCorpusFile(file), marks, {}), (error: Error) => error instanceof OpenRefusal && /is one of c\.tsv's review files/.test(error.message));
			const session = open(file);
			edit(session);
			assert.equal(session.saveAs(marks, {protect: [`${file}.review.json`]}).status, 'refused');
			assert.equal(fs.existsSync(`${file}.review.json`), false);
		} finally {
			fs.rmSync(link);
		}
	});

	test('a character device, a FIFO or a symlink at OUT is refused, the special file untouched', () => {
		const file = write('c.tsv');
		const fifo = path.join(directory, 'fifo');
		spawnSync('mkfifo', [fifo]);
		const link = path.join(directory, 'link');
		fs.symlinkSync(write('elsewhere.tsv'), link);
		for (const [out, kind] of [['/dev/null', 'a character device'], [fifo, 'a FIFO \\(named pipe\\)'], [link, 'a symbolic link']] as const) {
			assert.throws(() => settleOutput(file, readCorpusFile(file), out, {}), (error: Error) => new RegExp(`: is ${kind}: --output writes only a regular file`).test(error.message), out);
		}

		assert.ok(fs.statSync('/dev/null').isCharacterDevice());
		assert.ok(fs.lstatSync(fifo).isFIFO());
	});
});

describe('W PATH to a file that exists', () => {
	test('is not written until the user says to replace it, and then only if it is still that version', () => {
		const file = write('c.tsv');
		const session = open(file);
		edit(session);
		const other = write('train.tsv', 'precious\tO\n');
		const asked = session.saveAs(other);
		assert.equal(asked.status, 'exists');
		assert.equal(asked.existing?.path, other);
		assert.equal(fs.readFileSync(other, 'utf8'), 'precious\tO\n', 'untouched until the answer');
		fs.appendFileSync(other, 'more\tO\n');
		const refused = session.saveAs(other, {replace: asked.existing!.identity});
		assert.equal(refused.status, 'conflict', 'changed since the question');
		assert.ok(refused.message.startsWith(`${other} changed on disk since you were asked: not written (your edits are kept)`), refused.message);
		assert.equal(fs.readFileSync(other, 'utf8'), 'precious\tO\nmore\tO\n');
		const again = session.saveAs(other);
		assert.equal(session.saveAs(other, {replace: again.existing!.identity}).status, 'saved');
		assert.ok(fs.readFileSync(other).equals(serialize(session.corpus)));
	});

	test('the session\'s own review files are never written, whatever the answer', () => {
		const file = write('c.tsv');
		const session = open(file);
		edit(session);
		const journal = write('c.tsv.review.journal', '{"journal":2}\n');
		for (const target of [journal, path.join(directory, 'c.tsv.review.lock')]) {
			const result = session.saveAs(target, {protect: [journal, path.join(directory, 'c.tsv.review.lock')], replace: fs.existsSync(target) ? readCorpusFile(target).identity : undefined});
			assert.equal(result.status, 'refused', target);
			assert.match(result.message, /is one of this session's review files: not written/);
		}

		assert.equal(fs.readFileSync(journal, 'utf8'), '{"journal":2}\n');
		assert.equal(fs.existsSync(path.join(directory, 'c.tsv.review.lock')), false);
	});
});

describe('outputs never replace anything but a regular file', () => {
	test('W to a FIFO, a symlink or /dev/null: refused naming the path and the reason, nothing replaced', () => {
		const file = write('c.tsv');
		const session = open(file);
		edit(session);
		const fifo = path.join(directory, 'fifo');
		spawnSync('mkfifo', [fifo]);
		const precious = write('precious.txt', 'precious\n');
		const link = path.join(directory, 'link');
		fs.symlinkSync(precious, link);
		for (const [target, kind] of [[fifo, 'a FIFO'], [link, 'a symbolic link'], ['/dev/null', 'a character device']] as const) {
			const result = session.saveAs(target);
			assert.equal(result.ok, false, target);
			assert.equal(result.status, 'refused');
			assert.match(result.message, new RegExp(`${target.replaceAll('/', '\\/')} is ${kind}`));
		}

		assert.ok(fs.lstatSync(fifo).isFIFO());
		assert.ok(fs.lstatSync(link).isSymbolicLink());
		assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
		assert.ok(fs.statSync('/dev/null').isCharacterDevice());
	});

	test('a save never follows a symlink planted at its temporary file name', () => {
		const file = write('c.tsv');
		const session = open(file);
		edit(session);
		const precious = write('precious.txt', 'precious\n');
		// Every name a save could pick cannot be planted, but O_EXCL|O_NOFOLLOW refuses any that is.
		for (let i = 0; i < 3; i++) {
			fs.symlinkSync(precious, path.join(directory, `.c.tsv.${process.pid}.planted${i}.tmp`));
		}

		assert.equal(session.save().status, 'saved');
		assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
		assert.ok(serialize(session.corpus).equals(fs.readFileSync(file)));
	});
});
