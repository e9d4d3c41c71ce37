/**
Writing a file without ever leaving a damaged one, and without being turned against the user:
a temporary file created exclusively (O_EXCL, never through a symlink) in the same folder,
flushed to disk, then renamed over the target (atomic on one file system). Only a regular file is
ever replaced: a symlink, a device, a FIFO or a directory at the target is refused, naming the
path and the reason. The corpus itself may be a symlink (it is written through to the file it
points at, on purpose); side files and outputs never are. The replaced file keeps its mode and,
as far as the saver may set it, its owner; a file the user could not write without force (mode
0444, another user's file) is refused, as vim does without `!`. A file that changed on disk since
it was loaded is not overwritten.
*/
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {fileKind, identityOf, sameVersion, type FileIdentity} from './identity.js';

/** @deprecated The identity of a file version; kept as the name older code knows. */
export type FileStamp = FileIdentity;

/** Saving was refused before anything was written; `reason` says why in a few words. */
export class SaveRefusedError extends Error {
	constructor(
		message: string,
		readonly reason: 'conflict' | 'not-writable' | 'not-regular',
	) {
		super(message);
		this.name = 'SaveRefusedError';
	}
}

/** Saving would overwrite changes someone else made to the file. */
export class SaveConflictError extends SaveRefusedError {
	/** `since`: what the version expected is, for the message ('it was loaded', 'you were asked'); `appeared`: the file was to be new. */
	constructor(file: string, since = 'it was loaded', appeared = false) {
		super(appeared ? `${file} was created by another program meanwhile: not written (your edits are kept)` : `${file} changed on disk since ${since}: not ${since === 'it was loaded' ? 'saved' : 'written'} (your edits are kept)`, 'conflict');
		this.name = 'SaveConflictError';
	}
}

/** The identity of what is at `file` now (following a symlink, as a corpus is read). */
export function stampOf(file: string): FileIdentity {
	return identityOf(fs.statSync(file));
}

/** Resolves symlinks so that the link stays a link and its target gets the new content. */
export function resolveTarget(file: string): string {
	try {
		return fs.realpathSync(file);
	} catch {
		return file;
	}
}

