/**
Saving under faults (issue 5): whatever goes wrong while saving, the file on disk is byte for byte
the one that was loaded (or, after a kill, exactly the fully saved version), the session keeps its
edits so that a later save or saveAs writes them, no temporary file is left behind, and
Session.save answers ok:false with a message that says why.

Faults are injected with node:test's `mock.method` on the default export of node:fs (save.ts calls
fs.writeSync, fs.fsyncSync and fs.renameSync on it), permissions by running the save as `nobody`
in a child process, and crashes by SIGKILLing a child process in the middle of its saves.
*/
import {afterEach, beforeEach, describe, mock, test, type TestContext} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {indexCorpus} from '../source/corpus/index.js';
import {loadCorpusFile} from '../source/corpus/load.js';
import {serialize} from '../source/corpus/serialize.js';
import {Session, type SessionOptions} from '../source/corpus/session.js';

/** A small corpus with CRLF lines, a BOM, a comment and invalid UTF-8, so that "byte-identical" means something. */
const original = Buffer.concat([
	Buffer.from([0xEF, 0xBB, 0xBF]),
	Buffer.from('# sent_id = 1\r\nJohn\tB-PER\r\nSmith\tI-PER\r\nvisited\tO\r\nBonn\tB-LOC\r\n\r\n'),
	Buffer.from([0xED, 0xA0, 0xBD]),
	Buffer.from('\tO\r\nrains\tO\r\n'),
]);

let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-faults-'));
});

afterEach(() => {
	mock.restoreAll();
	fs.chmodSync(directory, 0o700);
	fs.rmSync(directory, {recursive: true, force: true});
});

function write(name: string, bytes: Buffer = original): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, bytes);
	return file;
}

function open(file: string, options: Partial<SessionOptions> = {}): Session {
	return new Session(loadCorpusFile(file), {file, backup: false, ...options});
}

/** Relabels John Smith as ORG; returns the bytes a successful save must write. */
function edit(session: Session): Buffer {
	assert.ok(session.relabel(0, 0, undefined, 'ORG'));
	const edited = serialize(session.corpus);
	assert.ok(!edited.equals(original));
	assert.equal(session.dirty, true);
	return edited;
}

function assertOnly(folder: string, expected: string[]) {
	assert.deepEqual(fs.readdirSync(folder).sort(), [...expected].sort(), `unexpected files in ${folder} (a temporary file left behind?)`);
}

function assertIntact(file: string, bytes: Buffer = original) {
	assert.ok(fs.readFileSync(file).equals(bytes), `${file} is not byte-identical to what was loaded`);
}

function errno(code: string, syscall: string): NodeJS.ErrnoException {
	const messages: Record<string, string> = {
		ENOSPC: 'no space left on device', EIO: 'i/o error', EXDEV: 'cross-device link not permitted', EACCES: 'permission denied',
	};
	return Object.assign(new Error(`${code}: ${messages[code] ?? 'error'}, ${syscall}`), {code, syscall});
}

/** After a failed save: the session is dirty and, with the fault gone, a save writes the edits. */
function assertRecovers(session: Session, file: string, edited: Buffer) {
	assert.equal(session.dirty, true, 'the edits must be kept after a failed save');
	mock.restoreAll();
	const result = session.save();
	assert.equal(result.ok, true, result.message);
	assert.ok(fs.readFileSync(file).equals(edited), 'the later save does not hold the edits');
	assert.equal(session.dirty, false);
}

/** fs.writeSync writes `bytes` more bytes in all, then fails with ENOSPC, as a disk that fills up. Counts its calls. */
function fillDiskAfter(bytes: number): {calls: number} {
	const realWrite = fs.writeSync;
	const disk = {calls: 0};
	let budget = bytes;
	mock.method(fs, 'writeSync', (fd: number, buffer: Uint8Array, offset: number, length: number) => {
		disk.calls++;
		if (budget <= 0) {
			throw errno('ENOSPC', 'write');
		}

		const count = Math.min(length, budget);
		budget -= count;
		return realWrite(fd, buffer, offset, count);
	});
	return disk;
}

