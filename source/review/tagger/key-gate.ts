/**
The reviewer's keys come before the tagger, on any number of cores. Measured on this 2-core machine:
while the worker trained, the main thread drew a frame in twice the time (17-20 ms of Ink's work
instead of 5-8), even with the worker at the lowest priority, because the two threads share the
cores' caches and memory bandwidth, and a niced thread still runs on an idle core. So while keys
arrive the worker waits between two sentences, and it goes on once the keys have been quiet for
`quietMs`: a reviewer reading a sentence gives it the time it needs, a burst of keys does not
share the machine with it.

The main thread holds the gate (`KeyGate`); the worker gets its shared flag and calls
`waitWhileTyping` between sentences (a load of one shared integer when nobody types).
*/

/** The shared flag: 1 while the reviewer types, 0 otherwise. */
export type TypingFlag = Int32Array<SharedArrayBuffer>;

/** Quiet time after the last key before the worker goes on. */
export const quietMs = 300;

/**
The main thread's side: keys close the gate, quiet opens it again. One gate serves every training
of a session: a training started while keys arrive waits for the quiet too (`whenQuiet`), since
starting a worker (a thread, its heap, its code compiled) costs the main thread as much as training.
*/
export class KeyGate {
	readonly flag: TypingFlag = new Int32Array(new SharedArrayBuffer(4));
	private lastKeyAt = Number.NEGATIVE_INFINITY;
	private timer: NodeJS.Timeout | undefined;
	private readonly waiting: Array<() => void> = [];

	/** Called when the gate closes (true: keys arrive) and when it opens again, for the screen to say the tagger waits. */
	onChange: ((typing: boolean) => void) | undefined;

	constructor(private readonly quiet = quietMs) {}

	/** Whether keys hold the worker back now. */
	get closed(): boolean {
		return Atomics.load(this.flag, 0) === 1;
	}

	/** A key arrived: the worker waits from its next sentence on. */
	keyPressed(): void {
		this.lastKeyAt = performance.now();
		const wasOpen = Atomics.exchange(this.flag, 0, 1) === 0;
		this.timer ??= this.openLater(this.quiet);
		if (wasOpen) {
			this.onChange?.(true);
		}
	}

	/**
	The key's work is done (a save of a large file takes a third of a second): the quiet counts from
	now, not from its arrival. Counted from the arrival, the gate opened as soon as a save of the 10M
	seed file ended, and the worker started as the reviewer pressed the next key.
	*/
	keyHandled(): void {
		if (this.closed) {
			this.lastKeyAt = performance.now();
		}
	}

	/** Runs `callback` once the keys are quiet: at once when they are. */
	whenQuiet(callback: () => void): void {
		if (Atomics.load(this.flag, 0) === 0) {
			callback();
		} else {
			this.waiting.push(callback);
		}
	}

	/** Stops the timer (the app quits); a worker still waiting is being ended. */
	close(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.waiting.length = 0;
	}

	/** Opens the gate now: a waiting worker goes on, a waiting start happens. */
	open(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		const wasClosed = Atomics.exchange(this.flag, 0, 0) === 1;
		Atomics.notify(this.flag, 0);
		for (const callback of this.waiting.splice(0)) {
			callback();
		}

		if (wasClosed) {
			this.onChange?.(false);
		}
	}

	private openLater(delay: number): NodeJS.Timeout {
		const timer = setTimeout(() => {
			this.timer = undefined;
			const quietFor = performance.now() - this.lastKeyAt;
			if (quietFor >= this.quiet) {
				this.open();
			} else {
				this.timer = this.openLater(this.quiet - quietFor);
			}
		}, delay);
		// A gate waiting to open must not keep a quitting app alive.
		timer.unref();
		return timer;
	}
}

/**
The worker's side: returns at once when nobody types, else sleeps until the gate opens. Each wait
is bounded, so ending the worker is never held up by a sleep, whatever the platform's futex does.
*/
export function waitWhileTyping(flag: TypingFlag): void {
	while (Atomics.load(flag, 0) === 1) {
		Atomics.wait(flag, 0, 1, 250);
	}
}
