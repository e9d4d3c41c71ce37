/**
A corpus held as its original bytes plus columnar indexes: one tag id per token, and per
sentence its first token, its byte offset and its line number. A sentence's token lines are found
again by scanning its few lines when it is shown or saved, so a 100 MB file costs its bytes plus
about 1 byte a token. Nothing is decoded until asked for.
*/
import {contentEnd, findCell, lineEndAt, newline, splitCells} from './cells.js';
import type {Format} from './format.js';
import {cellSlots, classifyLine, findTagCell, lineKind} from './line-kind.js';
import {miscReplacement, type Replacement} from './misc.js';
import {decodeSpans, type Decoded} from './scheme.js';
import {lastAtOrBefore} from './sorted.js';
import {TagTable, type ParsedTag} from './tags.js';
import {formatBytes} from '../text/inert.js';

/**
The columnar index as the Indexer builds it, line by line. Only the indexer writes it (and edits,
through Corpus.setTag); everything else reads it through the Corpus, whose fields are read-only.
*/
export class CorpusIndex {
	tagIds: Uint8Array | Uint16Array = new Uint8Array(1024);
	tokenCount = 0;
	sentenceStart = new Uint32Array(1024);
	sentenceLine = new Uint32Array(1024);
	sentenceOffset = new Uint32Array(1024);
	sentenceCount = 0;
	readonly documentStarts: number[] = [];
	complete = false;

	constructor(public format: Format) {}
}

export class Corpus {
	readonly tags = new TagTable();
	/**
	Tag ids as loaded, for the tokens an edit has touched. Kept across saves: the bytes in memory
	stay those of the load, and every save writes them patched with all tags that differ.
	*/
	private readonly originalTagIds = new Map<number, number>();
	private tagEdits = 0;
	private readonly cell = new Int32Array(cellSlots);
	private readonly tokenCell = new Int32Array(2);
	/** Scratch cell ranges for sentenceTexts. */
	private cellStarts = new Int32Array(64);
	private cellEnds = new Int32Array(64);
	/** Token line offsets of recently used sentences (the screen shows a dozen at a time). */
	private readonly lineStartCache = new Map<number, Uint32Array>();

	constructor(
		readonly bytes: Buffer,
		/** Written by the Indexer only (see CorpusIndex). */
		private readonly index: CorpusIndex,
	) {}

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

