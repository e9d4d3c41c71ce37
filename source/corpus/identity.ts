/**
What identifies one version of a file on disk, and what kind of file a path is. The identity of
a corpus is taken with fstat on the very descriptor its bytes were read from, before indexing,
so that a save can tell whether the file on disk is still the version in memory.
*/
import type fs from 'node:fs';

/** The version of a file that was read or written: if any of size, mtime, inode or device changed, someone else wrote it. */
export type FileIdentity = {
	readonly size: number;
	readonly mtimeMs: number;
	readonly ino: number;
	readonly dev: number;
	/** Permission bits and owner, kept by a save that replaces the file. */
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
};

export function identityOf(stat: fs.Stats): FileIdentity {
	return {size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, dev: stat.dev, mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid};
}

/** Same version of the same file: a save may replace it. */
export function sameVersion(a: Pick<FileIdentity, 'size' | 'mtimeMs' | 'ino' | 'dev'>, b: Pick<FileIdentity, 'size' | 'mtimeMs' | 'ino' | 'dev'>): boolean {
	return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.dev === b.dev;
}

/** What a path that is not a regular file is, for a one-line refusal ("is a FIFO (named pipe)"). */
export function fileKind(stat: fs.Stats): string {
	if (stat.isFile()) {
		return 'a regular file';
	}

	if (stat.isDirectory()) {
		return 'a directory';
	}

	if (stat.isSymbolicLink()) {
		return 'a symbolic link';
	}

	if (stat.isCharacterDevice()) {
		return 'a character device';
	}

	if (stat.isBlockDevice()) {
		return 'a block device';
	}

	if (stat.isFIFO()) {
		return 'a FIFO (named pipe)';
	}

	return stat.isSocket() ? 'a socket' : 'not a regular file';
}
