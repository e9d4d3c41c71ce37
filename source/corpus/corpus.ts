/**
A corpus held as its original bytes plus columnar indexes: one tag id per token, and per
sentence its first token, its byte offset and its line number. A sentence's token lines are found
again by scanning its few lines when it is shown or saved, so a 100 MB file costs its bytes plus
about 1 byte a token. Nothing is decoded until asked for.
*/
import {contentEnd, findCell, lineEndAt, newline, splitCells} from './cells.js';
import {CorpusLines} from './corpus-lines.js';
import {classifyLine, findTagCell, lineKind} from './line-kind.js';
import {miscReplacement, type Replacement} from './misc.js';
import {decodeSpans, type Decoded} from './scheme.js';
import {TagTable, type ParsedTag} from './tags.js';
import {formatBytes} from '../text/inert.js';

export {CorpusIndex} from './corpus-index.js';
export {isPlainLineStart} from './corpus-lines.js';

/** A sentence's token texts, read by slices (an array of them is one too). */
export type Words = {readonly length: number; slice(start?: number, end?: number): string[]};

/** The corpus: what its token and tag cells say, the tags as edited, and the texts for a screen (where they are: CorpusLines). */
export class Corpus extends CorpusLines {
	readonly tags = new TagTable();
	/**
	Tag ids as loaded, for the tokens an edit has touched. Kept across saves: the bytes in memory
	stay those of the load, and every save writes them patched with all tags that differ.
	*/
	private readonly originalTagIds = new Map<number, number>();
	private tagEdits = 0;
	/** Scratch cell ranges for sentenceTexts. */
	private cellStarts = new Int32Array(64);
	private cellEnds = new Int32Array(64);

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
	A sentence's token texts decoded only where they are read: for the passes that quote two words
	of each of 100,000 sentences (the ranked queue, `check`'s lines), where decoding every word of
	each sentence was most of their time. Its lines are walked up to the furthest word read yet.
	*/
	sentenceWords(sentence: number): Words {
		const length = this.sentenceLength(sentence);
		let starts: Int32Array | undefined;
		let ends: Int32Array | undefined;
		let walked = 0;
		return {
			length,
			slice: (start = 0, end = length) => {
				const stop = Math.min(end, length);
				starts ??= new Int32Array(length);
				ends ??= new Int32Array(length);
				if (walked < stop) {
					// Lines up to the last word asked for: a quote near the start walks a few lines, not the sentence.
					walked = this.sentenceCellRanges(sentence, starts, ends, stop);
				}

				const texts: string[] = [];
				for (let i = Math.max(0, start); i < Math.min(stop, walked); i++) {
					texts.push(this.bytes.toString('utf8', starts[i], ends[i]));
				}

				return texts;
			},
		};
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

	/** Whether an edit of this session gave the token a tag other than the one it was loaded with. */
	editedSinceLoad(token: number): boolean {
		const original = this.originalTagIds.get(token);
		return original !== undefined && original !== this.tagIds[token];
	}

	/** The tokens whose tag differs from the file as loaded, with their tags now. */
	changedTags(): Map<number, number> {
		const changed = new Map<number, number>();
		for (const [token, original] of this.originalTagIds) {
			if (this.tagIds[token] !== original) {
				changed.set(token, this.tagIds[token]!);
			}
		}

		return changed;
	}

	/** Whether the tags are now what they were when `changed` was taken (changedTags): edits since then cancel out. */
	hasChangedTags(changed: ReadonlyMap<number, number>): boolean {
		let count = 0;
		for (const [token, original] of this.originalTagIds) {
			const now = this.tagIds[token]!;
			if (now !== original) {
				count++;
				if (changed.get(token) !== now) {
					return false;
				}
			}
		}

		return count === changed.size;
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
}
