/**
One writer per corpus (issue 10) and where the review files go (issue 11), on the engine: the
lock says who owns a file; a live owner makes a second session read-only; a dead one (same host:
its pid is gone; another host: its lock was not refreshed for two minutes) is taken over; a
read-only folder or a file name too long for its side files moves them to the state folder.
*/
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {claimCorpus} from '../source/review/claim.js';
import {acquireLock, currentBoot, describeOwner, readLockFile, staleMs, takeOverStaleLock, type LockResult} from '../source/review/lock.js';
import {locateSideFiles} from '../source/review/side-files.js';

let directory: string;
const locks: Array<{release(): void}> = [];

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-lock-'));
	fs.chmodSync(directory, 0o755);
});

afterEach(() => {
	for (const lock of locks.splice(0)) {
		lock.release();
	}

	fs.rmSync(directory, {recursive: true, force: true});
});

function corpusFile(name = 'c.tsv'): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, 'EU\tB-ORG\n');
	return file;
}

/**
Claims `file` as user nobody while its folder is read-only (root ignores the folder's mode), with
`state` as the state folder; the child prints `printed` (an expression over `claim`).
*/
function claimAsNobodyInReadOnlyFolder(file: string, state: string, printed: string) {
	fs.chmodSync(directory, 0o555);
	fs.chownSync(state, 65_534, 65_534);
	const script = `
import {claimCorpus} from ${JSON.stringify(path.resolve('source/review/claim.ts'))};
const claim = claimCorpus(${JSON.stringify(file)}, {env: {XDG_STATE_HOME: ${JSON.stringify(state)}}});
claim.lock?.release();
process.stdout.write(${printed});
`;
	try {
		return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {encoding: 'utf8', uid: 65_534, gid: 65_534});
	} finally {
		fs.chmodSync(directory, 0o755);
	}
}

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
	return Number(child.stdout);
}

