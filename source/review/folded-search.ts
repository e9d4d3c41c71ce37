/**
The byte search that ignores ASCII case, for a search's text when it is not matched as typed: a
Horspool skip search on folded bytes, forward and backward, so only sentences holding the text are
decoded.
*/
/** ASCII lower case of a byte. */
function fold(byte: number): number {
	return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte;
}

/** Horspool's shift table on folded bytes (forward: by the last byte; backward: by the first). */
export function skipTable(needle: Uint8Array, direction: 1 | -1): Int32Array {
	const table = new Int32Array(256).fill(needle.length);
	const last = needle.length - 1;
	for (let i = 0; i < last; i++) {
		if (direction === 1) {
			table[needle[i]!] = last - i;
		} else {
			table[needle[last - i]!] = last - i;
		}
	}

	// Upper-case bytes shift like their lower case.
	for (let byte = 0x41; byte <= 0x5A; byte++) {
		table[byte] = table[byte | 0x20]!;
	}

	return table;
}

/** First position in `[from, to)` where `needle` (ASCII lower case) occurs ignoring ASCII case, ending before `to`; -1 if none. */
export function foldedIndexOf(bytes: Uint8Array, needle: Uint8Array, skip: Int32Array, from: number, to: number): number {
	const last = needle.length - 1;
	let position = from;
	while (position + last < to) {
		let i = last;
		while (i >= 0 && fold(bytes[position + i]!) === needle[i]) {
			i--;
		}

		if (i < 0) {
			return position;
		}

		position += skip[bytes[position + last]!]!;
	}

	return -1;
}

/** Last position in `[from, to)` where `needle` occurs ignoring ASCII case, ending before `to`; -1 if none. */
export function foldedLastIndexOf(bytes: Uint8Array, needle: Uint8Array, skip: Int32Array, from: number, to: number): number {
	const last = needle.length - 1;
	let position = to - needle.length;
	while (position >= from) {
		let i = 0;
		while (i <= last && fold(bytes[position + i]!) === needle[i]) {
			i++;
		}

		if (i > last) {
			return position;
		}

		position -= skip[bytes[position]!]!;
	}

	return -1;
}
