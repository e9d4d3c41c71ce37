/**
Keeps V8's young generation at the size it has once the screen is up. V8 doubles the young
generation while many new objects survive, up to 16 MB a half (34 MB resident): on the 10M-token
seed file the whole-corpus analysis and the queue's ranking grew it from 8 to 34 MB and it stayed
so, 7% of the file on top of the peak. Held at its size after the first frame (8 MB, or 16 MB in
the sessions where reading the file grew it before; not earlier: V8 takes the code caches of the
scripts the first frame loads only under the flags they were made with), the bench's
sessions on that file peaked 12 to 25 MB lower (278 to 288 MB against 290 to 303 MB, 4 each,
interleaved), with the analysis as fast and the keys as fast, then and after an idle pause.

Not with a flag at launch (`--max-semi-space-size`): the launch has only a shebang to give it,
and a cap from the start cost the start time (runtime.ts). V8 reads its growth factor each time it
would grow the young generation, so a factor of 1, set once the start is over, holds it where it
is. Measured on Node 20: starting a worker thread puts the factor back to its default, so it is set
again while one of the app's workers starts (spawn-worker.ts), and the screen's background slices
wait meanwhile (workerStarting): a collection between the reset and the next hold grew the young
generation to 16 MB in 2 of 8 sessions on the 10M seed file before they waited, 0 of 8 since, whose
peaks were 243 to 249 MB against 248 to 256 MB, with the analysis ready some 40 ms later (the
workers' start, about that long, during which the slices do nothing).
*/
import {createRequire} from 'node:module';
import type {Worker} from 'node:worker_threads';

/**
`node:v8`, loaded when first needed: only the screen holds (and the trace measures), and loading it
took 0.5 ms of every command's start, `--version` and `check` too (this module is reached from the
content hash's code, which every command loads).
*/
let v8Module: typeof import('node:v8') | undefined;
function v8(): typeof import('node:v8') {
	v8Module ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
	return v8Module;
}

/** The young generation's size now, in bytes (for the trace). */
export function youngGenerationBytes(): number {
	return v8().getHeapSpaceStatistics().find(space => space.space_name === 'new_space')?.space_size ?? 0;
}

let held = false;
/** The app's workers whose start is under way, by when it began (performance.now()). */
const starting = new Set<{readonly at: number}>();
/** A start that takes longer (a loaded machine, a worker that never comes up) stops holding the slices back. */
export const workerStartWaitMs = 250;

/**
Whether a worker's V8 heap may be in the making now, once the young generation is held: its start
puts the growth factor back, and a collection before the next hold grows the young generation for
good. The screen's slices wait meanwhile (slices.ts); a key and its frame do not.
*/
export function workerStarting(now = performance.now()): boolean {
	if (!held) {
		return false;
	}

	for (const start of starting) {
		if (now - start.at < workerStartWaitMs) {
			return true;
		}
	}

	return false;
}

/**
Whether this V8 is one the hold was measured on (Node 20's, 11.3). Elsewhere nothing is set: V8
prints an error to the terminal, over the screen, for a flag it does not know, and a newer one may
clamp or drop this one; the tests (young-generation.test.ts) say which when Node moves on.
*/
export const canHoldYoungGeneration = /^11\./.test(process.versions.v8);

/** From now on the young generation does not grow (the screen calls it once its first frame is drawn); true when it held it now. */
export function holdYoungGeneration(): boolean {
	if (held || !canHoldYoungGeneration) {
		return false;
	}

	held = true;
	v8().setFlagsFromString('--semi-space-growth-factor=1');
	return true;
}

/**
A worker thread is starting (the app's three, and the content hash's). Each new V8 heap sets the
growth factor back to at least 2 (measured on Node 20; so does the thread Node starts for a
worker's module hooks), somewhere in the worker's start, which the main thread cannot see: the
factor is set again at each turn of the event loop (between two of the screen's slices, a
millisecond apart when idle) until the worker is online, and then once more. A collection that
falls between the reset and the next turn may still grow the young generation once.
*/
export function holdThroughStartOf(worker: Worker): void {
	if (!canHoldYoungGeneration) {
		return;
	}

	// Also when not held yet: a worker started just before the first frame starts after it.
	const start = {at: performance.now()};
	starting.add(start);
	const holdAgain = () => {
		if (held) {
			v8().setFlagsFromString('--semi-space-growth-factor=1');
		}

		if (starting.has(start)) {
			setTimeout(holdAgain, 1).unref();
		}
	};

	worker.once('online', () => {
		starting.delete(start);
		holdAgain();
	});
	// A worker that fails to start never comes online.
	worker.once('exit', () => {
		starting.delete(start);
	});
	holdAgain();
}

/**
Lets it grow again. V8 takes a code cache only under the flags it was made with: the build's cache
maker runs the screen, which holds, and gives the flags back before it makes the caches.
*/
export function releaseYoungGeneration(): void {
	if (!canHoldYoungGeneration) {
		return;
	}

	// Whoever held it (the maker's bundle may hold a copy of this module of its own): V8's default,
	// which does not count in the flags a cache was made under.
	held = false;
	v8().setFlagsFromString('--semi-space-growth-factor=2');
}
