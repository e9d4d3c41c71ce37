/**
What one line of a corpus is. Shared by the indexer (one pass over the file) and by the corpus
when it finds the token lines of one sentence again, so both always agree.
*/
import {findCell, findLastCell, isBlank} from './cells.js';
import type {Format} from './format.js';
import {findMiscValue} from './misc.js';
import {looksLikeTag} from './tags.js';

export const lineKind = {
	blank: 0,
	/** `<s>` (sentence-markers layout). */
	open: 1,
	/** `</s>` (sentence-markers layout). */
	close: 2,
	docstart: 3,
	comment: 4,
	/** A token line; its tag cell is in the `cell` argument. */
	token: 5,
	/** A line that should be a token but has no tag column. */
	tokenWithoutTag: 6,
	/**
	A line inside a sentence that is not a token: with tags in CoNLL-U MISC, a multiword token
	(`5-6 du`, whose words follow on their own lines) or an empty node (`8.1`). Kept verbatim.
	*/
	skip: 7,
} as const;

export type LineKind = (typeof lineKind)[keyof typeof lineKind];

const hash = 0x23;
const dash = 0x2D;
const lessThan = 0x3C;
const slash = 0x2F;
const greaterThan = 0x3E;
const letterS = 0x73;
const dot = 0x2E;
const digit0 = 0x30;
const digit9 = 0x39;
const docstart = Buffer.from('-DOCSTART-');

/** Entries of the `cell` array that findTagCell and classifyLine write. */
export const cellSlots = 5;

/**
The tag cell of a token line, the one way both the indexer and saving find it: its range goes into
`cell[0..1]`. With tags in a MISC cell, that is the key's value; `cell[2]` is 1 when the cell has no
such key (the tag reads as `O`, and the range is empty at the cell's end), and `cell[3..4]` is the
whole MISC cell. `cell` holds `cellSlots` entries.
*/
export function findTagCell(bytes: Uint8Array, start: number, end: number, format: Format, cell: Int32Array): boolean {
	if (format.misc !== undefined) {
		if (!findCell(bytes, start, end, format.tagColumn, format.separator, cell)) {
			return false;
		}

		const cellStart = cell[0]!;
		const cellEnd = cell[1]!;
		cell[3] = cellStart;
		cell[4] = cellEnd;
		if (findMiscValue(bytes, cellStart, cellEnd, format.misc.keyBytes, cell)) {
			cell[2] = 0;
		} else {
			cell[0] = cellEnd;
			cell[1] = cellEnd;
			cell[2] = 1;
		}

		return true;
	}

	cell[2] = 0;
	return format.tagIsLast ? findLastCell(bytes, start, end, format.separator, cell) : findCell(bytes, start, end, format.tagColumn, format.separator, cell);
}

/** The line starts with a CoNLL-U multiword-token range (`5-6`) or an empty-node id (`8.1`). */
function startsWithWordRange(bytes: Uint8Array, start: number, end: number): boolean {
	let i = start;
	while (i < end && bytes[i]! >= digit0 && bytes[i]! <= digit9) {
		i++;
	}

	if (i === start || i >= end || (bytes[i] !== dash && bytes[i] !== dot)) {
		return false;
	}

	const after = ++i;
	while (i < end && bytes[i]! >= digit0 && bytes[i]! <= digit9) {
		i++;
	}

	return i > after && (i === end || bytes[i] === 0x09 || bytes[i] === 0x20);
}

/** Classifies the line content `[start, end)` (no line ending); for tokens, writes the tag cell range into `cell`. */
export function classifyLine(bytes: Buffer, start: number, end: number, format: Format, cell: Int32Array): LineKind {
	const first = bytes[start];
	if (start >= end || first === undefined || ((first === 0x20 || first === 0x09) && isBlank(bytes, start, end))) {
		return lineKind.blank;
	}

	if (first === lessThan && format.layout === 'sentence-markers') {
		const length = end - start;
		if (length === 3 && bytes[start + 1] === letterS && bytes[start + 2] === greaterThan) {
			return lineKind.open;
		}

		if (length === 4 && bytes[start + 1] === slash && bytes[start + 2] === letterS && bytes[start + 3] === greaterThan) {
			return lineKind.close;
		}
	}

	if (first === dash && end - start >= docstart.length && bytes.compare(docstart, 0, docstart.length, start, start + docstart.length) === 0) {
		return lineKind.docstart;
	}

	if (format.misc !== undefined && first >= digit0 && first <= digit9 && startsWithWordRange(bytes, start, end)) {
		return lineKind.skip;
	}

	const hasTagCell = findTagCell(bytes, start, end, format, cell);
	if (first === hash && (!hasTagCell || !looksLikeTag(bytes.toString('utf8', cell[0], cell[1])))) {
		// `# sent_id = 1` is a comment; `#hashtag<TAB>O` is a token.
		return lineKind.comment;
	}

	return hasTagCell ? lineKind.token : lineKind.tokenWithoutTag;
}
