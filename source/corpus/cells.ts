/**
Byte-level line and cell scanning shared by format detection, indexing and saving. Columns are
separated by single tabs in a tab-separated file (cells may contain spaces: WikiSER has tokens
like `Windows 95`), and by runs of spaces or tabs otherwise (as awk splits).
*/

export type Separator = 'tab' | 'space';

const tab = 0x09;
const space = 0x20;
export const carriageReturn = 0x0D;
export const newline = 0x0A;

/** End of the line's content: before the `\n` at `lineEnd` and before a `\r` preceding it. */
export function contentEnd(bytes: Uint8Array, lineStart: number, lineEnd: number): number {
	return lineEnd > lineStart && bytes[lineEnd - 1] === carriageReturn ? lineEnd - 1 : lineEnd;
}

/** Index of the `\n` ending the line that starts at `lineStart`, or the buffer length for a last line without one. */
export function lineEndAt(bytes: Buffer, lineStart: number): number {
	const end = bytes.indexOf(newline, lineStart);
	return end === -1 ? bytes.length : end;
}

/** Whether the line holds only spaces, tabs and carriage returns. */
export function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
	for (let i = start; i < end; i++) {
		const byte = bytes[i];
		if (byte !== space && byte !== tab && byte !== carriageReturn) {
			return false;
		}
	}

	return true;
}

/**
Finds column `column` (0-based) of the line `[start, end)`. Returns its range with surrounding
spaces trimmed, written into `out` as [start, end], or false when the line has fewer columns.
*/
export function findCell(bytes: Uint8Array, start: number, end: number, column: number, separator: Separator, out: Int32Array): boolean {
	let cellStart: number;
	let cellEnd: number;
	if (separator === 'tab') {
		cellStart = start;
		for (let seen = 0; seen < column; seen++) {
			while (cellStart < end && bytes[cellStart] !== tab) {
				cellStart++;
			}

			if (cellStart >= end) {
				return false;
			}

			cellStart++;
		}

		cellEnd = cellStart;
		while (cellEnd < end && bytes[cellEnd] !== tab) {
			cellEnd++;
		}

		while (cellStart < cellEnd && bytes[cellStart] === space) {
			cellStart++;
		}

		while (cellEnd > cellStart && bytes[cellEnd - 1] === space) {
			cellEnd--;
		}
	} else {
		let i = start;
		let seen = -1;
		cellStart = -1;
		cellEnd = -1;
		while (i < end) {
			while (i < end && (bytes[i] === space || bytes[i] === tab)) {
				i++;
			}

			if (i >= end) {
				break;
			}

			const wordStart = i;
			while (i < end && bytes[i] !== space && bytes[i] !== tab) {
				i++;
			}

			seen++;
			if (seen === column) {
				cellStart = wordStart;
				cellEnd = i;
				break;
			}
		}

		if (cellStart < 0) {
			return false;
		}
	}

	out[0] = cellStart;
	out[1] = cellEnd;
	return true;
}

/** Splits a line into its cells as strings (for detection on a small sample, not for the hot path). */
export function splitCells(text: string, separator: Separator): string[] {
	return separator === 'tab' ? text.split('\t').map(cell => cell.trim()) : text.split(/[ \t]+/).filter(cell => cell.length > 0);
}

/**
Finds the last column of the line `[start, end)`, trimmed, into `out`; false when the line has a
single column. Scanning from the end reads only the tag, not the columns before it: the indexer's
hot path when the tag is the last column (most corpora).
*/
export function findLastCell(bytes: Uint8Array, start: number, end: number, separator: Separator, out: Int32Array): boolean {
	let cellEnd = end;
	if (separator === 'tab') {
		let cellStart = end;
		while (cellStart > start && bytes[cellStart - 1] !== tab) {
			cellStart--;
		}

		if (cellStart === start) {
			return false;
		}

		while (cellStart < cellEnd && bytes[cellStart] === space) {
			cellStart++;
		}

		while (cellEnd > cellStart && bytes[cellEnd - 1] === space) {
			cellEnd--;
		}

		out[0] = cellStart;
		out[1] = cellEnd;
		return true;
	}

	while (cellEnd > start && (bytes[cellEnd - 1] === space || bytes[cellEnd - 1] === tab)) {
		cellEnd--;
	}

	let cellStart = cellEnd;
	while (cellStart > start && bytes[cellStart - 1] !== space && bytes[cellStart - 1] !== tab) {
		cellStart--;
	}

	// A second column needs something other than whitespace before this one.
	let before = cellStart;
	while (before > start && (bytes[before - 1] === space || bytes[before - 1] === tab)) {
		before--;
	}

	if (cellStart === cellEnd || before === start) {
		return false;
	}

	out[0] = cellStart;
	out[1] = cellEnd;
	return true;
}

/** A CoNLL-U or GermEval ID cell (`5`, `5-6`, `8.1`): the token is the next column. */
export function isTokenNumber(cell: string): boolean {
	return /^\d+(?:[-.]\d+)?$/.test(cell);
}

/** A CoNLL-U id of a multiword token (`5-6`) or an empty node (`8.1`), not of a word. */
export function isWordRangeId(cell: string): boolean {
	return /^\d+[-.]\d+$/.test(cell);
}
