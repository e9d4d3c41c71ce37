/**
The index worker's part of a file as the windows it is sent (parallel-index.ts for the screen,
pumped-index.ts for `check` and `stats`): copies of a few MB that end at line ends, one at a
time, never a second copy of the file. When the worker reads the part's mentions too
(part-first-pass.ts), they end at sentence starts, so that no sentence is cut.

Each window is copied into a slot of shared memory, and the worker copies it out before it reads
it: the same few slots are filled again as the worker reads them. Not moved to the worker
(transferred): once a thread has moved one buffer away, V8 can no longer assume that no typed
array's memory goes away under it, and every loop over typed arrays in that thread runs with
checks it could drop before. The analysis of the 10M seed file ran 10 to 25% slower after a single
transfer; the screen's thread and `check`'s, which send the windows, run the whole analysis after.
And a buffer of its own for each window, dropped in the worker, waited for the worker's garbage
collection, which external memory starts only some 64 MB on: 47 MB of the screen's peak at 10M
tokens.
*/
import {type Format, partStart, windowEnd} from '../corpus/index.js';

/**
A window ends at a sentence start when the worker reads the part's mentions, unless no sentence
starts within this many windows' bytes: then at a line end, and the other thread reads them.
*/
const longestWindows = 4;

export class PartWindows {
	/** The next byte to send. */
	private sent: number;
	/** Slots the worker has read, to copy the next windows into. */
	private readonly free: SharedArrayBuffer[] = [];
	/** Slots sent, oldest first: the worker reads them in that order. */
	private readonly sentSlots: SharedArrayBuffer[] = [];

	/** The part of `bytes` from `start` (a sentence boundary) to the end, in windows of about `size` bytes. */
	constructor(
		private readonly bytes: Buffer,
		private readonly format: Format,
		start: number,
		private readonly size: number,
		private readonly firstPass: boolean,
	) {
		this.sent = start;
	}

	/** A copy of the next window, in a slot of shared memory, and where it ends in the file; undefined once all are sent. */
	next(): {readonly window: Uint8Array<SharedArrayBuffer>; readonly end: number} | undefined {
		const {bytes, sent} = this;
		if (sent >= bytes.length) {
			return undefined;
		}

		const end = this.endFrom(sent);
		const length = end - sent;
		let slot = this.free.pop();
		if (slot === undefined || slot.byteLength < length) {
			// Room for the line or the sentence a window ends with, so that the next windows fit in it too.
			slot = new SharedArrayBuffer(Math.max(length, this.size + (this.size >> 4)));
		}

		const window = new Uint8Array(slot, 0, length);
		window.set(bytes.subarray(sent, end));
		this.sentSlots.push(slot);
		this.sent = end;
		return {window, end};
	}

	/** The worker has read the oldest window sent: its slot is filled again. */
	read(): void {
		const slot = this.sentSlots.shift();
		if (slot !== undefined) {
			this.free.push(slot);
		}
	}

	/** Where the window from `from` ends: at the end of a line at least `size` bytes on, or at a sentence start (see `longestWindows`). */
	private endFrom(from: number): number {
		const {bytes, size} = this;
		if (this.firstPass && from + size < bytes.length) {
			const sentence = partStart(bytes, this.format, from + size);
			if (sentence === undefined && bytes.length - from <= size * longestWindows) {
				return bytes.length;
			}

			if (sentence !== undefined && sentence - from <= size * longestWindows) {
				return sentence;
			}
		}

		return windowEnd(bytes, from, size);
	}
}
