/**
Reading a corpus file into a Corpus, turning every way it can fail into a one-line CorpusError.
*/
import fs from 'node:fs';
import type {Corpus} from './corpus.js';
import {CorpusError} from './errors.js';
import {detectFormat, type Format, type FormatOverrides} from './format.js';
import {Indexer} from './indexer.js';

/**
Reads the file. What is not UTF-8 text (a UTF-16 BOM, NUL bytes) is refused where the bytes are
first read: format detection, then indexing.
*/
export function readCorpusBytes(file: string): Buffer {
	try {
		return fs.readFileSync(file);
	} catch (error) {
		throw readError(error);
	}
}

/**
The same, reading in the background so the UI modules can load meanwhile. One large read call
rather than readFile's 512 KB chunks: each chunk would wait for the busy main thread.
*/
export async function readCorpusBytesAsync(file: string): Promise<Buffer> {
	try {
		const handle = await fs.promises.open(file, 'r');
		try {
			const {size} = await handle.stat();
			const bytes = Buffer.allocUnsafe(size);
			let filled = 0;
			while (filled < size) {
				// eslint-disable-next-line no-await-in-loop
				const {bytesRead} = await handle.read(bytes, filled, size - filled, filled);
				if (bytesRead === 0) {
					break;
				}

				filled += bytesRead;
			}

			return filled === size ? bytes : bytes.subarray(0, filled);
		} finally {
			await handle.close();
		}
	} catch (error) {
		throw readError(error);
	}
}

function readError(error: unknown): CorpusError {
	if (error instanceof CorpusError) {
		return error;
	}

	const code = (error as NodeJS.ErrnoException).code;
	const reason = code === 'ENOENT' ? 'no such file'
		: code === 'EISDIR' ? 'is a directory, not a corpus file'
			: code === 'EACCES' || code === 'EPERM' ? 'permission denied'
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
the tests (the screen indexes a large file in slices with openIndexer instead).
*/
export function indexCorpus(bytes: Buffer, overrides: FormatOverrides = {}, observe?: (indexer: Indexer) => void): Corpus {
	const indexer = openIndexer(bytes, overrides);
	observe?.(indexer);
	indexer.step();
	if (indexer.corpus.tokenCount === 0) {
		throw new CorpusError('the file has no tokens');
	}

	return indexer.corpus;
}

/** Reads and indexes a whole file at once; `observe` may attach an observer to the indexer first. */
export function loadCorpusFile(file: string, overrides: FormatOverrides = {}, observe?: (indexer: Indexer) => void): Corpus {
	return indexCorpus(readCorpusBytes(file), overrides, observe);
}
