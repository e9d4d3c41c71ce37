/**
Reading a corpus file into a Corpus, turning every way it can fail into a one-line CorpusError.
*/
import fs from 'node:fs';
import {CorpusError} from './errors.js';
import {detectFormat, type Format, type FormatOverrides} from './format.js';
import {Indexer} from './indexer.js';

/** Reads the file, refusing what is not a text corpus. */
export function readCorpusBytes(file: string): Buffer {
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'no such file'
			: code === 'EISDIR' ? 'is a directory, not a corpus file'
				: code === 'EACCES' || code === 'EPERM' ? 'permission denied'
					: (error as Error).message;
		throw new CorpusError(reason);
	}

	const nul = bytes.indexOf(0);
	if (nul !== -1) {
		throw new CorpusError('binary file (NUL byte), not a text corpus', lineAt(bytes, nul));
	}

	return bytes;
}

/** 1-based line number of a byte offset. */
export function lineAt(bytes: Buffer, offset: number): number {
	let line = 1;
	let position = bytes.indexOf(0x0A);
	while (position !== -1 && position < offset) {
		line++;
		position = bytes.indexOf(0x0A, position + 1);
	}

	return line;
}

/** Detects the format and returns an indexer that has not read anything yet. */
export function openIndexer(bytes: Buffer, overrides: FormatOverrides = {}): Indexer {
	const format: Format = detectFormat(bytes, overrides);
	return new Indexer(bytes, format);
}

/** Reads and indexes a whole file at once. */
export function loadCorpusFile(file: string, overrides: FormatOverrides = {}) {
	const indexer = openIndexer(readCorpusBytes(file), overrides);
	indexer.step();
	if (indexer.corpus.tokenCount === 0) {
		throw new CorpusError('the file has no tokens');
	}

	return indexer.corpus;
}
