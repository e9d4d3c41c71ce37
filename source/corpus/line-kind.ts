/**
What one line of a corpus is. Shared by the indexer (one pass over the file) and by the corpus
when it finds the token lines of one sentence again, so both always agree.
*/
import {findCell, findLastCell, isBlank} from './cells.js';
import type {Format} from './format.js';
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
} as const;

export type LineKind = (typeof lineKind)[keyof typeof lineKind];

const hash = 0x23;
const dash = 0x2D;
const lessThan = 0x3C;
const slash = 0x2F;
const greaterThan = 0x3E;
const letterS = 0x73;
const docstart = Buffer.from('-DOCSTART-');

/** The tag cell of a token line, the one way both the indexer and saving find it. */
export function findTagCell(bytes: Uint8Array, start: number, end: number, format: Format, cell: Int32Array): boolean {
	return format.tagIsLast ? findLastCell(bytes, start, end, format.separator, cell) : findCell(bytes, start, end, format.tagColumn, format.separator, cell);
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

	const hasTagCell = findTagCell(bytes, start, end, format, cell);
	if (first === hash && (!hasTagCell || !looksLikeTag(bytes.toString('utf8', cell[0], cell[1])))) {
		// `# sent_id = 1` is a comment; `#hashtag<TAB>O` is a token.
		return lineKind.comment;
	}

	return hasTagCell ? lineKind.token : lineKind.tokenWithoutTag;
}
