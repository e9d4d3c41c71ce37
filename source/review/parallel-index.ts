/**
Indexing a large file on two cores. The screen indexes the file in slices between frames, and it
must: a reviewer reads and edits the first sentences at once. At 10M tokens those slices took 2.3
to 4 s, since the keys come first. So the file is cut in two at a sentence boundary
(corpus/index-adoption.ts's `partStart`): the screen's slices index the first part
(`firstPartShare` of it), a worker thread the rest, sent in windows (copies of a few MB that end at
line ends, a few at a time: never a second copy of the file), and the screen's indexer appends the
worker's index to its own when both are done (ui/background-indexing.ts). The analysis's first
pass reads the slices' sentences while they wait, and the worker's from the line offsets it keeps
for each token. (The worker can read its part's mentions itself as it indexes it, as it does for
`check`: part-first-pass.ts, pumped-index.ts. The screen does not ask it to: see
ui/background-indexing.ts.)

The worker only ever makes indexing faster: whatever goes wrong with it (no second core, no built
worker, a malformed line in its part, a failure), the slices read on to the end as without it, and
a malformed line is reported by them, as it would be without it.
*/
import os from 'node:os';
import type {Worker, WorkerOptions} from 'node:worker_threads';
import {type BuiltIndex, type Format, partStart, windowEnd} from '../corpus/index.js';
import type {IndexJob, IndexReply} from './index-jobs.js';
import type {PartMentions} from './part-mentions.js';
import {builtWorkerUrl, fromSources, spawnWorker} from './spawn-worker.js';

/** The worker's file in the bundle (scripts/build.mjs). */
export const indexWorkerFileName = 'index-worker.js';

/**
Files from this size on are indexed on two cores as well. Below it the slices are done in a few
hundred milliseconds (16 MB, 1M CoNLL tokens: 0.3 to 0.4 s), so starting a thread gains little.
*/
export const parallelIndexBytes = 16 * 1024 * 1024;

/**
Where the cut goes: the slices index more slowly than the worker (keys and frames come first), so
they take the smaller part. In sessions with keys pressed throughout, either part ended last about
as often.
*/
const firstPartShare = 0.4;

/** The size of a window, and how many are sent before the worker has read the first: it never waits for the screen's thread. */
const windowBytes = 4 * 1024 * 1024;
const windowsAhead = 3;
/**
A window ends at a sentence start when the worker reads the part's mentions, unless no sentence
starts within this many windows' bytes: then at a line end, and the screen reads the mentions.
*/
const longestWindows = 4;

/**
Whether a file of `size` bytes is worth the worker: at least `minimum` bytes, a second core, and
the worker built (`parallel`: tests say `always` or `never`).
*/
export function wantsIndexHelper(size: number, parallel: 'auto' | 'always' | 'never' = 'auto', minimum = parallelIndexBytes): boolean {
	if (parallel !== 'auto') {
		return parallel === 'always';
	}

	return size >= minimum && os.availableParallelism() >= 2 && (fromSources || builtWorkerUrl(indexWorkerFileName) !== undefined);
}

/**
Where the worker's part of `bytes` starts: a sentence boundary after `indexed` (what the slices
have read) and the first part's share; undefined when the file has none.
*/
export function partAfter(bytes: Buffer, format: Format, indexed: number): number | undefined {
	return partStart(bytes, format, Math.max(indexed, Math.floor(bytes.length * firstPartShare)));
}

/**
Where the window of `bytes` from `from` ends: at the end of a line at least `size` bytes on, or with
`firstPass` (the worker reads the mentions) at a sentence start, unless no sentence starts within
`longestWindows` windows' bytes (then the worker leaves them to the screen: part-first-pass.ts).
*/
export function nextWindowEnd(bytes: Buffer, format: Format, from: number, size: number, firstPass: boolean): number {
	if (firstPass && from + size < bytes.length) {
		const sentence = partStart(bytes, format, from + size);
		if (sentence === undefined && bytes.length - from <= size * longestWindows) {
			return bytes.length;
		}

		if (sentence !== undefined && sentence - from <= size * longestWindows) {
			return sentence;
		}
	}

	return windowEnd(bytes, from, size);
}

/** A copy of `bytes[from, end)` in a buffer of its own, to move to the worker. */
export function windowCopy(bytes: Buffer, from: number, end: number): Uint8Array<ArrayBuffer> {
	// Not zero-filled first (allocUnsafeSlow: a buffer of its own, not the pool's, so it can be moved):
	// zeroing and then copying 58 MB took 100 ms of the screen's thread.
	const window = Buffer.allocUnsafeSlow(end - from);
	bytes.copy(window, 0, from, end);
	return new Uint8Array(window.buffer, 0, window.length);
}