	/**
	The cells of the token's line that are neither its token nor its tag (POS, chunk, features), as
	written; for the token detail line.
	*/
	otherCells(token: number): string[] {
		const start = this.tokenLineStart(token);
		const end = contentEnd(this.bytes, start, lineEndAt(this.bytes, start));
		const cells = splitCells(this.bytes.toString('utf8', start, end), this.format.separator);
		const tagColumn = this.format.tagIsLast ? cells.length - 1 : this.format.tagColumn;
		return cells.filter((_, column) => column !== this.format.tokenColumn && column !== tagColumn);
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

	/** The token's text as written in the file (decoded as UTF-8; invalid bytes become U+FFFD). */
	tokenText(token: number): string {
		const [start, end] = this.cellRange(token, this.format.tokenColumn);
		return this.bytes.toString('utf8', start, end);
	}

	/**
	The start of the token's text, at most `maxChars` characters, decoding at most 4 bytes a
	character of it whatever its length (a 50 MB token costs what a short one does), and the
	cell's full length in bytes. `cut` when the text is longer than what is returned.
	*/
	tokenTextHead(token: number, maxChars: number): {text: string; bytes: number; cut: boolean} {
		const [start, end] = this.cellRange(token, this.format.tokenColumn);
		return this.head(start, end, maxChars);
	}

	/** The start of the text in `[start, end)`, as tokenTextHead says. */
	private head(start: number, end: number, maxChars: number): {text: string; bytes: number; cut: boolean} {
		const bytes = end - start;
		if (bytes <= maxChars) {
			// Every character takes at least one byte: the whole cell fits.
			return {text: this.bytes.toString('utf8', start, end), bytes, cut: false};
		}

		const decoded = this.bytes.toString('utf8', start, Math.min(end, start + (4 * maxChars)));
		const chars = [...decoded];
		if (chars.length <= maxChars && start + (4 * maxChars) >= end) {
			return {text: decoded, bytes, cut: false};
		}

		return {text: chars.slice(0, maxChars).join(''), bytes, cut: true};
	}

	/**
	The token's text for a screen: whole when it has at most `maxChars` characters, otherwise its
	start and its size, `xxxxx… (50 MB)`. Never decodes more than 4 x maxChars bytes. Still raw:
	the view passes it through the sanitiser (source/text/inert.ts) like any token text.
	*/
	tokenDisplayText(token: number, maxChars: number): string {
		const {text, bytes, cut} = this.tokenTextHead(token, maxChars);
		return cut ? `${text}… (${formatBytes(bytes)})` : text;
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
	A hash of a sentence's token texts, read as bytes (not its tags, which edits change): finds a
	sentence again after the file changed, and checks that a journal entry lands in the sentence it
	was made in. Base 36, a few characters.
	*/
	sentenceHash(sentence: number): string {
		const [first, end] = this.sentenceTokens(sentence);
		let hash = 0x81_1C_9D_C5;
		for (let token = first; token < end; token++) {
			const [start, stop] = this.tokenCellRange(token);
			for (let i = start; i < stop; i++) {
				hash = Math.imul(hash ^ this.bytes[i]!, 0x01_00_01_93);
			}

			hash = Math.imul(hash ^ 0x20, 0x01_00_01_93);
		}

		return (hash >>> 0).toString(36);
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

	/**
	The texts of a sentence's tokens for a screen, each as tokenDisplayText gives it: a token of more
	than `maxChars` characters is its start and its size, so a 50 MB token costs what a short one does.
	*/
	sentenceDisplayTexts(sentence: number, maxChars: number): string[] {
		const {bytes, format, cell} = this;
		const count = this.sentenceLength(sentence);
		const texts: string[] = [];
		let position = this.sentenceOffset[sentence]!;
		while (texts.length < count && position < bytes.length) {
			const lineEnd = lineEndAt(bytes, position);
			const end = contentEnd(bytes, position, lineEnd);
			if (classifyLine(bytes, position, end, format, cell) === lineKind.token) {
				if (findCell(bytes, position, end, format.tokenColumn, format.separator, cell)) {
					const {text, bytes: size, cut} = this.head(cell[0]!, cell[1]!, maxChars);
					texts.push(cut ? `${text}… (${formatBytes(size)})` : text);
				} else {
					texts.push('');
				}
			}

			position = lineEnd + 1;
		}

		return texts;
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

	/**
	What saving writes for the token's current tag: the byte range it replaces and the bytes. The tag
	cell and the tag, except in a CoNLL-U MISC cell, where the key itself may have to be added or
	removed (see miscReplacement).
	*/
	tagReplacement(token: number): Replacement {
		const tag = this.tags.bytes(this.tagIds[token]!);
		const start = this.tokenLineStart(token);
		const end = contentEnd(this.bytes, start, lineEndAt(this.bytes, start));
		const {cell, format} = this;
		if (!findTagCell(this.bytes, start, end, format, cell)) {
			return {start, end: start, bytes: tag};
		}

		if (format.misc === undefined) {
			return {start: cell[0]!, end: cell[1]!, bytes: tag};
		}

		return miscReplacement(this.bytes, cell[3]!, cell[4]!, cell[0]!, cell[1]!, cell[2] === 0, format.misc, tag);
	}

	/**
	The sentence's text as a `# text = ...` comment right before it gives it (CoNLL-U, UNER), or
	undefined. Read from the bytes when asked, for the sentences on screen.
	*/
	sentenceText(sentence: number): string | undefined {
		const {bytes} = this;
		let lineStart = this.sentenceOffset[sentence]!;
		// Walk back over the comment lines just above the sentence's first token line.
		while (lineStart > this.format.contentStart) {
			const previousEnd = lineStart - 1;
			const previousStart = previousEnd > 0 ? bytes.lastIndexOf(newline, previousEnd - 1) + 1 : 0;
			const start = Math.max(previousStart, this.format.contentStart);
			if (bytes[start] !== 0x23) {
				return undefined;
			}

			const text = bytes.toString('utf8', start, contentEnd(bytes, start, previousEnd));
			const match = /^#\s*text\s*=\s?(.*)$/.exec(text);
			if (match !== null) {
				return match[1]!;
			}

			lineStart = start;
		}

		return undefined;
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

	/**
	How many tags edits have set (undoing counts too): a reader of the tags over time (the tagger's
	worker, reading a large file in windows) tells from it that they are no longer those it began with.
	*/
	get editCount(): number {
		return this.tagEdits;
	}

	/** Sets a token's tag, remembering what the file had. */
	setTag(token: number, tagId: number): void {
		if (!this.originalTagIds.has(token)) {
			this.originalTagIds.set(token, this.tagIds[token]!);
		}

		this.tagEdits++;

		this.storeTag(token, tagId);
	}

	/**
	Writes a tag id. Ids are one byte while a file has at most 256 distinct tags (nearly every
	corpus: a byte a token instead of two); the 257th widens the array to 16 bits, once.
	*/
	storeTag(token: number, tagId: number): void {
		const {index} = this;
		if (tagId > 0xFF && index.tagIds instanceof Uint8Array) {
			index.tagIds = Uint16Array.from(index.tagIds);
		}

		index.tagIds[token] = tagId;
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
