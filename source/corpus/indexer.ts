/**
Builds a Corpus's columnar index from its bytes in one pass over the lines. It can run all at
once or in slices (`step`), so a huge file shows its first sentence while the rest is indexed.
A large file is indexed in two parts at once (corpus/index-adoption.ts): the screen's indexer
reads up to a sentence boundary (`holdAt`), and the index worker (source/review/index-worker.ts)
runs one from there to the end over windows of the file (`part`, `feed`), whose index the
screen's indexer then appends (`adopt`).
*/
import {carriageReturn, contentEnd, newline} from './cells.js';
import {Corpus, CorpusIndex} from './corpus.js';
import {refuseNul} from './binary.js';
import {CorpusError} from './errors.js';
import type {Format} from './format.js';
import {prefixesOf, settleScheme} from './scheme.js';
import {cellSlots, classifyLine, lineKind} from './line-kind.js';
import {appendPart, type ArrivedPart, type BuiltIndex, builtIndexOf} from './index-adoption.js';

/**
Told of each sentence as soon as it is indexed, with the byte offsets of its token lines (valid
during the call only), so a pass over the whole corpus can ride on the indexing instead of
reading every line again. A sentence open when the observer was set is told only of its lines
from then on: `count` is then less than its tokens.
*/
export type SentenceObserver = (sentence: number, lineStarts: Int32Array, count: number) => void;

export class Indexer {
	readonly corpus: Corpus;
	/** The corpus's index, which only the indexer writes. */
	private readonly index: CorpusIndex;
	/** Set before the first step to be told of every sentence. */
	observer?: SentenceObserver;
	/** Token line offsets of the open sentence, kept only for an observer. */
	private lineStarts = new Int32Array(256);
	private lineCount = 0;
	/**
	The bytes read: the whole file, or the window of it the worker was last fed (`feed`), which
	starts at byte `base` of the file. Positions are the file's.
	*/
	private window: Buffer;
	private base = 0;
	private readonly fileLength: number;
	/** The first byte this indexer reads: 0 (after a BOM), or where its part of the file starts. */
	private readonly start: number;
	/** It reads no further than this, until it adopts the rest or is let go on (`holdAt`). */
	private limit: number;
	private position: number;
	private line = 1;
	/** A sentence has tokens and is not yet closed. */
	private sentenceOpen = false;
	/** Sentence-markers layout: inside `<s>` ... `</s>`, opened at `markerLine`. */
	private insideMarkers = false;
	private markerLine = 0;
	private readonly cell = new Int32Array(cellSlots);

	/**
	`part`, when `bytes` is only the first window of the part of the file this indexer reads (the
	worker's): the file's length, and the byte, a sentence boundary, where the part starts. Its lines
	are then numbered from that byte on, and its sentences' offsets are the file's.
	*/
	constructor(bytes: Buffer, format: Format, part?: {readonly fileLength: number; readonly start: number}) {
		this.index = new CorpusIndex(format);
		this.corpus = new Corpus(bytes, this.index);
		this.window = bytes;
		this.fileLength = part?.fileLength ?? bytes.length;
		this.limit = this.fileLength;
		this.base = part?.start ?? 0;
		this.start = part === undefined || part.start === 0 ? format.contentStart : part.start;
		this.position = this.start;
		const {fileLength} = this;
		this.index.tagIds = new Uint8Array(16 * 1024);
		if (fileLength >= 0xFF_FF_FF_FF) {
			throw new CorpusError('files of 4 GiB or more are not supported');
		}
	}

	/**
	A new capacity for an array that holds `count` entries after reading up to byte `offset`: what the
	density so far projects for the whole file, with a little room. One or two right-sized
	allocations instead of repeated doubling, which would over-allocate by up to half and briefly
	hold two copies of the largest arrays.
	*/
	private projected(count: number, offset: number): number {
		const length = this.fileLength - this.start;
		const projected = Math.ceil(count / Math.max(offset - this.start, 1) * length * 1.05) + 1024;
		return Math.max(projected, Math.ceil(count * 1.25) + 16);
	}

	/** Share of the file read so far, 0..1. */
	get progress(): number {
		return this.fileLength === 0 ? 1 : this.position / this.fileLength;
	}

	/** The next file byte to read. */
	get offset(): number {
		return this.position;
	}

