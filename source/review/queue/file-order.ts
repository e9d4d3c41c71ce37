/**
The queue in file order, for `#` on the screen: the same entries `e` walks most suspicious first,
sorted by their place in the file, so that switching the order never changes what is walked (file
order once walked the checks' problems alone, and skipped every doubt of the tagger). Made on first
use, once per ranking: most reviewers never press `#`.
*/
import {firstAtOrAfter} from '../../corpus/index.js';
import type {RankedQueue} from './ranked-queue.js';

export class FileOrder {
	/** The queue's indexes (its own, rank order) by place in the file. */
	private readonly indexes: Uint32Array;
	/** For each index of the queue, its place in file order. */
	private readonly places: Uint32Array;
	/** The first token (absolute) of each place's entry, non-decreasing: a cursor's place is found by bisection. */
	private readonly tokens: Uint32Array;

	constructor(queue: RankedQueue) {
		const {columns, rows} = queue;
		// Each entry's place (its first token, then invalid tags first: as `rowsByPosition` orders) and
		// its index packed in one number, sorted natively: a sort with a comparison function took 20 to
		// 30 ms for the 19,000 entries of a 2M-token file. Equal places keep rank order.
		// Exact below 2^53: 150,000 entries (a 10M-token file's checks and the tagger's 50,000) leave room for 2^34 tokens.
		const indexRange = 2 ** Math.ceil(Math.log2(rows.length + 1));
		const packed = new Float64Array(rows.length);
		for (let index = 0; index < rows.length; index++) {
			const row = rows[index]!;
			packed[index] = (((columns.token[row]! * 2) + (columns.isInvalidTag(row) ? 0 : 1)) * indexRange) + index;
		}

		packed.sort();
		this.indexes = new Uint32Array(rows.length);
		this.places = new Uint32Array(rows.length);
		this.tokens = new Uint32Array(rows.length);
		for (let place = 0; place < rows.length; place++) {
			const index = packed[place]! % indexRange;
			this.indexes[place] = index;
			this.places[index] = place;
			this.tokens[place] = columns.token[rows[index]!]!;
		}
	}

	get length(): number {
		return this.indexes.length;
	}

	/** The queue index at `place` of file order. */
	indexAt(place: number): number {
		return this.indexes[place]!;
	}

	/** The place in file order of the queue's entry `index`. */
	placeOf(index: number): number {
		return this.places[index]!;
	}

	/**
	The first place whose entry starts after `token` (absolute), or with `direction` -1 the last
	place whose entry starts before it: where a walk from a cursor on `token` begins. May be -1 or
	`length` (nothing that way).
	*/
	firstFrom(token: number, direction: 1 | -1): number {
		const {tokens} = this;
		return direction > 0 ? firstAtOrAfter(tokens, tokens.length, token + 1) : firstAtOrAfter(tokens, tokens.length, token) - 1;
	}
}
