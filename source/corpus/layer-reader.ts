/**
Reads a TagLayer in slices, like the Indexer reads the corpus, so a second opinion on a large file
does not delay the first frame: from another tag column of the same file, or from a second file
whose tokens must be those of the corpus, line for line. A second file is indexed by its own
Indexer (all of the usual checks, its own format and scheme) and then aligned sentence by sentence
with the corpus: the first token that differs, or a sentence break that one file has and the other
has not, is one CorpusError naming the line in each file. Once aligned, only the other file's tag
ids and tag table are kept; its bytes are let go.
*/
import {contentEnd, findCell, lineEndAt, newline} from './cells.js';
import type {Corpus} from './corpus.js';
import {CorpusError} from './errors.js';
import {detectFormat, type FormatOverrides} from './format.js';
import type {Indexer} from './indexer.js';
import {TagLayer} from './layer.js';
import {cellSlots, classifyLine, lineKind} from './line-kind.js';
import {openIndexer} from './load.js';
import {prefixesOf, settleScheme, type SchemeName} from './scheme.js';
import {TagTable} from './tags.js';

export type LayerReader = {
	readonly layer: TagLayer;
	/** Share of the work done, 0..1. */
	readonly progress: number;
	/**
	Reads about `budget` more bytes and aligns what both sides have. True once the whole layer is
	read and aligned (which needs the corpus itself to be complete). Throws CorpusError.
	*/
	step(budget?: number): boolean;
};

/**
A second file with the same tokens as the corpus (`--compare OTHER`). `name` is how messages name
it; `overrides` are for its own format (its tag column and scheme are detected on their own).
*/
export function openCompareFile(corpus: Corpus, bytes: Buffer, name: string, overrides: FormatOverrides = {}): LayerReader {
	return new FileLayerReader(corpus, bytes, name, overrides);
}

/** Another tag column of the corpus's own file (0-based), such as a conlleval file's predictions or GermEval's nested layer. */
export function openTagColumn(corpus: Corpus, column: number, flag = '--compare-column'): LayerReader {
	if (column === corpus.format.tagColumn && corpus.format.misc === undefined) {
		throw new CorpusError(`column ${column + 1} is the tag column it is compared with: give another one (${flag})`);
	}

	return new ColumnLayerReader(corpus, column, flag);
}

/** Reads and aligns a whole layer at once (the headless `compare` command, tests). */
export function readLayer(reader: LayerReader): TagLayer {
	while (!reader.step()) {
		// The corpus must be complete: a reader waits for it only when the corpus is being indexed in slices.
		if (!reader.layer.corpus.complete) {
			throw new Error('readLayer needs a completely indexed corpus');
		}
	}

	return reader.layer;
}

/** The CorpusError of the other file, naming it. */
function inOtherFile(error: unknown, name: string): unknown {
	return error instanceof CorpusError && error.file === undefined ? new CorpusError(error.message, error.line, name) : error;
}

/**
The other file's indexer. A MISC key given for the corpus (`--misc-key`) is tried on the other file
too, which may well be a CoNLL-U file of the same kind; when that file has no such key (a
two-column export of the same tokens), it is read as detected.
*/
function openOther(bytes: Buffer, overrides: FormatOverrides): Indexer {
	try {
		return openIndexer(bytes, overrides);
	} catch (error) {
		if (!(error instanceof CorpusError) || overrides.miscKey === undefined) {
			throw error;
		}

		try {
			return openIndexer(bytes, {...overrides, miscKey: undefined});
		} catch {
			throw error;
		}
	}
}

class FileLayerReader implements LayerReader {
	readonly layer: TagLayer;
	/** Until the layer is complete: the other file's indexer, which holds its bytes. */
	private other: Indexer | undefined;
	/** Sentences checked token for token so far. */
	private aligned = 0;
	private readonly cellA = new Int32Array(cellSlots);
	private readonly cellB = new Int32Array(cellSlots);

	constructor(
		private readonly corpus: Corpus,
		bytes: Buffer,
		private readonly name: string,
		overrides: FormatOverrides,
	) {
		try {
			this.other = openOther(bytes, overrides);
		} catch (error) {
			throw inOtherFile(error, name);
		}

		const {format, tags} = this.other.corpus;
		this.layer = new TagLayer(corpus, tags, format.scheme, name, format.tagColumn);
	}

	get progress(): number {
		return this.other === undefined ? 1 : Math.min(this.other.progress, this.corpus.sentenceCount === 0 ? 0 : this.aligned / this.corpus.sentenceCount);
	}