	/**
	Reads no further than `offset` (a line start) until `adopt` appends the index of the rest, or
	`holdAt(undefined)` lets it read on.
	*/
	holdAt(offset: number | undefined): void {
		this.limit = offset === undefined ? this.fileLength : Math.max(this.position, Math.min(offset, this.fileLength));
	}

	/** It has read up to where it is held. */
	get held(): boolean {
		return this.limit < this.fileLength && this.position >= this.limit;
	}

	/**
	The worker's way in: the next window of the file, from the byte where the last one ended, and
	ending at a line end (or at the end of the file). `step` then reads it.
	*/
	feed(window: Buffer): void {
		const end = this.base + this.window.length;
		if (this.position !== end) {
			throw new Error(`a window fed at byte ${end} of the file, where indexing is at ${this.position}`);
		}

		if (end + window.length < this.fileLength && window.at(-1) !== newline) {
			throw new Error(`the window at byte ${end} of the file does not end at a line end`);
		}

		this.base = end;
		this.window = window;
	}

	/**
	Indexes lines until about `budget` bytes have been read (or the end). Returns true when the
	whole file is indexed. Throws CorpusError for malformed input.
	*/
	step(budget = Number.POSITIVE_INFINITY): boolean {
		const {window: bytes, base} = this;
		const markers = this.corpus.format.layout === 'sentence-markers';
		// Positions in the window from here on.
		const stop = Math.min(bytes.length, this.limit - base, this.position - base + budget);
		let position = this.position - base;
		// The slice reads on to the end of the line holding `stop`: all of that is checked first, so a
		// NUL byte is reported as such rather than as whatever it breaks in its line.
		const lastLineEnd = stop >= bytes.length ? bytes.length : bytes.indexOf(newline, stop);
		refuseNul(bytes, position, lastLineEnd === -1 ? bytes.length : lastLineEnd);
		while (position < stop) {
			let lineEnd = bytes.indexOf(newline, position);
			if (lineEnd === -1) {
				lineEnd = bytes.length;
			}

			const end = contentEnd(bytes, position, lineEnd);
			this.readLine(position, end, markers);
			position = lineEnd + 1;
			this.line++;
		}

		this.position = base + Math.min(position, bytes.length);
		if (this.position < this.fileLength) {
			return false;
		}

		this.finish(markers);
		return true;
	}

	/** The index of the part read, to post to another thread (this indexer is not used after); `tokenLineSteps`, where each token's line starts (token-line-steps.ts), if kept. */
	built(tokenLineSteps?: Uint8Array<ArrayBuffer>): BuiltIndex {
		return builtIndexOf(this.index, this.corpus.tags, {fileLength: this.fileLength, start: this.start, lines: this.line - 1, tokenLineSteps});
	}

	/**
	Appends the index another indexer built of the rest of the file, from where this one is held
	(index-adoption.ts); the file is then indexed. Returns why not, changing nothing, when that part
	does not start where this one stopped, or this one did not stop between two sentences; `step`
	then reads on once let go (`holdAt(undefined)`).
	*/
	adopt(part: ArrivedPart): string | undefined {
		const {built} = part;
		if (this.index.complete || !this.held) {
			return this.index.complete ? 'the file is indexed already' : `this part is read to byte ${this.position}, not to ${this.limit}`;
		}

		if (built.fileLength !== this.fileLength || built.start !== this.position || this.base !== 0) {
			return `it read bytes ${built.start} to ${built.fileLength}, where this part of ${this.fileLength} bytes ends at ${this.position}`;
		}

		if (this.sentenceOpen || this.insideMarkers) {
			return `byte ${this.position} is inside a sentence`;
		}

		appendPart(this.index, this.corpus.tags, part, this.line - 1);
		this.position = this.fileLength;
		this.limit = this.fileLength;
		this.line += built.lines;
		this.finish(false);
		return undefined;
	}

