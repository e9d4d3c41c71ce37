/**
The index worker's part of a file as the windows it is sent (parallel-index.ts for the screen,
pumped-index.ts for `check` and `stats`): copies of a few MB that end at line ends, one at a
time, never a second copy of the file. When the worker reads the part's mentions too
(part-first-pass.ts), they end at sentence starts, so that no sentence is cut.
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

	/** A copy of the next window, in a buffer of its own to move to the worker, and where it ends in the file; undefined once all are sent. */
	next(): {readonly window: Uint8Array<ArrayBuffer>; readonly end: number} | undefined {
		const {bytes, sent} = this;
		if (sent >= bytes.length) {
			return undefined;
		}

		const end = this.endFrom(sent);
		// Not zero-filled first (allocUnsafeSlow: a buffer of its own, not the pool's, so it can be moved):
		// zeroing and then copying 58 MB took 100 ms of the screen's thread.
		const copy = Buffer.allocUnsafeSlow(end - sent);
		bytes.copy(copy, 0, sent, end);
		this.sent = end;
		return {window: new Uint8Array(copy.buffer, 0, copy.length), end};
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
