/**
One writer per corpus: `FILE.review.lock` says which ner-review edits the file (host, pid, boot,
since when). A second ner-review that finds a live owner opens the file read-only: it shares
neither the journal nor the sidecar. A lock whose owner is gone is taken over, and the user told.

When is an owner gone? On the same host: its process no longer runs, or the machine rebooted since
(the boot id differs). From another host over a shared disk a pid means nothing here, so the owner
refreshes the lock's modification time every `refreshMs` while it runs, and a lock from another
host untouched for `staleMs` is stale.

Not proper-lockfile (the maintained npm library of this kind), because (1) its lock is a bare
directory with no owner inside, so it can neither tell a live process from one killed a second
ago on the same host (a reviewer reconnecting after kill -9 would wait out its stale time) nor say
"pid N since 14:02"; (2) loading it replaces fs.close process-wide (graceful-fs) and installs
exit handlers (signal-exit) in a process whose signal handling must keep the journal. The
protocol here is small: an exclusive create (O_EXCL, never through a symlink), a JSON owner
record, and a stale lock removed under an exclusive takeover guard (only one taker at a time, and
never a lock it did not judge), after which the takers race for the exclusive create.
*/
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileKind, isRunning} from '../corpus/index.js';
import {currentBoot} from './boot-id.js';

export {currentBoot} from './boot-id.js';

export type LockOwner = {
	readonly pid: number;
	readonly host: string;
	/** The kernel's boot id: a pid from before a reboot is no process at all. */
	readonly boot: string;
	/** When the owner opened the file (ms since the epoch). */
	readonly since: number;
};

/** How often a live owner touches its lock. */
export const refreshMs = 30_000;
/** A lock from another host untouched this long is stale (four refreshes missed). */
export const staleMs = 2 * 60_000;
/** A lock file still empty this long after it was created belongs to a process that died creating it. */
const creatingMs = 10_000;

export type LockResult =
	| {readonly kind: 'acquired'; readonly lock: CorpusLock; readonly tookOver?: LockOwner}
	/** Another live ner-review owns the file. */
	| {readonly kind: 'held'; readonly owner?: LockOwner}
	/** The lock path cannot be used (not a regular file, or no write access): no side files then. */
	| {readonly kind: 'unavailable'; readonly problem: string};

export class CorpusLock {
	private readonly timer: NodeJS.Timeout;
	private released = false;
	private lost = false;

	constructor(
		readonly file: string,
		private fd: number,
		private ino: number,
		readonly owner: LockOwner,
		/** Told once when another ner-review has taken the lock over (it judged this one stale). */
		private readonly onLost?: (by: LockOwner | undefined) => void,
	) {
		this.timer = setInterval(() => {
			this.refresh();
		}, refreshMs);
		// The refresh never keeps the process alive on its own.
		this.timer.unref();
	}

	/** Whether the lock file at the path is still the one this process created. */
	stillOurs(): boolean {
		try {
			return fs.lstatSync(this.file).ino === this.ino;
		} catch {
			return false;
		}
	}

	/**
	Whether the lock is still this process's (made again if another program removed it); tells
	`onLost` once when another's took its place. One lstat: a session asks before each edit and save.
	*/
	check(): boolean {
		if (this.released || this.lost) {
			return !this.lost;
		}

		if (!this.stillOurs() && !this.remade()) {
			this.lost = true;
			clearInterval(this.timer);
			this.onLost?.(readOwner(this.file).owner);
			return false;
		}

		return true;
	}

	refresh(): void {
		if (!this.check() || this.released) {
			return;
		}

		try {
			const now = new Date();
			fs.futimesSync(this.fd, now, now);
		} catch {
			// A full or vanished disk: the next refresh tries again.
		}
	}

	/**
	The lock file removed by another program (`git clean -x`, a cleanup script) while this session
	runs: made again, so that a ner-review opened next finds the file taken (QA: the next one offered
	this session's journal as a crashed session's, and both saved). False when another took its place.
	*/
	private remade(): boolean {
		if (fs.existsSync(this.file)) {
			return false;
		}

		const created = createLock(this.file, this.owner);
		if (typeof created !== 'object') {
			return false;
		}

		try {
			fs.closeSync(this.fd);
		} catch {}

		this.fd = created.fd;
		this.ino = created.ino;
		return true;
	}

