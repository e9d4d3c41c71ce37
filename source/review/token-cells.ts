/**
The token cells of one sentence as byte ranges with a hash each, read from the corpus bytes the
way `Corpus.sentenceTexts` reads them but without making a string per token: the whole-corpus
analysis and the search compare tokens in place. Strings are compared by their TEXT, as the
screen shows them: a token whose bytes are not valid UTF-8 is read as the bytes of its decoded
text (each invalid sequence becomes U+FFFD), so two byte strings that decode alike compare equal.

The hash is polynomial, so the hash of tokens joined by single spaces (a mention's text) is
combined from the tokens' own hashes in constant time (`joinHash`); a token holding a space
(WikiSER's `Windows 95`) hashes like the two tokens `Windows` `95` joined.
*/
import {isPlainLineStart, type Corpus} from '../corpus/index.js';

/** The hash of the empty byte string. */
export const emptyHash = 0;
const base = 0x01_00_01_93;
const space = 0x20;

/** The hash of `bytes[start, end)`. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = emptyHash;
	for (let i = start; i < end; i++) {
		hash = (Math.imul(hash, base) + bytes[i]!) | 0;
	}

	return hash;
}

/** `base` to the powers 0 to 63. */
const shifts = new Int32Array(64);
shifts[0] = 1;
for (let i = 1; i < shifts.length; i++) {
	shifts[i] = Math.imul(shifts[i - 1]!, base);
}

/** `base` to the power `length`, the factor a hash is shifted by when `length` bytes follow it. */
export function shiftOf(length: number): number {
	if (length < shifts.length) {
		return shifts[length]!;
	}

	let shift = shifts[shifts.length - 1]!;
	for (let i = shifts.length - 1; i < length; i++) {
		shift = Math.imul(shift, base);
	}

	return shift;
}

/** The hash of `left + ' ' + right`, from both hashes and the shift of `right` (`shiftOf(its length)`). */
export function joinHash(left: number, right: number, rightShift: number): number {
	return (Math.imul((Math.imul(left, base) + space) | 0, rightShift) + right) | 0;
}

/**
Whether `bytes[start, end)` is well-formed UTF-8 (what `Buffer.toString('utf8')` decodes without
a replacement character). Only called for cells holding a byte above 0x7F.
*/
export function isWellFormedUtf8(bytes: Uint8Array, start: number, end: number): boolean {
	let i = start;
	while (i < end) {
		const byte = bytes[i]!;
		if (byte < 0x80) {
			i++;
			continue;
		}

		let needed: number;
		let low = 0x80;
		let high = 0xBF;
		if (byte >= 0xC2 && byte <= 0xDF) {
			needed = 1;
		} else if (byte >= 0xE0 && byte <= 0xEF) {
			needed = 2;
			if (byte === 0xE0) {
				low = 0xA0;
			} else if (byte === 0xED) {
				high = 0x9F;
			}
		} else if (byte >= 0xF0 && byte <= 0xF4) {
			needed = 3;
			if (byte === 0xF0) {
				low = 0x90;
			} else if (byte === 0xF4) {
				high = 0x8F;
			}
		} else {
			return false;
		}

		if (i + needed >= end) {
			return false;
		}

		const second = bytes[i + 1]!;
		if (second < low || second > high) {
			return false;
		}

		for (let k = 2; k <= needed; k++) {
			const next = bytes[i + k]!;
			if (next < 0x80 || next > 0xBF) {
				return false;
			}
		}

		i += needed + 1;
	}

	return true;
}

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

	constructor(private readonly corpus: Corpus) {}

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

		const {starts, ends, hashes, lines} = this;
		const {length} = bytes;
		const fast = format.tokenColumn === 0;
		const tab = format.separator === 'tab';
		let found = 0;
		let position = corpus.sentenceOffset[sentence]!;
		for (let line = 0; found < wanted && position < length; line++) {
			lines[found] = line;
			if (fast && isPlainLineStart(bytes[position]!)) {
				let hash = emptyHash;
				let high = 0;
				let i = position;
				for (; i < length; i++) {
					const byte = bytes[i]!;
					if (byte === 0x09 || byte === 0x0A || (byte === space && !tab)) {
						break;
					}

					hash = (Math.imul(hash, base) + byte) | 0;
					high |= byte;
				}

				if (i < length && bytes[i] !== 0x0A) {
					starts[found] = position;
					ends[found] = i;
					hashes[found] = hash;
					if (tab && bytes[i - 1] === space) {
						// A tab-separated cell is trimmed of trailing spaces: hash it again without them.
						this.setCell(found, position, trimEnd(bytes, position, i));
					} else if (high >= 0x80) {
						this.checkUtf8(found);
					}

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

		const {corpus, cell, starts, ends, hashes} = this;
		const {bytes, format} = corpus;
		const {length} = bytes;
		const fast = format.tokenColumn === 0;
		const tab = format.separator === 'tab';
		for (let token = 0; token < count; token++) {
			if (select[token] !== 0) {
				continue;
			}

			const position = lineStarts[token]!;
			if (fast && isPlainLineStart(bytes[position]!)) {
				let hash = emptyHash;
				let high = 0;
				let i = position;
				for (; i < length; i++) {
					const byte = bytes[i]!;
					if (byte === 0x09 || byte === 0x0A || (byte === space && !tab)) {
						break;
					}

					hash = (Math.imul(hash, base) + byte) | 0;
					high |= byte;
				}

				if (i < length && bytes[i] !== 0x0A) {
					starts[token] = position;
					ends[token] = i;
					hashes[token] = hash;
					if (tab && bytes[i - 1] === space) {
						this.setCell(token, position, trimEnd(bytes, position, i));
					} else if (high >= 0x80) {
						this.checkUtf8(token);
					}

					continue;
				}
			}

			corpus.lineTokenCell(position, cell);
			this.setCell(token, cell[0]!, cell[1]!);
		}

		this.count = count;
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
