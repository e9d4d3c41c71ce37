/**
The token cells of one sentence as byte ranges with a hash each, read from the corpus bytes the
way `Corpus.sentenceTexts` reads them but without making a string per token: the whole-corpus
analysis and the search compare tokens in place. Strings are compared by their TEXT, as the
screen shows them: a token whose bytes are not valid UTF-8 is read as the bytes of its decoded
text (each invalid sequence becomes U+FFFD), so two byte strings that decode alike compare equal.

The hash (text-hash.ts) is polynomial, so a mention's hash is combined from its tokens' hashes.
*/
import {isPlainLineStart, type CorpusLines} from '../corpus/index.js';
import {emptyHash, hashBytes, joinHash, nextHash, shiftOf} from './text-hash.js';
import {isWellFormedUtf8} from './utf8.js';

export {emptyHash, hashBytes, joinHash, shiftOf} from './text-hash.js';
export {isWellFormedUtf8} from './utf8.js';

const space = 0x20;

/** Scratch space for one sentence's token cells, reused from sentence to sentence. */
export class TokenCells {
	/** Tokens read. */
	count = 0;
	/** Byte range of each token's cell in `corpus.bytes` (or in its repaired bytes). */
	starts = new Int32Array(64);
	ends = new Int32Array(64);
	/** Hash of each token's text bytes. */
	hashes = new Int32Array(64);
	/** Line of each token, counted from the sentence's first line (0). */
	lines = new Int32Array(64);
	/**
	Tokens whose bytes are not valid UTF-8, with the bytes of their decoded text. Rare (a few
	tokens of the Weibo files): everything that compares bytes asks `bytesOf` only when non-empty.
	*/
	readonly repaired = new Map<number, Buffer>();
	private readonly range = new Int32Array(2);
	private readonly cell = new Int32Array(2);

	/**
	Where the cells are read: the corpus, or (the index worker's first pass) the window of the file
	it holds, through the same index (`CorpusLines.over`), read with offsets in that window.
	*/
	corpus: CorpusLines;

	constructor(corpus: CorpusLines) {
		this.corpus = corpus;
	}

	/**
	Reads the first `limit` tokens of `sentence` (all of them by default). A line starting with a
	plain byte whose token is in the first column (nearly every line of every corpus) is read in one
	loop that finds the cell's end and hashes it; the rest of the line is skipped by a native search.
	*/
	read(sentence: number, limit = Number.POSITIVE_INFINITY): void {
		const {corpus, cell} = this;
		const {bytes, format} = corpus;
		const wanted = Math.min(corpus.sentenceLength(sentence), limit);
		if (wanted > this.starts.length) {
			this.grow(wanted);
		}

		if (this.repaired.size > 0) {
			this.repaired.clear();
		}

		const {lines} = this;
		const {length} = bytes;
		const fast = format.tokenColumn === 0;
		const tab = format.separator === 'tab';
		let found = 0;
		let position = corpus.sentenceOffset[sentence]!;
		for (let line = 0; found < wanted && position < length; line++) {
			lines[found] = line;
			if (fast && isPlainLineStart(bytes[position]!)) {
				let i = this.readFirstCell(found, position, tab);
				if (i !== -1) {
					found++;
					// The rest of the line (the tag, other columns) is short: a loop is faster than a native call.
					while (i < length && bytes[i] !== 0x0A) {
						i++;
					}

					position = i + 1;
					continue;
				}
			}

			const lineEnd = corpus.lineTokenCell(position, cell);
			if (cell[0]! >= 0) {
				this.setCell(found, cell[0]!, cell[1]!);
				found++;
			}

			position = lineEnd + 1;
		}

		this.count = found;
	}

	/**
	Reads the tokens of a sentence for which `select` is 0 (the tokens of its entities, when it is
	the spans' `outside`), from the offsets of its token lines as the indexer gives them, without
	walking the lines between: for a pass that rides on the indexing. Only those may be compared.
	*/
	readAt(lineStarts: Int32Array, count: number, select: Uint8Array): void {
		if (count > this.starts.length) {
			this.grow(count);
		}

		if (this.repaired.size > 0) {
			this.repaired.clear();
		}

		const {corpus, cell} = this;
		const {bytes, format} = corpus;
		const fast = format.tokenColumn === 0;
		const tab = format.separator === 'tab';
		for (let token = 0; token < count; token++) {
			if (select[token] !== 0) {
				continue;
			}

			const position = lineStarts[token]!;
			if (fast && isPlainLineStart(bytes[position]!) && this.readFirstCell(token, position, tab) !== -1) {
				continue;
			}

			corpus.lineTokenCell(position, cell);
			this.setCell(token, cell[0]!, cell[1]!);
		}

		this.count = count;
	}