	/** Removes the lock if it is still ours. Safe to call twice. */
	release(): void {
		if (this.released) {
			return;
		}

		this.released = true;
		clearInterval(this.timer);
		if (this.stillOurs()) {
			fs.rmSync(this.file, {force: true});
		}

		try {
			fs.closeSync(this.fd);
		} catch {}
	}
}

/** Takes the lock at `file`, or says who holds it. Never throws. */
export function acquireLock(file: string, onLost?: (by: LockOwner | undefined) => void): LockResult {
	const owner: LockOwner = {pid: process.pid, host: os.hostname(), boot: currentBoot(), since: Date.now()};
	let tookOver: LockOwner | undefined;
	// A few rounds: another process may create, or take over, the lock between two of our steps.
	for (let round = 0; round < 4; round++) {
		const created = createLock(file, owner);
		if (typeof created === 'object') {
			return {kind: 'acquired', lock: new CorpusLock(file, created.fd, created.ino, owner, onLost), tookOver};
		}

		if (created !== 'exists') {
			return {kind: 'unavailable', problem: created};
		}

		const found = readOwner(file);
		if (found.problem !== undefined) {
			return {kind: 'unavailable', problem: found.problem};
		}

		if (found.gone) {
			continue;
		}

		if (!isStale(found)) {
			return {kind: 'held', owner: found.owner};
		}

		const taken = takeOver(file, found);
		if (typeof taken === 'string') {
			return {kind: 'unavailable', problem: taken};
		}

		if (!taken) {
			continue;
		}

		tookOver = found.owner;
	}

	return {kind: 'held'};
}

/** Who holds the lock at `file` right now, if a live ner-review does (for a lock this process does not take). */
export function liveOwner(file: string): LockOwner | undefined {
	const found = readOwner(file);
	return found.problem === undefined && !found.gone && !isStale(found) ? found.owner ?? unknownOwner : undefined;
}

const unknownOwner: LockOwner = {pid: 0, host: '', boot: '', since: 0};

