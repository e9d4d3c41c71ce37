/**
Where things are in a corpus's bytes: its columnar index (sentences' first tokens, offsets and
lines, and the tag ids) and the lines and cells of a sentence or token, found again by scanning a
sentence's few lines. What those cells say (texts, tags) and edits are `Corpus`'s, built on this.
*/
import {contentEnd, findCell, lineEndAt, newline} from './cells.js';
import type {CorpusIndex} from './corpus-index.js';
import type {Format} from './format.js';
import {cellSlots, classifyLine, findTagCell, lineKind} from './line-kind.js';
import {lastAtOrBefore} from './sorted.js';

export class CorpusLines {
	protected readonly cell = new Int32Array(cellSlots);
	private readonly tokenCell = new Int32Array(2);
	/** Token line offsets of recently used sentences (the screen shows a dozen at a time). */
	private readonly lineStartCache = new Map<number, Uint32Array>();

	constructor(
		readonly bytes: Buffer,
		/** Written by the Indexer only (see CorpusIndex). */
		protected readonly index: CorpusIndex,
	) {}

	/**
	The same index over other bytes: the index worker's first pass reads each window of its part of
	the file through one, with offsets in that window (review/part-first-pass.ts).
	*/
	over(bytes: Buffer): CorpusLines {
		return new CorpusLines(bytes, this.index);
	}

	/** Current tag id of each token (edits write here, through setTag). */
	get tagIds(): Uint8Array | Uint16Array {
		return this.index.tagIds;
	}

	get tokenCount(): number {
		return this.index.tokenCount;
	}

	/** Index of each sentence's first token; entry `sentenceCount` is the end of the last sentence. */
	get sentenceStart(): Uint32Array {
		return this.index.sentenceStart;
	}

	/** 1-based file line of each sentence's first token. */
	get sentenceLine(): Uint32Array {
		return this.index.sentenceLine;
	}

	/** Byte offset of the line of each sentence's first token. */
	get sentenceOffset(): Uint32Array {
		return this.index.sentenceOffset;
	}

	get sentenceCount(): number {
		return this.index.sentenceCount;
	}

	/** The first sentence of each `-DOCSTART-` document, ascending (empty when the file has no document lines). */
	get documentStarts(): readonly number[] {
		return this.index.documentStarts;
	}

	/** False while a background indexer is still reading the file. */
	get complete(): boolean {
		return this.index.complete;
	}

	/** The layout and scheme; replaced once, when indexing the whole file settles the scheme guessed from its start. */
	get format(): Format {
		return this.index.format;
	}

	/** The document holding the sentence (0-based), or undefined when the file has no `-DOCSTART-` lines. */
	documentOf(sentence: number): number | undefined {
		const starts = this.documentStarts;
		if (starts.length === 0 || sentence < starts[0]!) {
			return undefined;
		}

		return lastAtOrBefore(starts, starts.length, sentence);
	}

	/** Tokens `[first, end)` of sentence `sentence`. */
	sentenceTokens(sentence: number): [first: number, end: number] {
		return [this.sentenceStart[sentence]!, this.sentenceStart[sentence + 1]!];
	}

	sentenceLength(sentence: number): number {
		return this.sentenceStart[sentence + 1]! - this.sentenceStart[sentence]!;
	}

	/** The sentence holding token `token`. */
	sentenceOf(token: number): number {
		return lastAtOrBefore(this.sentenceStart, this.sentenceCount, token);
	}

	/**
	The token whose line is line `line` (1-based), or undefined when that line holds no token: how
	a journal entry written for one version of the file finds its token in another.
	*/
	tokenAtLine(line: number): number | undefined {
		if (this.sentenceCount === 0 || !(line >= this.sentenceLine[0]!)) {
			return undefined;
		}

		const sentence = lastAtOrBefore(this.sentenceLine, this.sentenceCount, line);
		const starts = this.sentenceLineStarts(sentence);
		let current = this.sentenceLine[sentence]!;
		let offset = this.sentenceOffset[sentence]!;
		for (let index = 0; index < starts.length; index++) {
			const target = starts[index]!;
			while (offset < target) {
				const next = this.bytes.indexOf(newline, offset);
				if (next === -1 || next >= target) {
					break;
				}

				offset = next + 1;
				current++;
			}

			if (current === line) {
				return this.sentenceStart[sentence]! + index;
			}

			if (current > line) {
				return undefined;
			}
		}

		return undefined;
	}

	/**
	The byte ranges of the token cells of a sentence's first `limit` tokens (all by default), written
	into `starts` and `ends`, which must have room for them; returns how many were read. For passes
	that compare token bytes in place (the whole-corpus analysis, the search) instead of decoding a
	string per token. A token line without a token cell gives an empty range.
	*/
	sentenceCellRanges(sentence: number, starts: Int32Array, ends: Int32Array, limit = Number.POSITIVE_INFINITY): number {
		const {bytes, tokenCell: cell} = this;
		const {length} = bytes;
		const count = Math.min(this.sentenceLength(sentence), limit);
		let found = 0;
		let position = this.sentenceOffset[sentence]!;
		while (found < count && position < length) {
			const lineEnd = this.lineTokenCell(position, cell);
			if (cell[0]! >= 0) {
				starts[found] = cell[0]!;
				ends[found] = cell[1]!;
				found++;
			}

			position = lineEnd + 1;
		}

		return found;
	}