describe('disk full (ENOSPC from write)', () => {
	for (const allowed of [0, 10, original.length - 1]) {
		test(`failing after ${allowed} bytes: original intact, no temporary file, edits kept`, () => {
			const file = write('corpus.txt');
			const session = open(file);
			const edited = edit(session);
			const disk = fillDiskAfter(allowed);
			const result = session.save();
			assert.ok(disk.calls > 0, 'the fault was never reached: save does not call fs.writeSync');
			assert.equal(result.ok, false);
			assert.match(result.message, /could not save .*corpus\.txt: ENOSPC: no space left on device/);
			assertIntact(file);
			assertOnly(directory, ['corpus.txt']);
			assertRecovers(session, file, edited);
			assertOnly(directory, ['corpus.txt']);
		});
	}

	test('with backup, failing while writing the file after FILE.bak was written', () => {
		const file = write('corpus.txt');
		const session = open(file, {backup: true});
		const edited = edit(session);
		// FILE.bak is a hard link (it writes no bytes); the file itself does not fit.
		fillDiskAfter(5);
		const result = session.save();
		assert.equal(result.ok, false);
		assert.match(result.message, /ENOSPC/);
		assertIntact(file);
		assertIntact(`${file}.bak`);
		assertOnly(directory, ['corpus.txt', 'corpus.txt.bak']);
		assertRecovers(session, file, edited);
		assertIntact(`${file}.bak`);
		assertOnly(directory, ['corpus.txt', 'corpus.txt.bak']);
	});

	test('short writes (a few bytes per call) still save every byte', () => {
		const file = write('corpus.txt');
		const session = open(file);
		const edited = edit(session);
		const realWrite = fs.writeSync;
		mock.method(fs, 'writeSync', (fd: number, buffer: Uint8Array, offset: number, length: number) => realWrite(fd, buffer, offset, Math.min(length, 3)));
		const result = session.save();
		assert.equal(result.ok, true, result.message);
		assert.ok(fs.readFileSync(file).equals(edited));
		assertOnly(directory, ['corpus.txt']);
	});
});

describe('FILE.bak where hard links fail', () => {
	for (const code of ['EPERM', 'ENOTSUP', 'EMLINK']) {
		test(`link fails with ${code}: FILE.bak is a copy of the original, the save goes on`, () => {
			const file = write('corpus.txt');
			const session = open(file, {backup: true});
			const edited = edit(session);
			const link = mock.method(fs, 'linkSync', () => {
				throw errno(code, 'link');
			});
			const result = session.save();
			assert.ok(link.mock.callCount() > 0, 'the save never tried a hard link');
			assert.equal(result.ok, true, result.message);
			assertIntact(`${file}.bak`);
			assert.notEqual(fs.statSync(`${file}.bak`).ino, fs.statSync(file).ino);
			assert.ok(fs.readFileSync(file).equals(edited));
			assertOnly(directory, ['corpus.txt', 'corpus.txt.bak']);
		});
	}
});

describe('the review files under faults: editing always goes on', () => {
	test('the disk is full when the journal is first written: one warning, the edits go on and can be saved', async () => {
		const {Review} = await import('../source/review/review.js');
		const file = write('corpus.txt');
		const session = open(file);
		const review = new Review(session, file);
		fillDiskAfter(0);
		const edited = edit(session);
		mock.restoreAll();
		const notices = review.takeNotices();
		assert.equal(notices.length, 1);
		assert.match(notices[0]!, /could not write .*corpus\.txt\.review\.journal \(no space left on device\): edits are no longer crash-safe \(s saves them\)/);
		assert.equal(review.journaling, false);
		assert.ok(session.relabel(0, 0, undefined, 'PER'), 'another edit');
		assert.deepEqual(review.takeNotices(), [], 'said once');
		assert.equal(session.save().ok, true);
		assert.ok(!fs.readFileSync(file).equals(edited), 'both edits saved');
		review.close(true);
	});

	test('the sidecar cannot be written (EIO): one warning, marks stay in the session', async () => {
		const {Review} = await import('../source/review/review.js');
		const file = write('corpus.txt');
		const session = open(file);
		const review = new Review(session, file);
		review.setReviewed(0, true);
		mock.method(fs, 'renameSync', () => {
			throw errno('EIO', 'rename');
		});
		review.flush(true);
		review.flush(true);
		mock.restoreAll();
		const notices = review.takeNotices();
		assert.equal(notices.length, 1);
		assert.match(notices[0]!, /could not write .*review\.json \(EIO\): marks are not kept; reviewing and saving still work/);
		assert.equal(review.isReviewed(0), true);
	});

	test('the lock cannot be created (EACCES): the corpus opens, the review files are off, and the status line says why', async () => {
		const {claimCorpus} = await import('../source/review/claim.js');
		const file = write('corpus.txt');
		const realOpen = fs.openSync;
		mock.method(fs, 'openSync', (target: fs.PathLike, ...rest: Parameters<typeof fs.openSync> extends [unknown, ...infer R] ? R : never) => {
			if (String(target).endsWith('.review.lock')) {
				throw errno('EACCES', 'open');
			}

			return realOpen(target, ...rest);
		});
		const claim = claimCorpus(file);
		mock.restoreAll();
		assert.equal(claim.lock, undefined);
		assert.equal(claim.sideFiles, undefined);
		assert.match(claim.notKept ?? '', /edits are not journaled and marks are not kept: .*corpus\.txt\.review\.lock cannot be created \(EACCES\)/);
	});
});