/** Creates the lock file exclusively with our owner record: its descriptor and inode, 'exists', or a problem. */
function createLock(file: string, owner: LockOwner): {fd: number; ino: number} | 'exists' | string {
	let fd: number;
	try {
		fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o644);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'EEXIST' ? 'exists' : `${file} cannot be created (${code ?? (error as Error).message})`;
	}

	try {
		fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
		return {fd, ino: fs.fstatSync(fd).ino};
	} catch (error) {
		fs.closeSync(fd);
		fs.rmSync(file, {force: true});
		return `${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
	}
}

type Found = {
	/** The record, when it reads as one. */
	readonly owner?: LockOwner;
	/** The raw bytes and the inode, to make sure a takeover removes the very lock that was judged. */
	readonly raw: string;
	readonly ino?: number;
	readonly mtimeMs: number;
	/** The lock went away meanwhile. */
	readonly gone?: boolean;
	/** The path is not a lock we can use. */
	readonly problem?: string;
};

function readOwner(file: string): Found {
	let fd: number;
	try {
		fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			return {raw: '', mtimeMs: 0, gone: true};
		}

		if (code === 'ELOOP') {
			return {raw: '', mtimeMs: 0, problem: `${file} is a symbolic link: not followed`};
		}

		return {raw: '', mtimeMs: 0, problem: `${file} cannot be read (${code ?? (error as Error).message})`};
	}

	try {
		const stat = fs.fstatSync(fd);
		if (!stat.isFile()) {
			return {raw: '', mtimeMs: 0, problem: `${file} is ${fileKind(stat)}, not a lock file`};
		}

		const buffer = Buffer.alloc(Math.min(stat.size, 4096));
		const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
		const raw = buffer.toString('utf8', 0, length);
		return {raw, ino: stat.ino, mtimeMs: stat.mtimeMs, owner: parseOwner(raw)};
	} finally {
		fs.closeSync(fd);
	}
}

function parseOwner(raw: string): LockOwner | undefined {
	try {
		const value = JSON.parse(raw) as Partial<LockOwner>;
		const {pid, host, boot, since} = value;
		if (Number.isSafeInteger(pid) && pid! > 0 && typeof host === 'string' && typeof boot === 'string' && Number.isFinite(since)) {
			return {pid: pid!, host, boot, since: since!};
		}
	} catch {}

	return undefined;
}

function isStale(found: Found): boolean {
	const age = Date.now() - found.mtimeMs;
	const {owner} = found;
	if (owner === undefined) {
		// Being written this instant, or left half-made by a process that died creating it.
		return age > creatingMs;
	}

	if (owner.host === os.hostname()) {
		return (owner.boot !== '' && owner.boot !== currentBoot()) || !isRunning(owner.pid);
	}

	return age > staleMs;
}

/**
Removes a stale lock, only while holding its takeover guard (`FILE.review.lock.takeover`, created
exclusively, with our owner record) and only if the lock there is still the one judged stale
(same bytes, same inode). While one taker holds the guard no other taker touches the lock, and no
process can create a new one (the stale one is still there): so a lock made meanwhile by another
process is never moved. The takers then race for the lock with the exclusive create, which only
one wins.

It used to move whatever lock was there aside and put it back when it was not the judged one; a
third process could create its own lock in between, and the one put back was then lost while its
owner still believed it held it (two owners: seen once in the test of three racing processes).

Returns whether the stale lock is gone, or a problem when the guard's path is not one we can use
(a symlink, a directory, no write access): the side files are then off, as for the lock's own path.
*/
function takeOver(file: string, judged: Found): boolean | string {
	const guard = `${file}.takeover`;
	let fd: number;
	try {
		fd = fs.openSync(guard, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o644);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EEXIST') {
			return `${guard} cannot be created (${code ?? (error as Error).message})`;
		}

		// Another taker is at work, or died at work (its guard is cleared once stale), or something else is there.
		const found = readOwner(guard);
		if (found.problem !== undefined) {
			return found.problem;
		}

		clearAbandonedGuard(guard, found);
		return false;
	}

	try {
		fs.writeSync(fd, `${JSON.stringify({pid: process.pid, host: os.hostname(), boot: currentBoot(), since: Date.now()})}\n`);
		const now = readOwner(file);
		if (now.gone === true || now.problem !== undefined || now.raw !== judged.raw || now.ino !== judged.ino || !isStale(now)) {
			return false;
		}

		fs.unlinkSync(file);
		return true;
	} catch {
		return false;
	} finally {
		fs.closeSync(fd);
		fs.rmSync(guard, {force: true});
	}
}

/**
A guard left by a taker that died between creating and removing it (a few system calls) would keep
every later takeover out: once stale by the lock's own rules, it is moved aside, and put back if
what was moved is not the guard that was judged.
*/
function clearAbandonedGuard(guard: string, found: Found): void {
	if (found.gone === true || !isStale(found)) {
		return;
	}

	const aside = path.join(path.dirname(guard), `.${path.basename(guard)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.stale`);
	try {
		fs.renameSync(guard, aside);
	} catch {
		return;
	}

	let moved = '';
	try {
		moved = fs.readFileSync(aside, 'utf8');
	} catch {}

	if (moved !== found.raw) {
		try {
			fs.linkSync(aside, guard);
		} catch {}
	}

	fs.rmSync(aside, {force: true});
}

/** "pid 4242 since 14:02" (and the host when it is another). */
export function describeOwner(owner: LockOwner | undefined): string {
	if (owner === undefined || owner.pid === 0) {
		return 'another ner-review';
	}

	const since = new Date(owner.since);
	const time = `${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`;
	const day = since.toDateString() === new Date().toDateString() ? '' : ` ${since.toISOString().slice(0, 10)}`;
	const host = owner.host === os.hostname() ? '' : ` on ${owner.host}`;
	return `pid ${owner.pid}${host}, since ${time}${day}`;
}

/** For test/lock.test.ts: a takeover judged on an old reading of the lock, replayed in a chosen order. */
export {readOwner as readLockFile, takeOver as takeOverStaleLock};
