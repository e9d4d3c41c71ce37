/**
How the screen's background work shares the one thread with the keys: it runs in slices between
frames (setImmediate), short ones while the reviewer types, and none at all between a key and the
frame that answers it. What the work is (indexing, the analysis, the ranking) is the runner's
business (effects.ts); this is only the when.

Measured on a 2-core machine, a key that came in while the background was busy was answered in
20-40 ms instead of 7-10: its frame waited behind a slice (Ink draws a frame in a timer when the
previous one is less than 1000/maxFps ms old, and slices scheduled with setImmediate run before
timers), and a slice could overrun its budget.
*/
import {workerStarting} from '../young-generation.js';

/** Where the app says that a frame is on the terminal (Ink's onRender, run.tsx). */
export type FrameSource = {
	/** Calls `callback` after each frame; returns the unsubscribe. */
	onFrame(callback: () => void): () => void;
};

/** A FrameSource and the call that reports a frame to it (run.tsx calls `drawn` from Ink's onRender). */
export function frameSignal(): {readonly frames: FrameSource; readonly drawn: () => void} {
	let listener: (() => void) | undefined;
	return {
		frames: {
			onFrame(callback) {
				listener = callback;
				return () => {
					listener = undefined;
				};
			},
		},
		drawn() {
			listener?.();
		},
	};
}

/** Time one slice may hold the event loop when nobody types. */
export const idleSliceMs = 8;
/**
The slice while the reviewer is typing (a key in the last second): a key that arrives during a
slice waits for its end, so shorter slices keep the key-to-frame time within a frame; the
background then takes longer, which matters less than the key.
*/
export const typingSliceMs = 3;
export const typingWindowMs = 1000;
/**
After a key, no slice until its frame is drawn, or this long at most: a key that changes nothing
draws no frame.
*/
export const keyFrameHoldMs = 30;
/** How often progress is redrawn while the work goes on: a frame costs as much as a slice. */
export const progressRedrawMs = 150;

export type SliceWork = {
	/** Works until `deadline` (performance.now() time); returns whether all the work is done. */
	readonly step: (deadline: number) => boolean;
	/** Called every `progressRedrawMs` while the work goes on. */
	readonly progress: () => void;
	/** The work threw (a malformed file found while indexing, or a bug): it stops. */
	readonly failed: (error: unknown) => void;
};

export class SliceScheduler {
	/** Slices run and the time spent in them, for the trace. */
	slices = 0;
	sliceMs = 0;
	private running = false;
	private stopped = false;
	private lastKeyAt = Number.NEGATIVE_INFINITY;
	private keyFramePending = false;
	/** The slice waiting for a key's frame: resumed by the frame or the hold's timer. */
	private held: NodeJS.Timeout | undefined;
	private shownAt = 0;
	private readonly unsubscribe: (() => void) | undefined;

	constructor(
		private readonly work: SliceWork,
		frames?: FrameSource,
		private readonly holdMs = keyFrameHoldMs,
	) {
		this.unsubscribe = frames?.onFrame(() => {
			this.frameDrawn();
		});
	}

	/** Runs the work in slices until it says it is done; does nothing while it already runs. */
	run(): void {
		if (this.running || this.stopped) {
			return;
		}

		this.running = true;
		this.shownAt = performance.now();
		setImmediate(this.slice);
	}

	/** A key arrived: its frame comes before the next slice, and slices stay short for a while. */
	keyPressed(): void {
		this.lastKeyAt = performance.now();
		this.keyFramePending = true;
	}

	/** A frame is on the terminal: a slice held for it goes on. */
	frameDrawn(): void {
		this.keyFramePending = false;
		this.resume();
	}

	stop(): void {
		this.stopped = true;
		clearTimeout(this.held);
		this.held = undefined;
		this.unsubscribe?.();
	}

	private resume(): void {
		if (this.held !== undefined) {
			clearTimeout(this.held);
			this.held = undefined;
			setImmediate(this.slice);
		}
	}

	private readonly slice = (): void => {
		if (this.stopped) {
			this.running = false;
			return;
		}

		const started = performance.now();
		if (workerStarting(started)) {
			// Its start puts V8's young generation free to grow, and a slice makes garbage: wait for it (young-generation.ts).
			this.held = setTimeout(() => {
				this.held = undefined;
				this.slice();
			}, 1);
			return;
		}

		const sinceKey = started - this.lastKeyAt;
		if (this.keyFramePending && sinceKey < this.holdMs) {
			this.held = setTimeout(() => {
				this.keyFramePending = false;
				this.resume();
			}, this.holdMs - sinceKey);
			return;
		}

		try {
			const done = this.work.step(started + (sinceKey < typingWindowMs ? typingSliceMs : idleSliceMs));
			this.slices++;
			this.sliceMs += performance.now() - started;
			if (done) {
				this.running = false;
				return;
			}

			if (performance.now() - this.shownAt > progressRedrawMs) {
				this.shownAt = performance.now();
				this.work.progress();
			}

			setImmediate(this.slice);
		} catch (error) {
			this.running = false;
			this.work.failed(error);
		}
	};
}