describe('fsync and rename failing', () => {
	test('fsync fails with EIO: original intact, no temporary file, edits kept', () => {
		const file = write('corpus.txt');
		const session = open(file);
		const edited = edit(session);
		const fsync = mock.method(fs, 'fsyncSync', () => {
			throw errno('EIO', 'fsync');
		});
		const result = session.save();
		assert.ok(fsync.mock.callCount() > 0);
		assert.equal(result.ok, false);
		assert.match(result.message, /could not save .*corpus\.txt: EIO/);
		assertIntact(file);
		assertOnly(directory, ['corpus.txt']);
		assertRecovers(session, file, edited);
	});

	for (const code of ['EXDEV', 'EACCES']) {
		for (const backup of [false, true]) {
			test(`rename fails with ${code} (backup ${backup}): original intact, no temporary file, edits kept`, () => {
				const file = write('corpus.txt');
				const session = open(file, {backup});
				const edited = edit(session);
				const rename = mock.method(fs, 'renameSync', () => {
					throw errno(code, 'rename');
				});
				const result = session.save();
				assert.ok(rename.mock.callCount() > 0);
				assert.equal(result.ok, false);
				assert.match(result.message, new RegExp(`could not save .*: ${code}`));
				assertIntact(file);
				assertOnly(directory, ['corpus.txt']);
				assertRecovers(session, file, edited);
				assertOnly(directory, backup ? ['corpus.txt', 'corpus.txt.bak'] : ['corpus.txt']);
				if (backup) {
					assertIntact(`${file}.bak`);
				}
			});
		}
	}
});

describe('the file changed on disk after load', () => {
	const theirs = Buffer.concat([original, Buffer.from('New\tB-MISC\r\n')]);

	for (const backup of [false, true]) {
		test(`replaced by renaming another file over it (backup ${backup}): refused, theirs stays`, () => {
			const file = write('corpus.txt');
			const session = open(file, {backup});
			const edited = edit(session);
			// Same size and modification time as the loaded file: only the inode tells.
			const same = Buffer.from(original);
			same[same.indexOf('B-LOC')] = 'I'.charCodeAt(0);
			const replacement = write('other.txt', same);
			const stat = fs.statSync(file);
			fs.utimesSync(replacement, stat.atime, stat.mtime);
			fs.renameSync(replacement, file);
			const result = session.save();
			assert.equal(result.ok, false);
			assert.match(result.message, /changed on disk since it was loaded: not saved \(your edits are kept\)/);
			assertIntact(file, same);
			assertOnly(directory, ['corpus.txt']);
			assert.equal(session.dirty, true);
			// The edits can still go elsewhere.
			const copy = path.join(directory, 'mine.txt');
			assert.equal(session.saveAs(copy).ok, true);
			assert.ok(fs.readFileSync(copy).equals(edited));
			assertIntact(file, same);
		});

		test(`appended to by another writer (backup ${backup}): refused, theirs stays`, () => {
			const file = write('corpus.txt');
			const session = open(file, {backup});
			const edited = edit(session);
			fs.appendFileSync(file, 'New\tB-MISC\r\n');
			const result = session.save();
			assert.equal(result.ok, false);
			assert.match(result.message, /changed on disk/);
			assertIntact(file, theirs);
			assertOnly(directory, ['corpus.txt']);
			assert.equal(session.dirty, true);
			assert.equal(session.save().ok, false, 'a second try is refused too');
			assertIntact(file, theirs);
			const copy = path.join(directory, 'mine.txt');
			assert.equal(session.saveAs(copy).ok, true);
			assert.ok(fs.readFileSync(copy).equals(edited));
		});
	}
});

