/**
Builds a Corpus's columnar index from its bytes in one pass over the lines. It can run all at
once or in slices (`step`), so a huge file shows its first sentence while the rest is indexed.
*/
import {contentEnd, newline} from './cells.js';
import {Corpus, CorpusIndex} from './corpus.js';
import {refuseNul} from './binary.js';
import {CorpusError} from './errors.js';
import type {Format} from './format.js';
import {prefixesOf, settleScheme} from './scheme.js';
import {cellSlots, classifyLine, lineKind} from './line-kind.js';

/**
Told of each sentence as soon as it is indexed, with the byte offsets of its token lines (valid
during the call only), so a pass over the whole corpus can ride on the indexing instead of
reading every line again.
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
	private position: number;
	private line = 1;
	/** A sentence has tokens and is not yet closed. */
	private sentenceOpen = false;
	/** Sentence-markers layout: inside `<s>` ... `</s>`, opened at `markerLine`. */
	private insideMarkers = false;
	private markerLine = 0;
	private readonly cell = new Int32Array(cellSlots);

	constructor(bytes: Buffer, format: Format) {
		this.index = new CorpusIndex(format);
		this.corpus = new Corpus(bytes, this.index);
		this.position = format.contentStart;
		this.index.tagIds = new Uint8Array(16 * 1024);
		if (bytes.length >= 0xFF_FF_FF_FF) {
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
		const {length} = this.corpus.bytes;
		const projected = Math.ceil(count / Math.max(offset, 1) * length * 1.05) + 1024;
		return Math.max(projected, Math.ceil(count * 1.25) + 16);
	}

	/** Share of the file read so far, 0..1. */
	get progress(): number {
		return this.corpus.bytes.length === 0 ? 1 : this.position / this.corpus.bytes.length;
	}

	/**
	Indexes lines until about `budget` bytes have been read (or the end). Returns true when the
	whole file is indexed. Throws CorpusError for malformed input.
	*/
	step(budget = Number.POSITIVE_INFINITY): boolean {
		const {bytes, format} = this.corpus;
		const stop = Math.min(bytes.length, this.position + budget);
		const markers = format.layout === 'sentence-markers';
		let position = this.position;
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

		this.position = Math.min(position, bytes.length);
		if (this.position < bytes.length) {
			return false;
		}

		this.finish(markers);
		return true;
	}

	private readLine(start: number, end: number, markers: boolean) {
		const {bytes, format} = this.corpus;
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
		this.addToken(start, this.cell[2] === 1 ? tags.intern('O') : tags.internBytes(bytes, this.cell[0]!, this.cell[1]!));
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
