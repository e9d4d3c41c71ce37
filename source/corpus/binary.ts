/**
Refuses bytes that are not text, or not text in lines ner-review can edit. A NUL byte never occurs
in UTF-8 text: it means a binary file, or UTF-16/UTF-32 text without a byte order mark. Lines that
end in a carriage return alone, or in two, are refused where the format is detected. Each byte is checked where it is first read (format
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

const carriageReturnAdvice = 'convert them to \\n first, e.g. tr \'\\r\' \'\\n\'';

/**
Lines that end in a carriage return alone (an old Mac file), or in two before the line feed, said as
such: read as lines they would put the next line, or a CR, into a tag cell, which an edit writes over
(the indexer refuses any tag cell holding a CR; this names the cause where the sample shows it).
*/
export function refuseCarriageReturnLines(sample: Uint8Array): void {
	const buffer = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
	if (buffer.includes(0x0D) && !buffer.includes(0x0A)) {
		throw new CorpusError(`lines end in a carriage return alone (an old Mac file): ${carriageReturnAdvice}`, 1);
	}

	const doubled = buffer.indexOf('\r\r\n');
	if (doubled !== -1) {
		let line = 1;
		for (let at = buffer.indexOf(0x0A); at !== -1 && at < doubled; at = buffer.indexOf(0x0A, at + 1)) {
			line++;
		}

		throw new CorpusError('the line ends in two carriage returns before its line feed: remove one first, e.g. sed \'s/\\r\\r$/\\r/\'', line);
	}
}