describe('symlinks and --output', () => {
	test('a symlinked corpus is written through to its target, the link stays a link, FILE.bak is next to the link', () => {
		fs.mkdirSync(path.join(directory, 'data'));
		const target = path.join(directory, 'data', 'real.txt');
		fs.writeFileSync(target, original);
		const link = path.join(directory, 'link.txt');
		fs.symlinkSync(path.join('data', 'real.txt'), link);
		const session = open(link, {backup: true});
		const edited = edit(session);
		const result = session.save();
		assert.equal(result.ok, true, result.message);
		assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
		assert.equal(fs.readlinkSync(link), path.join('data', 'real.txt'));
		assert.ok(fs.readFileSync(target).equals(edited));
		assertIntact(`${link}.bak`);
		assertOnly(directory, ['data', 'link.txt', 'link.txt.bak']);
		assertOnly(path.join(directory, 'data'), ['real.txt']);
	});

	test('disk full while saving through a symlink: the target is intact and no temporary file is left next to it', () => {
		fs.mkdirSync(path.join(directory, 'data'));
		const target = path.join(directory, 'data', 'real.txt');
		fs.writeFileSync(target, original);
		const link = path.join(directory, 'link.txt');
		fs.symlinkSync(target, link);
		const session = open(link);
		const edited = edit(session);
		mock.method(fs, 'writeSync', () => {
			throw errno('ENOSPC', 'write');
		});
		assert.equal(session.save().ok, false);
		assertIntact(target);
		assert.ok(fs.lstatSync(link).isSymbolicLink());
		assertOnly(directory, ['data', 'link.txt']);
		assertOnly(path.join(directory, 'data'), ['real.txt']);
		assertRecovers(session, target, edited);
		assert.ok(fs.lstatSync(link).isSymbolicLink());
	});

	test('--output in a missing folder: ok:false, nothing written anywhere, edits kept', () => {
		const file = write('corpus.txt');
		const output = path.join(directory, 'missing', 'reviewed.txt');
		const session = open(file, {output, backup: true});
		const edited = edit(session);
		const result = session.save();
		assert.equal(result.ok, false);
		assert.match(result.message, /could not save .*missing\/reviewed\.txt: ENOENT/);
		assert.equal(fs.existsSync(path.join(directory, 'missing')), false);
		assertIntact(file);
		assertOnly(directory, ['corpus.txt']);
		assert.equal(session.dirty, true);
		const elsewhere = path.join(directory, 'reviewed.txt');
		assert.equal(session.saveAs(elsewhere).ok, true);
		assert.ok(fs.readFileSync(elsewhere).equals(edited));
		assertIntact(file);
	});
});

// Child processes -------------------------------------------------------------------------------

const root = path.resolve(import.meta.dirname, '..');
const moduleUrl = (name: string) => JSON.stringify(pathToFileURL(path.join(root, 'source', 'corpus', `${name}.ts`)).href);

