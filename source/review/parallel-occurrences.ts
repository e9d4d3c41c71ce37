/**
Pass 2 of `check` and `stats` on two cores. Matching the unlabelled occurrences reads every token
of the corpus again (2 s of a 10M-token file's 6 s `check`, on one core); with a second core a
worker thread matches the second half of the sentences while the main thread matches the first.
The worker is handed copies of those sentences (corpus-tail.ts: their bytes, tag ids and sentence
arrays, half the file for a moment) and of the strings once pass 1 is done; its counts and
candidates are added after the main thread's, so the result is the one thread's, in the same
order.

The main thread waits for the worker with Atomics.wait: `check` is synchronous from start to end,
and nothing else needs its event loop. The worker is started before the file is read, so it has
loaded its code by the time it has work. Whatever goes wrong with it (no second core, no built
worker, a failure, no progress for `stallMs`), the main thread matches those sentences itself:
the worker only ever makes it faster.

Measured on the 10M-token seed file (2 cores): reading, indexing and analysing took 3.0 s
instead of 3.8 s (medians of 8 alternating runs in one process); the main thread's part is done
first (the worker takes 54% of the tokens: the main thread also reads the mentions of the
worker's sentences).
*/
import os from 'node:os';
import {type MessagePort, receiveMessageOnPort, type Worker, type WorkerOptions} from 'node:worker_threads';
import {type Corpus, corpusTail, corpusTailBuffers} from '../corpus/index.js';
import type {FoundOccurrences} from './analysis-passes.js';
import {matcherTableBuffers, type MentionStrings} from './mention-strings.js';
import {type OccurrenceJob, type OccurrenceReply, helperState} from './occurrence-jobs.js';
import {builtWorkerUrl, fromSources, spawnPortWorker, spawnWorker} from './spawn-worker.js';

/** The worker's file in the bundle (scripts/build.mjs). */
export const occurrencesWorkerFileName = 'occurrences-worker.js';

/**
Files from this size on (2 to 4 million tokens) are matched on two cores. Measured with `check
--file-order`, interleaved runs against the build without the worker: 10M tokens, 5.6 to 4.5 s
(seed file) and 5.1 to 4.8 s (CoNLL); 1M tokens of CoNLL (16 MB), 0.92 against 0.95 s, nothing
gained for 0.25 s more CPU (starting the worker and copying the tail cost what it saves there).
*/
export const parallelBytes = 32 * 1024 * 1024;

/** A worker whose sentence count has not moved for this long is given up on. */
const defaultStallMs = 10_000;

/**
Whether a file of `bytes` is worth a helper: `always` for tests, which run it on small files;
`auto` when it is large enough, the machine has a second core and the worker is there.
*/
export function wantsHelper(bytes: number, parallel: 'auto' | 'always' | 'never' = 'auto'): boolean {
	if (parallel !== 'auto') {
		return parallel === 'always';
	}

	return bytes >= parallelBytes && os.availableParallelism() >= 2 && (fromSources || builtWorkerUrl(occurrencesWorkerFileName) !== undefined);
}

export class OccurrenceHelper {
	private readonly status = new Int32Array(new SharedArrayBuffer(8));
	private readonly port: MessagePort;
	private readonly worker: Worker | undefined;
	/** How the last match went, for the tests: the worker matched, or why the main thread did. */
	outcome: 'matched by the worker' | 'no worker' | 'the worker failed' | 'the worker stalled' | undefined;

	private readonly stallMs: number;

	/** `spawn` and `stallMs` are for the tests: a worker that fails, or one that never answers. */
	constructor(options: {readonly spawn?: (options: WorkerOptions) => Worker; readonly stallMs?: number} = {}) {
		this.stallMs = options.stallMs ?? defaultStallMs;
		const spawn = options.spawn ?? ((workerOptions: WorkerOptions) => spawnWorker(occurrencesWorkerFileName, new URL('occurrences-worker.ts', import.meta.url), workerOptions));
		const started = spawnPortWorker(spawn, this.status);
		this.port = started.port;
		this.worker = started.worker;
	}

	/**
	Sends the worker the occurrences of the sentences from `from` on to match; `result` waits for
	them. Undefined when the worker did not start: match them here.
	*/
	match(corpus: Corpus, strings: MentionStrings, from: number): (() => FoundOccurrences | undefined) | undefined {
		if (this.worker === undefined) {
			this.outcome = 'no worker';
			return undefined;
		}

		const job: OccurrenceJob = {tail: corpusTail(corpus, from), strings: strings.matcherTables()};
		this.port.postMessage(job, [...corpusTailBuffers(job.tail), ...matcherTableBuffers(job.strings)]);
		return () => this.result();
	}

	/** Ends the worker (after its result, or when it is not needed). */
	close(): void {
		this.port.close();
		void this.worker?.terminate();
	}

	/** The worker's reply, posted before it said it was done: in the port's queue by then, or within a moment. */
	private reply(): OccurrenceReply | undefined {
		for (let attempt = 0; attempt < 100; attempt++) {
			const received = receiveMessageOnPort(this.port);
			if (received !== undefined) {
				return received.message as OccurrenceReply;
			}

			Atomics.wait(this.status, 1, Atomics.load(this.status, 1), 10);
		}

		return undefined;
	}

	private result(): FoundOccurrences | undefined {
		let progress = Atomics.load(this.status, 1);
		let lastMove = performance.now();
		for (;;) {
			const state = Atomics.load(this.status, 0);
			if (state === helperState.done || state === helperState.failed) {
				const reply = this.reply();
				this.close();
				const found = reply !== undefined && 'found' in reply ? reply.found : undefined;
				this.outcome = found === undefined ? 'the worker failed' : 'matched by the worker';
				return found;
			}

			Atomics.wait(this.status, 0, state, 100);
			const now = performance.now();
			if (Atomics.load(this.status, 1) !== progress) {
				progress = Atomics.load(this.status, 1);
				lastMove = now;
			} else if (now - lastMove > this.stallMs) {
				this.outcome = 'the worker stalled';
				this.close();
				return undefined;
			}
		}
	}
}