export class IndexHelper {
	/** How it went, for the trace and the tests: the index it built, or why it stopped. */
	outcome: 'indexing' | 'built' | 'failed' | 'closed' = 'indexing';
	failure: string | undefined;
	private arrived: {readonly built: BuiltIndex; readonly mentions: PartMentions | undefined} | undefined;
	private readonly worker: Worker | undefined;
	private bytes: Buffer = Buffer.alloc(0);
	private format: Format | undefined;
	private firstPass = false;
	/** Where the worker's part starts, the next byte to send, and the end of the windows it has read. */
	private start = 0;
	private sent = 0;
	private read = 0;
	private readonly windowEnds: number[] = [];
	/** Told of each window the worker reads and of its end (the screen's runner). */
	onChange: (() => void) | undefined;

	private readonly windowBytes: number;

	/**
	Starts the worker thread; `begin` gives it its part. `spawn` and `windowBytes` are for the tests:
	a worker that fails, and many windows in a small file.
	*/
	constructor(options: {readonly spawn?: (options: WorkerOptions) => Worker; readonly windowBytes?: number} = {}) {
		this.windowBytes = options.windowBytes ?? windowBytes;
		const spawn = options.spawn ?? ((workerOptions: WorkerOptions) => spawnWorker(indexWorkerFileName, new URL('index-worker.ts', import.meta.url), workerOptions));
		try {
			this.worker = spawn({});
		} catch (error) {
			this.stopped(error);
			return;
		}

		// Never what keeps the process alive.
		this.worker.unref();
		this.worker.on('message', (reply: IndexReply) => {
			this.received(reply);
		});
		this.worker.on('error', error => {
			this.stopped(error);
		});
		this.worker.on('exit', code => {
			this.stopped(new Error(`the worker exited (${code})`));
		});
	}

	/**
	Gives the worker its part of `bytes`: from `start` (a sentence boundary: `partAfter`) to the end;
	with `firstPass`, it reads the part's mentions too.
	*/
	begin(bytes: Buffer, format: Format, start: number, firstPass: boolean): void {
		this.bytes = bytes;
		this.format = format;
		this.firstPass = firstPass;
		this.start = start;
		this.sent = start;
		this.read = start;
		this.post({type: 'start', format, fileLength: bytes.length, start, firstPass});
		for (let window = 0; window < windowsAhead; window++) {
			this.sendWindow();
		}
	}

	/** Bytes of its part the worker has read. */
	get bytesRead(): number {
		return this.read - this.start;
	}

	/** The whole index, and the part's mentions when the worker read them, once it has posted them (taken once). */
	take(): {readonly built: BuiltIndex; readonly mentions: PartMentions | undefined} | undefined {
		const {arrived} = this;
		this.arrived = undefined;
		return arrived;
	}

	/** Ends the worker. */
	close(): void {
		if (this.outcome === 'indexing') {
			this.outcome = 'closed';
		}

		void this.worker?.terminate();
	}

	private received(reply: IndexReply): void {
		if (this.outcome !== 'indexing') {
			return;
		}

		switch (reply.type) {
			case 'read': {
				this.read = this.windowEnds.shift() ?? this.read;
				this.sendWindow();
				this.onChange?.();
				break;
			}

			case 'built': {
				this.arrived = {built: reply.built, mentions: reply.mentions};
				this.read = this.bytes.length;
				this.outcome = 'built';
				this.close();
				this.onChange?.();
				break;
			}

			case 'failed': {
				this.stopped(new Error(reply.error));
				break;
			}
		}
	}

	private stopped(error: unknown): void {
		if (this.outcome !== 'indexing') {
			return;
		}

		this.outcome = 'failed';
		this.failure = error instanceof Error ? error.message : String(error);
		this.close();
		this.onChange?.();
	}

	/** A copy of the next window, moved to the worker: from where the last ended to the end of a line at least `windowBytes` on. */
	private sendWindow(): void {
		const {bytes} = this;
		if (this.sent >= bytes.length) {
			return;
		}

		const end = nextWindowEnd(bytes, this.format!, this.sent, this.windowBytes, this.firstPass);
		const moved = windowCopy(bytes, this.sent, end);
		this.sent = end;
		this.windowEnds.push(end);
		this.post({type: 'window', bytes: moved}, [moved.buffer]);
	}

	private post(job: IndexJob, transfer: ArrayBuffer[] = []): void {
		this.worker?.postMessage(job, transfer);
	}
}
