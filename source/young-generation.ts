/**
Keeps V8's young generation at the size it has once the screen is up. V8 doubles the young
generation while many new objects survive, up to 16 MB a half (34 MB resident): on the 10M-token
seed file the whole-corpus analysis and the queue's ranking grew it from 8 to 34 MB and it stayed
so, 7% of the file on top of the peak. Held at its size after the first frame (8 MB), the bench's
sessions on that file peaked 12 to 25 MB lower (278 to 288 MB against 290 to 303 MB, 4 each,
interleaved), with the analysis as fast and the keys as fast, then and after an idle pause.

Not with a flag at launch (`--max-semi-space-size`): the launch has only a shebang to give it,
and a cap from the start cost the start time (runtime.ts). V8 reads its growth factor each time it
would grow the young generation, so a factor of 1, set once the start is over, holds it where it
is. Measured on Node 20: starting a worker thread puts the factor back to its default, so it is set
again whenever one of the app's workers is online (spawn-worker.ts). Until then the young
generation may grow once: the index worker starts while the screen's slices allocate, and on the
10M-token CoNLL file it went from 8 to 16 MB before the worker was online (where, unheld, it also
stopped at 16 MB).
*/
import v8 from 'node:v8';
import {trace, youngGenerationBytes} from './trace.js';

let held = false;

/** From now on the young generation does not grow (the screen calls it once its first frame is drawn). */
export function holdYoungGeneration(): void {
	if (!held) {
		held = true;
		v8.setFlagsFromString('--semi-space-growth-factor=1');
		trace.mark('young-generation-held', {bytes: youngGenerationBytes()});
	}
}

/**
A worker thread has started. Each new V8 heap sets the growth factor back to at least 2 (measured
on Node 20; the same holds for the thread Node starts for a worker's module hooks): hold again.
*/
export function holdAgainAfterWorkerStart(): void {
	if (held) {
		v8.setFlagsFromString('--semi-space-growth-factor=1');
	}
}

/** Whether the young generation is held (for tests). */
export function youngGenerationHeld(): boolean {
	return held;
}
