/**
The problems of the corpus as compact records, five numbers each, in file order (token, then
kind): which token, which sentence, the kind with the string it concerns, how many tokens the
place spans (its mention, or the unlabelled occurrence matched), and the file line of the token
when whoever found it had read it (0 otherwise: read from the file when the problem is made).
Messages are made only when a problem is shown, from the counts as they are then, so a change of
counts never rewrites records: only a change of WHICH places are problems does. Tokens and lines
never change, and an edit's sentences get new records, so a line and a length stay true.
*/
import {firstAtOrAfter} from '../corpus/index.js';
import {grown} from './typed-array.js';

export const kindCode = {'invalid-tag': 0, 'inconsistent-type': 1, 'unlabelled-mention': 2} as const;
export type KindCode = 0 | 1 | 2;

/** A growable list of records (appended in any order; `sort` puts them in file order). */
export class RecordList {
	length = 0;
	tokens = new Uint32Array(256);
	sentences = new Uint32Array(256);
	/** `kind | string << 2`; the string is 0 for invalid tags. */
	codes = new Int32Array(256);
	/** 1-based file line of the token, 0 when the pass did not know it. */
	lines = new Uint32Array(256);
	/** Tokens the place spans (an unlabelled occurrence's or a mention's); 0 for an invalid tag. */
	lengths = new Uint32Array(256);

	push(token: number, sentence: number, kind: KindCode, string: number, line = 0, length = 0): void {
		if (this.length === this.tokens.length) {
			this.resize(this.length * 2);
		}

		this.tokens[this.length] = token;
		this.sentences[this.length] = sentence;
		this.codes[this.length] = kind | (string << 2);
		this.lines[this.length] = line;
		this.lengths[this.length] = length;
		this.length++;
	}

	/**
	Room for one more, when full: first by dropping the records `keep` refuses (in place, in order),
	then by growing when that left it more than half full (so each drop is paid for by as many pushes).
	*/
	makeRoom(keep: (index: number) => boolean): void {
		const capacity = this.tokens.length;
		if (this.length < capacity) {
			return;
		}

		// Moved down in place: a record is written at or before where it was read, after `keep` read it.
		const count = this.length;
		this.length = 0;
		for (let index = 0; index < count; index++) {
			if (keep(index)) {
				this.copy(this, index);
			}
		}

		if (this.length > capacity / 2) {
			this.resize(capacity * 2);
		}
	}

	kind(index: number): KindCode {
		return (this.codes[index]! & 3) as KindCode;
	}

	string(index: number): number {
		return this.codes[index]! >> 2;
	}

	/** Whether the records are in file order (token, then kind). */
	isSorted(): boolean {
		for (let i = 1; i < this.length; i++) {
			if (compare(this, i - 1, this, i) > 0) {
				return false;
			}
		}

		return true;
	}

	/** Puts the records in file order (stable for equal token and kind). */
	sort(): void {
		if (this.isSorted()) {
			return;
		}

		const order = Array.from({length: this.length}, (_, i) => i).sort((a, b) => compare(this, a, this, b) || a - b);
		for (const column of [this.tokens, this.sentences, this.codes, this.lines, this.lengths]) {
			const copy = column.slice(0, this.length);
			for (const [to, from] of order.entries()) {
				column[to] = copy[from]!;
			}
		}
	}

	/** The records kept by `keep`, merged in file order with `added` (sorted); `size`, when known, is how many that makes. */
	merged(keep: (index: number) => boolean, added: RecordList, size = this.length + added.length): RecordList {
		const result = new RecordList();
		result.resize(Math.max(256, size));
		let a = 0;
		let b = 0;
		while (a < this.length || b < added.length) {
			if (a < this.length && !keep(a)) {
				a++;
				continue;
			}

			if (b >= added.length || (a < this.length && compare(this, a, added, b) <= 0)) {
				result.copy(this, a++);
			} else {
				result.copy(added, b++);
			}
		}

		return result;
	}

	/** Appends record `index` of `from` (room known to be there). */
	private copy(from: RecordList, index: number) {
		this.tokens[this.length] = from.tokens[index]!;
		this.sentences[this.length] = from.sentences[index]!;
		this.codes[this.length] = from.codes[index]!;
		this.lines[this.length] = from.lines[index]!;
		this.lengths[this.length] = from.lengths[index]!;
		this.length++;
	}

	/** Index of the first record at or after token `token`. */
	firstAtOrAfter(token: number): number {
		return firstAtOrAfter(this.tokens, this.length, token);
	}

	/** Index of the first record of a sentence at or after `sentence`. */
	firstOfSentence(sentence: number): number {
		return firstAtOrAfter(this.sentences, this.length, sentence);
	}

	get byteSize(): number {
		return this.tokens.byteLength * 5;
	}

	resize(size: number): void {
		const kept = Math.min(this.length, size);
		this.tokens = grown(this.tokens, size, kept);
		this.sentences = grown(this.sentences, size, kept);
		this.codes = grown(this.codes, size, kept);
		this.lines = grown(this.lines, size, kept);
		this.lengths = grown(this.lengths, size, kept);
	}
}

function compare(a: RecordList, i: number, b: RecordList, j: number): number {
	return a.tokens[i]! - b.tokens[j]! || (a.codes[i]! & 3) - (b.codes[j]! & 3);
}