describe('the lock', () => {
	test('the first taker owns it; a second one is told who holds it (pid, since when)', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		const first = acquireLock(file);
		assert.equal(first.kind, 'acquired');
		locks.push((first as {lock: {release(): void}}).lock);
		const second = acquireLock(file);
		assert.equal(second.kind, 'held');
		assert.equal((second as {owner: {pid: number}}).owner.pid, process.pid);
		assert.match(describeOwner((second as Extract<LockResult, {kind: 'held'}>).owner), new RegExp(`^pid ${process.pid}, since \\d\\d:\\d\\d$`));
	});

	test('a lock whose process no longer runs (same host) is taken over at once, and the old owner named', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		const pid = deadPid();
		fs.writeFileSync(file, JSON.stringify({pid, host: os.hostname(), boot: currentBoot(), since: Date.now() - 60_000}));
		const result = acquireLock(file);
		assert.equal(result.kind, 'acquired');
		locks.push((result as {lock: {release(): void}}).lock);
		assert.equal((result as {tookOver?: {pid: number}}).tookOver?.pid, pid);
		assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid);
	});

	test('a lock from before a reboot (another boot id) is stale even if its pid runs now', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		fs.writeFileSync(file, JSON.stringify({pid: process.ppid, host: os.hostname(), boot: 'another-boot', since: Date.now()}));
		assert.equal(acquireLock(file).kind, currentBoot() === '' ? 'held' : 'acquired');
	});

	test('another host: held while refreshed, stale after the stated timeout', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		fs.writeFileSync(file, JSON.stringify({pid: 1, host: 'elsewhere.example', boot: 'x', since: Date.now()}));
		const held = acquireLock(file);
		assert.equal(held.kind, 'held');
		assert.match(describeOwner((held as Extract<LockResult, {kind: 'held'}>).owner), /^pid 1 on elsewhere\.example, since/);
		const old = new Date(Date.now() - staleMs - 1000);
		fs.utimesSync(file, old, old);
		const taken = acquireLock(file);
		assert.equal(taken.kind, 'acquired');
		locks.push((taken as {lock: {release(): void}}).lock);
	});

	test('a live owner refreshes its lock (its mtime moves), and releasing removes only its own lock', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		const result = acquireLock(file) as {kind: 'acquired'; lock: {refresh(): void; release(): void}};
		const old = new Date(Date.now() - 3_600_000);
		fs.utimesSync(file, old, old);
		result.lock.refresh();
		assert.ok(Date.now() - fs.statSync(file).mtimeMs < 60_000);
		// Someone else's lock replaced ours meanwhile: release leaves it.
		fs.rmSync(file);
		fs.writeFileSync(file, 'theirs');
		result.lock.release();
		assert.equal(fs.readFileSync(file, 'utf8'), 'theirs');
	});

	test('a lock removed by another program (git clean -x) is made again at the next refresh: the next ner-review finds the file taken (QA: it offered this session\'s journal, and both saved)', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		const lost: unknown[] = [];
		const result = acquireLock(file, by => lost.push(by)) as {kind: 'acquired'; lock: {refresh(): void; release(): void}};
		locks.push(result.lock);
		fs.rmSync(file);
		result.lock.refresh();
		assert.deepEqual(lost, [], 'not lost');
		assert.equal(readLockFile(file).owner?.pid, process.pid, 'ours again');
		assert.equal(acquireLock(file).kind, 'held', 'a second session finds it held');
		// Another's lock in its place is another matter: lost, and left alone.
		fs.rmSync(file);
		fs.writeFileSync(file, JSON.stringify({pid: 1, host: os.hostname(), boot: currentBoot(), since: Date.now()}));
		result.lock.refresh();
		assert.equal(lost.length, 1);
		result.lock.release();
		assert.match(fs.readFileSync(file, 'utf8'), /"pid":1/);
	});

	test('a symlink or a directory at the lock path is not used (and not followed): the side files are off', () => {
		const precious = path.join(directory, 'precious');
		fs.writeFileSync(precious, 'precious\n');
		const file = path.join(directory, 'c.tsv.review.lock');
		fs.symlinkSync(precious, file);
		const result = acquireLock(file);
		assert.equal(result.kind, 'unavailable');
		assert.match((result as {problem: string}).problem, /is a symbolic link: not followed/);
		assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
	});

	test('a taker that judged a lock stale never moves the lock another process has made since', async () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		fs.writeFileSync(file, JSON.stringify({pid: deadPid(), host: os.hostname(), boot: currentBoot(), since: 0}));
		// B reads the stale lock; then A takes it over and makes its own; then B acts on what it read.
		const judgedByB = readLockFile(file);
		const a = acquireLock(file);
		assert.equal(a.kind, 'acquired');
		locks.push((a as {lock: {release(): void}}).lock);
		const ours = fs.lstatSync(file).ino;
		const events: string[] = [];
		const watcher = fs.watch(directory, (_event, name) => {
			events.push(String(name));
		});
		try {
			assert.equal(takeOverStaleLock(file, judgedByB), false);
			// Events arrive in order: once the sentinel's is in, any event of the lock's would be too.
			fs.writeFileSync(path.join(directory, 'sentinel'), '');
			for (let wait = 0; wait < 500 && !events.includes('sentinel'); wait++) {
				// eslint-disable-next-line no-await-in-loop
				await new Promise(resolve => {
					setTimeout(resolve, 10);
				});
			}
		} finally {
			watcher.close();
		}

		assert.ok(events.includes('sentinel'), 'the watcher saw nothing at all');
		// Moved away even for an instant, A's lock could have been replaced by a third process's.
		assert.deepEqual(events.filter(name => name === path.basename(file)), [], events.join(' '));
		assert.equal(fs.lstatSync(file).ino, ours);
		assert.ok((a as {lock: {stillOurs(): boolean}}).lock.stillOurs());
	});

	test('a takeover guard left by a taker that died is cleared, and the stale lock taken over; a live taker\'s guard is left alone', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		const stale = JSON.stringify({pid: deadPid(), host: os.hostname(), boot: currentBoot(), since: 0});
		fs.writeFileSync(file, stale);
		fs.writeFileSync(`${file}.takeover`, JSON.stringify({pid: process.pid, host: os.hostname(), boot: currentBoot(), since: Date.now()}));
		assert.equal(acquireLock(file).kind, 'held', 'a live taker is at work: no second takeover');
		assert.equal(fs.readFileSync(file, 'utf8'), stale);
		fs.writeFileSync(`${file}.takeover`, JSON.stringify({pid: deadPid(), host: os.hostname(), boot: currentBoot(), since: 0}));
		const result = acquireLock(file);
		assert.equal(result.kind, 'acquired');
		locks.push((result as {lock: {release(): void}}).lock);
		assert.deepEqual(fs.readdirSync(directory).sort(), ['c.tsv.review.lock']);
	});

	test('a symlink or a directory at the takeover guard is not followed: the stale lock stays, and the side files are off', () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		const stale = JSON.stringify({pid: deadPid(), host: os.hostname(), boot: currentBoot(), since: 0});
		const precious = path.join(directory, 'precious');
		fs.writeFileSync(precious, 'precious\n');
		for (const plant of [() => fs.symlinkSync(precious, `${file}.takeover`), () => fs.mkdirSync(`${file}.takeover`)]) {
			fs.writeFileSync(file, stale);
			plant();
			const result = acquireLock(file);
			assert.equal(result.kind, 'unavailable');
			assert.match((result as {problem: string}).problem, /c\.tsv\.review\.lock\.takeover (is a symbolic link: not followed|is a directory)/);
			assert.equal(fs.readFileSync(file, 'utf8'), stale);
			assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
			fs.rmSync(`${file}.takeover`, {recursive: true});
		}
	});

	test('three processes racing for a stale lock: exactly one gets it', async () => {
		const file = path.join(directory, 'c.tsv.review.lock');
		fs.writeFileSync(file, JSON.stringify({pid: deadPid(), host: os.hostname(), boot: currentBoot(), since: 0}));
		const go = path.join(directory, 'go');
		const done = path.join(directory, 'done');
		// Each child loads, says it is ready, waits for the start signal, tries once, and stays alive
		// (holding what it got) until every one has answered: a lock left by a child that already exited
		// would be rightly taken over by a later one.
		const script = `
import fs from 'node:fs';
import {acquireLock} from ${JSON.stringify(path.resolve('source/review/lock.ts'))};
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
process.stdout.write('ready\\n');
while (!fs.existsSync(${JSON.stringify(go)})) pause();
process.stdout.write(acquireLock(${JSON.stringify(file)}).kind + '\\n');
while (!fs.existsSync(${JSON.stringify(done)})) pause();
`;
		const children = [0, 1, 2].map(() => {
			const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {stdio: ['ignore', 'pipe', 'inherit']});
			let out = '';
			const waiting: Array<() => void> = [];
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				for (const wake of waiting.splice(0)) {
					wake();
				}
			});
			const lines = async (count: number): Promise<string[]> => {
				for (;;) {
					const got = out.split('\n').filter(Boolean);
					if (got.length >= count) {
						return got;
					}

					// eslint-disable-next-line no-await-in-loop
					await new Promise<void>(resolve => {
						waiting.push(resolve);
					});
				}
			};
			const exited = new Promise(resolve => {
				child.on('exit', resolve);
			});
			return {lines, exited};
		});
		await Promise.all(children.map(async child => child.lines(1)));
		fs.writeFileSync(go, '');
		const results = (await Promise.all(children.map(async child => child.lines(2)))).map(lines => lines[1]!);
		fs.writeFileSync(done, '');
		await Promise.all(children.map(async child => child.exited));
		assert.equal(results.filter(kind => kind === 'acquired').length, 1, results.join(' '));
		assert.equal(results.filter(kind => kind === 'held').length, 2, results.join(' '));
	});
});