/** What is at `file` itself (not following a symlink), or undefined when nothing is. */
export function lstatOrUndefined(file: string): fs.Stats | undefined {
	try {
		return fs.lstatSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

/** Refuses (SaveRefusedError) when `file` exists and is anything but a regular file. Returns what is there. */
export function assertReplaceable(file: string): fs.Stats | undefined {
	const stat = lstatOrUndefined(file);
	if (stat !== undefined && !stat.isFile()) {
		throw new SaveRefusedError(`${file} is ${fileKind(stat)}: not replaced (only a regular file is ever written over)`, 'not-regular');
	}

	return stat;
}

/**
Whether the user may write the file without forcing it, as vim decides `readonly`: for root, some
write permission bit must be set; for anyone else, the file must be writable by them.
*/
export function writableWithoutForce(file: string, stat: fs.Stats): boolean {
	if (process.getuid?.() === 0) {
		return (stat.mode & 0o222) !== 0;
	}

	try {
		fs.accessSync(file, fs.constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/** Why a save would be refused for the file's permissions (`is read-only (mode 0444)`), or undefined when it would not. */
export function whyNotWritable(file: string, stat: fs.Stats): string | undefined {
	if (writableWithoutForce(file, stat)) {
		return undefined;
	}

	return (stat.mode & 0o222) === 0 ? `is read-only (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')})` : 'is not writable by you (it belongs to another user)';
}

export type WriteOptions = {
	/** Refuse (SaveConflictError) unless the file on disk is this version; `'absent'`: unless there is no file. */
	readonly expected?: FileIdentity | 'absent';
	/** When the expected version was seen, for the refusal's message (default: 'it was loaded'). */
	readonly expectedSince?: string;
	/** Write through a symlink at `file` to the file it points at (the corpus, never a side file). */
	readonly followSymlink?: boolean;
	/** Refuse a file the user could not write without force (mode 0444, another user's file). */
	readonly refuseReadOnly?: boolean;
	/** Fed every byte written, for the content hash of the new version. */
	readonly hash?: crypto.Hash;
	/** The mode of a new file (an existing file keeps its own). */
	readonly newFileMode?: number;
	/** Flush to disk (the corpus, the review state); a lock file need not be. */
	readonly durable?: boolean;
};

/**
Everything that refuses a save before a byte is written: the target is not a regular file, it
changed on disk, the user could not write it without force. Returns the path that will be
replaced (the symlink resolved when asked) and what is there now.
*/
export function checkTarget(file: string, options: WriteOptions): {target: string; existing: fs.Stats | undefined} {
	const {expected, followSymlink = false, refuseReadOnly = false} = options;
	const target = followSymlink ? resolveTarget(file) : file;
	const existing = checkUnchanged(file, target, expected, options.expectedSince);
	const why = refuseReadOnly && existing !== undefined ? whyNotWritable(target, existing) : undefined;
	if (why !== undefined) {
		throw new SaveRefusedError(`${file} ${why}: not saved; W writes your edits to another file`, 'not-writable');
	}

	return {target, existing};
}

/** Refuses (SaveConflictError) when `target` is not the version `expected`, and when it is not a regular file; returns what is there. */
function checkUnchanged(file: string, target: string, expected: FileIdentity | 'absent' | undefined, since?: string): fs.Stats | undefined {
	const existing = assertReplaceable(target);
	if (expected === 'absent' ? existing !== undefined : expected !== undefined && existing !== undefined && !sameVersion(identityOf(existing), expected)) {
		throw new SaveConflictError(file, since, expected === 'absent');
	}

	return existing;
}

/**
Writes `chunks` to `file` atomically and returns the identity of the written file (fstat of the
descriptor that wrote it).
*/
export function writeAtomically(file: string, chunks: readonly Uint8Array[], options: WriteOptions | FileIdentity = {}): FileIdentity {
	// Older callers pass the expected identity alone.
	const resolved: WriteOptions = 'ino' in options ? {expected: options} : options;
	const {hash, newFileMode = 0o644, durable = true} = resolved;
	const {target, existing} = checkTarget(file, resolved);

	const mode = existing === undefined ? newFileMode : existing.mode & 0o7777;
	const directory = path.dirname(target);
	removeStaleTemporaries(directory, path.basename(target));
	const temporary = temporaryName(target);
	const fd = openExclusive(temporary, mode);
	let identity: FileIdentity;
	try {
		for (const chunk of chunks) {
			hash?.update(chunk);
			let written = 0;
			while (written < chunk.length) {
				written += fs.writeSync(fd, chunk, written, chunk.length - written);
			}
		}

		if (durable) {
			fs.fsyncSync(fd);
		}

		fs.fchmodSync(fd, mode);
		if (existing !== undefined) {
			keepOwner(fd, existing);
		}

		identity = identityOf(fs.fstatSync(fd));
		fs.closeSync(fd);
		// Checked again just before the rename: writing a large file takes seconds, and a file another
		// program replaced or appended to meanwhile must not be overwritten either. What is left is the
		// moment between this check and the rename, which no portable call closes.
		checkUnchanged(file, target, resolved.expected, resolved.expectedSince);
		fs.renameSync(temporary, target);
	} catch (error) {
		try {
			fs.closeSync(fd);
		} catch {}

		fs.rmSync(temporary, {force: true});
		throw error;
	}

	if (durable) {
		syncDirectory(directory);
	}

	return identity;
}

/**
Keeps `FILE.bak` as the loaded version before the first save: a hard link to the original (no
copy: the original is about to be replaced by a rename, not overwritten, so the link keeps its
bytes), or a copy where the file system has no hard links. `original` is the file as it is now,
checked to be exactly `expected` both before and after. A symlink, device or folder at `backup`
is refused: the backup is never written through a link.

A FILE.bak already there is kept, never replaced: it is the file before an earlier session's save
(a review takes days), and replacing it at each session's first save lost the original for good,
leaving `diff FILE` the last session's edits alone. Returns whether it was made now.
*/
export function keepBackup(original: string, backup: string, expected: FileIdentity): boolean {
	if (assertReplaceable(backup) !== undefined) {
		// Also when it is already a link to the loaded version (made by hand, or by a save that failed
		// after it): linking it again would do nothing, and left the temporary link behind.
		return false;
	}

	const temporary = temporaryName(backup);
	try {
		try {
			fs.linkSync(original, temporary);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT' || code === 'EEXIST') {
				throw error;
			}

			// No hard links here (EXDEV across a symlinked folder, EPERM on some file systems): copy.
			fs.copyFileSync(original, temporary, fs.constants.COPYFILE_EXCL);
		}

		const kept = fs.lstatSync(temporary);
		// A link is the very inode that was loaded; a copy must be of a file that still is that version.
		const same = kept.ino === expected.ino ? sameVersion(identityOf(kept), expected) : kept.size === expected.size && sameVersion(stampOf(original), expected);
		if (!same) {
			throw new SaveConflictError(original);
		}

		assertReplaceable(backup);
		fs.renameSync(temporary, backup);
		// A rename between two links of one file does nothing and keeps both names.
		fs.rmSync(temporary, {force: true});
		return true;
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw error;
	}
}

/** A fresh temporary name beside `file`, one that the stale-temporary cleanup recognises. */
function temporaryName(file: string): string {
	return path.join(path.dirname(file), `.${temporaryBase(path.basename(file))}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
}

/**
The file's name as its temporary files start: cut (on a character boundary) so that a file whose
name is near the 255-byte limit still gets a temporary name that fits.
*/
function temporaryBase(base: string): string {
	if (Buffer.byteLength(base) <= 200) {
		return base;
	}

	let result = '';
	for (const char of base) {
		if (Buffer.byteLength(result + char) > 200) {
			break;
		}

		result += char;
	}

	return result;
}

/** Creates a new file: never an existing one, never through a symlink. */
export function openExclusive(file: string, mode: number): number {
	return fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, mode);
}

/** Gives the new file the old one's owner and group, or at least its group, as far as the saver may. */
function keepOwner(fd: number, existing: fs.Stats) {
	try {
		fs.fchownSync(fd, existing.uid, existing.gid);
	} catch {
		// Only root may give a file away; a member of the file's group may still keep the group.
		try {
			fs.fchownSync(fd, -1, existing.gid);
		} catch {}
	}
}

/**
A save killed before its rename leaves its temporary file behind (the target itself is intact).
Remove those of processes that no longer run, so they do not pile up beside the corpus.
*/
function removeStaleTemporaries(directory: string, base: string) {
	const pattern = new RegExp(`^\\.${temporaryBase(base).replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[a-z\\d]+\\.tmp$`);
	let names: string[];
	try {
		names = fs.readdirSync(directory);
	} catch {
		return;
	}

	for (const name of names) {
		const pid = Number(pattern.exec(name)?.[1]);
		if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) {
			const temporary = path.join(directory, name);
			// Only our own kind of leftover: a regular file.
			if (lstatOrUndefined(temporary)?.isFile()) {
				fs.rmSync(temporary, {force: true});
			}
		}
	}
}

export function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function syncDirectory(directory: string) {
	try {
		const fd = fs.openSync(directory, 'r');
		try {
			fs.fsyncSync(fd);
		} finally {
			fs.closeSync(fd);
		}
	} catch {
		// Some file systems cannot fsync a directory; the rename is still atomic.
	}
}
