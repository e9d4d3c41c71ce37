/**
A corpus held as its original bytes plus columnar indexes: one line offset and one tag id per
token, one first-token index and one line number per sentence. Nothing is decoded until asked
for, so a 100 MB file costs its bytes plus about 6 bytes a token.
*/
import {contentEnd, findCell, lineEndAt} from './cells.js';
import type {Format} from './format.js';
import {decodeSpans, type Decoded} from './scheme.js';
import {TagTable, type ParsedTag} from './tags.js';

export class Corpus {
	readonly tags = new TagTable();
	/** Byte offset of each token's line. */
	tokenLineStart = new Uint32Array(1024);
	/** Current tag id of each token (edits write here). */
	tagIds = new Uint16Array(1024);
	tokenCount = 0;
	/** Index of each sentence's first token; entry `sentenceCount` is the end of the last sentence. */
	sentenceStart = new Uint32Array(1024);
	/** 1-based file line of each sentence's first token. */
	sentenceLine = new Uint32Array(1024);
	sentenceCount = 0;
	/** False while a background indexer is still reading the file. */
	complete = false;
	/**
	Tag ids as loaded, for the tokens an edit has touched. Kept across saves: the bytes in memory
	stay those of the load, and every save writes them patched with all tags that differ.
	*/
	private readonly originalTagIds = new Map<number, number>();
	private readonly cell = new Int32Array(2);

	constructor(
		readonly bytes: Buffer,
		readonly format: Format,
	) {}

	/** Tokens `[first, end)` of sentence `sentence`. */
	sentenceTokens(sentence: number): [first: number, end: number] {
		return [this.sentenceStart[sentence]!, this.sentenceStart[sentence + 1]!];
	}

	sentenceLength(sentence: number): number {
		return this.sentenceStart[sentence + 1]! - this.sentenceStart[sentence]!;
	}

	/** The sentence holding token `token` (binary search). */
	sentenceOf(token: number): number {
		let low = 0;
		let high = this.sentenceCount - 1;
		while (low < high) {
			const middle = (low + high + 1) >>> 1;
			if (this.sentenceStart[middle]! <= token) {
				low = middle;
			} else {
				high = middle - 1;
			}
		}

		return low;
	}

	/** The token's text as written in the file (decoded as UTF-8; invalid bytes become U+FFFD). */
	tokenText(token: number): string {
		const [start, end] = this.cellRange(token, this.format.tokenColumn);
		return this.bytes.toString('utf8', start, end);
	}

	/** Byte range of the token's tag cell. */
	tagCellRange(token: number): [start: number, end: number] {
		return this.cellRange(token, this.format.tagColumn);
	}

	/** 1-based line number of the token in the file. */
	lineOf(token: number): number {
		const sentence = this.sentenceOf(token);
		let line = this.sentenceLine[sentence]!;
		let offset = this.tokenLineStart[this.sentenceStart[sentence]!]!;
		const target = this.tokenLineStart[token]!;
		while (offset < target) {
			offset = this.bytes.indexOf(0x0A, offset);
			if (offset === -1 || offset >= target) {
				break;
			}

			offset++;
			line++;
		}

		return line;
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
		const start = this.tokenLineStart[token]!;
		const end = contentEnd(this.bytes, start, lineEndAt(this.bytes, start));
		if (!findCell(this.bytes, start, end, column, this.format.separator, this.cell)) {
			return [start, start];
		}

		return [this.cell[0]!, this.cell[1]!];
	}
}