describe('no write permission on the folder', () => {
	test('save fails with ok:false (with and without backup), the file is intact, and saves once the folder is writable', (t: TestContext) => {
		const file = write('corpus.txt');
		const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-faults-elsewhere-'));
		const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-faults-child-'));
		t.after(() => {
			fs.rmSync(elsewhere, {recursive: true, force: true});
			fs.rmSync(scripts, {recursive: true, force: true});
		});
		const script = path.join(scripts, 'save.ts');
		fs.writeFileSync(script, `
import fs from 'node:fs';
import {loadCorpusFile} from ${moduleUrl('load')};
import {serialize} from ${moduleUrl('serialize')};
import {Session} from ${moduleUrl('session')};
const [file, folder, elsewhere] = process.argv.slice(2);
const original = fs.readFileSync(file);
const report = [];
for (const backup of [false, true]) {
	const session = new Session(loadCorpusFile(file), {file, backup});
	session.relabel(0, 0, undefined, 'ORG');
	const edited = serialize(session.corpus);
	const failed = session.save();
	const entry = {backup, failed, dirty: session.dirty, intact: fs.readFileSync(file).equals(original), listing: fs.readdirSync(folder).sort()};
	const copy = elsewhere + '/copy-' + backup + '.txt';
	entry.saveAs = session.saveAs(copy);
	entry.saveAsHasEdits = fs.readFileSync(copy).equals(edited);
	if (backup) {
		// The folder is ours: make it writable and save again.
		fs.chmodSync(folder, 0o755);
		entry.later = session.save();
		entry.laterHasEdits = fs.readFileSync(file).equals(edited);
		entry.dirtyAfterLater = session.dirty;
		entry.laterListing = fs.readdirSync(folder).sort();
	}

	report.push(entry);
}

console.log(JSON.stringify(report));
`);
		const isRoot = process.getuid?.() === 0;
		const nobody = 65_534;
		if (isRoot) {
			for (const folder of [scripts, elsewhere]) {
				fs.chownSync(folder, nobody, nobody);
				fs.chmodSync(folder, 0o755);
			}

			fs.chownSync(directory, nobody, nobody);
			fs.chownSync(file, nobody, nobody);
		}

		fs.chmodSync(file, 0o644);
		fs.chmodSync(directory, 0o555);
		const child = spawnSync(process.execPath, ['--import', 'tsx', script, file, directory, elsewhere], {
			cwd: root,
			...(isRoot ? {uid: nobody, gid: nobody} : {}),
			env: {...process.env, HOME: scripts},
			encoding: 'utf8',
		});
		if (child.error !== undefined || child.status !== 0) {
			t.skip(`could not run the save as an unprivileged user: ${child.error?.message ?? child.stderr}`);
			return;
		}

		type Entry = {
			backup: boolean; failed: {ok: boolean; message: string}; dirty: boolean; intact: boolean; listing: string[];
			saveAs: {ok: boolean; message: string}; saveAsHasEdits: boolean;
			later?: {ok: boolean; message: string}; laterHasEdits?: boolean; dirtyAfterLater?: boolean; laterListing?: string[];
		};
		const report = JSON.parse(child.stdout) as Entry[];
		assert.equal(report.length, 2);
		for (const entry of report) {
			assert.equal(entry.failed.ok, false, `backup ${entry.backup}: saved in a read-only folder?`);
			assert.match(entry.failed.message, /could not save .*(corpus\.txt|corpus\.txt\.bak): its folder .* cannot be written \(EACCES: permission denied\)/, "the folder named (QA: a raw EACCES)");
			assert.equal(entry.dirty, true);
			assert.equal(entry.intact, true, 'the file changed although the save failed');
			assert.deepEqual(entry.listing, ['corpus.txt']);
			assert.equal(entry.saveAs.ok, true, entry.saveAs.message);
			assert.equal(entry.saveAsHasEdits, true);
		}

		const last = report[1]!;
		assert.equal(last.later?.ok, true, last.later?.message);
		assert.equal(last.laterHasEdits, true);
		assert.equal(last.dirtyAfterLater, false);
		assert.deepEqual(last.laterListing, ['corpus.txt', 'corpus.txt.bak']);
		assertIntact(`${file}.bak`);
	});
});

/** A ~50 MB WikiSER corpus: 20-token sentences, an entity in each. */
function bigCorpus(megabytes: number): Buffer {
	const sentence = ['<s>', 'The\tO', 'Linux\tB-Application', 'kernel\tI-Application', 'runs\tO', 'on\tO', 'x86\tB-Hardware', 'and\tO', 'ARM\tB-Hardware', 'chips\tO', ',', 'says\tO', 'Linus\tB-Person', 'Torvalds\tI-Person', 'in\tO', 'a\tO', 'mail\tO', 'to\tO', 'the\tO', 'list\tO', '.\tO', '</s>']
		.map(line => (line === ',' ? ',\tO' : line)).join('\n') + '\n';
	const one = Buffer.from(sentence);
	return Buffer.concat(Array.from({length: Math.ceil((megabytes * 1024 * 1024) / one.length)}, () => one));
}

