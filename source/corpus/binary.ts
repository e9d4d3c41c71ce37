/**
Refuses bytes that are not text. A NUL byte never occurs in UTF-8 text: it means a binary file, or
UTF-16/UTF-32 text without a byte order mark. Each byte is checked where it is first read (format
detection's sample, then each indexing slice), so a 100 MB file is not scanned an extra time before
its first frame.
*/
import {CorpusError} from './errors.js';

/** Throws a CorpusError naming the line of the first NUL byte in `[start, end)`. */
export function refuseNul(bytes: Uint8Array, start: number, end: number): void {
	const nul = bytes.subarray(start, end).indexOf(0);
	if (nul !== -1) {
		throw new CorpusError('NUL byte: a binary file, or UTF-16/UTF-32 text without a BOM (a corpus must be UTF-8 text)', lineAt(bytes, start + nul));
	}
}

/** 1-based line number of a byte offset. */
export function lineAt(bytes: Uint8Array, offset: number): number {
	let line = 1;
	let position = bytes.indexOf(0x0A);
	while (position !== -1 && position < offset) {
		line++;
		position = bytes.indexOf(0x0A, position + 1);
	}

	return line;
}
