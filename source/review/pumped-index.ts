/**
Indexing on two cores for `check` and `stats`, which read, index and analyse a file at once on the
main thread, with no event loop turning. The index worker (index-worker.ts) indexes the file's
second part and reads the mentions of its sentences (part-first-pass.ts) while this thread indexes
the first, the analysis's first pass riding on it; the two indexes are joined as the screen joins
them (corpus/index-adoption.ts), and the worker's mentions merged when the first pass reaches its
part. Indexing alone on two cores gained nothing: the first pass then read the worker's part after
the join, which was most of what the worker had saved.

The worker's replies are read synchronously from a port of its own (receiveMessageOnPort) between
steps of this thread's indexing, each answered with its next window; waited for with Atomics.wait
on a counter the worker moves with each reply. Whatever goes wrong with it (it cannot start, it
fails, a malformed line in its part, no reply for `stallMs`), this thread indexes the rest itself
and reports a malformed line as it would alone: the worker only ever makes it faster.
*/
import {type MessagePort, receiveMessageOnPort, type Worker, type WorkerOptions} from 'node:worker_threads';
import {ArrivedPart, type BuiltIndex, type Format, type Indexer, partStart} from '../corpus/index.js';
import type {CorpusAnalysis} from './corpus-analysis.js';
import type {IndexJob, IndexReply} from './index-jobs.js';
import {indexWorkerFileName} from './parallel-index.js';
import {foundInPart, type PartMentions} from './part-mentions.js';
import {PartWindows} from './part-windows.js';
import {spawnPortWorker, spawnWorker} from './spawn-worker.js';

/**
Files from this size on are indexed on two cores by `check` and `stats`. Medians of 5 interleaved
runs against one core: `check` of 10M tokens, 2.94 to 2.63 s (seed file, 97 MB) and 2.70 to 2.34 s
(CoNLL, 163 MB); `check --file-order` of 5M tokens, 1.50 to 1.41 s (seed, 48 MB) and 1.44 to 1.38 s
(CoNLL, 82 MB), but of 3M tokens of CoNLL (49 MB) 1.02 to 1.08 s, and of 2M (33 MB) 0.77 to
0.89 s: below, the worker's start costs more than it saves.
*/
export const pumpedIndexBytes = 64 * 1024 * 1024;

/**
The share of the file this thread indexes. Its first pass rides on its indexing as the worker's
does, and it also copies the worker's windows: about half each.
*/
const firstPartShare = 0.5;

/** Bytes this thread indexes between two looks at the worker's replies. */
const stepBytes = 1024 * 1024;

/**
The size of a window, and how many are sent before the worker has read the first. Smaller and
fewer than the screen's (4 MB, 3): this thread looks at the replies every `stepBytes`, not only
between frames, and the two gave the same times.
*/
const windowBytes = 1024 * 1024;
const windowsAhead = 2;

/** A worker that has not replied for this long is given up on. */
const defaultStallMs = 10_000;

export class PumpedIndexHelper {
	/** How it went, for the trace and the tests. */
	outcome: 'waiting' | 'indexing' | 'built' | 'failed' | 'stalled' | 'no worker' = 'waiting';
	failure: string | undefined;
	/** The worker read its part's mentions (not when the scheme may change at the end, or a sentence was longer than its windows). */
	mentionsRead = false;
	private readonly status = new Int32Array(new SharedArrayBuffer(4));
	private readonly port: MessagePort;
	private readonly worker: Worker | undefined;
	private readonly stallMs: number;
	private windows: PartWindows | undefined;
	private arrived: {readonly built: BuiltIndex; readonly mentions: PartMentions | undefined} | undefined;

	/** Starts the worker (before the file is read, so that it has loaded by the time it has work); `spawn` and `stallMs` are for the tests. */
	constructor(options: {readonly spawn?: (options: WorkerOptions) => Worker; readonly stallMs?: number} = {}) {
		this.stallMs = options.stallMs ?? defaultStallMs;
		const spawn = options.spawn ?? ((workerOptions: WorkerOptions) => spawnWorker(indexWorkerFileName, new URL('index-worker.ts', import.meta.url), workerOptions));
		const started = spawnPortWorker(spawn, this.status);
		this.port = started.port;
		this.worker = started.worker;
		if (started.worker === undefined) {
			this.outcome = 'no worker';
			this.failure = started.failure;
		}
	}