describe('the process killed in the middle of a save', () => {
	test('after SIGKILL the file is exactly the original or exactly the edited version, and it re-indexes', {timeout: 240_000}, async t => {
		const file = path.join(directory, 'corpus.txt');
		const originalBytes = bigCorpus(50);
		fs.writeFileSync(file, originalBytes);
		const corpus = indexCorpus(originalBytes);
		const sentences = corpus.sentenceCount;
		// Edits spread over the file, so that a partly written file differs from both versions.
		const edits = Array.from({length: 40}, (_, k) => ({sentence: Math.floor((k * (sentences - 1)) / 39), cursor: 1 + (k % 3), type: `T${k}`}));
		const session = new Session(corpus, {file, backup: false});
		for (const step of edits) {
			assert.ok(session.relabel(step.sentence, step.cursor, undefined, step.type));
		}

		const editedBytes = serialize(corpus);
		assert.ok(!editedBytes.equals(originalBytes));
		const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-faults-kill-'));
		t.after(() => fs.rmSync(scripts, {recursive: true, force: true}));
		const script = path.join(scripts, 'save-loop.ts');
		fs.writeFileSync(script, `
import {loadCorpusFile} from ${moduleUrl('load')};
import {Session} from ${moduleUrl('session')};
const [file, editsJson] = process.argv.slice(2);
const session = new Session(loadCorpusFile(file), {file, backup: false});
for (const step of JSON.parse(editsJson)) {
	session.relabel(step.sentence, step.cursor, undefined, step.type);
}

process.stdout.write('ready\\n');
for (let round = 0; ; round++) {
	process.stdout.write('saving ' + round + '\\n');
	const result = session.save();
	if (!result.ok) {
		process.stderr.write(result.message + '\\n');
		process.exit(2);
	}

	process.stdout.write('saved ' + round + '\\n');
	// Alternate between the edited and the original version.
	if (round % 2 === 0) {
		while (session.undo() !== undefined) {}
	} else {
		while (session.redo() !== undefined) {}
	}
}
`);
		let random = 0x2F_6B_3A_11;
		const next = () => {
			random = (Math.imul(random, 1_103_515_245) + 12_345) >>> 0;
			return random / 4_294_967_296;
		};

		const kills = 6;
		const outcomes: string[] = [];
		let leftovers: string[] = [];
		for (let kill = 0; kill < kills; kill++) {
			fs.writeFileSync(file, originalBytes);
			const child = spawn(process.execPath, ['--import', 'tsx', script, file, JSON.stringify(edits)], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
			});
			const exited = new Promise<NodeJS.Signals | number | null>(resolve => {
				child.on('exit', (code, signal) => resolve(signal ?? code));
			});
			await new Promise<void>((resolve, reject) => {
				child.stdout.on('data', (chunk: Buffer) => {
					stdout += chunk.toString();
					if (stdout.includes('ready\n')) {
						resolve();
					}
				});
				void exited.then(code => reject(new Error(`the child exited (${code}) before it was ready: ${stderr}`)));
			});
			// Somewhere in the first few saves (each writes and fsyncs 50 MB).
			await new Promise(resolve => setTimeout(resolve, Math.floor(next() * 2500)));
			child.kill('SIGKILL');
			assert.equal(await exited, 'SIGKILL', `the child ended before it was killed: ${stderr}`);
			const lastLine = stdout.trim().split('\n').at(-1)!;
			const bytes = fs.readFileSync(file);
			const version = bytes.equals(originalBytes) ? 'original' : (bytes.equals(editedBytes) ? 'edited' : 'DAMAGED');
			outcomes.push(`${version} (killed after "${lastLine}")`);
			assert.notEqual(version, 'DAMAGED', `after a kill while "${lastLine}" the file is neither version (${bytes.length} bytes)`);
			const reread = indexCorpus(bytes);
			assert.equal(reread.tokenCount, corpus.tokenCount);
			assert.equal(reread.sentenceCount, corpus.sentenceCount);
			// Only the killed save's temporary file may remain (nothing can remove it after SIGKILL).
			const extra = fs.readdirSync(directory).filter(name => name !== 'corpus.txt');
			for (const name of extra) {
				assert.match(name, /^\.corpus\.txt\.\d+\.[\da-z]+\.tmp$/, `unexpected file ${name}`);
				fs.rmSync(path.join(directory, name));
			}

			leftovers = [...leftovers, ...extra];
		}

		t.diagnostic(`kills: ${outcomes.join('; ')}`);
		t.diagnostic(`temporary files left behind by killed saves: ${leftovers.length} of ${kills} kills${leftovers.length > 0 ? ` (e.g. ${leftovers[0]}); nothing removes them later` : ''}`);
		assert.ok(outcomes.some(outcome => outcome.includes('saving')), `no kill landed during a save: ${outcomes.join('; ')}`);
	});
});