	step(budget = Number.POSITIVE_INFINITY): boolean {
		const {other, layer} = this;
		if (other === undefined) {
			return true;
		}

		try {
			if (!other.corpus.complete) {
				other.step(budget);
			}
		} catch (error) {
			throw inOtherFile(error, this.name);
		}

		this.align(other.corpus);
		layer.tagIds = other.corpus.tagIds;
		layer.scheme = other.corpus.format.scheme;
		if (other.corpus.complete && this.corpus.complete) {
			if (other.corpus.sentenceCount !== this.corpus.sentenceCount || other.corpus.tokenCount !== this.corpus.tokenCount) {
				throw this.misalignment(other.corpus, this.aligned) ?? new Error('the files differ but no differing token was found');
			}

			layer.complete = true;
			// Keep the tag ids and the tag table; let the other file's bytes and sentence index go.
			this.other = undefined;
		}

		return layer.complete;
	}

	/** Checks the sentences both sides have indexed, token for token. */
	private align(other: Corpus): void {
		const {corpus} = this;
		const both = Math.min(corpus.sentenceCount, other.sentenceCount);
		while (this.aligned < both) {
			const sentence = this.aligned;
			if (corpus.sentenceLength(sentence) !== other.sentenceLength(sentence) || !this.sameTokens(other, sentence)) {
				const error = this.misalignment(other, sentence);
				if (error === undefined) {
					// The difference shows only past what both sides have indexed yet.
					return;
				}

				throw error;
			}

			this.aligned++;
			this.layer.tokenCount = corpus.sentenceStart[this.aligned]!;
		}
	}

	/** Whether the sentence's tokens are byte for byte the same in both files (their lengths are). */
	private sameTokens(other: Corpus, sentence: number): boolean {
		const {corpus, cellA, cellB} = this;
		let positionA = corpus.sentenceOffset[sentence]!;
		let positionB = other.sentenceOffset[sentence]!;
		for (let count = corpus.sentenceLength(sentence); count > 0; count--) {
			positionA = nextTokenCell(corpus, positionA, cellA);
			positionB = nextTokenCell(other, positionB, cellB);
			if (!equalRanges(corpus.bytes, cellA[0]!, cellA[1]!, other.bytes, cellB[0]!, cellB[1]!)) {
				return false;
			}
		}

		return true;
	}

	/**
	The first token from sentence `sentence` on where the files part: different text, or a sentence
	break in one only, or one file ending. Undefined while that place is not indexed on both sides.
	*/
	private misalignment(other: Corpus, sentence: number): CorpusError | undefined {
		const {corpus, name} = this;
		for (let token = corpus.sentenceStart[sentence]!; ; token++) {
			const inCorpus = token < closedTokens(corpus);
			const inOther = token < closedTokens(other);
			if ((!inCorpus && !corpus.complete) || (!inOther && !other.complete)) {
				return undefined;
			}

			if (!inCorpus && !inOther) {
				return undefined;
			}

			if (!inCorpus) {
				const last = corpus.tokenCount - 1;
				return new CorpusError(`the file ends after this line, but ${name}:${other.lineOf(token)} goes on with ${quote(other.tokenText(token))}`, last < 0 ? undefined : corpus.lineOf(last));
			}

			if (!inOther) {
				return new CorpusError(`${quote(corpus.tokenText(token))} is here, but ${name} ends after line ${other.tokenCount === 0 ? 0 : other.lineOf(other.tokenCount - 1)}`, corpus.lineOf(token));
			}

			const ours = corpus.tokenText(token);
			const theirs = other.tokenText(token);
			if (!sameBytes(corpus, other, token)) {
				return new CorpusError(`the tokens differ: ${quote(ours)} here, ${quote(theirs)} at ${name}:${other.lineOf(token)}`, corpus.lineOf(token));
			}

			const startsHere = startsSentence(corpus, token);
			const startsThere = startsSentence(other, token);
			if (startsHere !== startsThere) {
				const where = `${name}:${other.lineOf(token)}`;
				return new CorpusError(startsHere
					? `a sentence starts with ${quote(ours)} here, but ${where} goes on with the sentence before`
					: `${quote(ours)} goes on with the sentence here, but a sentence starts at ${where}`, corpus.lineOf(token));
			}
		}
	}
}

/** Tokens of the sentences indexed so far (those of a sentence still open are not placed yet). */
function closedTokens(corpus: Corpus): number {
	return corpus.complete ? corpus.tokenCount : corpus.sentenceStart[corpus.sentenceCount]!;
}

