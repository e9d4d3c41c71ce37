/**
Reading a corpus file into a Corpus, turning every way it can fail into a one-line CorpusError.
*/
import {constants as bufferConstants} from 'node:buffer';
import fs from 'node:fs';
import type {Corpus} from './corpus.js';
import {CorpusError} from './errors.js';
import {detectFormat, type Format, type FormatOverrides} from './format.js';
import {fileKind, identityOf, sameVersion, type FileIdentity} from './identity.js';
import {Indexer} from './indexer.js';

/** The bytes of a corpus file and the identity of the version they are (fstat of the descriptor they were read from). */
export type LoadedFile = {
	readonly bytes: Buffer;
	readonly identity: FileIdentity;
};

/**
The largest corpus: sentence offsets are 32-bit. Anything larger is refused before a byte is
read, so a huge file cannot exhaust memory.
*/
export const maxCorpusBytes = Math.min(bufferConstants.MAX_LENGTH, 2 ** 32 - 1);

/**
Opened without blocking (a FIFO would wait for a writer forever) and without becoming the
controlling terminal; only a regular file is then read.
*/
const openFlags = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY;

/** A file that changed while it was read is read again, this many times, before giving up. */
const readAttempts = 3;

/**
Reads the file through one descriptor: fstat (a regular file, not too large), read, fstat again.
What is not UTF-8 text (a UTF-16 BOM, NUL bytes) is refused where the bytes are first read:
format detection, then indexing.
*/
export function readCorpusFile(file: string): LoadedFile {
	try {
		for (let attempt = 1; ; attempt++) {
			const fd = fs.openSync(file, openFlags);
			try {
				const before = checkedIdentity(fs.fstatSync(fd));
				const bytes = Buffer.allocUnsafe(before.size);
				let filled = 0;
				while (filled < bytes.length) {
					const count = fs.readSync(fd, bytes, filled, bytes.length - filled, filled);
					if (count === 0) {
						break;
					}

					filled += count;
				}

				const loaded = settle(before, identityOf(fs.fstatSync(fd)), bytes, filled, attempt);
				if (loaded !== undefined) {
					return loaded;
				}
			} finally {
				fs.closeSync(fd);
			}
		}
	} catch (error) {
		throw readError(error, file);
	}
}

/** Only the bytes: `check`, `stats` and the tests. */
export function readCorpusBytes(file: string): Buffer {
	return readCorpusFile(file).bytes;
}

/**
The same, reading in the background so the UI modules can load meanwhile. One large read call
(two at once for a large file: readInParts) rather than readFile's 512 KB chunks: each chunk
would wait for the busy main thread.
*/
export async function readCorpusFileAsync(file: string): Promise<LoadedFile> {
	try {
		for (let attempt = 1; ; attempt++) {
			// Opened and measured at once (two system calls; O_NONBLOCK keeps a FIFO from waiting), so
			// that the read is under way before this function first waits: the app loads its screen
			// meanwhile (cli.tsx), which takes the main thread for 30-45 ms.
			const fd = fs.openSync(file, openFlags);
			try {
				const before = checkedIdentity(fs.fstatSync(fd));
				const bytes = Buffer.allocUnsafe(before.size);
				// eslint-disable-next-line no-await-in-loop
				const filled = await readInParts(fd, bytes);
				const loaded = settle(before, identityOf(fs.fstatSync(fd)), bytes, filled, attempt);
				if (loaded !== undefined) {
					return loaded;
				}
			} finally {
				fs.closeSync(fd);
			}
		}
	} catch (error) {
		throw readError(error, file);
	}
}

/**
Files from this size on are read in two parts at once, each by a thread of its own. On the virtual
machines we measured, the kernel's first touch of each page of the new buffer is nearly all of a
read's time (a 163 MB file: 460 ms, where reading it again into the same buffer takes 13 ms), and
two threads fault the pages in at once: 260 ms. Four parts on two cores took 280 ms.
*/
export const splitReadBytes = 8 * 1024 * 1024;

/**
Reads the file into `bytes` (as long as the file was when measured), in two parts at once when it
is large; returns how many bytes were read, less than the length when the file got shorter.
*/
async function readInParts(fd: number, bytes: Buffer): Promise<number> {
	const parts = bytes.length >= splitReadBytes ? 2 : 1;
	const partBytes = Math.ceil(bytes.length / parts);
	const reads = await Promise.allSettled(Array.from({length: parts}, async (_, part) => readRange(fd, bytes, part * partBytes, Math.min(bytes.length, (part + 1) * partBytes))));
	// Every part is settled before the descriptor can be closed: a read still under way could
	// otherwise read from another file given the same number.
	let filled = 0;
	for (const read of reads) {
		if (read.status === 'rejected') {
			throw read.reason;
		}

		filled += read.value;
	}

	return filled;
}

