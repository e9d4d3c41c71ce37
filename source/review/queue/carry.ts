/**
A queue ranked again after edits (the problems an edit made join it, those it settled leave), and
the reviewer's place in it carried over: `e` goes on from where it was, not from the top again.
*/
import type {RankedQueue} from './ranked-queue.js';

/** Entries between two steps: about 1 ms. */
const stepEntries = 4096;

/** Where each entry of the previous ranking is in the new one (-1: gone), and which entries of the new one are new. */
export type CarriedQueue = {readonly from: Int32Array; readonly fresh: Uint8Array};

/** In steps (a 10M-token corpus's queue has 100,000 entries): it runs between the frames of the screen. */
export function * carryQueue(previous: RankedQueue, next: RankedQueue): Generator<void, CarriedQueue> {
	const {rows} = next;
	// An entry is the same problem when it is of the same kind over the same tokens: one number (exact
	// for files of up to 2^33 tokens), not a string (20 ms for 9,000 entries, 4 ms so).
	const key = ({columns}: RankedQueue, row: number) => (((columns.token[row]! * 0x2_00_00) + Math.min(columns.end[row]! - columns.token[row]!, 0x1_FF_FF)) * 8) + columns.kind[row]!;

	const places = new Map<number, number>();
	for (let index = 0; index < rows.length; index++) {
		places.set(key(next, rows[index]!), index);
		if (index % stepEntries === stepEntries - 1) {
			yield;
		}
	}

	const from = new Int32Array(previous.rows.length).fill(-1);
	const fresh = new Uint8Array(rows.length).fill(1);
	for (let index = 0; index < previous.rows.length; index++) {
		const place = places.get(key(previous, previous.rows[index]!));
		if (place !== undefined) {
			from[index] = place;
			fresh[place] = 0;
		}

		if (index % stepEntries === stepEntries - 1) {
			yield;
		}
	}

	return {from, fresh};
}

/**
The place `e` went to last, in the new ranking: the same entry where it is still there, else the last
one before it that is (so that `e` goes on to what came after it); -1 when none is.
*/
export function carriedPosition(carried: CarriedQueue, position: number): number {
	for (let index = Math.min(position, carried.from.length - 1); index >= 0; index--) {
		if (carried.from[index]! >= 0) {
			return carried.from[index]!;
		}
	}

	return -1;
}

/**
How many entries of the new ranking rank at or above `position` (the carried place) that `e` had
not reached at `previousPosition` of the previous ranking: new ones (an edit made them) and those
an edit moved up from below the place (fixing one mention of a string makes its other mentions more
suspicious). `e` does not reach them from there.
*/
export function unreachedAbove(carried: CarriedQueue, previousPosition: number, position: number): number {
	let count = 0;
	for (let index = 0; index <= position && index < carried.fresh.length; index++) {
		count += carried.fresh[index]!;
	}

	for (let index = Math.max(0, previousPosition + 1); index < carried.from.length; index++) {
		const place = carried.from[index]!;
		count += place >= 0 && place <= position ? 1 : 0;
	}

	return count;
}
