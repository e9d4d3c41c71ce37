/**
Builds a Corpus's columnar index from its bytes in one pass over the lines. It can run all at
once or in slices (`step`), so a huge file shows its first sentence while the rest is indexed.
*/
import {contentEnd, findCell, isBlank, newline} from './cells.js';
import {Corpus} from './corpus.js';
import {CorpusError} from './errors.js';
import {detectFormat, type Format, type FormatOverrides} from './format.js';
import {looksLikeTag} from './tags.js';

const hash = 0x23;
const lessThan = 0x3C;
const slash = 0x2F;
const greaterThan = 0x3E;
const letterS = 0x73;
const docstart = Buffer.from('-DOCSTART-');

export class Indexer {
	readonly corpus: Corpus;
	private position: number;
	private line = 1;
	/** A sentence has tokens and is not yet closed. */
	private sentenceOpen = false;
	/** Sentence-markers layout: inside `<s>` ... `</s>`, opened at `markerLine`. */
	private insideMarkers = false;
	private markerLine = 0;
	private readonly cell = new Int32Array(2);

	constructor(bytes: Buffer, format: Format) {
		this.corpus = new Corpus(bytes, format);
		this.position = format.contentStart;
		// Size the arrays from the sample's density so that growing is rare.
		const estimate = Math.max(1024, Math.ceil(bytes.length / 8));
		this.corpus.tokenLineStart = new Uint32Array(estimate);
		this.corpus.tagIds = new Uint16Array(estimate);
		if (bytes.length >= 0xFF_FF_FF_FF) {
			throw new CorpusError('files of 4 GiB or more are not supported');
		}
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
		const {bytes} = this.corpus;
		const first = bytes[start];
		if (first === undefined || start === end || isBlank(bytes, start, end)) {
			if (!markers) {
				this.closeSentence();
			}

			return;
		}

		if (first === lessThan && markers) {
			const length = end - start;
			if (length === 3 && bytes[start + 1] === letterS && bytes[start + 2] === greaterThan) {
				if (this.insideMarkers) {
					throw new CorpusError(`<s> inside the sentence opened at line ${this.markerLine} (missing </s>)`, this.line);
				}

				this.insideMarkers = true;
				this.markerLine = this.line;
				return;
			}

			if (length === 4 && bytes[start + 1] === slash && bytes[start + 2] === letterS && bytes[start + 3] === greaterThan) {
				if (!this.insideMarkers) {
					throw new CorpusError('</s> without a matching <s>', this.line);
				}

				this.closeSentence();
				this.insideMarkers = false;
				return;
			}
		}

		if (first === 0x2D && end - start >= docstart.length && bytes.compare(docstart, 0, docstart.length, start, start + docstart.length) === 0) {
			this.closeSentence();
			return;
		}

		const {format} = this.corpus;
		const hasTagCell = findCell(bytes, start, end, format.tagColumn, format.separator, this.cell);
		if (first === hash && (!hasTagCell || !looksLikeTag(bytes.toString('utf8', this.cell[0], this.cell[1])))) {
			// A comment (`# sent_id = 1`): kept verbatim in the bytes, and it ends a blank-line sentence.
			if (!markers) {
				this.closeSentence();
			}

			return;
		}

		if (!hasTagCell) {
			throw new CorpusError(`the token line has no tag in column ${format.tagColumn + 1}`, this.line);
		}

		if (markers && !this.insideMarkers) {
			throw new CorpusError('a token line outside <s> ... </s>', this.line);
		}

		this.addToken(start, this.corpus.tags.internBytes(bytes, this.cell[0]!, this.cell[1]!));
	}

	private addToken(lineStart: number, tagId: number) {
		const corpus = this.corpus;
		if (corpus.tokenCount === corpus.tokenLineStart.length) {
			const grown = new Uint32Array(corpus.tokenLineStart.length * 2);
			grown.set(corpus.tokenLineStart);
			corpus.tokenLineStart = grown;
			const grownTags = new Uint16Array(grown.length);
			grownTags.set(corpus.tagIds);
			corpus.tagIds = grownTags;
		}

		if (!this.sentenceOpen) {
			this.openSentence();
		}

		corpus.tokenLineStart[corpus.tokenCount] = lineStart;
		corpus.tagIds[corpus.tokenCount] = tagId;
		corpus.tokenCount++;
	}

	/** Records the sentence that begins at the next token. */
	private openSentence() {
		const corpus = this.corpus;
		if (corpus.sentenceCount + 1 >= corpus.sentenceStart.length) {
			const grown = new Uint32Array(corpus.sentenceStart.length * 2);
			grown.set(corpus.sentenceStart);
			corpus.sentenceStart = grown;
			const grownLines = new Uint32Array(grown.length);
			grownLines.set(corpus.sentenceLine);
			corpus.sentenceLine = grownLines;
		}

		corpus.sentenceStart[corpus.sentenceCount] = corpus.tokenCount;
		corpus.sentenceLine[corpus.sentenceCount] = this.line;
		this.sentenceOpen = true;
	}

	private closeSentence() {
		const corpus = this.corpus;
		if (this.sentenceOpen) {
			corpus.sentenceCount++;
			corpus.sentenceStart[corpus.sentenceCount] = corpus.tokenCount;
			this.sentenceOpen = false;
		}
	}

	private finish(markers: boolean) {
		if (markers && this.insideMarkers) {
			throw new CorpusError('<s> is never closed by </s>', this.markerLine);
		}

		this.closeSentence();
		const corpus = this.corpus;
		corpus.sentenceStart[corpus.sentenceCount] = corpus.tokenCount;
		corpus.complete = true;
	}
}

/** Detects the format and indexes the whole file at once. */
export function indexCorpus(bytes: Buffer, overrides: FormatOverrides = {}): Corpus {
	const indexer = new Indexer(bytes, detectFormat(bytes, overrides));
	indexer.step();
	return indexer.corpus;
}