/** Reads `[start, end)` of the file into the same bytes of `bytes`; returns the count read (less at the end of the file). */
async function readRange(fd: number, bytes: Buffer, start: number, end: number): Promise<number> {
	let offset = start;
	while (offset < end) {
		// eslint-disable-next-line no-await-in-loop
		const count = await readAt(fd, bytes, offset, end);
		if (count === 0) {
			break;
		}

		offset += count;
	}

	return offset - start;
}

/** Reads into `bytes` from `offset` up to `end`, at that position of the file, off the main thread; resolves with the count read. */
async function readAt(fd: number, bytes: Buffer, offset: number, end: number): Promise<number> {
	return new Promise((resolve, reject) => {
		fs.read(fd, bytes, offset, end - offset, offset, (error, bytesRead) => {
			if (error === null) {
				resolve(bytesRead);
			} else {
				reject(error);
			}
		});
	});
}

export async function readCorpusBytesAsync(file: string): Promise<Buffer> {
	return (await readCorpusFileAsync(file)).bytes;
}

/** The identity of an open corpus file, or a one-line refusal of what is not one. */
function checkedIdentity(stat: fs.Stats): FileIdentity {
	if (!stat.isFile()) {
		throw new CorpusError(stat.isDirectory() ? 'is a directory, not a corpus file' : `is ${fileKind(stat)}, not a corpus file: only regular files are read`);
	}

	if (stat.size > maxCorpusBytes) {
		throw new CorpusError(`is ${stat.size.toLocaleString('en')} bytes: larger than the ${maxCorpusBytes.toLocaleString('en')} bytes ner-review can hold`);
	}

	return identityOf(stat);
}

/**
The read is kept when the file did not change while it was read (the identity then names exactly
these bytes); otherwise it is read again, and after a few tries refused.
*/
function settle(before: FileIdentity, after: FileIdentity, bytes: Buffer, filled: number, attempt: number): LoadedFile | undefined {
	if (sameVersion(before, after) && filled === before.size) {
		return {bytes, identity: before};
	}

	if (attempt >= readAttempts) {
		throw new CorpusError('changed on disk while it was being read (another program is writing it): try again when it is done');
	}

	return undefined;
}

function readError(error: unknown, file?: string): CorpusError {
	if (error instanceof CorpusError) {
		return error;
	}

	const code = (error as NodeJS.ErrnoException).code;
	if ((code === 'ENXIO' || code === 'EOPNOTSUPP') && file !== undefined) {
		// A socket cannot even be opened: say what it is, as for a device or a FIFO.
		try {
			return new CorpusError(`is ${fileKind(fs.statSync(file))}, not a corpus file: only regular files are read`);
		} catch {}
	}

	const reason = code === 'ENOENT' ? 'no such file'
		: code === 'EISDIR' ? 'is a directory, not a corpus file'
			: code === 'EACCES' || code === 'EPERM' ? 'permission denied'
				: code === 'ENAMETOOLONG' ? 'the file name is too long'
					: code === 'ELOOP' ? 'too many levels of symbolic links'
						: (error as Error).message;
	return new CorpusError(reason);
}

/** Detects the format and returns an indexer that has not read anything yet. */
export function openIndexer(bytes: Buffer, overrides: FormatOverrides = {}): Indexer {
	const format: Format = detectFormat(bytes, overrides);
	return new Indexer(bytes, format);
}

/**
Detects the format and indexes all of `bytes` at once: the loading path of `check`, `stats` and
the tests (the screen indexes a large file in slices with openIndexer instead). `observe` may
attach an observer to the indexer first, and `index` index it another way (on two cores).
*/
export function indexCorpus(bytes: Buffer, overrides: FormatOverrides = {}, observe?: (indexer: Indexer) => void, index?: (indexer: Indexer) => void): Corpus {
	const indexer = openIndexer(bytes, overrides);
	observe?.(indexer);
	if (index === undefined) {
		indexer.step();
	} else {
		index(indexer);
	}

	if (indexer.corpus.tokenCount === 0) {
		throw new CorpusError('the file has no tokens');
	}

	return indexer.corpus;
}

/**
Reads and indexes a whole file at once; `observe` may attach an observer to the indexer first (the
analysis rides on the indexing), and `index` index it another way.
*/
export function loadCorpusFile(file: string, overrides: FormatOverrides = {}, options: {readonly observe?: (indexer: Indexer) => void; readonly index?: (indexer: Indexer) => void} = {}): Corpus {
	return indexCorpus(readCorpusFile(file).bytes, overrides, options.observe, options.index);
}