describe('claimCorpus: one writer, the others read-only', () => {
	test('a second claim while the first lives is read-only with the status line the issue asks for', () => {
		const file = corpusFile();
		const first = claimCorpus(file);
		locks.push(first.lock!);
		assert.equal(first.readOnly, undefined);
		const second = claimCorpus(file);
		assert.equal(second.lock, undefined);
		assert.match(second.readOnly ?? '', new RegExp(`^c\\.tsv is open in another ner-review \\(pid ${process.pid}, since \\d\\d:\\d\\d\\)$`));
		assert.match(second.notices.join(' '), new RegExp(`open in another ner-review, pid ${process.pid}, since \\d\\d:\\d\\d: read-only; W writes elsewhere`));
	});

	test('a corpus opened through a symlink has the file\'s own lock: a second session through the link, or by the file\'s name, is read-only', () => {
		const file = corpusFile();
		const link = path.join(directory, 'link.tsv');
		fs.symlinkSync(file, link);
		assert.deepEqual(locateSideFiles(link).files, locateSideFiles(file).files);
		const first = claimCorpus(link);
		locks.push(first.lock!);
		assert.equal(first.readOnly, undefined);
		assert.match(claimCorpus(file).readOnly ?? '', /is open in another ner-review/);
		assert.match(claimCorpus(link).readOnly ?? '', /is open in another ner-review/);
		assert.equal(fs.existsSync(`${link}.review.lock`), false);
	});

	test('a stale lock is taken over with a message', () => {
		const file = corpusFile();
		fs.writeFileSync(`${file}.review.lock`, JSON.stringify({pid: deadPid(), host: os.hostname(), boot: currentBoot(), since: Date.now()}));
		const claim = claimCorpus(file);
		locks.push(claim.lock!);
		assert.equal(claim.readOnly, undefined);
		assert.match(claim.notices.join(' '), /took over the lock of a ner-review that is no longer running \(pid \d+, since/);
	});
});

describe('where the review files go', () => {
	test('beside the corpus when its folder is writable', () => {
		const file = corpusFile();
		assert.deepEqual(locateSideFiles(file).files, {journal: `${file}.review.journal`, sidecar: `${file}.review.json`, lock: `${file}.review.lock`});
	});

	test('a file name too long for its side files (ENAMETOOLONG): the state folder, under a short name', () => {
		const file = corpusFile(`${'n'.repeat(244)}.tsv`);
		const state = path.join(directory, 'state');
		const {files} = locateSideFiles(file, {XDG_STATE_HOME: state});
		assert.ok(files);
		assert.ok(files.journal.startsWith(path.join(state, 'ner-review') + path.sep), files.journal);
		assert.ok(path.basename(files.journal).length < 200);
		assert.match(files.elsewhere ?? '', /the file name is too long for its review files: review files kept in .*state\/ner-review/);
		const claim = claimCorpus(file, {env: {XDG_STATE_HOME: state}});
		locks.push(claim.lock!);
		assert.ok(fs.existsSync(files.lock));
	});

	test('a read-only folder (as a user who cannot write it): the state folder; none at all: says what is not kept', {skip: process.getuid?.() === 0 ? false : 'needs root to run as another user'}, () => {
		const file = corpusFile();
		fs.chmodSync(directory, 0o555);
		const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-state-'));
		fs.chownSync(state, 65_534, 65_534);
		const script = `
import {locateSideFiles} from ${JSON.stringify(path.resolve('source/review/side-files.ts'))};
process.stdout.write(JSON.stringify([locateSideFiles(${JSON.stringify(file)}, {XDG_STATE_HOME: ${JSON.stringify(state)}}), locateSideFiles(${JSON.stringify(file)}, {HOME: '/nonexistent'})]));
`;
		const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {encoding: 'utf8', uid: 65_534, gid: 65_534});
		fs.chmodSync(directory, 0o755);
		assert.equal(result.status, 0, result.stderr);
		const [withState, without] = JSON.parse(result.stdout) as [{files?: {journal: string; elsewhere: string}}, {problem?: string}];
		assert.ok(withState.files?.journal.startsWith(path.join(state, 'ner-review')));
		assert.match(withState.files?.elsewhere ?? '', /^the folder is read-only: review files kept in /);
		assert.match(without.problem ?? '', /^the folder is read-only, and \/nonexistent\/\.local\/state\/ner-review cannot be written/);
		fs.rmSync(state, {recursive: true, force: true});
	});

	test('a read-only folder that holds a journal of a session that could write it: named at open, not ignored in silence', {skip: process.getuid?.() === 0 ? false : 'needs root to run as another user'}, () => {
		const file = corpusFile();
		fs.writeFileSync(`${file}.review.journal`, '{"journal":2}\n');
		const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-state-'));
		const result = claimAsNobodyInReadOnlyFolder(file, state, 'JSON.stringify(claim.notices)');
		fs.rmSync(state, {recursive: true, force: true});
		assert.equal(result.status, 0, result.stderr);
		assert.match((JSON.parse(result.stdout) as string[]).join(' '), /c\.tsv\.review\.journal holds unsaved edits of a session that could write beside the file: they are offered once its folder can be written again/);
	});

	test('the marks beside a folder that became read-only: the state folder starts from them, and its newer copy comes back beside the file once it can be written', {skip: process.getuid?.() === 0 ? false : 'needs root to run as another user'}, () => {
		const file = corpusFile('marks.tsv');
		const marks = '{"version":2,"reviewed":[0]}\n';
		fs.writeFileSync(`${file}.review.json`, marks);
		const state = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-review-state-'));
		const result = claimAsNobodyInReadOnlyFolder(file, state, 'claim.sideFiles.sidecar');
		try {
			assert.equal(result.status, 0, result.stderr);
			const stateSidecar = result.stdout;
			assert.ok(stateSidecar.startsWith(state), stateSidecar);
			assert.equal(fs.readFileSync(stateSidecar, 'utf8'), marks, 'the read-only session starts from the marks beside the file');
			// It marks more; later the folder can be written again.
			const more = '{"version":2,"reviewed":[0,1]}\n';
			fs.writeFileSync(stateSidecar, more);
			fs.utimesSync(stateSidecar, new Date(), new Date(Date.now() + 5000));
			const claim = claimCorpus(file, {env: {XDG_STATE_HOME: state}});
			claim.lock?.release();
			assert.equal(fs.readFileSync(`${file}.review.json`, 'utf8'), more, 'the newer copy is the review');
			assert.equal(fs.existsSync(stateSidecar), false);
		} finally {
			fs.rmSync(state, {recursive: true, force: true});
		}
	});
});