/** A plain loop: tokens are a few bytes, where Buffer.compare's call costs more than the comparison. */
function equalRanges(a: Uint8Array, startA: number, endA: number, b: Uint8Array, startB: number, endB: number): boolean {
	if (endA - startA !== endB - startB) {
		return false;
	}

	for (let i = 0; i < endA - startA; i++) {
		if (a[startA + i] !== b[startB + i]) {
			return false;
		}
	}

	return true;
}

function sameBytes(corpus: Corpus, other: Corpus, token: number): boolean {
	const [startA, endA] = corpus.tokenCellRange(token);
	const [startB, endB] = other.tokenCellRange(token);
	return corpus.bytes.compare(other.bytes, startB, endB, startA, endA) === 0;
}

function startsSentence(corpus: Corpus, token: number): boolean {
	return corpus.sentenceStart[corpus.sentenceOf(token)] === token;
}

function quote(text: string): string {
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
Finds the first token line at or after `position` in the corpus's bytes (as the indexer classifies
lines), writes its token cell into `cell` and returns where the next line starts.
*/
function nextTokenCell(corpus: Corpus, position: number, cell: Int32Array): number {
	const {bytes, format} = corpus;
	while (position < bytes.length) {
		const lineEnd = lineEndAt(bytes, position);
		const end = contentEnd(bytes, position, lineEnd);
		if (classifyLine(bytes, position, end, format, cell) === lineKind.token) {
			if (!findCell(bytes, position, end, format.tokenColumn, format.separator, cell)) {
				cell[0] = position;
				cell[1] = position;
			}

			return lineEnd + 1;
		}

		position = lineEnd + 1;
	}

	cell[0] = bytes.length;
	cell[1] = bytes.length;
	return position;
}

/** The column's scheme, guessed from the file's sample as for a tag column; a line without the column is reported by the reader, at its line. */
function columnScheme(corpus: Corpus, column: number): SchemeName {
	try {
		return detectFormat(corpus.bytes, {tagColumn: column + 1}).scheme;
	} catch (error) {
		if (error instanceof CorpusError) {
			return corpus.format.scheme;
		}

		throw error;
	}
}

class ColumnLayerReader implements LayerReader {
	readonly layer: TagLayer;
	private position: number;
	private line = 1;
	private readonly cell = new Int32Array(cellSlots);

	constructor(
		private readonly corpus: Corpus,
		private readonly column: number,
		private readonly flag: string,
	) {
		this.layer = new TagLayer(corpus, new TagTable(), columnScheme(corpus, column), `column ${column + 1}`, column);
		this.layer.tagIds = new Uint8Array(corpus.complete ? corpus.tokenCount : 16 * 1024);
		this.position = corpus.format.contentStart;
	}

	get progress(): number {
		return this.corpus.bytes.length === 0 ? 1 : this.position / this.corpus.bytes.length;
	}

	step(budget = Number.POSITIVE_INFINITY): boolean {
		const {corpus, layer, cell, column} = this;
		const {bytes, format} = corpus;
		const stop = Math.min(bytes.length, this.position + budget);
		let position = this.position;
		while (position < stop) {
			let lineEnd = bytes.indexOf(newline, position);
			if (lineEnd === -1) {
				lineEnd = bytes.length;
			}

			const end = contentEnd(bytes, position, lineEnd);
			if (classifyLine(bytes, position, end, format, cell) === lineKind.token) {
				if (!findCell(bytes, position, end, column, format.separator, cell)) {
					throw new CorpusError(`the token line has no column ${column + 1} (${this.flag})`, this.line);
				}

				this.push(layer.tags.internBytes(bytes, cell[0]!, cell[1]!), position);
			}

			position = lineEnd + 1;
			this.line++;
		}

		this.position = Math.min(position, bytes.length);
		if (this.position < bytes.length) {
			return false;
		}

		layer.scheme = settleScheme(layer.scheme, false, prefixesOf(layer.tags));

		layer.complete = true;
		return true;
	}

	private push(tagId: number, offset: number): void {
		const {layer} = this;
		if (layer.tokenCount === layer.tagIds.length || (tagId > 0xFF && layer.tagIds instanceof Uint8Array)) {
			const projected = Math.ceil(layer.tokenCount / Math.max(offset, 1) * this.corpus.bytes.length * 1.05) + 1024;
			const length = Math.max(projected, layer.tagIds.length);
			const grown = layer.tagIds instanceof Uint8Array && tagId <= 0xFF ? new Uint8Array(length) : new Uint16Array(length);
			grown.set(layer.tagIds);
			layer.tagIds = grown;
		}

		layer.tagIds[layer.tokenCount++] = tagId;
	}
}