	/** One line, `[start, end)` in the window. */
	private readLine(start: number, end: number, markers: boolean) {
		const {format} = this.corpus;
		const bytes = this.window;
		switch (classifyLine(bytes, start, end, format, this.cell)) {
			case lineKind.blank:
			case lineKind.comment: {
				// Blank lines and comments are kept verbatim in the bytes; they end a blank-line sentence.
				if (!markers) {
					this.closeSentence();
				}

				return;
			}

			case lineKind.open: {
				if (this.insideMarkers) {
					throw new CorpusError(`<s> inside the sentence opened at line ${this.markerLine} (missing </s>)`, this.line);
				}

				this.insideMarkers = true;
				this.markerLine = this.line;
				return;
			}

			case lineKind.close: {
				if (!this.insideMarkers) {
					throw new CorpusError('</s> without a matching <s>', this.line);
				}

				this.closeSentence();
				this.insideMarkers = false;
				return;
			}

			case lineKind.docstart: {
				this.closeSentence();
				const {documentStarts, sentenceCount} = this.index;
				if (documentStarts.at(-1) !== sentenceCount) {
					documentStarts.push(sentenceCount);
				}

				return;
			}

			case lineKind.skip: {
				return;
			}

			case lineKind.tokenWithoutTag: {
				throw new CorpusError(`the token line has no tag in column ${format.tagColumn + 1}`, this.line);
			}

			default: {
				break;
			}
		}

		if (markers && !this.insideMarkers) {
			throw new CorpusError('a token line outside <s> ... </s>', this.line);
		}

		// A MISC cell without the key is a token outside every entity.
		const {tags} = this.corpus;
		const known = tags.size;
		const tagId = this.cell[2] === 1 ? tags.intern('O') : tags.internBytes(bytes, this.cell[0]!, this.cell[1]!);
		if (tags.size > known && bytes.subarray(this.cell[0], this.cell[1]).includes(carriageReturn)) {
			// Lines that end in a carriage return alone (an old Mac file) are one line here: an edit of that
			// "tag" would write over the lines inside it. Each new tag is looked at once.
			throw new CorpusError(`the tag cell ${JSON.stringify(tags.text(tagId))} holds a carriage return: lines that end in a carriage return alone are not lines here (convert them to \\n first, e.g. tr '\\r' '\\n')`, this.line);
		}

		this.addToken(this.base + start, tagId);
	}

	private addToken(lineStart: number, tagId: number) {
		const {corpus, index} = this;
		if (index.tokenCount === index.tagIds.length) {
			const grown = index.tagIds instanceof Uint8Array ? new Uint8Array(this.projected(index.tokenCount, lineStart)) : new Uint16Array(this.projected(index.tokenCount, lineStart));
			grown.set(index.tagIds);
			index.tagIds = grown;
		}

		if (!this.sentenceOpen) {
			this.openSentence(lineStart);
		}

		if (this.observer !== undefined) {
			if (this.lineCount === this.lineStarts.length) {
				const grown = new Int32Array(this.lineCount * 2);
				grown.set(this.lineStarts);
				this.lineStarts = grown;
			}

			this.lineStarts[this.lineCount++] = lineStart;
		}

		corpus.storeTag(index.tokenCount, tagId);
		index.tokenCount++;
	}

	/** Records the sentence that begins with the token on the line at `lineStart`. */
	private openSentence(lineStart: number) {
		const {index} = this;
		if (index.sentenceCount + 1 >= index.sentenceStart.length) {
			const length = this.projected(index.sentenceCount + 1, lineStart);
			index.sentenceStart = grow(index.sentenceStart, length);
			index.sentenceLine = grow(index.sentenceLine, length);
			index.sentenceOffset = grow(index.sentenceOffset, length);
		}

		index.sentenceStart[index.sentenceCount] = index.tokenCount;
		index.sentenceLine[index.sentenceCount] = this.line;
		index.sentenceOffset[index.sentenceCount] = lineStart;
		this.sentenceOpen = true;
		this.lineCount = 0;
	}

	private closeSentence() {
		const {index} = this;
		if (this.sentenceOpen) {
			index.sentenceCount++;
			index.sentenceStart[index.sentenceCount] = index.tokenCount;
			this.sentenceOpen = false;
			this.observer?.(index.sentenceCount - 1, this.lineStarts, this.lineCount);
		}
	}

	private finish(markers: boolean) {
		if (markers && this.insideMarkers) {
			throw new CorpusError('<s> is never closed by </s>', this.markerLine);
		}

		const {format, tags} = this.corpus;
		const scheme = settleScheme(format.scheme, format.schemeGiven, prefixesOf(tags));
		if (scheme !== format.scheme) {
			this.index.format = {...format, scheme};
		}

		this.closeSentence();
		const {index} = this;
		index.sentenceStart[index.sentenceCount] = index.tokenCount;
		index.complete = true;
	}
}

function grow(array: Uint32Array, length: number): Uint32Array<ArrayBuffer> {
	const grown = new Uint32Array(length);
	grown.set(array);
	return grown;
}
