/**
A corpus held as its original bytes plus columnar indexes: one tag id per token, and per
sentence its first token, its byte offset and its line number. A sentence's token lines are found
again by scanning its few lines when it is shown or saved, so a 100 MB file costs its bytes plus
about 1 byte a token. Nothing is decoded until asked for.
*/
import {contentEnd, findCell, lineEndAt, newline} from './cells.js';
import type {Format} from './format.js';
import {classifyLine, findTagCell, lineKind} from './line-kind.js';
import {decodeSpans, type Decoded} from './scheme.js';
import {lastAtOrBefore} from './sorted.js';
import {TagTable, type ParsedTag} from './tags.js';

export class Corpus {
	readonly tags = new TagTable();
	/** Current tag id of each token (edits write here). */
	tagIds: Uint8Array | Uint16Array = new Uint8Array(1024);
	tokenCount = 0;
	/** Index of each sentence's first token; entry `sentenceCount` is the end of the last sentence. */
	sentenceStart = new Uint32Array(1024);
	/** 1-based file line of each sentence's first token. */
	sentenceLine = new Uint32Array(1024);
	/** Byte offset of the line of each sentence's first token. */
	sentenceOffset = new Uint32Array(1024);
	sentenceCount = 0;
	/** False while a background indexer is still reading the file. */
	complete = false;
	/**
	Tag ids as loaded, for the tokens an edit has touched. Kept across saves: the bytes in memory
	stay those of the load, and every save writes them patched with all tags that differ.
	*/
	private readonly originalTagIds = new Map<number, number>();
	private readonly cell = new Int32Array(2);
	private readonly tokenCell = new Int32Array(2);
	/** Scratch cell ranges for sentenceTexts. */
	private cellStarts = new Int32Array(64);
	private cellEnds = new Int32Array(64);
	/** Token line offsets of recently used sentences (the screen shows a dozen at a time). */
	private readonly lineStartCache = new Map<number, Uint32Array>();

	constructor(
		readonly bytes: Buffer,
		/** Replaced once, when indexing the whole file corrects the scheme guessed from its start. */
		public format: Format,
	) {}

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

	/** The token's text as written in the file (decoded as UTF-8; invalid bytes become U+FFFD). */
	tokenText(token: number): string {
		const [start, end] = this.cellRange(token, this.format.tokenColumn);
		return this.bytes.toString('utf8', start, end);
	}

	/**
	The texts of a sentence's tokens, in order, read straight from its lines: the one way to get them
	for a whole sentence (the screen, the review passes). Cheaper than tokenText per token, which
	looks the sentence up again each time, and it leaves the small line-offset cache to the screen.
	*/
	sentenceTexts(sentence: number): string[] {
		let {cellStarts: starts, cellEnds: ends} = this;
		if (starts.length < this.sentenceLength(sentence)) {
			starts = new Int32Array(this.sentenceLength(sentence));
			ends = new Int32Array(starts.length);
			this.cellStarts = starts;
			this.cellEnds = ends;
		}

		const count = this.sentenceCellRanges(sentence, starts, ends);
		const texts: string[] = [];
		for (let i = 0; i < count; i++) {
			texts.push(this.bytes.toString('utf8', starts[i], ends[i]));
		}

		return texts;
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
		if (!isPlainLineStart(bytes[lineStart]!) && classifyLine(bytes, lineStart, end, format, this.cell) !== lineKind.token) {
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

	tag(token: number): ParsedTag {
		return this.tags.get(this.tagIds[token]!);
	}

	/** The tags of a sentence, parsed. */
	sentenceTags(sentence: number): ParsedTag[] {
		const [first, end] = this.sentenceTokens(sentence);
		const tags: ParsedTag[] = [];
		for (let token = first; token < end; token++) {
			tags.push(this.tags.get(this.tagIds[token]!));
		}

		return tags;
	}

	/** The sentence's entity spans (sentence-relative) and the tokens whose tags break the scheme. */
	decode(sentence: number): Decoded {
		return decodeSpans(this.sentenceTags(sentence), this.format.scheme);
	}

	/** Sets a token's tag, remembering what the file had. */
	setTag(token: number, tagId: number): void {
		if (!this.originalTagIds.has(token)) {
			this.originalTagIds.set(token, this.tagIds[token]!);
		}

		this.storeTag(token, tagId);
	}

	/**
	Writes a tag id. Ids are one byte while a file has at most 256 distinct tags (nearly every
	corpus: a byte a token instead of two); the 257th widens the array to 16 bits, once.
	*/
	storeTag(token: number, tagId: number): void {
		if (tagId > 0xFF && this.tagIds instanceof Uint8Array) {
			this.tagIds = Uint16Array.from(this.tagIds);
		}

		this.tagIds[token] = tagId;
	}

	/** Tokens whose tag differs from the file's, in file order. */
	changedTokens(): number[] {
		const changed: number[] = [];
		for (const [token, original] of this.originalTagIds) {
			if (this.tagIds[token] !== original) {
				changed.push(token);
			}
		}

		return changed.sort((a, b) => a - b);
	}

	private cellRange(token: number, column: number): [number, number] {
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