	/**
	The fast read of a line that starts with a plain byte and holds its token in the first column:
	one loop finds the cell's end and hashes it. Sets token `index` and returns the cell's end, or -1
	when the line holds nothing after its token (then it is read the slow way).
	*/
	private readFirstCell(index: number, position: number, tab: boolean): number {
		const {bytes} = this.corpus;
		const {length} = bytes;
		let hash = emptyHash;
		let high = 0;
		let i = position;
		for (; i < length; i++) {
			const byte = bytes[i]!;
			if (byte === 0x09 || byte === 0x0A || (byte === space && !tab)) {
				break;
			}

			hash = nextHash(hash, byte);
			high |= byte;
		}

		if (i >= length || bytes[i] === 0x0A) {
			return -1;
		}

		this.starts[index] = position;
		this.ends[index] = i;
		this.hashes[index] = hash;
		if (tab && bytes[i - 1] === space) {
			// A tab-separated cell is trimmed of trailing spaces: hash it again without them.
			this.setCell(index, position, trimEnd(bytes, position, i));
		} else if (high >= 0x80) {
			this.checkUtf8(index);
		}

		return i;
	}

	/** Sets token `index`'s cell and hashes it. */
	private setCell(index: number, start: number, end: number) {
		this.starts[index] = start;
		this.ends[index] = end;
		this.hashes[index] = hashBytes(this.corpus.bytes, start, end);
		this.checkUtf8(index);
	}

	/** Reads a token that is not valid UTF-8 as the bytes of its decoded text. */
	private checkUtf8(index: number) {
		const {bytes} = this.corpus;
		const start = this.starts[index]!;
		const end = this.ends[index]!;
		if (!isWellFormedUtf8(bytes, start, end)) {
			const text = Buffer.from(bytes.toString('utf8', start, end));
			this.repaired.set(index, text);
			this.hashes[index] = hashBytes(text, 0, text.length);
		}
	}

	/** The bytes holding token `index`'s text, and its range in them. */
	bytesOf(index: number, range: Int32Array): Uint8Array {
		const repaired = this.repaired.size === 0 ? undefined : this.repaired.get(index);
		if (repaired !== undefined) {
			range[0] = 0;
			range[1] = repaired.length;
			return repaired;
		}

		range[0] = this.starts[index]!;
		range[1] = this.ends[index]!;
		return this.corpus.bytes;
	}

	/** Byte length of token `index`'s text. */
	lengthOf(index: number): number {
		const repaired = this.repaired.size === 0 ? undefined : this.repaired.get(index);
		return repaired === undefined ? this.ends[index]! - this.starts[index]! : repaired.length;
	}

	/** The hash of tokens `[start, end)` joined by single spaces. */
	joinedHash(start: number, end: number): number {
		let hash = this.hashes[start]!;
		for (let i = start + 1; i < end; i++) {
			hash = this.joinNext(hash, i);
		}

		return hash;
	}

	/** The hash of a run's text `hash` followed by a space and token `index`. */
	joinNext(hash: number, index: number): number {
		return joinHash(hash, this.hashes[index]!, shiftOf(this.lengthOf(index)));
	}

	/** Whether tokens `[start, end)` joined by single spaces are exactly `target[from, to)`. */
	joinedEquals(start: number, end: number, target: Uint8Array, from: number, to: number): boolean {
		if (end === start + 1 && this.repaired.size === 0) {
			// One token, as most strings are: its bytes against the target's, with no detour.
			const cellStart = this.starts[start]!;
			if (this.ends[start]! - cellStart !== to - from) {
				return false;
			}

			const {bytes} = this.corpus;
			for (let i = from; i < to; i++) {
				if (bytes[cellStart + i - from] !== target[i]) {
					return false;
				}
			}

			return true;
		}

		return this.spell(start, end, undefined, target, from, to) === end;
	}

	/**
	Where a run of tokens from `start` that spells `target[from, to)` (tokens joined by single
	spaces) ends, reading only tokens for which `outside` is 1; -1 when none does. The byte form of
	`matchEnd` of the implementation before issue 17 (test/reference): tokens are compared whole, so a run
	never ends inside one.
	*/
	matchFrom(start: number, outside: Uint8Array, target: Uint8Array, from: number, to: number): number {
		return this.spell(start, this.count, outside, target, from, to);
	}

	/** The end of the run of tokens from `start` (before `limit`, each with `outside` 1 if given) that spells the target; -1 if none. */
	private spell(start: number, limit: number, outside: Uint8Array | undefined, target: Uint8Array, from: number, to: number): number {
		let offset = from;
		const {range} = this;
		for (let i = start; i < limit && (outside === undefined || outside[i] === 1); i++) {
			if (i > start) {
				if (offset >= to || target[offset] !== space) {
					return -1;
				}

				offset++;
			}

			const bytes = this.bytesOf(i, range);
			const cellStart = range[0]!;
			const cellEnd = range[1]!;
			if (offset + cellEnd - cellStart > to) {
				return -1;
			}

			for (let k = cellStart; k < cellEnd; k++) {
				if (bytes[k] !== target[offset++]) {
					return -1;
				}
			}

			if (offset === to) {
				return i + 1;
			}
		}

		return -1;
	}

	/** Token `index`'s text, decoded. */
	text(index: number): string {
		const bytes = this.bytesOf(index, this.range);
		return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', this.range[0], this.range[1]);
	}

	private grow(count: number) {
		const size = Math.max(count, this.starts.length * 2);
		this.starts = new Int32Array(size);
		this.ends = new Int32Array(size);
		this.hashes = new Int32Array(size);
		this.lines = new Int32Array(size);
	}
}

function trimEnd(bytes: Uint8Array, start: number, end: number): number {
	while (end > start && bytes[end - 1] === space) {
		end--;
	}

	return end;
}
