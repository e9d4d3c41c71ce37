/**
Writing a corpus without ever leaving a damaged file: a temporary file in the same folder,
flushed to disk, then renamed over the target (atomic on one file system). The target keeps its
mode; a symlink is written through to the file it points at. Before the first save the loaded
bytes are kept as `FILE.bak`. A file that changed on disk since it was loaded is not overwritten.
*/
import fs from 'node:fs';
import path from 'node:path';

/** What identifies the file version we loaded: if any of these changed, someone else wrote it. */
export type FileStamp = {
	readonly size: number;
	readonly mtimeMs: number;
	readonly ino: number;
};

export function stampOf(file: string): FileStamp {
	const stat = fs.statSync(file);
	return {size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino};
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
	return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** Saving would overwrite changes someone else made to the file. */
export class SaveConflictError extends Error {
	constructor(file: string) {
		super(`${file} changed on disk since it was loaded: not saved (your edits are kept)`);
		this.name = 'SaveConflictError';
	}
}

/** Resolves symlinks so that the link stays a link and its target gets the new content. */
export function resolveTarget(file: string): string {
	try {
		return fs.realpathSync(file);
	} catch {
		return file;
	}
}

/**
Writes `chunks` to `file` atomically. With `expected`, refuses (SaveConflictError) when the file
on disk is not the version that was loaded. Returns the stamp of the written file.
*/
export function writeAtomically(file: string, chunks: readonly Uint8Array[], expected?: FileStamp): FileStamp {
	const target = resolveTarget(file);
	let mode = 0o644;
	let owner: {uid: number; gid: number} | undefined;
	try {
		const stat = fs.statSync(target);
		mode = stat.mode & 0o7777;
		owner = {uid: stat.uid, gid: stat.gid};
		if (expected !== undefined && !sameStamp(expected, {size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino})) {
			throw new SaveConflictError(file);
		}
	} catch (error) {
		if (error instanceof SaveConflictError) {
			throw error;
		}

		if (expected !== undefined) {
			// The file we loaded is gone: writing a new one is safe, but say nothing was overwritten.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				throw error;
			}
		}
	}

	const directory = path.dirname(target);
	removeStaleTemporaries(directory, path.basename(target));
	const temporary = path.join(directory, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
	const fd = fs.openSync(temporary, 'wx', mode);
	try {
		for (const chunk of chunks) {
			let written = 0;
			while (written < chunk.length) {
				written += fs.writeSync(fd, chunk, written, chunk.length - written);
			}
		}

		fs.fsyncSync(fd);
		fs.fchmodSync(fd, mode);
		if (owner !== undefined) {
			try {
				fs.fchownSync(fd, owner.uid, owner.gid);
			} catch {
				// Only root may give a file away; others keep their own ownership, as any editor does.
			}
		}

		fs.closeSync(fd);
		fs.renameSync(temporary, target);
	} catch (error) {
		try {
			fs.closeSync(fd);
		} catch {}

		fs.rmSync(temporary, {force: true});
		throw error;
	}

	syncDirectory(directory);
	return stampOf(target);
}

/**
A save killed before its rename leaves its temporary file behind (the target itself is intact).
Remove those of processes that no longer run, so they do not pile up beside the corpus.
*/
function removeStaleTemporaries(directory: string, base: string) {
	const pattern = new RegExp(`^\\.${base.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[a-z\\d]+\\.tmp$`);
	let names: string[];
	try {
		names = fs.readdirSync(directory);
	} catch {
		return;
	}

	for (const name of names) {
		const pid = Number(pattern.exec(name)?.[1]);
		if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) {
			fs.rmSync(path.join(directory, name), {force: true});
		}
	}
}

function isRunning(pid: number): boolean {
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