	/** Gives the worker `bytes` from `start` (a sentence boundary) to the end; with `firstPass`, it reads the part's mentions too. */
	begin(bytes: Buffer, format: Format, start: number, firstPass: boolean): void {
		if (this.outcome !== 'waiting') {
			return;
		}

		this.outcome = 'indexing';
		this.windows = new PartWindows(bytes, format, start, windowBytes, firstPass);
		this.post({type: 'start', format, fileLength: bytes.length, start, firstPass});
		for (let window = 0; window < windowsAhead; window++) {
			this.sendWindow();
		}
	}

	/** Reads the worker's replies so far, sending the next window for each window read. */
	pump(): void {
		while (this.outcome === 'indexing') {
			const received = receiveMessageOnPort(this.port);
			if (received === undefined) {
				return;
			}

			const reply = received.message as IndexReply;
			if (reply.type === 'read') {
				this.windows?.read();
				this.sendWindow();
			} else if (reply.type === 'built') {
				this.arrived = {built: reply.built, mentions: reply.mentions};
				this.mentionsRead = reply.mentions !== undefined;
				this.stop('built');
			} else {
				this.failure = reply.error;
				this.stop('failed');
			}
		}
	}

	/** Waits for the worker's part: its index and mentions, or undefined when it failed or stalled. */
	wait(): {readonly built: BuiltIndex; readonly mentions: PartMentions | undefined} | undefined {
		let seen = Atomics.load(this.status, 0);
		let lastReply = performance.now();
		for (;;) {
			this.pump();
			if (this.outcome !== 'indexing') {
				// Held here no longer than it is used: its arrays are megabytes.
				const {arrived} = this;
				this.arrived = undefined;
				return arrived;
			}

			Atomics.wait(this.status, 0, seen, 100);
			if (Atomics.load(this.status, 0) !== seen) {
				seen = Atomics.load(this.status, 0);
				lastReply = performance.now();
			} else if (performance.now() - lastReply > this.stallMs) {
				this.failure = `no reply for ${this.stallMs} ms`;
				this.stop('stalled');
			}
		}
	}

	/** Ends the worker. */
	close(): void {
		this.port.close();
		void this.worker?.terminate();
	}

	private stop(outcome: 'built' | 'failed' | 'stalled'): void {
		this.outcome = outcome;
		this.close();
	}

	/** The next window, in a slot the worker shares (part-windows.ts). */
	private sendWindow(): void {
		const next = this.windows?.next();
		if (next !== undefined) {
			this.post({type: 'window', bytes: next.window});
		}
	}

	private post(job: IndexJob): void {
		this.port.postMessage(job);
	}
}

/**
Indexes all of `indexer`'s file (an indexer that has read nothing yet), its second part by the
worker when the file has a sentence boundary after the first part and the worker started; tells
`analysis` what the worker read of its part. Throws CorpusError for malformed input, as
`indexer.step()` does.
*/
export function indexOnTwoCores(indexer: Indexer, analysis: CorpusAnalysis, helper: PumpedIndexHelper): void {
	const {corpus} = indexer;
	const {bytes, format} = corpus;
	const start = helper.outcome === 'waiting' ? partStart(bytes, format, Math.floor(bytes.length * firstPartShare)) : undefined;
	if (start === undefined) {
		indexer.step();
		return;
	}

	indexer.holdAt(start);
	helper.begin(bytes, format, start, analysis.readsEarly);
	while (!indexer.held) {
		indexer.step(stepBytes);
		helper.pump();
	}

	const arrived = helper.wait();
	const {sentenceCount, tokenCount, tags} = corpus;
	const part = arrived === undefined ? undefined : new ArrivedPart(arrived.built, tags);
	const refused = part === undefined ? helper.failure ?? helper.outcome : indexer.adopt(part);
	if (refused !== undefined) {
		indexer.holdAt(undefined);
		indexer.step();
		return;
	}

	const found = foundInPart(part!, arrived!.mentions);
	if (found !== undefined) {
		analysis.useIndexedPart(sentenceCount, tokenCount, found);
	}
}