	/**
	Reads the line at `lineStart` inside an indexed sentence: writes its token cell's range into `out`
	([-1, -1] when it is a blank line or a comment; an empty range for a token line without a token
	cell) and returns the line's end (its `\n`, or the file's length).
	*/
	lineTokenCell(lineStart: number, out: Int32Array): number {
		const {bytes, format} = this;
		let lineEnd = bytes.indexOf(newline, lineStart);
		if (lineEnd === -1) {
			lineEnd = bytes.length;
		}

		const end = contentEnd(bytes, lineStart, lineEnd);
		// CoNLL-U's multiword-token and empty-node lines start with a digit like its token lines: classified always.
		const plain = format.misc === undefined && isPlainLineStart(bytes[lineStart]!);
		if (!plain && classifyLine(bytes, lineStart, end, format, this.cell) !== lineKind.token) {
			out[0] = -1;
			out[1] = -1;
		} else if (!findCell(bytes, lineStart, end, format.tokenColumn, format.separator, out)) {
			out[0] = lineStart;
			out[1] = lineStart;
		}

		return lineEnd;
	}

	/** The last sentence whose first line starts at or before byte `offset`, searching from sentence `low`. */
	sentenceAtOffset(offset: number, low = 0): number {
		return lastAtOrBefore(this.sentenceOffset, this.sentenceCount, offset, low);
	}

	/** Byte range of the token's own cell. */
	tokenCellRange(token: number): [start: number, end: number] {
		return this.cellRange(token, this.format.tokenColumn);
	}

	/** Byte range of the token's tag cell. */
	tagCellRange(token: number): [start: number, end: number] {
		const start = this.tokenLineStart(token);
		const end = contentEnd(this.bytes, start, lineEndAt(this.bytes, start));
		return findTagCell(this.bytes, start, end, this.format, this.cell) ? [this.cell[0]!, this.cell[1]!] : [start, start];
	}

	/** 1-based line number of the token in the file. */
	lineOf(token: number): number {
		const sentence = this.sentenceOf(token);
		let line = this.sentenceLine[sentence]!;
		let offset = this.sentenceOffset[sentence]!;
		const target = this.tokenLineStart(token);
		while (offset < target) {
			offset = this.bytes.indexOf(newline, offset);
			if (offset === -1 || offset >= target) {
				break;
			}

			offset++;
			line++;
		}

		return line;
	}

	/** Byte offset of the token's line. */
	tokenLineStart(token: number): number {
		const sentence = this.sentenceOf(token);
		return this.sentenceLineStarts(sentence)[token - this.sentenceStart[sentence]!]!;
	}

	/** Byte offsets of the token lines of a sentence, found by re-reading its lines the way the indexer did. */
	sentenceLineStarts(sentence: number): Uint32Array {
		const cached = this.lineStartCache.get(sentence);
		if (cached !== undefined) {
			return cached;
		}

		const starts = new Uint32Array(this.sentenceLength(sentence));
		let position = this.sentenceOffset[sentence]!;
		let found = 0;
		while (found < starts.length && position < this.bytes.length) {
			const lineEnd = lineEndAt(this.bytes, position);
			if (classifyLine(this.bytes, position, contentEnd(this.bytes, position, lineEnd), this.format, this.cell) === lineKind.token) {
				starts[found++] = position;
			}

			position = lineEnd + 1;
		}

		if (this.lineStartCache.size >= 256) {
			this.lineStartCache.delete(this.lineStartCache.keys().next().value!);
		}

		this.lineStartCache.set(sentence, starts);
		return starts;
	}

	protected cellRange(token: number, column: number): [number, number] {
		const start = this.tokenLineStart(token);
		const end = contentEnd(this.bytes, start, lineEndAt(this.bytes, start));
		if (!findCell(this.bytes, start, end, column, this.format.separator, this.cell)) {
			return [start, start];
		}

		return [this.cell[0]!, this.cell[1]!];
	}
}

/**
Whether a line inside an indexed sentence that starts with this byte is a token line, without
classifying it: between a sentence's first and last token only blank lines and comments (inside
<s> ... </s>) are not token lines, and they start with whitespace or `#` (the indexer refused
any other line there). `-` and `<` are left to classifyLine too, as document and marker lines.
*/
export function isPlainLineStart(byte: number): boolean {
	return byte !== 0x20 && byte !== 0x09 && byte !== 0x0D && byte !== newline && byte !== 0x23 && byte !== 0x3C && byte !== 0x2D;
}
